"""Queues, business hours and holidays by the admin API, over the real binary: CRUD with
validation (one error shape, the request's key named), conflicts (409), admins only,
every change audited with before/after, and the change in force at once — a holiday
added for today closes the hours (an escalation is offered a callback, the Connect hours
check says closed), a new queue receives the escalations of its reason — and kept over a
restart."""
import datetime
import shutil

import pytest

from aicc_harness import assert_error
from conftest import NO_BOT, make_server
from test_connect import LAMBDA, connect_event
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent, token_of

QUEUES = "/api/v1/admin/queues"
HOURS = "/api/v1/admin/business-hours"
HOLIDAYS = "/api/v1/admin/holidays"
CONVERSATIONS = "/api/v1/conversations"


@pytest.fixture
def admin_server(backend):
    s = make_server(backend, env=NO_BOT)
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    yield s
    assert s.stop() == 0, s.logs()[-3000:]
    shutil.rmtree(s.workdir, ignore_errors=True)


def escalate(s, reason):
    status, doc = s.json("POST", CONVERSATIONS, {"channel": "web", "language": "ko"})
    assert status == 201, doc
    cid = doc["conversation"]["id"]
    status, e = s.json("POST", f"{CONVERSATIONS}/{cid}/escalate", {"reason": reason})
    assert status == 201, e
    return cid, e


def seoul_days():
    """Today and tomorrow in Seoul (both, so a test that crosses midnight still holds)."""
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))).date()
    return [today.isoformat(), (today + datetime.timedelta(days=1)).isoformat()]


def audit(s, admin, resource_type):
    status, doc = s.json("GET", f"/api/v1/admin/audit?resource_type={resource_type}",
                         headers=admin)
    assert status == 200, doc
    return doc["entries"]


