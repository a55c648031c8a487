"""The role walk: every route in the route table (as /openapi.json publishes it) either
declares the least role it needs — and then refuses anonymous callers (401), callers with
a token that names no session (401) and callers below that role (403) before its handler
runs — or is on the short list of routes that are public by design below. A new route
that forgets its role fails here."""
import re
import shutil

from aicc_harness import WebSocket, assert_error
from conftest import NO_BOT, make_server
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent, token_of

# Public on purpose: the customer side (customers do not log in), FAQ reading and feedback,
# logging in, the operations endpoints a load balancer and Prometheus call, and the AWS
# event endpoints.
PUBLIC = {
    ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("POST", "/api/v1/conversations"), ("GET", "/api/v1/conversations/{id}"),
    ("POST", "/api/v1/conversations/{id}/messages"),
    ("GET", "/api/v1/conversations/{id}/messages"),
    ("POST", "/api/v1/conversations/{id}/close"), ("GET", "/api/v1/conversations/{id}/stream"),
    ("POST", "/api/v1/conversations/{id}/escalate"), ("GET", "/api/v1/conversations/{id}/status"),
    ("POST", "/api/v1/conversations/{id}/escalation/cancel"),
    ("POST", "/api/v1/conversations/{id}/csat"), ("POST", "/api/v1/conversations/{id}/callback"),
    ("GET", "/api/v1/faq"), ("GET", "/api/v1/faq/{id}"), ("POST", "/api/v1/faq/{id}/feedback"),
    ("POST", "/api/v1/auth/login"),
    # Amazon Connect and Lex cannot log in: the Lambda proxy's shared secret guards these
    # (connect.token; test_connect.py checks its 401).
    ("POST", "/api/v1/connect/lambda"), ("POST", "/api/v1/lex/codehook"),
}
# WebSocket routes that check the session themselves (on a worker thread, from the
# Authorization header or ?access_token= a browser can send): the walk opens them.
HANDLER_AUTH = {("GET", "/api/v1/agent/stream")}
RANK = {"agent": 0, "supervisor": 1, "admin": 2}


def test_every_route_declares_its_role_and_the_pipeline_enforces_it():
    s = make_server("sqlite", env=NO_BOT)
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    try:
        admin = token_of(s, "admin", ADMIN_PASSWORD)
        create_agent(s, admin, "agent1")
        create_agent(s, admin, "super1", role="supervisor")
        tokens = {"agent": token_of(s, "agent1", AGENT_PASSWORD),
                  "supervisor": token_of(s, "super1", AGENT_PASSWORD)}
        status, doc = s.json("GET", "/openapi.json")
        assert status == 200
        protected = 0
        for path, operations in doc["paths"].items():
            concrete = re.sub(r"\{[^}]+\}", "00000000-0000-7000-8000-000000000000", path)
            for method, op in operations.items():
                method = method.upper()
                role = op.get("x-required-role")
                if role is None and (method, path) in HANDLER_AUTH:
                    assert WebSocket(s.port, concrete).status == 401
                    assert WebSocket(s.port, concrete + "?access_token=" + "0" * 64).status == 401
                    continue
                if role is None:
                    assert (method, path) in PUBLIC, \
                        f"{method} {path} declares no role and is not public by design"
                    continue
                assert (method, path) not in PUBLIC
                assert role in RANK, f"{method} {path}: unknown role {role}"
                protected += 1
                body = {} if method in ("POST", "PUT", "PATCH") else None
                status, err = s.json(method, concrete, body)
                assert_error(status, err, 401)
                status, err = s.json(method, concrete, body,
                                     headers=bearer("0" * 64))
                assert_error(status, err, 401)
                for lower, rank in RANK.items():
                    if rank >= RANK[role] or lower == "admin":
                        continue
                    status, err = s.json(method, concrete, body,
                                         headers=bearer(tokens[lower]))
                    assert_error(status, err, 403)
                    assert err["error"]["code"] == "forbidden", (method, path, err)
        assert protected >= 10, "the walk found the protected routes"
        missing = {r for r in PUBLIC
                   if r[1] not in doc["paths"] or r[0].lower() not in doc["paths"][r[1]]}
        assert not missing, f"public routes listed here but gone from the API: {missing}"
    finally:
        rc = s.stop()
        assert rc == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)
