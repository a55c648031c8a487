"""Escalation from the customer's side over the real binary, on both backends: escalate,
status (queue, position, wait, agents), cancel, callback; business hours and a full queue
from the bot directory's queues.json; bad input answered in the one error shape."""
import json
import os
import shutil
import tempfile

import pytest

from aicc_harness import BOT_DIR, assert_error
from conftest import NO_BOT, make_server

BASE = "/api/v1/conversations"


def queues_dir(**changes):
    """A bot directory holding only queues.json (the bot is off), changed as asked."""
    with open(os.path.join(BOT_DIR, "queues.json")) as f:
        doc = json.load(f)
    doc.update(changes)
    d = tempfile.mkdtemp(prefix="aicc-queues-")
    with open(os.path.join(d, "queues.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    return d


ALWAYS_OPEN = {"timezone": "Asia/Seoul",
               "weekdays": {"open": "00:00", "close": "24:00"},
               "weekends": {"open": "00:00", "close": "24:00"},
               "holidays": []}
NEVER_OPEN = {"timezone": "Asia/Seoul",
              "weekdays": {"open": "00:00", "close": "00:00"},
              "weekends": {"open": "00:00", "close": "00:00"}}


def start(backend, **queue_changes):
    d = queues_dir(**queue_changes)
    s = make_server(backend, env={**NO_BOT, "AICC_BOT_DIR": d}).start()
    s.queues_dir = d
    return s


def stop(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)
    shutil.rmtree(s.queues_dir, ignore_errors=True)


@pytest.fixture
def open_server(backend):
    s = start(backend, hours=ALWAYS_OPEN)
    yield s
    stop(s)


def open_conversation(s, language="ko", tier=None):
    body = {"channel": "web", "language": language}
    if tier:
        body["customer"] = {"name": "고객", "tier": tier}
    status, doc = s.json("POST", BASE, body)
    assert status == 201, doc
    return doc["conversation"]["id"]


def test_escalate_status_and_cancel(open_server):
    s = open_server
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate",
                       {"reason": "payment_issue", "note": "결제가 두 번 됐어요"})
    assert status == 201, e
    assert e["reference"].startswith("ESC-") and len(e["reference"]) == 12
    assert e["state"] == "queued"
    assert e["priority"] == "high"
    assert e["queue"] == {"id": "payment-queue", "name": "결제 상담"}
    assert e["position"] == 1 and e["waiting_in_queue"] == 1
    assert e["available_agents"] == 0
    assert e["average_handle_seconds"] == 180  # nothing handled yet
    assert e["estimated_wait_seconds"] == 180
    assert e["callback_offered"] is False
    assert e["reference"] in e["message"] and "우선순위가 높은 요청입니다." in e["message"]
    assert e["note"] == "결제가 두 번 됐어요"

    # The conversation is queued; asking again answers the same escalation.
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "queued"
    status, again = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "complaint"})
    assert status == 200 and again["id"] == e["id"]

    # A second customer in the same queue waits behind the first.
    cid2 = open_conversation(s, language="en")
    status, e2 = s.json("POST", f"{BASE}/{cid2}/escalate", {"reason": "payment_issue"})
    assert status == 201, e2
    assert e2["position"] == 2 and e2["waiting_in_queue"] == 2
    assert e2["queue"]["name"] == "Payments"
    assert "Reference: " + e2["reference"] in e2["message"]

    status, st = s.json("GET", f"{BASE}/{cid}/status")
    assert status == 200 and st["position"] == 1 and st["waiting_in_queue"] == 2

    # Cancel: the conversation goes back to the bot, the second customer moves up.
    status, c = s.json("POST", f"{BASE}/{cid}/escalation/cancel")
    assert status == 200, c
    assert c["state"] == "cancelled" and c["position"] is None and c["ended_at"]
    assert c["message"] == "상담원 연결 요청이 취소되었습니다."
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "bot"
    status, st2 = s.json("GET", f"{BASE}/{cid2}/status")
    assert st2["position"] == 1 and st2["waiting_in_queue"] == 1
    # Cancelling twice: nothing is pending any more.
    status, doc = s.json("POST", f"{BASE}/{cid}/escalation/cancel")
    assert_error(status, doc, 409)
    assert doc["error"]["details"]["state"] == "cancelled"

    # After a cancel a new escalation may begin.
    status, e3 = s.json("POST", f"{BASE}/{cid}/escalate", {})
    assert status == 201 and e3["id"] != e["id"]
    assert e3["reason"] == "customer_request" and e3["queue"]["id"] == "general-queue"