def test_queue_crud_validation_audit_and_live_routing(admin_server):
    s = admin_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, doc = s.json("GET", QUEUES, headers=admin)
    assert status == 200, doc
    assert doc["version"] == 1, "seeded from bot/queues.json at the first start"
    assert doc["default_queue"] == "general-queue" and doc["critical_queue"] == "priority-queue"
    ids = [q["id"] for q in doc["queues"]]
    assert ids == ["priority-queue", "complaint-queue", "tech-support-queue", "payment-queue",
                   "general-queue"]
    payment = next(q for q in doc["queues"] if q["id"] == "payment-queue")
    assert payment["reasons"] == ["payment_issue"] and payment["skills"] == ["billing"]
    assert payment["hours"] is None and payment["open_now"] is True
    assert payment["sla_minutes"] == {"critical": 5, "high": 10, "medium": 20, "low": 30}

    # Take payment_issue away from payment-queue and give it to a new queue.
    status, before = s.json("GET", f"{QUEUES}/payment-queue", headers=admin)
    assert status == 200 and before == payment
    changed = {**payment, "reasons": []}  # as read (open_now is read-only and ignored)
    status, saved = s.json("PUT", f"{QUEUES}/payment-queue", changed, headers=admin)
    assert status == 200, saved
    assert saved["reasons"] == []
    refunds = {"id": "refunds", "name": {"ko": "환불", "en": "Refunds"}, "skills": ["billing"],
               "reasons": ["payment_issue"], "max_size": 5,
               "sla_minutes": {"high": 3},
               "hours": {"timezone": "Asia/Seoul",
                         "week": {d: [{"open": "00:00", "close": "12:00"},
                                      {"open": "12:00", "close": "24:00"}]
                                  for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}}}
    status, headers, created = s.request("POST", QUEUES, body=refunds, headers=admin)
    assert status == 201, created
    assert headers["location"] == f"{QUEUES}/refunds"
    _, e = escalate(s, "payment_issue")
    assert e["queue"] == {"id": "refunds", "name": "환불"}, "the new queue receives it at once"
    assert e["callback_offered"] is False

    # Bad inputs: one error shape, the request's key named.
    bad = [
        ({"id": "two words"}, "id"),
        ({"name": {"ko": "이름 없음"}}, "id"),
        ({"id": "q2", "reasons": ["weather"]}, "reasons[0]"),
        ({"id": "q2", "reasons": ["complaint"]}, "reasons[0]"),  # routed to another queue
        ({"id": "q2", "max_size": 0}, "max_size"),
        ({"id": "q2", "sla_minutes": {"urgent": 5}}, "sla_minutes.urgent"),
        ({"id": "q2", "colour": "red"}, "colour"),
        ({"id": "q2", "hours": {"timezone": "Europe/Berlin"}}, "hours.timezone"),
        ({"id": "q2", "hours": {"week": {"mon": [{"open": "9:00", "close": "18:00"}]}}},
         "hours.week.mon[0].open"),
        ({"id": "q2", "hours": {"week": {"mon": [{"open": "18:00", "close": "09:00"}]}}},
         "hours.week.mon[0]"),
        ({"id": "q2", "hours": {"week": {"mon": [{"open": "09:00", "close": "13:00"},
                                                 {"open": "12:00", "close": "18:00"}]}}},
         "hours.week.mon"),
    ]
    for body, field in bad:
        status, err = s.json("POST", QUEUES, body, headers=admin)
        assert_error(status, err, 400, "invalid_request")
        assert err["error"]["details"]["field"] == field, (body, err)
    status, err = s.json("POST", QUEUES, refunds, headers=admin)
    assert_error(status, err, 409)
    assert err["error"]["details"]["reason"] == "queue_exists"
    status, err = s.json("PUT", f"{QUEUES}/refunds", {"id": "other"}, headers=admin)
    assert_error(status, err, 400)
    status, err = s.json("PUT", f"{QUEUES}/nope", {}, headers=admin)
    assert_error(status, err, 404)
    status, _, _ = s.request("POST", QUEUES, raw_body=b"{not json",
                             headers={**admin, "Content-Type": "application/json"})
    assert status == 400

    # Deleting: not the default queue, not one with escalations waiting.
    status, err = s.json("DELETE", f"{QUEUES}/general-queue", headers=admin)
    assert_error(status, err, 409)
    assert err["error"]["details"]["reason"] == "default_queue"
    status, err = s.json("DELETE", f"{QUEUES}/refunds", headers=admin)
    assert_error(status, err, 409)
    assert err["error"]["details"] == {"reason": "escalations_waiting", "waiting": "1"}
    _, e2 = escalate(s, "complaint")
    status, err = s.json("DELETE", f"{QUEUES}/tech-support-queue", headers=admin)
    assert status == 204, err
    status, err = s.json("GET", f"{QUEUES}/tech-support-queue", headers=admin)
    assert_error(status, err, 404)
    _, e3 = escalate(s, "technical_support")
    assert e3["queue"]["id"] == "general-queue", "a deleted queue's reason goes to the default"

    entries = audit(s, admin, "queue")
    assert [x["action"] for x in entries] == ["queue.delete", "queue.create", "queue.update"]
    upd = entries[2]
    assert upd["resource_id"] == "payment-queue" and upd["actor"]["username"] == "admin"
    assert upd["before"]["reasons"] == ["payment_issue"] and upd["after"]["reasons"] == []
    assert entries[1]["before"] is None and entries[1]["after"]["max_size"] == 5
    assert entries[0]["after"] is None and entries[0]["before"]["id"] == "tech-support-queue"

    # Kept over a restart.
    assert s.stop() == 0
    s.start()
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, doc = s.json("GET", QUEUES, headers=admin)
    assert doc["version"] == 4
    assert "refunds" in [q["id"] for q in doc["queues"]]
    assert "tech-support-queue" not in [q["id"] for q in doc["queues"]]


