"""Routing over the real binary, on both backends: a customer escalates, an agent created
through the admin API and logged in gets the offer in the inbox, accepts (the customer
can no longer cancel), writes a message the customer sees in the history, wraps up, and
the customer rates. An offer nobody accepts moves to the next agent."""
import shutil
import time

import pytest

from aicc_harness import assert_error
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, token_of
from test_escalation import ALWAYS_OPEN, BASE, open_conversation, queues_dir
from conftest import NO_BOT, make_server


def start(backend, **env):
    d = queues_dir(hours=ALWAYS_OPEN)
    s = make_server(backend, env={**NO_BOT, "AICC_BOT_DIR": d, **env})
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    s.queues_dir = d
    s.admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    return s


def stop(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)
    shutil.rmtree(s.queues_dir, ignore_errors=True)


def agent(s, username, skills=(), available=True):
    status, doc = s.json("POST", "/api/v1/agents",
                         {"username": username, "password": AGENT_PASSWORD,
                          "skills": [{"name": n, "level": 4} for n in skills],
                          "languages": ["ko", "en"]}, headers=s.admin)
    assert status == 201, doc
    h = bearer(token_of(s, username, AGENT_PASSWORD))
    if available:
        status, doc = s.json("PUT", "/api/v1/agent/state", {"state": "available"}, headers=h)
        assert status == 200, doc
    return h


