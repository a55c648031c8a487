#!/usr/bin/env python3
"""WebSocket concurrency benchmark against a running `aicc serve` (bench/ws_concurrency/run.sh
starts one). Standard library only (asyncio, a minimal RFC 6455 client).

1. Opens CONVERSATIONS customer conversations and one live stream for each, all held open.
2. For DURATION seconds: customers send messages at RATE messages/s in total (to random
   conversations; the bot answers each), and every 1/ESC_RATE s one conversation is
   escalated. AGENTS agents are logged in over their stream; each offer is accepted and
   wrapped up at once (so capacity frees).
3. Prints: streams held (each answers a ping at the end), the server's memory (VmRSS),
   messages sent and the latency from POST to the customer's own stream event, and the offer
   latency — from the escalate request to the offer on the agent's stream — p50/p99.
"""
import argparse
import asyncio
import base64
import json
import os
import random
import struct
import time


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Http:
    """One keep-alive HTTP/1.1 connection; requests are serialised on it."""

    def __init__(self, port):
        self.port, self.reader, self.writer = port, None, None
        self.lock = asyncio.Lock()

    async def request(self, method, path, body=None, headers=None):
        async with self.lock:
            for attempt in range(2):
                try:
                    if self.writer is None:
                        self.reader, self.writer = await asyncio.open_connection("127.0.0.1",
                                                                                 self.port)
                    data = json.dumps(body).encode() if body is not None else b""
                    head = f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(data)}\r\n"
                    if body is not None:
                        head += "Content-Type: application/json\r\n"
                    for k, v in (headers or {}).items():
                        head += f"{k}: {v}\r\n"
                    self.writer.write(head.encode() + b"\r\n" + data)
                    status_line = await self.reader.readline()
                    if not status_line:
                        raise ConnectionError("closed")
                    status = int(status_line.split()[1])
                    length, close = 0, False
                    while True:
                        line = await self.reader.readline()
                        if line in (b"\r\n", b""):
                            break
                        k, _, v = line.decode().partition(":")
                        if k.lower() == "content-length":
                            length = int(v)
                        if k.lower() == "connection" and "close" in v.lower():
                            close = True
                    payload = await self.reader.readexactly(length) if length else b""
                    if close:
                        self.writer.close()
                        self.writer = None
                    return status, (json.loads(payload) if payload else None)
                except (ConnectionError, asyncio.IncompleteReadError, OSError):
                    self.writer = None
                    if attempt:
                        raise


class HttpPool:
    def __init__(self, port, size):
        self.conns = [Http(port) for _ in range(size)]
        self.i = 0

    async def request(self, *a, **kw):
        self.i = (self.i + 1) % len(self.conns)
        return await self.conns[self.i].request(*a, **kw)


