"""Resuming the live streams after a reconnect (?last_event_id=), heartbeats and the
slow-consumer drop, over the real binary.

Customer stream: messages sent while the client was away come again from the store, in
order and without repeats; the other events come from the node's ring, or a
resync_required says they cannot. Agent stream: the missed events follow the snapshot
from the ring, or resync_required."""
import json
import shutil
import socket
import struct

import pytest

from aicc_harness import WebSocket, assert_error
from conftest import NO_BOT, make_server
from test_agent_routing import agent, start as start_routed, stop as stop_routed, wait_for_offer
from test_escalation import ALWAYS_OPEN, BASE, queues_dir

AGENT_STREAM = "/api/v1/agent/stream"


def post(s, cid, text):
    status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": text})
    assert status == 201, doc


def until(ws, kind):
    """Events up to and including the first of `kind`."""
    seen = []
    for _ in range(100):
        ev = ws.recv_json()
        assert ev is not None, f"the stream closed; saw {seen}"
        seen.append(ev)
        if ev["type"] == kind:
            return seen
    raise AssertionError(f"no {kind} in {seen}")


def texts(events):
    return [e["message"]["text"] for e in events if e["type"] == "message.created"]


@pytest.fixture
def open_server(backend):
    d = queues_dir(hours=ALWAYS_OPEN)
    s = make_server(backend, env={**NO_BOT, "AICC_BOT_DIR": d}).start()
    yield s
    assert s.stop() == 0, s.logs()[-3000:]
    shutil.rmtree(s.workdir, ignore_errors=True)
    shutil.rmtree(d, ignore_errors=True)


def test_customer_stream_resumes_without_loss_or_repeat(open_server):
    s = open_server
    cid = s.open_conversation()
    ws = WebSocket(s.port, f"{BASE}/{cid}/stream")
    snap = ws.recv_json()
    assert snap["type"] == "conversation.snapshot" and snap["event_id"]
    post(s, cid, "하나")
    post(s, cid, "둘")
    first = [ws.recv_json(), ws.recv_json()]
    assert texts(first) == ["하나", "둘"]
    assert len({e["event_id"] for e in [snap, *first]}) == 3
    last = first[-1]["event_id"]
    ws.close()

    # Away: three messages and an escalation (a transient event, from the ring).
    for t in ("셋", "넷", "다섯"):
        post(s, cid, t)
    status, esc = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "customer_request"})
    assert status == 201, esc

    again = WebSocket(s.port, f"{BASE}/{cid}/stream?last_event_id={last}")
    assert again.status == 101
    assert again.recv_json()["type"] == "conversation.snapshot"
    replay = until(again, "escalation.updated")
    assert texts(replay) == ["셋", "넷", "다섯"]
    assert [e["message"]["seq"] for e in replay if e["type"] == "message.created"] == [3, 4, 5]
    assert not [e for e in replay if e["type"] == "resync_required"]
    # Live again, after the replay; nothing repeated.
    post(s, cid, "여섯")
    rest = until(again, "message.created")
    assert texts(rest) == ["여섯"]
    again.send(json.dumps({"type": "ping"}))
    assert again.recv_json() == {"type": "pong"}, "nothing else was pending"
    again.close()


def test_customer_stream_gap_older_than_ring_or_from_another_node(backend):
    d = queues_dir(hours=ALWAYS_OPEN)
    s = make_server(backend, env={**NO_BOT, "AICC_BOT_DIR": d,
                                  "AICC_SERVER_STREAM_REPLAY_EVENTS": "2"}).start()
    try:
        cid = s.open_conversation()
        ws = WebSocket(s.port, f"{BASE}/{cid}/stream")
        ws.recv_json()
        post(s, cid, "처음")
        last = ws.recv_json()["event_id"]
        ws.close()
        for i in range(5):  # more events than the ring holds
            post(s, cid, f"메시지 {i}")
        again = WebSocket(s.port, f"{BASE}/{cid}/stream?last_event_id={last}")
        again.recv_json()
        events = until(again, "resync_required")
        assert texts(events) == [f"메시지 {i}" for i in range(5)]
        assert events[-1]["reason"] == "gap_older_than_ring"
        again.close()

        # An id of another node: messages after its seq from the store, then resync.
        node, number, seq = last.split(".")
        other = "0" * 8 if node != "0" * 8 else "1" * 8
        third = WebSocket(s.port, f"{BASE}/{cid}/stream?last_event_id={other}.{number}.{seq}")
        third.recv_json()
        events = until(third, "resync_required")
        assert texts(events) == [f"메시지 {i}" for i in range(5)]
        assert events[-1]["reason"] == "other_node"
        third.close()

        for bad in ("nonsense", f"{node}.{number}", f"{node}.x.1", "ABCDEFGH.1.1"):
            refused = WebSocket(s.port, f"{BASE}/{cid}/stream?last_event_id={bad}")
            assert refused.status == 400, bad
            refused.close()
            status, _, body = s.request("GET", f"{BASE}/{cid}/stream?last_event_id={bad}",
                                        headers={"Upgrade": "websocket",
                                                 "Connection": "Upgrade",
                                                 "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
                                                 "Sec-WebSocket-Version": "13"})
            doc = json.loads(body)
            assert_error(status, doc, 400, "invalid_request")
            assert doc["error"]["details"]["field"] == "last_event_id"
    finally:
        assert s.stop() == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)
        shutil.rmtree(d, ignore_errors=True)


