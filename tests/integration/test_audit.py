"""The audit log over the real binary: administrative changes made through the API and
the CLI are recorded with who, what, before/after, when and the request id; the log is
queryable by resource, actor and time, and refuses bad filters and non-admins."""
import shutil

from aicc_harness import assert_error
from conftest import NO_BOT, make_server
from test_auth import (ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent,
                       token_of)

AUDIT = "/api/v1/admin/audit"


def test_admin_changes_are_audited_and_queryable(backend):
    s = make_server(backend, env=NO_BOT)
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    try:
        admin_token = token_of(s, "admin", ADMIN_PASSWORD)
        admin = bearer(admin_token)
        agent = create_agent(s, admin_token, "kim", display_name="Kim")
        status, _ = s.json("PATCH", f"/api/v1/agents/{agent['id']}", {"display_name": "Kim M."},
                           headers=admin)
        assert status == 200
        status, hook = s.json("POST", "/api/v1/admin/webhooks",
                              {"url": "https://crm.example.com/h", "events": ["*"],
                               "secret": "s3cret-s3cret-s3cret"}, headers=admin)
        assert status == 201
        status, _, _ = s.request("PATCH", f"/api/v1/admin/webhooks/{hook['id']}",
                                 body={"secret": "an0ther-s3cret-value"},
                                 headers={**admin, "X-Request-Id": "req-rotate-1"})
        assert status == 200
        status, _, _ = s.request("DELETE", f"/api/v1/admin/webhooks/{hook['id']}", headers=admin)
        assert status == 204

        status, doc = s.json("GET", AUDIT, headers=admin)
        assert status == 200, doc
        actions = [e["action"] for e in doc["entries"]]
        assert actions == ["webhook.delete", "webhook.update", "webhook.create", "agent.update",
                           "agent.create", "user.create"], actions
        by_action = {e["action"]: e for e in doc["entries"]}
        cli = by_action["user.create"]
        assert cli["actor"] == {"user_id": "", "username": "cli"}
        assert cli["after"]["username"] == "admin" and cli["before"] is None
        upd = by_action["agent.update"]
        assert upd["actor"]["username"] == "admin"
        assert upd["before"]["display_name"] == "Kim" and upd["after"]["display_name"] == "Kim M."
        assert upd["resource_type"] == "agent" and upd["resource_id"] == agent["id"]
        rot = by_action["webhook.update"]
        assert rot["after"]["secret_rotated"] is True
        assert rot["request_id"] == "req-rotate-1"
        assert rot["client_address"] == "127.0.0.1"
        assert by_action["webhook.delete"]["after"] is None
        text = str(doc)
        assert "s3cret" not in text and "an0ther" not in text, "no secret in the audit log"

        status, doc = s.json("GET", f"{AUDIT}?resource_type=webhook&resource_id={hook['id']}",
                             headers=admin)
        assert [e["action"] for e in doc["entries"]] == ["webhook.delete", "webhook.update",
                                                          "webhook.create"]
        admin_id = cli["resource_id"]
        status, doc = s.json("GET", f"{AUDIT}?actor_id={admin_id}&limit=2", headers=admin)
        assert [e["action"] for e in doc["entries"]] == ["webhook.delete", "webhook.update"]
        status, page2 = s.json("GET", f"{AUDIT}?actor_id={admin_id}&limit=2"
                                      f"&cursor={doc['next_cursor']}", headers=admin)
        assert [e["action"] for e in page2["entries"]] == ["webhook.create", "agent.update"]
        status, doc = s.json("GET", f"{AUDIT}?since=2999-01-01T00:00:00Z", headers=admin)
        assert status == 200 and doc["entries"] == [] and doc["next_cursor"] is None

        for query, field in [("limit=0", "limit"), ("limit=x", "limit"),
                             ("since=yesterday", "since"), ("until=2026-13-01T00:00:00Z", "until")]:
            status, doc = s.json("GET", f"{AUDIT}?{query}", headers=admin)
            assert_error(status, doc, 400)
            assert doc["error"]["details"]["field"] == field
        status, doc = s.json("GET", AUDIT)
        assert_error(status, doc, 401)
        status, doc = s.json("GET", AUDIT, headers=bearer(token_of(s, "kim", AGENT_PASSWORD)))
        assert_error(status, doc, 403)
    finally:
        rc = s.stop()
        assert rc == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)
