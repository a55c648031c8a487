"""The agent's state follows their work, over the real binary on both backends: busy when
their chats fill their capacity, after_call_work while a chat is in wrap-up (POST …/end,
then …/wrap-up), available again when a chat ends; states the agent chose (a break) are
left alone. The agent's stream is told each change."""
import pytest

from aicc_harness import WebSocket, assert_error
from test_agent_routing import start, stop, wait_for_offer
from test_auth import AGENT_PASSWORD, bearer, token_of
from test_escalation import BASE, open_conversation

AGENT = "/api/v1/agent"


@pytest.fixture
def routed(backend):
    s = start(backend)
    yield s
    stop(s)


def new_agent(s, name, chat):
    status, doc = s.json("POST", "/api/v1/agents",
                         {"username": name, "password": AGENT_PASSWORD,
                          "capacity": {"chat": chat},
                          "skills": [{"name": "billing", "level": 4}],
                          "languages": ["ko", "en"]}, headers=s.admin)
    assert status == 201, doc
    h = bearer(token_of(s, name, AGENT_PASSWORD))
    status, doc = s.json("PUT", f"{AGENT}/state", {"state": "available"}, headers=h)
    assert status == 200, doc
    return h


def state_of(s, h):
    status, me = s.json("GET", f"{AGENT}/me", headers=h)
    assert status == 200, me
    return me["state"]["state"], me["state"]["reason"] or ""


def escalate_and_accept(s, h):
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    assert status == 201, e
    offer = wait_for_offer(s, h)
    assert offer["id"] == e["id"]
    status, doc = s.json("POST", f"{AGENT}/escalations/{e['id']}/accept", headers=h)
    assert status == 200, doc
    return cid, e["id"]


def next_state(ws):
    for _ in range(50):
        ev = ws.recv_json()
        assert ev is not None
        if ev["type"] == "agent.state":
            return ev["agent"]["state"]["state"], ev["agent"]["state"]["reason"] or ""
    raise AssertionError("no agent.state")


def test_busy_at_capacity_after_call_work_in_wrap_up(routed):
    s = routed
    kim = new_agent(s, "kim", chat=2)
    ws = WebSocket(s.port, f"{AGENT}/stream?access_token={kim['Authorization'][7:]}")
    assert ws.recv_json()["type"] == "inbox.snapshot"

    c1, e1 = escalate_and_accept(s, kim)
    assert state_of(s, kim) == ("available", "")
    c2, e2 = escalate_and_accept(s, kim)
    assert state_of(s, kim) == ("busy", "at capacity")
    assert next_state(ws) == ("busy", "at capacity")

    # Ending a chat: the conversation closes, the escalation is in wrap-up, the agent in
    # after-call work (no new offers meanwhile: routing offers to available agents only).
    status, doc = s.json("POST", f"{AGENT}/escalations/{e1}/end", headers=kim)
    assert status == 200 and doc["state"] == "wrap_up", doc
    status, conv = s.json("GET", f"{BASE}/{c1}")
    assert conv["state"] == "closed" and conv["close_reason"] == "agent"
    assert state_of(s, kim) == ("after_call_work", "wrap-up")
    assert next_state(ws) == ("after_call_work", "wrap-up")
    status, doc = s.json("POST", f"{AGENT}/escalations/{e1}/end", headers=kim)
    assert_error(status, doc, 409)
    # Not rated yet while the agent wraps up; then done, and the agent is available.
    status, doc = s.json("POST", f"{AGENT}/escalations/{e1}/wrap-up",
                         {"disposition": "resolved", "notes": "환불 안내"}, headers=kim)
    assert status == 200 and doc["state"] == "done", doc
    assert state_of(s, kim) == ("available", "")
    assert next_state(ws) == ("available", "")
    status, doc = s.json("POST", f"{BASE}/{c1}/csat", {"score": 5})
    assert status == 200, doc

    # A break the agent chose is not undone by routing.
    status, doc = s.json("PUT", f"{AGENT}/state", {"state": "break", "reason": "lunch"},
                         headers=kim)
    assert status == 200, doc
    status, doc = s.json("POST", f"{AGENT}/escalations/{e2}/wrap-up",
                         {"disposition": "resolved", "notes": ""}, headers=kim)
    assert status == 200 and doc["state"] == "done", doc
    assert state_of(s, kim) == ("break", "lunch")
    ws.close()