def test_priority_rules_and_critical_queue(open_server):
    s = open_server
    vip = open_conversation(s, tier="vip")
    status, e = s.json("POST", f"{BASE}/{vip}/escalate", {"reason": "customer_request"})
    assert status == 201 and e["priority"] == "high"  # VIP: at least high
    urgent = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{urgent}/escalate", {"reason": "urgent_matter"})
    assert e["priority"] == "critical" and e["queue"]["id"] == "priority-queue"
    assert "긴급 요청으로 우선 처리됩니다." in e["message"]


def test_callback_with_a_valid_and_an_invalid_number(open_server):
    s = open_server
    cid = open_conversation(s)
    s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "complaint"})
    for bad in ["12345", "010-1234-567a", "", "+1 555 123 4567"]:
        status, doc = s.json("POST", f"{BASE}/{cid}/callback", {"phone": bad})
        assert_error(status, doc, 400)
        assert doc["error"]["details"]["field"] == "phone"
    status, doc = s.json("POST", f"{BASE}/{cid}/callback", {})
    assert_error(status, doc, 400)
    status, st = s.json("GET", f"{BASE}/{cid}/status")
    assert st["state"] == "queued", "a refused callback changes nothing"

    status, cb = s.json("POST", f"{BASE}/{cid}/callback", {"phone": "+82 10 9876 5432"})
    assert status == 200, cb
    assert cb["state"] == "callback" and cb["callback_phone"] == "010-9876-5432"
    assert "010-9876-5432" in cb["message"]
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "bot"
    status, doc = s.json("POST", f"{BASE}/{cid}/escalation/cancel")
    assert_error(status, doc, 409)


def test_bad_requests(open_server):
    s = open_server
    cid = open_conversation(s)
    status, doc = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "weather"})
    assert_error(status, doc, 400)
    assert doc["error"]["details"]["field"] == "reason"
    status, doc = s.json("POST", f"{BASE}/{cid}/escalate", {"note": "가" * 501})
    assert_error(status, doc, 400)
    status, doc = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "complaint", "x": 1})
    assert_error(status, doc, 400)
    status, doc = s.json("GET", f"{BASE}/{cid}/status")
    assert_error(status, doc, 404)
    status, doc = s.json("POST", f"{BASE}/{cid}/escalation/cancel")
    assert_error(status, doc, 404)
    status, doc = s.json("POST", f"{BASE}/no-such-conversation/escalate", {})
    assert_error(status, doc, 404)
    # A closed conversation cannot be escalated.
    s.json("POST", f"{BASE}/{cid}/close", {})
    status, doc = s.json("POST", f"{BASE}/{cid}/escalate", {})
    assert_error(status, doc, 409)


def test_outside_business_hours_offers_a_callback(backend):
    s = start(backend, hours=NEVER_OPEN)
    try:
        cid = open_conversation(s)
        status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "complaint"})
        assert status == 201, e
        assert e["state"] == "callback_offered" and e["callback_offered"] is True
        assert e["position"] is None
        assert e["message"].startswith("현재 영업시간이 아닙니다. 영업시간은 평일 휴무, 주말 휴무")
        status, cb = s.json("POST", f"{BASE}/{cid}/callback", {"phone": "01012345678"})
        assert status == 200 and cb["callback_phone"] == "010-1234-5678"
    finally:
        stop(s)


