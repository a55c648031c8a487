"""Starts the real `aicc` binary and talks to it over real sockets.

Only the Python standard library is used (http.client, socket), plus a minimal
WebSocket client (RFC 6455) so streams are tested without third-party packages.
"""
import atexit
import base64
import http.client
import json
import os
import signal
import socket
import struct
import subprocess
import shutil
import tempfile
import time
import uuid

AICC_BIN = os.path.abspath(os.environ.get(
    "AICC_BIN", os.path.join(os.path.dirname(__file__), "../../build/asan/src/main/aicc")))
PG_URL = os.environ.get("AICC_TEST_PG_URL")
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "../.."))
BOT_DIR = os.path.join(REPO, "bot")


def _always_open_bot():
    """The default bot with queues open around the clock: servers started by the tests
    answer the same whatever the time of day (hours and holidays are tested on purpose,
    with their own queues.json)."""
    d = tempfile.mkdtemp(prefix="aicc-it-bot-")
    shutil.copytree(BOT_DIR, d, dirs_exist_ok=True)
    with open(os.path.join(d, "queues.json")) as f:
        doc = json.load(f)
    doc["hours"] = {"timezone": "Asia/Seoul", "weekdays": {"open": "00:00", "close": "24:00"},
                    "weekends": {"open": "00:00", "close": "24:00"}, "holidays": []}
    for q in doc.get("queues", []):
        q.pop("hours", None)
    with open(os.path.join(d, "queues.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
    atexit.register(shutil.rmtree, d, True)
    return d


SERVER_BOT_DIR = _always_open_bot()
# One intent model for every server of the run: trained by the first, loaded by the rest.
MODEL_FILE = os.path.join(tempfile.gettempdir(), f"aicc-it-model-{os.getuid()}", "intent.model")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def new_pg_database():
    """Creates a fresh database on the test PostgreSQL server; returns its URL."""
    if not PG_URL:
        raise RuntimeError("AICC_TEST_PG_URL is not set: run the tests through scripts/test")
    name = "it_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", PG_URL, "-q", "-c", f"CREATE DATABASE {name}"], check=True,
                   capture_output=True)
    base, _, _ = PG_URL.rpartition("/")
    return f"{base}/{name}"


class Server:
    """One running `aicc serve` process on a free port. With `ssl_context` (a client
    context trusting the server's certificate) requests go over HTTPS: the server was
    configured for native TLS."""

    def __init__(self, store_url=None, env=None, args=None, workdir=None, ssl_context=None):
        self.workdir = workdir or tempfile.mkdtemp(prefix="aicc-it-")
        self.port = free_port()
        self.store_url = store_url or "sqlite:" + os.path.join(self.workdir, "aicc.db")
        self.log_path = os.path.join(self.workdir, "aicc.log")
        # AICC_* variables are settings (unknown ones stop the start): pass only test ones.
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("AICC_") or k.startswith("AICC_TEST_")}
        self.env.update({"AICC_PORT": str(self.port), "AICC_STORE": self.store_url,
                         "AICC_LOG_FILE": self.log_path, "AICC_BOT_DIR": SERVER_BOT_DIR,
                         "AICC_BOT_MODEL_FILE": MODEL_FILE})
        # Leak reports on kill -9 are meaningless; everything else stays checked.
        self.env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        if env:
            self.env.update(env)
        self.args = args or []
        self.ssl_context = ssl_context
        self.proc = None

    # Generous: the first server of a run trains the intent model, under ASan, possibly on a
    # busy machine. This guards against a hang; it measures nothing.
    def start(self, timeout=120):
        # Output goes to files: an unread pipe could fill up and stall the server.
        self.stdout_path = os.path.join(self.workdir, "stdout")
        self.stderr_path = os.path.join(self.workdir, "stderr")
        with open(self.stdout_path, "ab") as out, open(self.stderr_path, "ab") as err:
            self.proc = subprocess.Popen([AICC_BIN, "serve", *self.args], env=self.env,
                                         cwd=self.workdir, stdout=out, stderr=err)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"aicc exited with {self.proc.returncode}: {self.stderr()}")
            try:
                status, _, _ = self.request("GET", "/healthz", timeout=1)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("aicc did not become healthy in time")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def logs(self):
        try:
            with open(self.log_path, encoding="utf-8") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    # ---- HTTP ----
    def request(self, method, path, body=None, headers=None, timeout=10, raw_body=None):
        if self.ssl_context:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout,
                                               context=self.ssl_context)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            hdrs = dict(headers or {})
            data = raw_body
            if body is not None:
                data = json.dumps(body).encode()
                hdrs.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            return resp.status, dict((k.lower(), v) for k, v in resp.getheaders()), payload
        finally:
            conn.close()

    def json(self, method, path, body=None, headers=None, **kw):
        status, hdrs, payload = self.request(method, path, body=body, headers=headers, **kw)
        return status, (json.loads(payload) if payload else None)

    def open_conversation(self, **fields):
        body = {"channel": "web", **fields}
        status, doc = self.json("POST", "/api/v1/conversations", body)
        assert status == 201, doc
        return doc["conversation"]["id"]


def assert_error(status, doc, expected_status, code=None):
    assert status == expected_status, doc
    assert set(doc.keys()) == {"error"}, doc
    err = doc["error"]
    assert isinstance(err["message"], str) and err["message"]
    assert isinstance(err["details"], dict)
    if code:
        assert err["code"] == code, err


class WebSocket:
    """A minimal RFC 6455 client: text frames, ping/close handling (over TLS — wss — when
    given a client `ssl_context`)."""

    def __init__(self, port, path, timeout=10, ssl_context=None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        if ssl_context:
            self.sock = ssl_context.wrap_socket(self.sock, server_hostname="127.0.0.1")
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            head += chunk
        header, _, self.buffer = head.partition(b"\r\n\r\n")
        self.status = int(header.split(b" ")[1])
        self.body = self.buffer if self.status != 101 else b""

    def _read_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def recv(self):
        """Returns the next text message (str), or None when the server closed."""
        while True:
            b0, b1 = self._read_exact(2)
            opcode = b0 & 0x0F
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read_exact(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read_exact(8))[0]
            payload = self._read_exact(length)
            if opcode == 0x1:
                return payload.decode()
            if opcode == 0x8:
                return None
            if opcode == 0x9:
                self._send(0xA, payload)

    def recv_json(self):
        text = self.recv()
        return None if text is None else json.loads(text)

    def _send(self, opcode, payload):
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def send(self, text):
        self._send(0x1, text.encode())

    def close(self):
        try:
            self._send(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()
