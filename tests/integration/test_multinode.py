"""Two real `aicc serve` nodes sharing one PostgreSQL database (the server scripts/test
starts). Agents log in over WebSocket on both nodes; hundreds of conversations are
escalated concurrently across both. Checked: no escalation is offered to two agents or
accepted twice, no agent is ever over capacity (sampled in the database while it runs,
and at the end), every offer reaches the offered agent's stream whichever node it is
connected to, and a customer whose stream is on one node receives the agent's message
sent through the other."""
import os
import queue
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from aicc_harness import PG_URL, Server, WebSocket, new_pg_database
from conftest import NO_BOT
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, token_of
from test_escalation import ALWAYS_OPEN, BASE, queues_dir
from test_faults import wait_for

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs the test PostgreSQL (scripts/test)")

AGENTS = 8
CAPACITY = 3
CONVERSATIONS = 240
WATCHED = 40  # conversations whose customer keeps a stream open
REASONS = ["payment_issue", "technical_support", "complaint", "customer_request"]
# Long enough that no offer times out during the test: every escalation is offered once.
NODE_ENV = {**NO_BOT, "AICC_ROUTING_OFFER_TIMEOUT_S": "600"}


def psql(url, sql):
    done = subprocess.run(["psql", url, "-XAtq", "-c", sql], capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    return done.stdout


class AgentClient:
    """An agent whose stream is on `stream_node`; a worker thread accepts each offer, writes
    to the customer and wraps up, through the node the customer is not on."""

    def __init__(self, name, headers, stream_node, nodes, origin_of, record):
        self.name, self.headers, self.nodes = name, headers, nodes
        self.origin_of, self.record = origin_of, record
        self.ws = WebSocket(stream_node.port,
                            "/api/v1/agent/stream?access_token=" + headers["Authorization"][7:],
                            timeout=300)
        assert self.ws.status == 101
        first = self.ws.recv_json()
        assert first["type"] == "inbox.snapshot", first
        self.id = None
        self.work = queue.Queue()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.worker = threading.Thread(target=self.act, daemon=True)

    def start(self, user_id):
        self.id = user_id
        self.reader.start()
        self.worker.start()

    def read(self):
        while True:
            try:
                ev = self.ws.recv_json()
            except OSError:
                return
            if ev is None:
                return
            esc = ev.get("escalation") or {}
            if ev.get("type") == "escalation.updated" and esc.get("state") == "offered" \
                    and esc.get("agent_id") == self.id:
                self.record("offer", esc["id"], self.name)
                self.work.put(esc)

    def act(self):
        while True:
            esc = self.work.get()
            if esc is None:
                return
            origin = self.origin_of[esc["conversation_id"]]
            other = self.nodes[1 - origin]
            status, doc = other.json("POST", f"/api/v1/agent/escalations/{esc['id']}/accept",
                                     headers=self.headers)
            self.record("accept" if status == 200 else "accept_refused", esc["id"], self.name)
            if status != 200:
                continue
            status, doc = other.json(
                "POST", f"/api/v1/agent/conversations/{esc['conversation_id']}/messages",
                {"text": f"{self.name} here for {esc['reference']}"}, headers=self.headers)
            assert status == 201, doc
            status, doc = other.json("POST", f"/api/v1/agent/escalations/{esc['id']}/wrap-up",
                                     {"disposition": "resolved", "notes": ""},
                                     headers=self.headers)
            assert status == 200, doc

    def close(self):
        self.work.put(None)
        self.ws.close()


class CustomerWatch:
    """A customer's stream on the node where the conversation was opened."""

    def __init__(self, node, cid):
        self.cid = cid
        self.ws = WebSocket(node.port, f"{BASE}/{cid}/stream", timeout=300)
        assert self.ws.status == 101
        self.agent_messages = []
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        while True:
            try:
                ev = self.ws.recv_json()
            except OSError:
                return
            if ev is None:
                return
            if ev.get("type") == "message.created" and ev["message"]["sender"] == "agent":
                self.agent_messages.append(ev["message"]["text"])


@pytest.fixture
def two_nodes():
    url = new_pg_database()
    qdir = queues_dir(hours=ALWAYS_OPEN, max_size=1000)
    env = {**NODE_ENV, "AICC_BOT_DIR": qdir}
    a = Server(store_url=url, env=env)
    done = aicc_user(a, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    b = Server(store_url=url, env=env)
    # Started together: the migration runs once under its advisory lock.
    starters = [threading.Thread(target=n.start) for n in (a, b)]
    for t in starters:
        t.start()
    for t in starters:
        t.join()
    yield url, [a, b]
    for n in (a, b):
        rc = n.stop()
        assert rc == 0, f"aicc exited with {rc}; log tail:\n{n.logs()[-3000:]}"
        shutil.rmtree(n.workdir, ignore_errors=True)
    shutil.rmtree(qdir, ignore_errors=True)


def test_two_nodes_share_routing_and_streams(two_nodes):
    url, nodes = two_nodes
    for n in nodes:
        assert "node relay listening" in n.logs()
    admin = bearer(token_of(nodes[0], "admin", ADMIN_PASSWORD))

    lock = threading.Lock()
    events = {"offer": {}, "accept": {}, "accept_refused": {}}

    def record(kind, eid, name):
        with lock:
            events[kind].setdefault(eid, []).append(name)

    origin_of = {}
    agents = []
    for i in range(AGENTS):
        name = f"agent{i}"
        status, doc = nodes[i % 2].json(
            "POST", "/api/v1/agents",
            {"username": name, "password": AGENT_PASSWORD, "capacity": {"chat": CAPACITY},
             "skills": [{"name": s, "level": 4} for s in ("billing", "technical", "complaint")],
             "languages": ["ko", "en"]}, headers=admin)
        assert status == 201, doc
        user_id = doc["id"]
        h = bearer(token_of(nodes[i % 2], name, AGENT_PASSWORD))
        client = AgentClient(name, h, nodes[i % 2], nodes, origin_of, record)
        client.start(user_id)
        agents.append(client)
    by_name = {c.name: c for c in agents}

    # Conversations opened on both nodes; some customers watch their stream.
    cids = []
    for i in range(CONVERSATIONS):
        node = i % 2
        status, doc = nodes[node].json("POST", BASE, {"channel": "web", "language": "ko"})
        assert status == 201, doc
        cid = doc["conversation"]["id"]
        origin_of[cid] = node
        cids.append(cid)
    watches = [CustomerWatch(nodes[origin_of[cid]], cid) for cid in cids[:WATCHED]]

    # Agents become available now, on alternating nodes.
    for i, c in enumerate(agents):
        status, doc = nodes[(i + 1) % 2].json("PUT", "/api/v1/agent/state",
                                              {"state": "available"}, headers=c.headers)
        assert status == 200, doc

    # Capacity is sampled in the database while everything runs.
    over = []
    max_load = [0]
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            out = psql(url, "SELECT agent_id, count(*) FROM escalations WHERE state IN "
                            "('offered','assigned','wrap_up') AND agent_id IS NOT NULL "
                            "GROUP BY agent_id")
            for line in out.split():
                agent_id, count = line.split("|")
                max_load[0] = max(max_load[0], int(count))
                if int(count) > CAPACITY:
                    over.append((agent_id, int(count)))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    def escalate(i):
        cid = cids[i]
        status, doc = nodes[origin_of[cid]].json("POST", f"{BASE}/{cid}/escalate",
                                                 {"reason": REASONS[i % len(REASONS)]})
        assert status == 201, doc
        return doc["id"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        esc_ids = list(pool.map(escalate, range(CONVERSATIONS)))

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        done = int(psql(url, "SELECT count(*) FROM escalations WHERE state = 'done'"))
        if done == CONVERSATIONS:
            break
        time.sleep(0.2)
    sampling.set()
    sampler.join()
    states = psql(url, "SELECT state, count(*) FROM escalations GROUP BY state")
    assert done == CONVERSATIONS, f"escalations by state: {states}"

    # Never over capacity, and the agents were kept busy (the sample means something).
    assert not over, over[:10]
    assert max_load[0] >= 1
    # Every escalation offered to one agent, once, and accepted once; no refusals.
    assert set(events["offer"]) == set(esc_ids)
    twice = {e: who for e, who in events["offer"].items() if len(who) != 1}
    assert not twice, list(twice.items())[:10]
    assert not events["accept_refused"], events["accept_refused"]
    assert all(len(events["accept"].get(e, [])) == 1 for e in esc_ids)
    # The store agrees: each done escalation's agent is the one whose stream got the offer.
    rows = psql(url, "SELECT e.id, u.username FROM escalations e JOIN users u ON "
                     "u.id = e.agent_id")
    agent_of = dict(line.split("|") for line in rows.split())
    assert {e: events["offer"][e][0] for e in esc_ids} == {e: agent_of[e] for e in esc_ids}
    # Each conversation got exactly one agent message.
    counts = psql(url, "SELECT count(*) FROM messages WHERE sender = 'agent' GROUP BY "
                       "conversation_id")
    assert sorted(int(c) for c in counts.split()) == [1] * CONVERSATIONS
    # Both nodes' streams took part: agents on both got offers, both relays carried events.
    assert {by_name[who[0]].ws for who in events["offer"].values()} == {c.ws for c in agents}

    # Customers on the conversation's node saw the agent's message sent via the other node.
    end = time.monotonic() + 30
    while time.monotonic() < end and not all(w.agent_messages for w in watches):
        time.sleep(0.1)
    missing = [w.cid for w in watches if len(w.agent_messages) != 1]
    assert not missing, missing
    for w in watches:
        w.ws.close()
    for c in agents:
        c.close()
    metrics = [n.request("GET", "/metrics")[2].decode() for n in nodes]
    for m in metrics:
        line = next(l for l in m.splitlines() if l.startswith("aicc_node_relay_received_total"))
        assert float(line.split()[-1]) > 0


def test_queue_changes_on_one_node_are_in_force_on_every_node():
    """An admin changes queues and holidays through node A; node B escalates into the new
    queue once the relay told it (B reads nothing but its own configuration in force), and
    a node started afterwards reads the newest version from the store."""
    url = new_pg_database()
    env = {**NO_BOT, "AICC_BOT_DIR": queues_dir(hours=ALWAYS_OPEN)}
    a = Server(store_url=url, env=env)
    done = aicc_user(a, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    b = Server(store_url=url, env=env)
    nodes = [a.start(), b.start()]
    try:
        admin_a = bearer(token_of(a, "admin", ADMIN_PASSWORD))
        admin_b = bearer(token_of(b, "admin", ADMIN_PASSWORD))
        status, doc = b.json("GET", "/api/v1/admin/queues", headers=admin_b)
        assert status == 200 and doc["version"] == 1, "seeded once for both nodes"
        status, _ = a.json("PUT", "/api/v1/admin/queues/payment-queue",
                           {"skills": ["billing"]}, headers=admin_a)
        assert status == 200
        status, doc = a.json("POST", "/api/v1/admin/queues",
                             {"id": "refunds", "reasons": ["payment_issue"]}, headers=admin_a)
        assert status == 201, doc
        wait_for(lambda: b.json("GET", "/api/v1/admin/queues",
                                headers=admin_b)[1]["version"] == 3,
                 "node B to take version 3")
        status, opened = b.json("POST", BASE, {"channel": "web"})
        cid = opened["conversation"]["id"]
        status, e = b.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
        assert status == 201 and e["queue"]["id"] == "refunds", e

        c = Server(store_url=url, env=env)
        nodes.append(c.start())
        admin_c = bearer(token_of(c, "admin", ADMIN_PASSWORD))
        status, doc = c.json("GET", "/api/v1/admin/queues/refunds", headers=admin_c)
        assert status == 200 and doc["reasons"] == ["payment_issue"], doc
    finally:
        for n in nodes:
            assert n.stop() == 0, n.logs()[-3000:]
            shutil.rmtree(n.workdir, ignore_errors=True)