def test_full_queue_offers_a_callback(backend):
    s = start(backend, hours=ALWAYS_OPEN, max_size=1)
    try:
        first = open_conversation(s)
        status, e = s.json("POST", f"{BASE}/{first}/escalate", {})
        assert e["state"] == "queued"
        second = open_conversation(s, language="en")
        status, e = s.json("POST", f"{BASE}/{second}/escalate", {})
        assert status == 201 and e["state"] == "callback_offered"
        assert e["message"].startswith("All our agents are busy right now.")
    finally:
        stop(s)


def test_openapi_documents_the_escalation_routes(open_server):
    status, doc = open_server.json("GET", "/openapi.json")
    paths = doc["paths"]
    for p in ["/api/v1/conversations/{id}/escalate", "/api/v1/conversations/{id}/status",
              "/api/v1/conversations/{id}/escalation/cancel",
              "/api/v1/conversations/{id}/callback"]:
        assert p in paths, p
    assert "Escalation" in doc["components"]["schemas"]


def test_the_bots_escalation_is_recorded(backend):
    bot = tempfile.mkdtemp(prefix="aicc-bot-")
    shutil.copytree(BOT_DIR, bot, dirs_exist_ok=True)
    with open(os.path.join(bot, "queues.json")) as f:
        doc = json.load(f)
    doc["hours"] = ALWAYS_OPEN
    with open(os.path.join(bot, "queues.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    s = make_server(backend, env={"AICC_BOT_DIR": bot}).start()
    s.queues_dir = bot
    try:
        cid = open_conversation(s)
        status, posted = s.json("POST", f"{BASE}/{cid}/messages",
                                {"text": "상담원 연결해 주세요", "client_msg_id": "m1"})
        assert status == 201, posted
        status, conv = s.json("GET", f"{BASE}/{cid}")
        assert conv["state"] == "queued", conv
        status, st = s.json("GET", f"{BASE}/{cid}/status")
        assert status == 200, st
        assert st["reason"] == conv["escalation"]["reason"]
        assert st["priority"] == conv["escalation"]["priority"]
        assert st["state"] == "queued" and st["position"] == 1
        assert st["reference"].startswith("ESC-")
        # The customer asking again gets the same one.
        status, again = s.json("POST", f"{BASE}/{cid}/escalate", {})
        assert status == 200 and again["id"] == st["id"]
    finally:
        stop(s)


def test_the_bot_hands_over_after_hours_with_a_callback_offer(backend):
    """Outside the queue's hours the bot's hand-over is followed by the callback offer, once."""
    bot = tempfile.mkdtemp(prefix="aicc-bot-")
    shutil.copytree(BOT_DIR, bot, dirs_exist_ok=True)
    with open(os.path.join(bot, "queues.json")) as f:
        doc = json.load(f)
    doc["hours"] = NEVER_OPEN
    with open(os.path.join(bot, "queues.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    s = make_server(backend, env={"AICC_BOT_DIR": bot}).start()
    s.queues_dir = bot
    try:
        cid = open_conversation(s)
        status, posted = s.json("POST", f"{BASE}/{cid}/messages",
                                {"text": "상담원 연결해 주세요", "client_msg_id": "m1"})
        assert status == 201, posted
        decisions = [r["decision"] for r in posted["replies"]]
        assert decisions[-1] == "callback_offer", posted["replies"]
        offer = posted["replies"][-1]
        assert "콜백" in offer["text"] and "ESC-" in offer["text"]
        status, st = s.json("GET", f"{BASE}/{cid}/status")
        assert st["state"] == "callback_offered" and st["reference"] in offer["text"]
        # A retried message does not offer twice.
        status, again = s.json("POST", f"{BASE}/{cid}/messages",
                               {"text": "상담원 연결해 주세요", "client_msg_id": "m1"})
        status, page = s.json("GET", f"{BASE}/{cid}/messages")
        assert [m["decision"] for m in page["messages"]].count("callback_offer") == 1
    finally:
        stop(s)
