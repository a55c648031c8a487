"""The agent's WebSocket over the real binary, on both backends: the inbox snapshot, an
offer pushed the moment routing makes it, acceptance, the customer's messages of the
agent's conversation, the agent's own state changes, nothing of other agents' work, the
snapshot again after a reconnect, and refusal without a valid token."""
import pytest

from aicc_harness import WebSocket
from test_agent_routing import agent, start, stop, wait_for_offer
from test_escalation import BASE, open_conversation

STREAM = "/api/v1/agent/stream"


def token_of_header(h):
    return h["Authorization"].split()[1]


def next_of(ws, kind, **match):
    """The next event of `kind` whose fields match, skipping others (bounded)."""
    for _ in range(50):
        ev = ws.recv_json()
        assert ev is not None, "the stream closed"
        if ev["type"] != kind:
            continue
        body = ev.get("escalation") or ev.get("message") or ev.get("agent") or {}
        if all(body.get(k) == v for k, v in match.items()):
            return ev
    raise AssertionError(f"no {kind} {match}")


@pytest.fixture
def routed(backend):
    s = start(backend)
    yield s
    stop(s)


def test_offer_accept_messages_and_state_arrive_live(routed):
    s = routed
    kim = agent(s, "kim", skills=["billing"])
    lee = agent(s, "lee", skills=["billing"], available=False)
    ws = WebSocket(s.port, f"{STREAM}?access_token={token_of_header(kim)}")
    assert ws.status == 101
    snap = ws.recv_json()
    assert snap["type"] == "inbox.snapshot" and snap["offers"] == [] and snap["conversations"] == []
    other = WebSocket(s.port, STREAM + f"?access_token={token_of_header(lee)}")
    assert other.recv_json()["type"] == "inbox.snapshot"

    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    assert status == 201, e
    offered = next_of(ws, "escalation.updated", id=e["id"], state="offered")
    assert offered["escalation"]["conversation_id"] == cid
    status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=kim)
    assert status == 200
    next_of(ws, "escalation.updated", id=e["id"], state="assigned")

    status, _ = s.json("POST", f"{BASE}/{cid}/messages", {"text": "결제가 두 번 됐어요"})
    assert status == 201
    msg = next_of(ws, "message.created", sender="customer")
    assert msg["message"]["text"] == "결제가 두 번 됐어요"

    status, _ = s.json("PUT", "/api/v1/agent/state", {"state": "break", "reason": "coffee"},
                       headers=kim)
    assert status == 200
    st = next_of(ws, "agent.state")
    assert st["agent"]["state"]["state"] == "break"

    # Reconnect: the snapshot has the conversation; lee saw none of kim's work.
    ws.close()
    again = WebSocket(s.port, f"{STREAM}?access_token={token_of_header(kim)}")
    snap = again.recv_json()
    assert [c["id"] for c in snap["conversations"]] == [e["id"]]
    again.send('{"type":"ping"}')
    assert again.recv_json() == {"type": "pong"}
    other.send('{"type":"ping"}')
    assert other.recv_json() == {"type": "pong"}, "nothing of kim's work reached lee first"
    again.close()
    other.close()


def test_an_offer_that_moves_on_is_withdrawn_from_the_first_agent(routed):
    s = routed
    kim = agent(s, "kim", skills=["billing"])
    ws = WebSocket(s.port, f"{STREAM}?access_token={token_of_header(kim)}")
    ws.recv_json()
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    next_of(ws, "escalation.updated", id=e["id"], state="offered")
    status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/decline", headers=kim)
    assert status == 200
    moved = next_of(ws, "escalation.updated", id=e["id"], state="queued")
    # kim is told no more about it: the next frame is the answer to a ping.
    ws.send('{"type":"ping"}')
    assert ws.recv_json() == {"type": "pong"}
    ws.close()


def test_anything_but_a_ping_is_answered_with_unsupported_message(routed):
    s = routed
    kim = agent(s, "kim", skills=["billing"])
    ws = WebSocket(s.port, f"{STREAM}?access_token={token_of_header(kim)}")
    assert ws.recv_json()["type"] == "inbox.snapshot"
    for text in ['{"type":"accept"}', "not json"]:
        ws.send(text)
        assert ws.recv_json() == {"type": "error", "error": {
            "code": "unsupported_message",
            "message": 'act with the agent API; the stream accepts {"type":"ping"}'}}
    ws.send('{"type":"ping"}')
    assert ws.recv_json() == {"type": "pong"}
    ws.close()


def test_refused_without_a_valid_token(routed):
    s = routed
    assert WebSocket(s.port, STREAM).status == 401
    assert WebSocket(s.port, STREAM + "?access_token=" + "0" * 64).status == 401