def test_agent_stream_resumes_from_the_ring(backend):
    s = start_routed(backend)
    try:
        kim = agent(s, "kim", skills=["billing"], available=False)
        token = kim["Authorization"].split()[1]
        ws = WebSocket(s.port, f"{AGENT_STREAM}?access_token={token}")
        snap = ws.recv_json()
        assert snap["type"] == "inbox.snapshot"
        status, doc = s.json("PUT", "/api/v1/agent/state", {"state": "available"}, headers=kim)
        assert status == 200, doc
        last = until(ws, "agent.state")[-1]["event_id"]
        ws.close()

        # Away: an escalation is offered to kim.
        cid = s.open_conversation()
        status, esc = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
        assert status == 201, esc
        wait_for_offer(s, kim)

        again = WebSocket(s.port, f"{AGENT_STREAM}?access_token={token}&last_event_id={last}")
        snap = again.recv_json()
        assert snap["type"] == "inbox.snapshot" and snap["offers"][0]["id"] == esc["id"]
        # The escalation's changes while kim was away, in order, ending with the offer.
        replay = []
        while not replay or replay[-1]["escalation"]["state"] != "offered":
            replay += until(again, "escalation.updated")
        assert {e["escalation"]["id"] for e in replay if "escalation" in e} == {esc["id"]}
        assert not [e for e in replay if e["type"] == "resync_required"]
        again.close()

        # Another node's id: the snapshot, then resync_required.
        node, number = last.split(".")
        other = "0" * 8 if node != "0" * 8 else "1" * 8
        third = WebSocket(s.port, f"{AGENT_STREAM}?access_token={token}&last_event_id={other}.1")
        assert third.recv_json()["type"] == "inbox.snapshot"
        assert third.recv_json()["type"] == "resync_required"
        third.close()
    finally:
        stop_routed(s)


def read_frame(sock):
    """(opcode, payload) of the next frame, answering nothing."""
    def exact(n):
        buf = b""
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("closed")
            buf += chunk
        return buf
    b0, b1 = exact(2)
    length = b1 & 0x7F
    if length == 126:
        length = struct.unpack("!H", exact(2))[0]
    elif length == 127:
        length = struct.unpack("!Q", exact(8))[0]
    return b0 & 0x0F, exact(length)


def test_heartbeat_pings_and_drops_a_silent_client():
    s = make_server("sqlite", env={**NO_BOT, "AICC_SERVER_WS_IDLE_TIMEOUT_S": "2"}).start()
    try:
        cid = s.open_conversation()
        ws = WebSocket(s.port, f"{BASE}/{cid}/stream", timeout=60)
        assert ws.recv_json()["type"] == "conversation.snapshot"
        # This client never answers: the server pings it, then closes the connection.
        opcodes = []
        while True:
            try:
                opcode, _ = read_frame(ws.sock)
            except (ConnectionError, OSError):
                break
            opcodes.append(opcode)
            if opcode == 0x8:
                break
        assert 0x9 in opcodes, opcodes
        ws.close()

        # One that answers pings (the harness does) stays: a message gets through after
        # several idle timeouts' worth of pings.
        live = WebSocket(s.port, f"{BASE}/{cid}/stream", timeout=60)
        assert live.recv_json()["type"] == "conversation.snapshot"
        pings = 0
        while pings < 3:
            opcode, payload = read_frame(live.sock)
            if opcode == 0x9:
                pings += 1
                live._send(0xA, payload)
        post(s, cid, "아직 연결돼 있나요")
        assert until(live, "message.created")[-1]["message"]["text"] == "아직 연결돼 있나요"
        live.close()
    finally:
        assert s.stop() == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)


def test_slow_consumer_is_dropped():
    s = make_server("sqlite", env={**NO_BOT, "AICC_SERVER_WS_MAX_BACKLOG": "4",
                                   "AICC_SERVER_MESSAGES_PER_MINUTE": "0"}).start()
    try:
        cid = s.open_conversation()
        # A client that reads nothing, with a small receive buffer.
        ws = WebSocket.__new__(WebSocket)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.connect(("127.0.0.1", s.port))
        sock.settimeout(60)
        ws.sock, ws.buffer = sock, b""
        sock.sendall((f"GET {BASE}/{cid}/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        sent = 0
        while "websocket client too slow" not in s.logs():
            post(s, cid, "가" * 1000)
            sent += 1
            assert sent < 5000, "the server kept buffering for a client that reads nothing"
        # What the client gets is bounded: the frames in flight, then the end.
        received = 0
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(1)
        while True:
            try:
                opcode, _ = read_frame(sock)
            except (ConnectionError, OSError):
                break
            if opcode == 0x8:
                break
            received += 1
        assert received < sent, (received, sent)
        sock.close()
    finally:
        assert s.stop() == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)