class Ws:
    def __init__(self, reader, writer):
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, port, path):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write((f"GET {path} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                      "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        status = await reader.readline()
        if b" 101 " not in status:
            raise ConnectionError(status.decode().strip())
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        return cls(reader, writer)

    async def recv(self):
        """The next text frame (str), or None when closed; answers pings."""
        while True:
            b0, b1 = await self.reader.readexactly(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", await self.reader.readexactly(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", await self.reader.readexactly(8))[0]
            payload = await self.reader.readexactly(n)
            op = b0 & 0x0F
            if op == 0x1:
                return payload.decode()
            if op == 0x8:
                return None
            if op == 0x9:
                self.send(payload, 0xA)

    def send(self, payload, opcode=0x1):
        if isinstance(payload, str):
            payload = payload.encode()
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else
                                         bytes([0x80 | 126]) + struct.pack("!H", n))
        self.writer.write(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def main(a):
    http = HttpPool(a.port, a.http_connections)
    t0 = time.monotonic()

    # Agents: created by the admin, logged in, streams open, available.
    status, doc = await http.request("POST", "/api/v1/auth/login",
                                     {"username": "admin", "password": a.admin_password})
    assert status == 200, doc
    admin = {"Authorization": f"Bearer {doc['token']}"}
    agents = []
    for i in range(a.agents):
        name = f"bench{i}"
        status, doc = await http.request(
            "POST", "/api/v1/agents",
            {"username": name, "password": "bench password 1", "capacity": {"chat": 20},
             "skills": [{"name": s, "level": 4} for s in ("billing", "technical", "complaint")],
             "languages": ["ko", "en"]}, admin)
        assert status == 201, doc
        status, login = await http.request("POST", "/api/v1/auth/login",
                                           {"username": name, "password": "bench password 1"})
        assert status == 200, login
        h = {"Authorization": f"Bearer {login['token']}"}
        ws = await Ws.connect(a.port, f"/api/v1/agent/stream?access_token={login['token']}")
        agents.append((doc["id"], h, ws))
        status, doc = await http.request("PUT", "/api/v1/agent/state", {"state": "available"}, h)
        assert status == 200, doc

    # Conversations and their streams.
    cids = []

    async def open_one(_):
        status, doc = await http.request("POST", "/api/v1/conversations",
                                         {"channel": "web", "language": "ko"})
        assert status == 201, doc
        cids.append(doc["conversation"]["id"])

    for start in range(0, a.conversations, 500):
        await asyncio.gather(*(open_one(i) for i in range(start, min(a.conversations, start + 500))))
    rss_before_streams = rss_mib(a.pid)
    streams = {}
    pending = {}  # client_msg_id -> sent time
    delivery_ms = []
    received = [0]

    async def customer(cid):
        ws = await Ws.connect(a.port, f"/api/v1/conversations/{cid}/stream")
        streams[cid] = ws
        while True:
            try:
                text = await ws.recv()
            except (asyncio.IncompleteReadError, ConnectionError):
                return
            if text is None:
                return
            received[0] += 1
            if '"client_msg_id":"b' in text:
                ev = json.loads(text)
                sent = pending.pop(ev["message"].get("client_msg_id"), None)
                if sent is not None:
                    delivery_ms.append((time.monotonic() - sent) * 1000)
            elif text == '{"type":"pong"}':
                ws.pongs = getattr(ws, "pongs", 0) + 1

    readers = []
    for start in range(0, len(cids), 500):
        batch = [asyncio.ensure_future(customer(c)) for c in cids[start:start + 500]]
        readers += batch
        while len(streams) < min(len(cids), start + 500):
            await asyncio.sleep(0.01)
    connect_s = time.monotonic() - t0
    await asyncio.sleep(2)
    rss_idle = rss_mib(a.pid)
    print(f"streams open: {len(streams)} (setup {connect_s:.1f} s); server VmRSS "
          f"{rss_before_streams:.0f} MiB before the streams, {rss_idle:.0f} MiB with them",
          flush=True)

    # Agents act on offers; offer latency measured from the escalate request.
    escalated_at = {}
    offer_ms = []

    async def agent_loop(agent_id, h, ws):
        while True:
            text = await ws.recv()
            if text is None:
                return
            if '"state":"offered"' not in text:
                continue
            ev = json.loads(text)
            e = ev.get("escalation") or {}
            if e.get("state") != "offered" or e.get("agent_id") != agent_id:
                continue
            sent = escalated_at.pop(e["id"], None)
            if sent is not None:
                offer_ms.append((time.monotonic() - sent) * 1000)
            status, _ = await http.request("POST", f"/api/v1/agent/escalations/{e['id']}/accept",
                                           None, h)
            if status == 200:
                await http.request("POST", f"/api/v1/agent/escalations/{e['id']}/wrap-up",
                                   {"disposition": "resolved", "notes": ""}, h)

    agent_tasks = [asyncio.ensure_future(agent_loop(*ag)) for ag in agents]

    sent = [0]
    errors = [0]
    end = time.monotonic() + a.duration
    rss_peak = [rss_idle]

    async def send_one(cid, k):
        mid = f"b{k}"
        pending[mid] = time.monotonic()
        status, _ = await http.request("POST", f"/api/v1/conversations/{cid}/messages",
                                       {"text": "카드 결제 한도가 궁금해요", "client_msg_id": mid})
        if status in (200, 201):
            sent[0] += 1
        else:
            pending.pop(mid, None)
            errors[0] += 1

    # Escalated conversations end with the agent's wrap-up: customers talk in the others.
    order = list(cids)
    random.shuffle(order)
    to_escalate = order[:int(a.duration * a.esc_rate) + 10]
    talkers = order[len(to_escalate):]

    async def messages():
        k = 0
        tasks = set()
        interval = 1.0 / a.rate
        next_at = time.monotonic()
        while time.monotonic() < end:
            k += 1
            t = asyncio.ensure_future(send_one(random.choice(talkers), k))
            tasks.add(t)
            t.add_done_callback(tasks.discard)
            next_at += interval
            await asyncio.sleep(max(0, next_at - time.monotonic()))
        await asyncio.gather(*tasks)

    async def escalations():
        i = 0
        while time.monotonic() < end and i < len(to_escalate):
            cid = to_escalate[i]
            i += 1
            t = time.monotonic()
            status, doc = await http.request("POST", f"/api/v1/conversations/{cid}/escalate",
                                             {"reason": "payment_issue"})
            if status == 201:
                escalated_at[doc["id"]] = t
            await asyncio.sleep(1.0 / a.esc_rate)

    async def sample():
        while time.monotonic() < end:
            rss_peak[0] = max(rss_peak[0], rss_mib(a.pid))
            await asyncio.sleep(1)

    await asyncio.gather(messages(), escalations(), sample())
    await asyncio.sleep(3)  # in-flight deliveries and offers

    # Every stream still open answers a ping.
    for ws in streams.values():
        ws.send('{"type":"ping"}')
    await asyncio.sleep(5)
    alive = sum(1 for ws in streams.values() if getattr(ws, "pongs", 0) >= 1)
    print(f"streams answering a ping after the load: {alive} of {len(streams)}")
    print(f"server VmRSS: {rss_idle:.0f} MiB idle with all streams, peak {rss_peak[0]:.0f} MiB "
          f"under load")
    print(f"customer messages: {sent[0]} sent in {a.duration} s ({sent[0] / a.duration:.0f}/s, "
          f"each answered by the bot), {errors[0]} refused; stream events received: {received[0]}")
    print(f"message → own stream event: p50 {pct(delivery_ms, 50):.1f} ms, "
          f"p99 {pct(delivery_ms, 99):.1f} ms (n={len(delivery_ms)})")
    print(f"offer latency (escalate → offer on the agent's stream): p50 "
          f"{pct(offer_ms, 50):.1f} ms, p99 {pct(offer_ms, 99):.1f} ms (n={len(offer_ms)}; "
          f"routing.interval_ms={a.routing_interval_ms})")
    for t in agent_tasks + readers:
        t.cancel()
    for _, _, ws in agents:
        ws.writer.close()
    for ws in streams.values():
        ws.writer.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--admin-password", required=True)
    p.add_argument("--conversations", type=int, default=10000)
    p.add_argument("--agents", type=int, default=10)
    p.add_argument("--rate", type=float, default=100.0, help="customer messages per second")
    p.add_argument("--esc-rate", type=float, default=2.0, help="escalations per second")
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--http-connections", type=int, default=32)
    p.add_argument("--routing-interval-ms", type=int, default=250)
    asyncio.run(main(p.parse_args()))
