"""The supervisor's live floor over the real binary, on both backends: queue sizes, oldest
wait and SLA targets, agents with state and load, the escalations in flight, changing an
agent's state (audited, pushed to the agent's stream) and offering an escalation to a
chosen agent; bad input and roles."""
import pytest

from aicc_harness import WebSocket, assert_error
from test_agent_routing import agent, start, stop
from test_auth import AGENT_PASSWORD, bearer, token_of
from test_escalation import BASE, open_conversation

SUP = "/api/v1/supervisor"


@pytest.fixture
def floor(backend):
    s = start(backend)
    status, doc = s.json("POST", "/api/v1/agents",
                         {"username": "boss", "password": AGENT_PASSWORD, "role": "supervisor"},
                         headers=s.admin)
    assert status == 201, doc
    s.sup = bearer(token_of(s, "boss", AGENT_PASSWORD))
    yield s
    stop(s)


def test_queues_agents_and_escalations_live(floor):
    s = floor
    lee = agent(s, "lee", skills=["billing"], available=False)  # routing offers nobody
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    assert status == 201, e
    status, doc = s.json("GET", f"{SUP}/queues", headers=s.sup)
    assert status == 200, doc
    q = next(q for q in doc["queues"] if q["id"] == e["queue"]["id"])
    assert q["waiting"] == 1 and q["in_progress"] == 0 and q["oldest_wait_seconds"] >= 0
    assert set(q["sla_seconds"]) == {"low", "medium", "high", "critical"}
    assert q["agents_available"] == 0 and q["sla_breached"] == 0
    status, doc = s.json("GET", f"{SUP}/escalations?state=queued", headers=s.sup)
    assert [x["id"] for x in doc["escalations"]] == [e["id"]]
    assert doc["escalations"][0]["sla_breached"] is False
    assert doc["escalations"][0]["sla_seconds"] > 0

    status, agents = s.json("GET", f"{SUP}/agents", headers=s.sup)
    lee_id = next(a["id"] for a in agents["agents"] if a["username"] == "lee")
    ws = WebSocket(s.port, f"/api/v1/agent/stream?access_token={lee['Authorization'].split()[1]}")
    assert ws.recv_json()["type"] == "inbox.snapshot"

    status, offered = s.json("POST", f"{SUP}/escalations/{e['id']}/offer", {"agent_id": lee_id},
                             headers=s.sup)
    assert status == 200 and offered["state"] == "offered" and offered["agent_id"] == lee_id
    ev = ws.recv_json()
    assert ev["type"] == "escalation.updated" and ev["escalation"]["id"] == e["id"]
    status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=lee)
    assert status == 200
    status, agents = s.json("GET", f"{SUP}/agents", headers=s.sup)
    assert next(a for a in agents["agents"] if a["id"] == lee_id)["load"] == 1
    status, doc = s.json("GET", f"{SUP}/queues", headers=s.sup)
    q = next(q for q in doc["queues"] if q["id"] == e["queue"]["id"])
    assert q["waiting"] == 0 and q["in_progress"] == 1

    status, changed = s.json("PUT", f"{SUP}/agents/{lee_id}/state",
                             {"state": "break", "reason": "코칭"}, headers=s.sup)
    assert status == 200 and changed["state"]["state"] == "break", changed
    for _ in range(10):
        ev = ws.recv_json()
        if ev["type"] == "agent.state":
            break
    assert ev["type"] == "agent.state" and ev["agent"]["state"]["reason"] == "코칭"
    ws.close()
    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=agent", headers=s.admin)
    assert audit["entries"][0]["action"] == "agent.state"
    assert audit["entries"][0]["actor"]["username"] == "boss"

    # Offering what is no longer waiting is a conflict.
    status, doc = s.json("POST", f"{SUP}/escalations/{e['id']}/offer", {"agent_id": lee_id},
                         headers=s.sup)
    assert_error(status, doc, 409)


def test_bad_input_and_roles(floor):
    s = floor
    lee = agent(s, "lee", available=False)
    for path, body, code in [
        (f"{SUP}/agents/nope/state", {"state": "break"}, 404),
        (f"{SUP}/escalations/nope/offer", {"agent_id": "nope"}, 404),
    ]:
        status, doc = s.json("PUT" if path.endswith("state") else "POST", path, body,
                             headers=s.sup)
        assert_error(status, doc, code)
    status, agents = s.json("GET", f"{SUP}/agents", headers=s.sup)
    lee_id = agents["agents"][0]["id"] if agents["agents"][0]["username"] == "lee" else \
        next(a["id"] for a in agents["agents"] if a["username"] == "lee")
    status, doc = s.json("PUT", f"{SUP}/agents/{lee_id}/state", {"state": "napping"},
                         headers=s.sup)
    assert_error(status, doc, 400)
    status, doc = s.json("PUT", f"{SUP}/agents/{lee_id}/state", {"state": "busy"}, headers=s.sup)
    assert status in (400, 422), doc
    status, doc = s.json("GET", f"{SUP}/escalations?state=lost", headers=s.sup)
    assert_error(status, doc, 400)
    status, doc = s.json("GET", f"{SUP}/queues", headers=lee)
    assert_error(status, doc, 403)
    status, doc = s.json("GET", f"{SUP}/queues")
    assert_error(status, doc, 401)