def test_holiday_today_closes_hours_live_and_hours_validate(admin_server):
    s = admin_server
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, hours = s.json("GET", HOURS, headers=admin)
    assert status == 200 and hours["timezone"] == "Asia/Seoul" and hours["open_now"] is True
    assert hours["week"]["mon"] == [{"open": "00:00", "close": "24:00"}]
    _, open_e = escalate(s, "customer_request")
    assert open_e["callback_offered"] is False

    days = seoul_days()
    for day in days:
        status, h = s.json("POST", HOLIDAYS, {"date": day, "name": "임시 휴무"}, headers=admin)
        assert status == 201, h
        assert h == {"date": day, "name": "임시 휴무", "queue": None}
    _, closed = escalate(s, "customer_request")
    assert closed["callback_offered"] is True, closed
    assert "영업시간" in closed["message"]
    status, doc = s.json("GET", HOURS, headers=admin)
    assert doc["open_now"] is True, "the weekly schedule itself is unchanged"
    status, doc = s.json("GET", QUEUES + "/general-queue", headers=admin)
    assert doc["open_now"] is False
    # The Connect hours check (contact-flow Lambda) answers from the same configuration.
    status, lam = s.json("POST", LAMBDA, connect_event("c-hours-1", requestType="business_hours"))
    assert status == 200, lam
    assert lam["isBusinessHours"] == "false", lam

    status, err = s.json("POST", HOLIDAYS, {"date": days[0]}, headers=admin)
    assert_error(status, err, 409)
    assert err["error"]["details"]["reason"] == "holiday_exists"
    for body, field in [({"date": "2026-02-30"}, "date"), ({"name": "x"}, "date"),
                        ({"date": "2026-05-01", "queue": "nope"}, "queue"),
                        ({"date": "2026-05-01", "colour": 1}, "colour")]:
        status, err = s.json("POST", HOLIDAYS, body, headers=admin)
        assert_error(status, err, 400, "invalid_request")
        assert err["error"]["details"]["field"] == field, (body, err)
    status, h = s.json("POST", HOLIDAYS, {"date": "2027-07-01", "queue": "payment-queue"},
                       headers=admin)
    assert status == 201 and h["queue"] == "payment-queue"
    status, doc = s.json("GET", f"{HOLIDAYS}?queue=complaint-queue", headers=admin)
    assert "2027-07-01" not in [x["date"] for x in doc["holidays"]]
    assert days[0] in [x["date"] for x in doc["holidays"]]
    status, doc = s.json("GET", f"{HOLIDAYS}?queue=payment-queue", headers=admin)
    assert "2027-07-01" in [x["date"] for x in doc["holidays"]]
    status, err = s.json("GET", f"{HOLIDAYS}?queue=nope", headers=admin)
    assert_error(status, err, 400)

    for day in days:
        status, _, _ = s.request("DELETE", f"{HOLIDAYS}/{day}", headers=admin)
        assert status == 204
    status, err = s.json("DELETE", f"{HOLIDAYS}/{days[0]}", headers=admin)
    assert_error(status, err, 404)
    status, _, _ = s.request("DELETE", f"{HOLIDAYS}/2027-07-01?queue=payment-queue",
                             headers=admin)
    assert status == 204
    _, reopened = escalate(s, "customer_request")
    assert reopened["callback_offered"] is False

    # Global hours: overlapping ranges, bad times and unknown zones are refused.
    for body, field in [
            ({"week": {"mon": [{"open": "09:00", "close": "12:00"},
                               {"open": "11:59", "close": "18:00"}]}}, "week.mon"),
            ({"week": {"tue": [{"open": "24:30", "close": "25:00"}]}}, "week.tue[0].open"),
            ({"week": {"wed": [{"open": "10:00", "close": "10:00"}]}}, "week.wed[0]"),
            ({"timezone": "Mars/Olympus"}, "timezone"),
            ({"week": {"funday": []}}, "week.funday"),
            ({"holidays": ["2026-01-01"]}, "holidays")]:
        status, err = s.json("PUT", HOURS, body, headers=admin)
        assert_error(status, err, 400, "invalid_request")
        assert err["error"]["details"]["field"] == field, (body, err)
    # Closed every day: the next escalation is offered a callback.
    status, saved = s.json("PUT", HOURS, {"timezone": "UTC", "week": {}}, headers=admin)
    assert status == 200, saved
    assert saved["timezone"] == "UTC" and saved["week"]["mon"] == []
    _, closed = escalate(s, "customer_request")
    assert closed["callback_offered"] is True

    kinds = [x["action"] for x in audit(s, admin, "holiday")]
    assert kinds.count("holiday.create") == 3 and kinds.count("holiday.delete") == 3
    [hours_entry] = audit(s, admin, "business_hours")
    assert hours_entry["before"]["week"]["mon"] == [{"open": "00:00", "close": "24:00"}]
    assert hours_entry["after"]["timezone"] == "UTC"


def test_queue_admin_routes_are_for_admins_only(admin_server):
    s = admin_server
    admin_token = token_of(s, "admin", ADMIN_PASSWORD)
    routes = [("GET", QUEUES, None), ("POST", QUEUES, {"id": "x"}),
              ("GET", f"{QUEUES}/general-queue", None),
              ("PUT", f"{QUEUES}/general-queue", {}),
              ("DELETE", f"{QUEUES}/payment-queue", None),
              ("GET", HOURS, None), ("PUT", HOURS, {}),
              ("GET", HOLIDAYS, None), ("POST", HOLIDAYS, {"date": "2027-01-05"}),
              ("DELETE", f"{HOLIDAYS}/2027-01-01", None)]
    for method, path, body in routes:
        status, err = s.json(method, path, body)
        assert_error(status, err, 401)
    for role in ("agent", "supervisor"):
        create_agent(s, admin_token, f"{role}1", role=role)
        low = bearer(token_of(s, f"{role}1", AGENT_PASSWORD))
        for method, path, body in routes:
            status, err = s.json(method, path, body, headers=low)
            assert_error(status, err, 403)
    status, doc = s.json("GET", QUEUES, headers=bearer(admin_token))
    assert status == 200 and doc["version"] == 1, "nothing was changed by the refused calls"
