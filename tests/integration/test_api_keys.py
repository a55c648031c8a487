"""API keys over the real binary, on both backends: an admin creates a key (the secret is
in that answer only), lists keys without secrets, and the key authenticates requests with
its role by X-API-Key or Authorization: ApiKey; a revoked or expired key and a malformed
one get 401; bad inputs 400; lower roles 403; create and revoke are audited."""
import datetime

from aicc_harness import assert_error
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, auth_server, bearer, create_agent, token_of  # noqa: F401

KEYS = "/api/v1/admin/api-keys"


def iso(delta_s):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=delta_s)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_create_use_list_revoke(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, key = s.json("POST", KEYS, {"name": "kakao channel", "role": "supervisor",
                                        "expires_at": iso(3600)}, headers=admin)
    assert status == 201, key
    secret = key["secret"]
    assert secret.startswith("aicc_") and len(secret) == 5 + 64
    assert key["prefix"] == secret[:13] and key["active"] is True and key["role"] == "supervisor"

    # The key acts with its role: a supervisor route works, an admin one is refused.
    for headers in ({"X-API-Key": secret}, {"Authorization": f"ApiKey {secret}"}):
        status, doc = s.json("GET", "/api/v1/supervisor/queues", headers=headers)
        assert status == 200, doc
        status, err = s.json("GET", KEYS, headers=headers)
        assert_error(status, err, 403)
    for headers in ({"X-API-Key": "aicc_" + "0" * 64}, {"X-API-Key": "nonsense"},
                    {"Authorization": "ApiKey " + secret[:-1] + "x"}):
        status, err = s.json("GET", "/api/v1/supervisor/queues", headers=headers)
        assert_error(status, err, 401)

    status, doc = s.json("GET", KEYS, headers=admin)
    assert status == 200
    [listed] = doc["api_keys"]
    assert listed["id"] == key["id"] and "secret" not in listed and "hash" not in str(listed)
    assert secret not in str(doc)

    status, revoked = s.json("DELETE", f"{KEYS}/{key['id']}", headers=admin)
    assert status == 200 and revoked["revoked_at"] and revoked["active"] is False
    status, err = s.json("GET", "/api/v1/supervisor/queues", headers={"X-API-Key": secret})
    assert_error(status, err, 401)
    status, err = s.json("DELETE", f"{KEYS}/00000000-0000-7000-8000-000000000000", headers=admin)
    assert_error(status, err, 404)

    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=api_key", headers=admin)
    actions = sorted(e["action"] for e in audit["entries"])
    assert actions == ["api_key.create", "api_key.revoke"]
    assert secret not in str(audit)


def test_an_admin_key_acts_in_the_audit_log_as_itself(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, key = s.json("POST", KEYS, {"name": "ops robot", "role": "admin"}, headers=admin)
    assert status == 201 and key["expires_at"] is None
    robot = {"X-API-Key": key["secret"]}
    status, user = s.json("POST", "/api/v1/admin/users", {"username": "made-by-robot",
                          "password": AGENT_PASSWORD, "role": "agent"}, headers=robot)
    assert status == 201, user
    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=user", headers=admin)
    entry = next(e for e in audit["entries"] if e["action"] == "user.create")
    assert entry["actor"] == {"user_id": "apikey:" + key["id"], "username": "apikey:ops robot"}


def test_bad_inputs_and_lower_roles(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    for body, field in [({"name": "", "role": "agent"}, "name"),
                        ({"name": "x" * 101, "role": "agent"}, "name"),
                        ({"name": "x", "role": "root"}, "role"),
                        ({"name": "x"}, "role"),
                        ({"name": "x", "role": "agent", "expires_at": "tomorrow"}, "expires_at"),
                        ({"name": "x", "role": "agent", "expires_at": iso(-60)}, "expires_at"),
                        ({"name": "x", "role": "agent", "scope": "all"}, "scope")]:
        status, err = s.json("POST", KEYS, body, headers=admin)
        assert_error(status, err, 400)
        assert err["error"]["details"].get("field") == field, (body, err)
    create_agent(s, token_of(s, "admin", ADMIN_PASSWORD), "sup", role="supervisor")
    sup = bearer(token_of(s, "sup", AGENT_PASSWORD))
    for method, path, body in [("GET", KEYS, None), ("POST", KEYS, {"name": "x", "role": "agent"}),
                               ("DELETE", f"{KEYS}/x", None)]:
        status, err = s.json(method, path, body, headers=sup)
        assert_error(status, err, 403)
