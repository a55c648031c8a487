"""Bad input at volume (issue 9): malformed HTTP, invalid UTF-8, giant headers and bodies,
slowloris clients and WebSocket floods. Whatever they send, the server answers them with a
4xx (or closes them), never a 5xx, stays up, keeps serving everybody else, and exits
cleanly afterwards (the ASan build turns any memory error into a non-zero exit)."""
import json
import random
import shutil
import socket
import struct
import threading
import time

import pytest

from aicc_harness import Server, WebSocket, assert_error
from conftest import NO_BOT

BASE = "/api/v1/conversations"


@pytest.fixture
def hostile_server():
    s = Server(env={**NO_BOT, "AICC_SERVER_HEADER_TIMEOUT_S": "2",
                    "AICC_SERVER_BODY_TIMEOUT_S": "2"}).start()
    yield s
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)


def exchange(port, data, timeout=10):
    """Sends raw bytes, half-closes, and returns everything the server sends back."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may refuse and close before it has read everything
        out = b""
        try:
            while chunk := sock.recv(65536):
                out += chunk
        except ConnectionResetError:
            pass
        return out


def still_serving(s):
    """A normal customer can still open a conversation and post a message."""
    assert s.request("GET", "/healthz")[0] == 200
    cid = s.open_conversation()
    status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": "아직 괜찮나요?"})
    assert status == 201, doc
    return cid


def status_lines(reply):
    return [line for line in reply.split(b"\r\n") if line.startswith(b"HTTP/1.1 ")]


MALFORMED = [
    b"GARBAGE\x01 / HTTP/9.9\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost a\r\n\r\n",                       # header without a colon
    b"GET / HTTP/1.1\r\nHost: a\r\nX: \x00\x01\x02\r\n\r\n",    # control bytes in a value
    b"GET /\xff\xfe HTTP/1.1\r\nHost: a\r\n\r\n",              # raw non-UTF-8 in the target
    b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
    b"Content-Length: 7\r\n\r\n{}{}{}{",                       # conflicting lengths
    b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
    b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"zz\r\n{}\r\n0\r\n\r\n",                                  # a bad chunk size
    b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n",
    b"G" * 9000 + b" / HTTP/1.1\r\n\r\n",                      # a method the size of a page
    b"\r\n\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64),  # a TLS hello on plain HTTP
]


def test_malformed_requests_at_volume_get_4xx_and_others_are_served(hostile_server):
    s = hostile_server
    rng = random.Random(9)
    inputs = MALFORMED * 10 + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 600)))
                               for _ in range(180)]
    replies = []
    lock = threading.Lock()

    def worker(chunk):
        for data in chunk:
            reply = exchange(s.port, data)
            with lock:
                replies.append((data, reply))

    threads = [threading.Thread(target=worker, args=(inputs[i::6],)) for i in range(6)]
    for t in threads:
        t.start()
    # Served while the garbage arrives.
    still_serving(s)
    for t in threads:
        t.join()
    assert len(replies) == len(inputs)
    answered = 0
    for data, reply in replies:
        for line in status_lines(reply):
            code = int(line.split(b" ")[1])
            assert 400 <= code < 500, (data[:80], reply[:200])
            answered += 1
    # Most garbage is answered (with the error shape), not just dropped.
    assert answered >= len(MALFORMED) * 10 // 2, answered
    first = next(r for d, r in replies if d == MALFORMED[0])
    assert first.startswith(b"HTTP/1.1 400") and b'"malformed_request"' in first
    still_serving(s)


def test_invalid_utf8_anywhere_is_refused_with_the_error_shape(hostile_server):
    s = hostile_server
    cid = s.open_conversation()
    # In a JSON string: the body is not valid UTF-8.
    raw = b'{"text": "\xed\xa0\x80 \xc3\x28 \xff"}'
    status, _, body = s.request("POST", f"{BASE}/{cid}/messages", raw_body=raw,
                                headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400)
    # As a JSON escape of a lone surrogate.
    status, doc = s.json("POST", f"{BASE}/{cid}/messages", raw_body=b'{"text": "\\ud800"}',
                         headers={"Content-Type": "application/json"})
    assert_error(status, doc, 400)
    # Percent-encoded in the path and in a query parameter.
    status, doc = s.json("GET", f"{BASE}/%FF%FE")
    assert 400 <= status < 500 and "error" in doc
    status, doc = s.json("GET", f"{BASE}/{cid}/messages?limit=%FF")
    assert_error(status, doc, 400)
    # In a header the server reads: a request id that is not text gets replaced.
    reply = exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n"
                     b"X-Request-Id: \xff\xfe\xfd\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 200"), reply[:200]
    echoed = [line for line in reply.split(b"\r\n") if line.lower().startswith(b"x-request-id:")]
    assert len(echoed) == 1 and b"\xff" not in echoed[0], echoed
    # Nothing was stored by any of it.
    _, page = s.json("GET", f"{BASE}/{cid}/messages")
    assert page["messages"] == []
    still_serving(s)


def test_giant_headers_and_bodies_are_refused(hostile_server):
    s = hostile_server
    reply = exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: " + b"a" * 20000 +
                     b"\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 431"), reply[:200]
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(3000))
    reply = exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: a\r\n" + many + b"\r\n")
    assert reply.startswith(b"HTTP/1.1 431"), reply[:200]
    # A declared body over the limit is refused before it is read.
    reply = exchange(s.port, b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{")
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    # A chunked body that grows past it is cut off too.
    chunk = b"%x\r\n%s\r\n" % (65536, b"a" * 65536)
    with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/conversations HTTP/1.1\r\nHost: a\r\n"
                     b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        try:
            for _ in range(40):  # 2.5 MiB
                sock.sendall(chunk)
        except OSError:
            pass  # refused and closed mid-way
        reply = b""
        try:
            while data := sock.recv(65536):
                reply += data
        except ConnectionResetError:
            pass
    assert reply == b"" or reply.startswith(b"HTTP/1.1 413"), reply[:200]
    still_serving(s)


def test_slowloris_clients_do_not_starve_others_and_are_cut_off(hostile_server):
    s = hostile_server
    stop = threading.Event()
    closed = []
    lock = threading.Lock()

    def trickle(sock):
        # A byte every 300 ms: each read makes progress, but the headers never end.
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: a\r\nX-Slow: ")
            while not stop.is_set():
                sock.sendall(b"a")
                time.sleep(0.3)
        except OSError:
            with lock:
                closed.append(sock)

    sockets = [socket.create_connection(("127.0.0.1", s.port), timeout=10) for _ in range(150)]
    threads = [threading.Thread(target=trickle, args=(k,), daemon=True) for k in sockets]
    for t in threads:
        t.start()
    try:
        # Everybody else is served while 150 connections hold their headers open.
        for _ in range(20):
            assert s.request("GET", "/healthz")[0] == 200
        still_serving(s)
        # The header deadline (2 s here) is for the whole header, not per byte: every slow
        # connection is closed, however steadily it trickles.
        deadline = time.time() + 60
        while time.time() < deadline and len(closed) < len(sockets):
            time.sleep(0.2)
        assert len(closed) == len(sockets), f"{len(closed)} of {len(sockets)} were cut off"
    finally:
        stop.set()
        for k in sockets:
            k.close()
    still_serving(s)


def ws_frame(opcode, payload, fin=True):
    mask = b"\x01\x02\x03\x04"
    n = len(payload)
    head = bytes([(0x80 if fin else 0) | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 65536:
        head += bytes([0x80 | 126]) + struct.pack("!H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack("!Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def drain_until_closed(ws, limit=100000):
    """Reads until the server closes or `limit` text messages arrived; returns
    (messages read, whether the server closed)."""
    n = 0
    try:
        while n < limit:
            message = ws.recv()
            if message is None:
                return n, True
            assert json.loads(message)["type"] in ("pong", "conversation.snapshot"), message
            n += 1
    except (ConnectionError, OSError):
        return n, True
    return n, False


def test_websocket_floods_are_cut_off_and_other_streams_keep_working(hostile_server):
    s = hostile_server
    victim = s.open_conversation()
    bystander = s.open_conversation()
    calm = WebSocket(s.port, f"{BASE}/{bystander}/stream")
    assert calm.recv_json()["type"] == "conversation.snapshot"

    # 1. A frame over the message limit (64 KiB) closes that connection.
    big = WebSocket(s.port, f"{BASE}/{victim}/stream")
    assert big.recv_json()["type"] == "conversation.snapshot"
    try:
        big.sock.sendall(ws_frame(0x1, b"x" * 200000))
    except OSError:
        pass
    _, closed = drain_until_closed(big)
    assert closed
    big.sock.close()

    # 2. Thousands of pings as fast as the socket takes them: answered or cut off, never
    #    anything else, and the server's memory is not the client's to grow.
    flood = WebSocket(s.port, f"{BASE}/{victim}/stream")
    assert flood.recv_json()["type"] == "conversation.snapshot"
    burst = ws_frame(0x1, json.dumps({"type": "ping"}).encode()) * 5000
    try:
        flood.sock.sendall(burst)
    except OSError:
        pass
    flood.sock.settimeout(10)
    pongs, closed = drain_until_closed(flood, limit=5000)
    assert pongs == 5000 or closed, f"{pongs} pongs, then silence"
    flood.sock.close()

    # 3. Garbage frames: an unmasked frame, a reserved opcode, a fragmented control frame.
    for junk in (b"\x81\x05hello", ws_frame(0x3, b"??"), ws_frame(0x9, b"p", fin=False)):
        ws = WebSocket(s.port, f"{BASE}/{victim}/stream")
        assert ws.recv_json()["type"] == "conversation.snapshot"
        ws.sock.sendall(junk)
        ws.sock.settimeout(10)
        _, closed = drain_until_closed(ws)
        assert closed
        ws.sock.close()

    # The bystander's stream still delivers, in order.
    for i in range(3):
        s.json("POST", f"{BASE}/{bystander}/messages", {"text": f"계속 {i}"})
    texts = []
    while len(texts) < 3:
        event = calm.recv_json()
        if event["type"] == "message.created":
            texts.append(event["message"]["text"])
    assert texts == ["계속 0", "계속 1", "계속 2"]
    calm.close()
    still_serving(s)
