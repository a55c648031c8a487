"""Users, login, sessions, roles and agent state over the real binary, on both backends.

The first admin is made the documented way: `aicc user add … --password-stdin` against
the test's store, before the server starts. No default user exists.
"""
import re
import shutil
import subprocess
import time

import pytest

from aicc_harness import AICC_BIN, Server, assert_error
from conftest import NO_BOT, make_server

ADMIN_PASSWORD = "admin password 1"
AGENT_PASSWORD = "agent password 1"


def aicc_user(server, *args, password=None):
    """Runs `aicc user …` with the server's settings (store URL and all)."""
    return subprocess.run([AICC_BIN, "user", *args], env=server.env, cwd=server.workdir,
                          input=(password + "\n") if password is not None else "",
                          capture_output=True, text=True, timeout=60)


def new_server(backend, **env):
    s = make_server(backend, env={**NO_BOT, **env})
    done = aicc_user(s, "add", "admin", "--role", "admin", "--name", "First Admin",
                     "--password-stdin", password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    assert "created admin admin" in done.stdout
    assert ADMIN_PASSWORD not in done.stdout + done.stderr
    return s.start()


def stop(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"


@pytest.fixture
def auth_server(backend):
    s = new_server(backend)
    yield s
    stop(s)
    shutil.rmtree(s.workdir, ignore_errors=True)


def login(s, username, password):
    return s.json("POST", "/api/v1/auth/login", {"username": username, "password": password})


def token_of(s, username, password):
    status, doc = login(s, username, password)
    assert status == 200, doc
    return doc["token"]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def create_agent(s, admin_token, username, **fields):
    body = {"username": username, "password": AGENT_PASSWORD, **fields}
    status, doc = s.json("POST", "/api/v1/agents", body, headers=bearer(admin_token))
    assert status == 201, doc
    return doc


def test_login_me_and_logout(auth_server):
    s = auth_server
    status, doc = login(s, "ADMIN", ADMIN_PASSWORD)
    assert status == 200, doc
    assert re.fullmatch(r"[0-9a-f]{64}", doc["token"])
    assert doc["token_type"] == "Bearer"
    assert doc["user"]["username"] == "admin" and doc["user"]["role"] == "admin"
    assert "password" not in str(doc["user"]) and "hash" not in str(doc["user"])
    token = doc["token"]
    status, me = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
    assert status == 200, me
    assert me["user"]["display_name"] == "First Admin"
    assert me["session"]["expires_at"] == doc["expires_at"]
    status, _, body = s.request("POST", "/api/v1/auth/logout", headers=bearer(token))
    assert status == 204 and body == b""
    status, doc = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
    assert_error(status, doc, 401, "unauthenticated")
    # The token is never written to the log.
    assert token not in s.logs()


def test_bad_credentials_are_one_401(auth_server):
    s = auth_server
    wrong_status, wrong = login(s, "admin", "not the password")
    unknown_status, unknown = login(s, "nobody", ADMIN_PASSWORD)
    assert_error(wrong_status, wrong, 401, "unauthenticated")
    assert_error(unknown_status, unknown, 401, "unauthenticated")
    assert wrong["error"]["message"] == unknown["error"]["message"]
    status, doc = s.json("POST", "/api/v1/auth/login", {"username": "admin"})
    assert_error(status, doc, 400, "invalid_request")
    assert doc["error"]["details"]["field"] == "password"
    assert "not the password" not in s.logs()


def test_requests_without_or_with_bad_tokens_are_401(auth_server):
    s = auth_server
    for headers in ({}, {"Authorization": "Bearer " + "0" * 64}, {"Authorization": "Basic eDp5"},
                    {"Authorization": "Bearer junk"}):
        status, hdrs, body = s.request("GET", "/api/v1/agents", headers=headers)
        assert status == 401, body
        assert hdrs["www-authenticate"] == "Bearer"


def test_every_protected_route_refuses_anonymous_callers(auth_server):
    s = auth_server
    _, doc = s.json("GET", "/openapi.json")
    protected = [(path, method, op["x-required-role"])
                 for path, item in doc["paths"].items()
                 for method, op in item.items() if "x-required-role" in op]
    assert ("/api/v1/agents", "get", "supervisor") in protected
    assert ("/api/v1/agents", "post", "admin") in protected
    assert ("/api/v1/agent/state", "put", "agent") in protected
    for path, method, _ in protected:
        concrete = re.sub(r"\{[^}]+\}", "x", path)
        status, doc = s.json(method.upper(), concrete, body={} if method != "get" else None)
        assert_error(status, doc, 401, "unauthenticated")
    # The customer chat stays public.
    assert not any(p.startswith("/api/v1/conversations") for p, _, _ in protected)
    s.open_conversation()


def test_roles_are_enforced(auth_server):
    s = auth_server
    admin = token_of(s, "admin", ADMIN_PASSWORD)
    create_agent(s, admin, "kim", skills=[{"name": "billing", "level": 3}], languages=["ko"])
    create_agent(s, admin, "boss", role="supervisor")
    agent = token_of(s, "kim", AGENT_PASSWORD)
    supervisor = token_of(s, "boss", AGENT_PASSWORD)

    status, doc = s.json("GET", "/api/v1/agents", headers=bearer(agent))
    assert_error(status, doc, 403, "forbidden")
    assert doc["error"]["details"] == {"required_role": "supervisor", "role": "agent"}
    status, doc = s.json("POST", "/api/v1/agents", {"username": "x", "password": "y" * 10},
                         headers=bearer(supervisor))
    assert_error(status, doc, 403, "forbidden")

    status, doc = s.json("GET", "/api/v1/agents", headers=bearer(supervisor))
    assert status == 200, doc
    assert [a["username"] for a in doc["agents"]] == ["boss", "kim"]
    kim = doc["agents"][1]
    assert kim["capacity"] == {"chat": 3, "voice": 1}
    assert kim["state"]["state"] == "offline" and kim["state"]["seconds_in_state"] >= 0

    status, doc = s.json("PATCH", f"/api/v1/agents/{kim['id']}",
                         {"queues": ["payment-queue"], "capacity": {"chat": 2}},
                         headers=bearer(admin))
    assert status == 200, doc
    assert doc["queues"] == ["payment-queue"] and doc["capacity"] == {"chat": 2, "voice": 1}
    assert doc["skills"] == [{"name": "billing", "level": 3}]
    status, doc = s.json("PATCH", f"/api/v1/agents/{kim['id']}", {"queues": ["payment-queue"]},
                         headers=bearer(supervisor))
    assert_error(status, doc, 403, "forbidden")


def test_agent_admin_inputs_are_validated(auth_server):
    s = auth_server
    admin = token_of(s, "admin", ADMIN_PASSWORD)
    cases = [
        ({"username": "ok_name", "password": "short"}, 400, "password"),
        ({"username": "no spaces", "password": AGENT_PASSWORD}, 400, "username"),
        ({"username": "ok_name", "password": AGENT_PASSWORD, "role": "admin"}, 400, "role"),
        ({"username": "ok_name", "password": AGENT_PASSWORD,
          "skills": [{"name": "billing", "level": 6}]}, 400, "skills[0].level"),
        ({"username": "ok_name", "password": AGENT_PASSWORD,
          "skills": [{"name": "billing"}]}, 400, "skills[0].level"),
        ({"username": "ok_name", "password": AGENT_PASSWORD, "languages": "ko"}, 400, "languages"),
        ({"username": "ok_name", "password": AGENT_PASSWORD, "capacity": {"chat": 99}}, 400,
         "capacity.chat"),
        ({"username": "ok_name", "password": AGENT_PASSWORD, "colour": "blue"}, 400, "colour"),
    ]
    for body, expected, field in cases:
        status, doc = s.json("POST", "/api/v1/agents", body, headers=bearer(admin))
        assert_error(status, doc, expected)
        assert doc["error"]["details"]["field"] == field, (body, doc)
    create_agent(s, admin, "Kim")
    status, doc = s.json("POST", "/api/v1/agents", {"username": "KIM", "password": AGENT_PASSWORD},
                         headers=bearer(admin))
    assert_error(status, doc, 409, "conflict")
    status, doc = s.json("PATCH", "/api/v1/agents/nobody", {"queues": []}, headers=bearer(admin))
    assert_error(status, doc, 404, "not_found")


def test_agent_state_is_validated_and_persists_across_a_restart(backend):
    s = new_server(backend)
    admin = token_of(s, "admin", ADMIN_PASSWORD)
    create_agent(s, admin, "kim")
    agent = token_of(s, "kim", AGENT_PASSWORD)
    status, doc = s.json("GET", "/api/v1/agent/me", headers=bearer(agent))
    assert status == 200 and doc["state"]["state"] == "offline", doc
    for body, code, expected in [({"state": "lunch"}, "invalid_request", 400),
                                 ({"state": "busy"}, "failed_precondition", 422),
                                 ({"reason": "x"}, "invalid_request", 400),
                                 ({"state": "break", "reason": "x" * 201}, "invalid_request",
                                  400)]:
        status, doc = s.json("PUT", "/api/v1/agent/state", body, headers=bearer(agent))
        assert_error(status, doc, expected, code)
    status, doc = s.json("PUT", "/api/v1/agent/state", {"state": "break", "reason": "점심"},
                         headers=bearer(agent))
    assert status == 200, doc
    since = doc["state"]["since"]
    assert doc["state"] == {"state": "break", "reason": "점심", "since": since,
                            "seconds_in_state": 0}
    status, doc = s.json("GET", "/api/v1/agent/me", headers=bearer(admin))
    assert_error(status, doc, 404, "not_found")
    stop(s)

    again = Server(store_url=s.store_url, env=NO_BOT, workdir=s.workdir).start()
    try:
        status, doc = again.json("GET", "/api/v1/agent/me", headers=bearer(agent))
        assert status == 200, "sessions survive a restart: they live in the store"
        assert doc["state"]["state"] == "break" and doc["state"]["reason"] == "점심"
        assert doc["state"]["since"] == since
    finally:
        stop(again)
        shutil.rmtree(s.workdir, ignore_errors=True)


def test_failed_logins_are_throttled_with_retry_after(backend):
    s = new_server(backend, AICC_AUTH_LOGIN_MAX_FAILURES="3", AICC_AUTH_LOGIN_LOCKOUT_S="2")
    try:
        for _ in range(3):
            status, doc = login(s, "admin", "not the password")
            assert_error(status, doc, 401, "unauthenticated")
        status, hdrs, body = s.request("POST", "/api/v1/auth/login",
                                       body={"username": "Admin", "password": ADMIN_PASSWORD})
        assert status == 429, body
        assert 1 <= int(hdrs["retry-after"]) <= 2
        assert b"rate_limited" in body
        time.sleep(2.1)
        status, doc = login(s, "admin", ADMIN_PASSWORD)
        assert status == 200, doc
    finally:
        stop(s)
        shutil.rmtree(s.workdir, ignore_errors=True)


def test_expired_sessions_are_refused(backend):
    s = new_server(backend, AICC_AUTH_SESSION_TTL_S="2")
    try:
        status, doc = login(s, "admin", ADMIN_PASSWORD)
        assert status == 200, doc
        token = doc["token"]
        status, _ = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
        assert status == 200
        time.sleep(2.2)
        status, doc = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
        assert_error(status, doc, 401, "unauthenticated")
    finally:
        stop(s)
        shutil.rmtree(s.workdir, ignore_errors=True)


def test_user_cli_passwd_disable_and_list(auth_server):
    s = auth_server
    token = token_of(s, "admin", ADMIN_PASSWORD)
    done = aicc_user(s, "add", "lee", "--role", "agent", "--password-stdin", password="short")
    assert done.returncode == 1 and "at least 10 characters" in done.stderr
    done = aicc_user(s, "add", "Admin", "--role", "agent", "--password-stdin",
                     password=AGENT_PASSWORD)
    assert done.returncode == 1 and "taken" in done.stderr
    done = aicc_user(s, "add", "lee", "--role", "supervisor", "--password-stdin",
                     password=AGENT_PASSWORD)
    assert done.returncode == 0, done.stderr

    done = aicc_user(s, "passwd", "admin", "--password-stdin", password="a new admin password")
    assert done.returncode == 0, done.stderr
    status, doc = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
    assert_error(status, doc, 401, "unauthenticated")
    token = token_of(s, "admin", "a new admin password")

    lee = token_of(s, "lee", AGENT_PASSWORD)
    done = aicc_user(s, "disable", "LEE")
    assert done.returncode == 0, done.stderr
    status, doc = s.json("GET", "/api/v1/agent/me", headers=bearer(lee))
    assert_error(status, doc, 401, "unauthenticated")
    status, doc = login(s, "lee", AGENT_PASSWORD)
    assert_error(status, doc, 401, "unauthenticated")

    done = aicc_user(s, "list")
    assert done.returncode == 0
    rows = [line.split() for line in done.stdout.splitlines()[1:]]
    assert [r[:3] for r in rows] == [["admin", "admin", "yes"], ["lee", "supervisor", "no"]]
    assert "argon2" not in done.stdout
    done = aicc_user(s, "disable", "nobody")
    assert done.returncode == 1 and "no user" in done.stderr
