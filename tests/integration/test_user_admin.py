"""Users and roles over the real binary, on both backends: an admin lists, creates (with
the password rules of `aicc user add`), changes roles, disables and enables users and
resets passwords (which ends the user's sessions); bad inputs get 400/404/409/422 in the
one error shape; agents and supervisors are refused; every change is audited."""
import pytest

from aicc_harness import assert_error
from test_auth import (ADMIN_PASSWORD, AGENT_PASSWORD, auth_server, bearer,  # noqa: F401
                       create_agent, login, token_of)

USERS = "/api/v1/admin/users"


def new_user(s, admin, username, role="agent", password=AGENT_PASSWORD, **fields):
    status, doc = s.json("POST", USERS, {"username": username, "password": password,
                                         "role": role, **fields}, headers=admin)
    assert status == 201, doc
    return doc


def test_admin_creates_lists_and_gets_users(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    created = new_user(s, admin, "kim", "supervisor", display_name="김 팀장")
    assert created["role"] == "supervisor" and created["active"] is True
    assert "password" not in str(created) and "hash" not in str(created)
    status, doc = s.json("GET", USERS, headers=admin)
    assert status == 200
    assert [u["username"] for u in doc["users"]] == ["admin", "kim"]
    status, one = s.json("GET", f"{USERS}/{created['id']}", headers=admin)
    assert status == 200 and one["display_name"] == "김 팀장"
    # The new user logs in with the password given, and as a supervisor has a profile.
    token = token_of(s, "kim", AGENT_PASSWORD)
    status, me = s.json("GET", "/api/v1/agent/me", headers=bearer(token))
    assert status == 200 and me["state"]["state"] == "offline"
    new_user(s, admin, "root2", "admin")
    status, err = s.json("GET", "/api/v1/agent/me",
                         headers=bearer(token_of(s, "root2", AGENT_PASSWORD)))
    assert_error(status, err, 404)


def test_bad_inputs_are_refused(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    cases = [
        ({"username": "x", "password": AGENT_PASSWORD, "role": "agent"}, 400, "username"),
        ({"username": "lee", "password": "short", "role": "agent"}, 400, "password"),
        ({"username": "lee", "password": AGENT_PASSWORD, "role": "boss"}, 400, "role"),
        ({"username": "lee", "password": AGENT_PASSWORD}, 400, "role"),
        ({"username": "lee", "password": AGENT_PASSWORD, "role": "agent", "x": 1}, 400, "x"),
        ({"username": "ADMIN", "password": AGENT_PASSWORD, "role": "agent"}, 409, None),
    ]
    for body, code, field in cases:
        status, err = s.json("POST", USERS, body, headers=admin)
        assert_error(status, err, code)
        if field:
            assert err["error"]["details"].get("field") == field, (body, err)
    status, err = s.json("GET", f"{USERS}/00000000-0000-7000-8000-000000000000", headers=admin)
    assert_error(status, err, 404)
    lee = new_user(s, admin, "lee")
    for body, code in [({"role": "king"}, 400), ({"active": "no"}, 400), ({"nope": 1}, 400),
                       ({"role": "admin"}, 422)]:
        status, err = s.json("PATCH", f"{USERS}/{lee['id']}", body, headers=admin)
        assert_error(status, err, code)
    status, err = s.json("POST", f"{USERS}/{lee['id']}/password", {"password": "short"},
                         headers=admin)
    assert_error(status, err, 400)
    assert err["error"]["details"]["field"] == "password"
    status, err = s.json("POST", f"{USERS}/00000000-0000-7000-8000-000000000000/password",
                         {"password": AGENT_PASSWORD * 2}, headers=admin)
    assert_error(status, err, 404)
    # The admin cannot lock themselves out.
    status, me = s.json("GET", "/api/v1/auth/me", headers=admin)
    for body in ({"active": False}, {"role": "agent"}):
        status, err = s.json("PATCH", f"{USERS}/{me['user']['id']}", body, headers=admin)
        assert_error(status, err, 409)


def test_role_change_disable_enable_and_password_reset_end_sessions(auth_server):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    lee = new_user(s, admin, "lee")
    token = token_of(s, "lee", AGENT_PASSWORD)
    status, _ = s.json("GET", "/api/v1/agents", headers=bearer(token))
    assert status == 403  # an agent may not see every agent
    status, doc = s.json("PATCH", f"{USERS}/{lee['id']}", {"role": "supervisor"}, headers=admin)
    assert status == 200 and doc["role"] == "supervisor"
    status, _ = s.json("GET", "/api/v1/auth/me", headers=bearer(token))
    assert status == 401  # the old session named the old role
    token = token_of(s, "lee", AGENT_PASSWORD)
    status, _ = s.json("GET", "/api/v1/agents", headers=bearer(token))
    assert status == 200

    status, doc = s.json("PATCH", f"{USERS}/{lee['id']}", {"active": False}, headers=admin)
    assert status == 200 and doc["active"] is False
    assert s.json("GET", "/api/v1/auth/me", headers=bearer(token))[0] == 401
    assert login(s, "lee", AGENT_PASSWORD)[0] == 401
    status, doc = s.json("PATCH", f"{USERS}/{lee['id']}",
                         {"active": True, "display_name": "이 상담"}, headers=admin)
    assert status == 200 and doc["active"] is True and doc["display_name"] == "이 상담"
    token = token_of(s, "lee", AGENT_PASSWORD)

    new_password = "a brand new secret"
    status, doc = s.json("POST", f"{USERS}/{lee['id']}/password", {"password": new_password},
                         headers=admin)
    assert status == 200
    assert s.json("GET", "/api/v1/auth/me", headers=bearer(token))[0] == 401
    assert login(s, "lee", AGENT_PASSWORD)[0] == 401
    token_of(s, "lee", new_password)

    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=user", headers=admin)
    assert status == 200, audit
    actions = [e["action"] for e in audit["entries"]]
    assert actions.count("user.update") == 3 and "user.create" in actions
    assert "user.password" in actions
    assert new_password not in str(audit) and AGENT_PASSWORD not in str(audit)
    change = next(e for e in audit["entries"] if e["action"] == "user.update"
                  and e["after"]["role"] == "supervisor" and e["before"]["role"] == "agent")
    assert change["actor"]["username"] == "admin"


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_lower_roles_are_refused(auth_server, role):
    s = auth_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    user = create_agent(s, token_of(s, "admin", ADMIN_PASSWORD), "low", role=role)
    low = bearer(token_of(s, "low", AGENT_PASSWORD))
    for method, path, body in [("GET", USERS, None),
                               ("POST", USERS, {"username": "x1y", "password": AGENT_PASSWORD,
                                                "role": "admin"}),
                               ("PATCH", f"{USERS}/{user['id']}", {"role": "supervisor"}),
                               ("POST", f"{USERS}/{user['id']}/password",
                                {"password": "x" * 12})]:
        status, err = s.json(method, path, body, headers=low)
        assert_error(status, err, 403)
    status, doc = s.json("GET", USERS, headers=admin)
    assert [u["username"] for u in doc["users"]] == ["admin", "low"]