def wait_for_offer(s, h, deadline_s=30):
    """Polls the inbox until an offer is there (routing runs every 250 ms)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        status, inbox = s.json("GET", "/api/v1/agent/inbox", headers=h)
        assert status == 200, inbox
        if inbox["offers"]:
            return inbox["offers"][0]
        time.sleep(0.1)
    raise AssertionError("no offer arrived")


@pytest.fixture
def routed(backend):
    s = start(backend)
    yield s
    stop(s)


def test_escalate_offer_accept_message_wrap_up_rate(routed):
    s = routed
    kim = agent(s, "kim", skills=["billing"])
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    assert status == 201 and e["available_agents"] == 1, e

    offer = wait_for_offer(s, kim)
    assert offer["id"] == e["id"] and offer["state"] == "offered"
    assert offer["reason"] == "payment_issue" and offer["queue_id"] == "payment-queue"
    status, st = s.json("GET", f"{BASE}/{cid}/status")
    assert st["state"] == "offered"

    # Rating before the agent has finished is refused.
    status, doc = s.json("POST", f"{BASE}/{cid}/csat", {"score": 5})
    assert_error(status, doc, 409)

    status, accepted = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept",
                              headers=kim)
    assert status == 200 and accepted["state"] == "assigned", accepted
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "assigned"
    status, doc = s.json("POST", f"{BASE}/{cid}/escalation/cancel")
    assert_error(status, doc, 409)
    assert doc["error"]["details"]["reason"] == "agent_working"
    status, inbox = s.json("GET", "/api/v1/agent/inbox", headers=kim)
    assert inbox["offers"] == [] and [w["id"] for w in inbox["conversations"]] == [e["id"]]

    status, sent = s.json("POST", f"/api/v1/agent/conversations/{cid}/messages",
                          {"text": "안녕하세요, 상담원 김입니다.", "client_msg_id": "a1"},
                          headers=kim)
    assert status == 201, sent
    status, again = s.json("POST", f"/api/v1/agent/conversations/{cid}/messages",
                           {"text": "안녕하세요, 상담원 김입니다.", "client_msg_id": "a1"},
                           headers=kim)
    assert status == 200 and again["duplicate"] is True
    status, page = s.json("GET", f"{BASE}/{cid}/messages")
    agent_msgs = [m for m in page["messages"] if m["sender"] == "agent"]
    assert [m["text"] for m in agent_msgs] == ["안녕하세요, 상담원 김입니다."]

    status, doc = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/wrap-up",
                         {"disposition": "Resolved!"}, headers=kim)
    assert_error(status, doc, 400)
    status, done = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/wrap-up",
                          {"disposition": "resolved", "notes": "이중 결제 환불 안내"}, headers=kim)
    assert status == 200 and done["state"] == "done", done
    assert done["disposition"] == "resolved" and done["wrap_up_notes"] == "이중 결제 환불 안내"
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "closed" and conv["close_reason"] == "agent"

    for bad in [0, 6]:
        status, doc = s.json("POST", f"{BASE}/{cid}/csat", {"score": bad})
        assert_error(status, doc, 400)
    status, rated = s.json("POST", f"{BASE}/{cid}/csat", {"score": 5})
    assert status == 200 and rated["csat"] == 5, rated
    status, doc = s.json("POST", f"{BASE}/{cid}/csat", {"score": 4})
    assert_error(status, doc, 409)
    status, st = s.json("GET", f"{BASE}/{cid}/status")
    assert st["state"] == "done" and st["csat"] == 5

    # The handle time is now measured for the queue.
    cid2 = open_conversation(s)
    status, e2 = s.json("POST", f"{BASE}/{cid2}/escalate", {"reason": "payment_issue"})
    assert status == 201
    assert e2["average_handle_seconds"] < 180, "measured from the first one, not the default"
    status, _, metrics_text = s.request("GET", "/metrics")
    text = metrics_text.decode() if isinstance(metrics_text, bytes) else metrics_text
    assert any(line.startswith("aicc_escalation_changes_total{") and 'state="done"' in line
               for line in text.splitlines()), text


def test_agent_endpoints_need_a_login_and_the_right_agent(routed):
    s = routed
    kim = agent(s, "kim")
    lee = agent(s, "lee", available=False)
    status, doc = s.json("GET", "/api/v1/agent/inbox")
    assert_error(status, doc, 401)
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {})
    wait_for_offer(s, kim)
    status, doc = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=lee)
    assert_error(status, doc, 404)
    status, doc = s.json("POST", f"/api/v1/agent/conversations/{cid}/messages",
                         {"text": "hi"}, headers=kim)
    assert_error(status, doc, 409)  # offered, not yet accepted
    # Declined: back to the queue, and not offered to kim again.
    status, d = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/decline", headers=kim)
    assert status == 200 and d["state"] == "queued", d
    status, doc = s.json("PUT", "/api/v1/agent/state", {"state": "available"}, headers=lee)
    assert status == 200
    offer = wait_for_offer(s, lee)
    assert offer["id"] == e["id"]
    status, inbox = s.json("GET", "/api/v1/agent/inbox", headers=kim)
    assert inbox["offers"] == []


def test_an_offer_not_accepted_in_time_moves_to_the_next_agent(backend):
    s = start(backend, AICC_ROUTING_OFFER_TIMEOUT_S="1")
    try:
        first = agent(s, "first")   # available first: idle the longest, offered first
        second = agent(s, "second")
        cid = open_conversation(s)
        status, e = s.json("POST", f"{BASE}/{cid}/escalate", {})
        offer = wait_for_offer(s, first)
        assert offer["id"] == e["id"]
        moved = wait_for_offer(s, second)
        assert moved["id"] == e["id"]
        status, inbox = s.json("GET", "/api/v1/agent/inbox", headers=first)
        assert inbox["offers"] == []
        status, doc = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=first)
        assert status in (404, 409), doc
    finally:
        stop(s)


def test_transfer_to_a_queue_and_to_an_agent_keeps_the_conversation(routed):
    s = routed
    kim = agent(s, "kim", skills=["billing"])
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    wait_for_offer(s, kim)
    s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=kim)
    s.json("POST", f"/api/v1/agent/conversations/{cid}/messages", {"text": "확인해 보겠습니다."},
           headers=kim)

    for body in [{}, {"queue": "no-such-queue"}, {"queue": "general-queue", "agent": "x"}]:
        status, doc = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/transfer", body,
                             headers=kim)
        assert_error(status, doc, 400)
    status, t = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/transfer",
                       {"queue": "tech-support-queue"}, headers=kim)
    assert status == 200 and t["state"] == "queued" and t["queue_id"] == "tech-support-queue", t
    assert t["reference"] == e["reference"] and t["reason"] == "payment_issue"
    status, conv = s.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "queued"
    status, st = s.json("GET", f"{BASE}/{cid}/status")
    assert st["position"] == 1 and st["queue"]["id"] == "tech-support-queue"

    # A technical agent takes it from the queue; then hands it straight to a colleague.
    park = agent(s, "park", skills=["technical"])
    wait_for_offer(s, park)
    status, a = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=park)
    assert status == 200, a
    choi = agent(s, "choi")  # no technical skill: routing would not offer it the queue
    status, me = s.json("GET", "/api/v1/auth/me", headers=choi)
    choi_id = me["user"]["id"] if "user" in me else me["id"]
    status, t = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/transfer",
                       {"agent": choi_id}, headers=park)
    assert status == 200 and t["state"] == "offered", t
    offer = wait_for_offer(s, choi)
    assert offer["id"] == e["id"]
    status, a = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=choi)
    assert status == 200 and a["state"] == "assigned"
    # The history travelled with it.
    status, page = s.json("GET", f"{BASE}/{cid}/messages")
    assert "확인해 보겠습니다." in [m["text"] for m in page["messages"]]
