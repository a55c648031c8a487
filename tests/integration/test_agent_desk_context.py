"""What the agent desktop reads, over the real binary on both backends: the hand-over
context (transcript with the bot's intent, entities and sentiment per customer turn, the
escalation, the customer with VIP flag and earlier conversations, the extractive summary),
a customer's earlier conversations, and canned responses (seeded from bot/, managed by
admins with validation and audit, searched by agents). Only the agent the escalation is
offered or assigned to, or a supervisor or admin, may read it."""
import json
import os
import shutil

import pytest

from aicc_harness import assert_error
from conftest import NO_BOT, make_server
from test_agent_routing import wait_for_offer
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, token_of
from test_escalation import queues_dir

BASE = "/api/v1/conversations"
CANNED = "/api/v1/admin/canned-responses"
UNKNOWN = "00000000-0000-7000-8000-000000000000"


def start(backend):
    s = make_server(backend)  # the default bot, queues open around the clock
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    s.admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    return s


def stop(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)


@pytest.fixture
def desk(backend):
    s = start(backend)
    yield s
    stop(s)


def person(s, username, role="agent", available=False):
    status, doc = s.json("POST", "/api/v1/agents",
                         {"username": username, "password": AGENT_PASSWORD, "role": role,
                          "languages": ["ko", "en"],
                          "skills": [{"name": n, "level": 3}
                                     for n in ("complaint", "technical", "billing")]},
                         headers=s.admin)
    assert status == 201, doc
    h = bearer(token_of(s, username, AGENT_PASSWORD))
    if available:
        status, doc = s.json("PUT", "/api/v1/agent/state", {"state": "available"}, headers=h)
        assert status == 200, doc
    return h


def say(s, cid, text):
    status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": text})
    assert status == 201, doc
    return doc


def escalated(s, cid):
    """The conversation's escalation: the bot's hand-over, or the customer's own request."""
    status, doc = s.json("GET", f"{BASE}/{cid}/status")
    if status == 404:
        status, doc = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "customer_request"})
        assert status == 201, doc
    assert doc["state"] in ("queued", "offered"), doc
    return doc


def test_the_context_has_the_turns_nlu_the_customer_history_and_a_summary(desk):
    s = desk
    kim = person(s, "kim", available=True)
    lee = person(s, "lee")
    boss = person(s, "boss", role="supervisor")

    # An earlier, closed conversation of the same customer.
    status, first = s.json("POST", BASE, {"channel": "web", "language": "ko",
                                          "customer": {"name": "김고객", "phone": "010-1234-5678",
                                                       "email": "kim@example.com", "tier": "vip"}})
    assert status == 201, first
    customer = first["customer"]["id"]
    earlier = first["conversation"]["id"]
    say(s, earlier, "영업시간이 어떻게 되나요?")
    status, doc = s.json("POST", f"{BASE}/{earlier}/close", {})
    assert status == 200, doc

    status, doc = s.json("POST", BASE, {"channel": "web", "language": "ko",
                                        "customer_id": customer})
    assert status == 201, doc
    cid = doc["conversation"]["id"]
    problem = "지난주에 주문한 노트북 배송이 아직 안 왔어요. 정말 화가 나네요."
    say(s, cid, problem)
    say(s, cid, "상담원 연결해 주세요")
    esc = escalated(s, cid)

    offer = wait_for_offer(s, kim)
    assert offer["conversation_id"] == cid
    path = f"/api/v1/agent/escalations/{offer['id']}/context"

    # Who may read it: the agent it is offered to, supervisors; not another agent, nor
    # anonymous callers; an unknown id is 404.
    status, doc = s.json("GET", path, headers=lee)
    assert_error(status, doc, 403, "forbidden")
    assert doc["error"]["details"]["reason"] == "not_yours"
    status, doc = s.json("GET", path)
    assert_error(status, doc, 401)
    status, doc = s.json("GET", f"/api/v1/agent/escalations/{UNKNOWN}/context", headers=kim)
    assert_error(status, doc, 404, "not_found")
    status, doc = s.json("GET", path, headers=boss)
    assert status == 200, doc

    status, doc = s.json("POST", f"/api/v1/agent/escalations/{offer['id']}/accept", {},
                         headers=kim)
    assert status == 200, doc
    status, ctx = s.json("GET", path, headers=kim)
    assert status == 200, ctx

    e = ctx["escalation"]
    assert e["id"] == offer["id"] and e["state"] == "assigned"
    assert e["reference"] == esc["reference"] and e["reason"] == esc["reason"]
    assert e["priority"] == esc["priority"]
    assert ctx["conversation"]["id"] == cid

    c = ctx["customer"]
    assert c["id"] == customer and c["name"] == "김고객" and c["vip"] is True
    assert c["phone"] == "010-1234-5678" and c["email"] == "kim@example.com"
    assert c["conversation_count"] == 2 and c["earlier_conversation_count"] == 1
    assert [x["id"] for x in ctx["earlier_conversations"]] == [earlier]
    assert ctx["earlier_conversations"][0]["state"] == "closed"

    turns = [m for m in ctx["transcript"] if m["sender"] == "customer"]
    assert [m["text"] for m in turns] == [problem, "상담원 연결해 주세요"]
    for m in turns:
        assert m["intent"], m
        assert m["sentiment"] in ("negative", "neutral", "positive"), m
        assert isinstance(m["entities"], list)
        assert 0 <= m["confidence"] <= 1
    assert turns[0]["sentiment"] == "negative"
    assert any(m["sender"] == "bot" for m in ctx["transcript"])
    seqs = [m["seq"] for m in ctx["transcript"]]
    assert seqs == sorted(seqs)

    summary = ctx["summary"]
    assert 1 <= len(summary["sentences"]) <= 3
    assert summary["sentences"][0]["text"] == "지난주에 주문한 노트북 배송이 아직 안 왔어요."
    for sentence in summary["sentences"]:
        assert any(sentence["text"] in m["text"] for m in turns), sentence
    assert {i["intent"] for i in summary["intents"]} == {m["intent"] for m in turns}
    assert summary["sentiment"].get("negative", 0) >= 1
    assert summary["customer_turns"] == 2
    assert "payment-queue" in [q["id"] for q in ctx["queues"]]

    # The customer's conversations, and one earlier transcript.
    history = f"/api/v1/agent/customers/{customer}/conversations"
    status, doc = s.json("GET", history, headers=kim)
    assert status == 200, doc
    assert [x["id"] for x in doc["conversations"]] == [cid, earlier]
    assert doc["customer"]["vip"] is True
    status, doc = s.json("GET", f"{history}/{earlier}", headers=kim)
    assert status == 200, doc
    assert [m["text"] for m in doc["transcript"] if m["sender"] == "customer"] == [
        "영업시간이 어떻게 되나요?"]
    assert doc["escalation"] is None
    status, doc = s.json("GET", f"{history}/{UNKNOWN}", headers=kim)
    assert_error(status, doc, 404, "not_found")
    other = s.open_conversation(language="ko")
    status, doc = s.json("GET", f"{history}/{other}", headers=kim)
    assert_error(status, doc, 404, "not_found")
    status, doc = s.json("GET", history, headers=lee)
    assert_error(status, doc, 403, "forbidden")
    status, doc = s.json("GET", f"/api/v1/agent/customers/{UNKNOWN}/conversations", headers=kim)
    assert_error(status, doc, 404, "not_found")
    status, doc = s.json("GET", history, headers=boss)
    assert status == 200 and len(doc["conversations"]) == 2

    status, doc = s.json("POST", f"/api/v1/agent/escalations/{offer['id']}/wrap-up",
                         {"disposition": "resolved"}, headers=kim)
    assert status == 200, doc
    status, doc = s.json("GET", path, headers=kim)
    assert status == 200 and doc["escalation"]["state"] == "done", "the agent may look back"
    s.json("PUT", "/api/v1/agent/state", {"state": "offline"}, headers=kim)


def canned(s, body, headers=None):
    return s.json("POST", CANNED, body, headers=headers or s.admin)


def test_canned_responses_are_seeded_managed_audited_and_searched(desk):
    s = desk
    kim = person(s, "kim")

    # Seeded from bot/canned_responses.json at the first start.
    status, doc = s.json("GET", "/api/v1/agent/canned-responses?language=ko", headers=kim)
    assert status == 200, doc
    seeded = doc["canned_responses"]
    with open(f"{s.env['AICC_BOT_DIR']}/canned_responses.json") as f:
        shipped = json.load(f)["responses"]
    assert {c["id"] for c in seeded} == {c["id"] for c in shipped if c["language"] == "ko"}
    assert all(c["language"] == "ko" for c in seeded)

    status, made = canned(s, {"title": "배송 지연 안내", "text": "배송이 늦어져 죄송합니다.",
                              "language": "ko", "queue": "general-queue",
                              "shortcut": "/delay"})
    assert status == 201, made
    assert made["shortcut"] == "/delay" and made["queue"] == "general-queue"
    status, hdrs, _ = s.request("GET", f"{CANNED}/{made['id']}", headers=s.admin)
    assert status == 200

    # Bad input: one error shape, the field named.
    for body, field in [({"text": "x", "language": "ko"}, "title"),
                        ({"title": "t", "text": "x", "language": "fr"}, "language"),
                        ({"title": "t", "text": " ", "language": "ko"}, "text"),
                        ({"title": "t", "text": "x" * 1001, "language": "ko"}, "text"),
                        ({"title": "t", "text": "x", "language": "ko", "shortcut": "delay"},
                         "shortcut"),
                        ({"title": "t", "text": "x", "language": "ko", "queue": "nope"}, "queue"),
                        ({"title": "t", "text": "x", "language": "ko", "tone": "warm"}, "tone"),
                        ({"title": 5, "text": "x", "language": "ko"}, "title")]:
        status, doc = canned(s, body)
        assert_error(status, doc, 400, "invalid_request")
        assert doc["error"]["details"]["field"] == field, (body, doc)
    status, doc = canned(s, {"title": "t", "text": "x", "language": "ko", "shortcut": "/delay"})
    assert_error(status, doc, 409)
    assert doc["error"]["details"]["reason"] == "shortcut_taken"
    status, doc = canned(s, {"title": "t", "text": "x", "language": "en", "shortcut": "/delay"})
    assert status == 201, "another language may use the same shortcut"
    status, _, payload = s.request("POST", CANNED, raw_body=b"title=x", headers=s.admin)
    assert status == 415, payload
    status, doc = canned(s, {"title": "t", "text": "x", "language": "ko"}, headers=kim)
    assert_error(status, doc, 403, "forbidden")

    # Replace, delete; each change is in the audit log with before and after.
    status, saved = s.json("PUT", f"{CANNED}/{made['id']}",
                           {"title": "배송 지연 사과", "text": "배송이 늦어져 정말 죄송합니다.",
                            "language": "ko", "shortcut": "/delay"}, headers=s.admin)
    assert status == 200, saved
    assert saved["title"] == "배송 지연 사과" and saved["queue"] is None
    assert saved["created_at"] == made["created_at"]
    status, doc = s.json("PUT", f"{CANNED}/{UNKNOWN}",
                         {"title": "t", "text": "x", "language": "ko"}, headers=s.admin)
    assert_error(status, doc, 404, "not_found")
    status, doc = s.json("PUT", f"{CANNED}/{made['id']}", {"title": "t"}, headers=s.admin)
    assert_error(status, doc, 400, "invalid_request")

    # Agents search by text, title or shortcut, in one language, for a queue.
    status, doc = s.json("GET", "/api/v1/agent/canned-responses?language=ko&q=%EB%B0%B0%EC%86%A1",
                         headers=kim)  # q=배송
    assert status == 200
    assert [c["id"] for c in doc["canned_responses"]] == [made["id"]]
    status, doc = s.json("GET", "/api/v1/agent/canned-responses?language=en&q=REFUND",
                         headers=kim)
    assert [c["shortcut"] for c in doc["canned_responses"]] == ["/refund"]
    status, doc = s.json("GET", "/api/v1/agent/canned-responses?language=ko&queue=complaint-queue",
                         headers=kim)
    assert all(c["queue"] in (None, "complaint-queue") for c in doc["canned_responses"])
    assert "apology-ko" in [c["id"] for c in doc["canned_responses"]]
    assert "refund-ko" not in [c["id"] for c in doc["canned_responses"]]
    status, doc = s.json("GET", "/api/v1/agent/canned-responses?language=fr", headers=kim)
    assert_error(status, doc, 400, "invalid_request")

    status, _, _ = s.request("DELETE", f"{CANNED}/{made['id']}", headers=s.admin)
    assert status == 204
    status, doc = s.json("GET", f"{CANNED}/{made['id']}", headers=s.admin)
    assert_error(status, doc, 404, "not_found")
    status, _, _ = s.request("DELETE", f"{CANNED}/{made['id']}", headers=s.admin)
    assert status == 404

    status, doc = s.json("GET", f"/api/v1/admin/audit?resource_type=canned_response"
                                f"&resource_id={made['id']}", headers=s.admin)
    assert status == 200, doc
    actions = [e["action"] for e in doc["entries"]]
    assert actions == ["canned_response.delete", "canned_response.update",
                       "canned_response.create"], actions
    update = doc["entries"][1]
    assert update["before"]["title"] == "배송 지연 안내"
    assert update["after"]["title"] == "배송 지연 사과"

    # A deleted default stays deleted after a restart: seeding happens only once.
    status, _, _ = s.request("DELETE", f"{CANNED}/greeting-ko", headers=s.admin)
    assert status == 204
    rc = s.stop()
    assert rc == 0
    s.proc = None
    s.start()
    status, doc = s.json("GET", f"{CANNED}/greeting-ko", headers=s.admin)
    assert_error(status, doc, 404, "not_found")
    status, doc = s.json("GET", f"{CANNED}/wait-ko", headers=s.admin)
    assert status == 200, doc


def test_a_bad_canned_responses_file_stops_the_start_naming_the_file_and_entry():
    d = queues_dir()
    path = os.path.join(d, "canned_responses.json")
    with open(path, "w") as f:
        json.dump({"responses": [
            {"id": "a", "language": "ko", "title": "인사", "text": "안녕하세요", "shortcut": "/hi"},
            {"id": "b", "language": "ko", "title": "재인사", "text": "반갑습니다", "shortcut": "hi"},
        ]}, f, ensure_ascii=False)
    s = make_server("sqlite", env={**NO_BOT, "AICC_BOT_DIR": d})
    try:
        with pytest.raises(RuntimeError) as failed:
            s.start()
        message = str(failed.value)
        assert path in message and "responses[1]" in message and "shortcut" in message, message
    finally:
        if s.proc and s.proc.poll() is None:
            s.stop()  # it should not have started; do not leave it running
        shutil.rmtree(s.workdir, ignore_errors=True)
        shutil.rmtree(d, ignore_errors=True)
