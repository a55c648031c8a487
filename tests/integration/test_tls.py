"""Native TLS (issue 7): with server.tls.cert_file and server.tls.key_file the one listener
speaks HTTPS and WSS only. Certificates and keys are made with the `openssl` CLI in a
temporary directory at test time; none is committed."""
import http.client
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import warnings

import pytest

from aicc_harness import Server, WebSocket
from conftest import NO_BOT

BASE = "/api/v1/conversations"


def openssl(cwd, *args):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    return path


LEAF_EXT = ("basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n"
            "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n")
CA_EXT = ("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
          "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n")


@pytest.fixture(scope="module")
def pki():
    """cert.pem/key.pem: self-signed for 127.0.0.1. chain.pem: a leaf signed by an
    intermediate signed by root.pem (the file holds leaf + intermediate). Plus broken files
    for the start-up checks."""
    d = tempfile.mkdtemp(prefix="aicc-tls-")
    openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out",
            "cert.pem", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
    # root → intermediate → leaf
    write(d, "ca.ext", CA_EXT)
    write(d, "leaf.ext", LEAF_EXT)
    openssl(d, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "root.key", "-out", "root.pem", "-days", "2", "-subj", "/CN=AICC Test Root",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl(d, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=AICC Test Intermediate")
    openssl(d, "x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key",
            "-CAcreateserial", "-out", "int.pem", "-days", "2", "-extfile", "ca.ext")
    openssl(d, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost")
    openssl(d, "x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key",
            "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext")
    with open(os.path.join(d, "chain.pem"), "w") as out:
        for name in ("leaf.pem", "int.pem"):
            with open(os.path.join(d, name)) as f:
                out.write(f.read())
    # Broken inputs.
    openssl(d, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-out", "other.key")
    openssl(d, "pkey", "-in", "key.pem", "-aes256", "-passout", "pass:secret",
            "-out", "encrypted.key")
    write(d, "garbage.pem", "this is not a certificate\n")
    os.mkdir(os.path.join(d, "a-directory"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


def client_context(cafile, maximum=None, minimum=None):
    ctx = ssl.create_default_context(cafile=cafile)
    if minimum:
        ctx.minimum_version = minimum
    if maximum:
        ctx.maximum_version = maximum
    return ctx


def tls_env(d, cert="cert.pem", key="key.pem", extra=None):
    env = {**NO_BOT, "AICC_SERVER_TLS_CERT_FILE": os.path.join(d, cert),
           "AICC_SERVER_TLS_KEY_FILE": os.path.join(d, key)}
    env.update(extra or {})
    return env


def stop_cleanly(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)


@pytest.fixture
def tls_server(pki):
    # Short header timeout: the handshake shares it, and the slow-handshake test waits on it.
    s = Server(env=tls_env(pki, extra={"AICC_SERVER_HEADER_TIMEOUT_S": "2"}),
               ssl_context=client_context(os.path.join(pki, "cert.pem"))).start()
    yield s
    stop_cleanly(s)


def still_serving(s):
    assert s.request("GET", "/healthz")[0] == 200
    cid = s.open_conversation()
    status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": "아직 괜찮나요?"})
    assert status == 201, doc


def handshake(port, ctx):
    """Returns the negotiated TLS version, or raises ssl.SSLError / OSError."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            return tls.version()


# --- served over TLS -------------------------------------------------------------------


def test_https_health_and_a_full_bot_turn_and_wss_stream(pki):
    ctx = client_context(os.path.join(pki, "cert.pem"))
    env = tls_env(pki)
    del env["AICC_BOT_ENABLED"]  # the default bot answers
    s = Server(env=env, ssl_context=ctx).start()
    try:
        status, _, body = s.request("GET", "/healthz")
        assert status == 200, body
        with open(s.stdout_path) as f:
            assert f"https://127.0.0.1:{s.port}" in f.read()
        status, opened = s.json("POST", BASE, {"channel": "web"})
        assert status == 201, opened
        cid = opened["conversation"]["id"]
        ws = WebSocket(s.port, f"{BASE}/{cid}/stream", ssl_context=ctx)
        try:
            assert ws.status == 101
            assert ws.recv_json()["type"] == "conversation.snapshot"
            status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": "영업시간 알려주세요"})
            assert status == 201, doc
            assert doc["bot"]["active"] is True, doc
            [reply] = doc["replies"]
            assert reply["sender"] == "bot" and reply["text"], doc
            # The stream carries the same turn over wss, in order.
            senders = []
            while len(senders) < 2:
                event = ws.recv_json()
                assert event is not None, "stream closed"
                if event["type"] == "message.created":
                    senders.append(event["message"]["sender"])
            assert senders == ["customer", "bot"]
            ws.send('{"type": "ping"}')
            assert ws.recv_json() == {"type": "pong"}
        finally:
            ws.close()
        # Keep-alive: several requests on one TLS connection.
        conn = http.client.HTTPSConnection("127.0.0.1", s.port, timeout=10, context=ctx)
        for _ in range(3):
            conn.request("GET", f"{BASE}/{cid}/messages")
            resp = conn.getresponse()
            assert resp.status == 200
            resp.read()
        conn.close()
    finally:
        stop_cleanly(s)


def test_default_minimum_accepts_tls_1_2_and_1_3(tls_server, pki):
    cafile = os.path.join(pki, "cert.pem")
    assert handshake(tls_server.port, client_context(cafile)) == "TLSv1.3"
    only_12 = client_context(cafile, maximum=ssl.TLSVersion.TLSv1_2)
    assert handshake(tls_server.port, only_12) == "TLSv1.2"


def test_tls_1_1_client_is_refused(tls_server, pki):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.load_verify_locations(os.path.join(pki, "cert.pem"))
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        old.set_ciphers("ALL:@SECLEVEL=0")  # let this OpenSSL offer TLS 1.1 at all
    with pytest.raises(ssl.SSLError) as refused:
        handshake(tls_server.port, old)
    # The server's alert: the client did offer TLS 1.1, and the server refused it.
    assert "ALERT_PROTOCOL_VERSION" in str(refused.value), refused.value
    still_serving(tls_server)


def test_minimum_version_1_3_refuses_a_tls_1_2_client(pki):
    cafile = os.path.join(pki, "cert.pem")
    s = Server(env=tls_env(pki, extra={"AICC_SERVER_TLS_MIN_VERSION": "1.3"}),
               ssl_context=client_context(cafile)).start()
    try:
        with pytest.raises(ssl.SSLError) as refused:
            handshake(s.port, client_context(cafile, maximum=ssl.TLSVersion.TLSv1_2))
        assert "ALERT_PROTOCOL_VERSION" in str(refused.value), refused.value
        assert handshake(s.port, client_context(cafile)) == "TLSv1.3"
        still_serving(s)
    finally:
        stop_cleanly(s)


def test_certificate_chain_file_sends_the_intermediate(pki):
    # The client trusts only the root: it verifies the leaf only if the server sends the
    # intermediate from the chain file.
    ctx = client_context(os.path.join(pki, "root.pem"))
    s = Server(env=tls_env(pki, cert="chain.pem", key="leaf.key"), ssl_context=ctx).start()
    try:
        still_serving(s)
    finally:
        stop_cleanly(s)


def test_graceful_shutdown_closes_idle_tls_connections_and_wss_streams(pki):
    ctx = client_context(os.path.join(pki, "cert.pem"))
    s = Server(env=tls_env(pki), ssl_context=ctx).start()
    ws = WebSocket(s.port, f"{BASE}/{s.open_conversation()}/stream", ssl_context=ctx)
    assert ws.recv_json()["type"] == "conversation.snapshot"
    idle = http.client.HTTPSConnection("127.0.0.1", s.port, timeout=30, context=ctx)
    idle.request("GET", "/healthz")
    assert idle.getresponse().read()
    s.proc.send_signal(signal.SIGTERM)
    assert ws.recv() is None  # a close frame (going away), not a hang
    assert idle.sock.recv(1) == b""  # the idle keep-alive connection is closed
    ws.close()
    idle.close()
    # The one SIGTERM finishes the shutdown by itself.
    assert s.proc.wait(timeout=60) == 0
    shutil.rmtree(s.workdir, ignore_errors=True)


# --- hostile or confused clients -------------------------------------------------------


def test_plain_http_to_the_tls_port_is_told_and_closed_and_others_are_served(tls_server):
    s = tls_server
    for _ in range(20):
        with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            reply = b""
            try:
                while chunk := sock.recv(65536):
                    reply += chunk
            except ConnectionResetError:
                pass
        # Answered in its own protocol (never a TLS alert it cannot read), then closed.
        assert reply.startswith(b"HTTP/1.1 400 "), reply
        assert b'"code":"tls_required"' in reply, reply
        assert b"Connection: close" in reply or b"connection: close" in reply.lower(), reply
    still_serving(s)


def test_clients_that_never_finish_the_handshake_are_dropped_while_others_are_served(tls_server):
    s = tls_server
    silent = [socket.create_connection(("127.0.0.1", s.port), timeout=30) for _ in range(50)]
    # A TLS record header promising a ClientHello that never comes.
    partial = [socket.create_connection(("127.0.0.1", s.port), timeout=30) for _ in range(50)]
    for sock in partial:
        sock.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")
    closed = []
    lock = threading.Lock()

    def wait_closed(sock):
        try:
            while sock.recv(4096):
                pass
        except OSError:
            pass
        with lock:
            closed.append(sock)

    threads = [threading.Thread(target=wait_closed, args=(k,), daemon=True)
               for k in silent + partial]
    for t in threads:
        t.start()
    try:
        for _ in range(10):
            assert s.request("GET", "/healthz")[0] == 200
        still_serving(s)
        # The handshake has the header deadline (2 s here): every one is cut off. The
        # socket timeout (30 s) is only a guard against a hang.
        for t in threads:
            t.join(timeout=60)
        assert len(closed) == len(threads)
    finally:
        for k in silent + partial:
            k.close()
    still_serving(s)
    assert s.proc.poll() is None


# --- start-up errors -------------------------------------------------------------------


def failed_start(env, exit_code):
    s = Server(env=env)
    with pytest.raises(RuntimeError) as exited:
        s.start()
    assert s.proc.returncode == exit_code, exited.value
    # Nothing listens on the port it was given.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", s.port), timeout=5).close()
    shutil.rmtree(s.workdir, ignore_errors=True)
    return str(exited.value)


@pytest.mark.parametrize("cert, key, setting, reason", [
    ("missing.pem", "key.pem", "server.tls.cert_file", "cannot read: No such file or directory"),
    ("cert.pem", "missing.key", "server.tls.key_file", "cannot read: No such file or directory"),
    ("a-directory", "key.pem", "server.tls.cert_file", "is a directory"),
    ("garbage.pem", "key.pem", "server.tls.cert_file", "not a PEM certificate"),
    ("key.pem", "key.pem", "server.tls.cert_file", "not a PEM certificate"),
    ("cert.pem", "garbage.pem", "server.tls.key_file", "not an unencrypted PEM private key"),
    ("cert.pem", "cert.pem", "server.tls.key_file", "not an unencrypted PEM private key"),
    ("cert.pem", "encrypted.key", "server.tls.key_file", "not an unencrypted PEM private key"),
    ("cert.pem", "other.key", "server.tls.key_file", "does not match the certificate"),
    ("chain.pem", "int.key", "server.tls.key_file", "does not match the certificate"),
])
def test_bad_certificate_or_key_stops_the_start_with_a_clear_message(pki, cert, key, setting,
                                                                     reason):
    message = failed_start(tls_env(pki, cert=cert, key=key), exit_code=1)
    bad_file = os.path.join(pki, cert if setting.endswith("cert_file") else key)
    assert f'{setting} "{bad_file}"' in message, message
    assert reason in message, message
    assert "cannot start" in message, message


def test_unreadable_key_file_is_named(pki):
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = os.path.join(pki, "unreadable.key")
    shutil.copy(os.path.join(pki, "key.pem"), path)
    os.chmod(path, 0)
    message = failed_start(tls_env(pki, key="unreadable.key"), exit_code=1)
    assert f'server.tls.key_file "{path}": cannot read: Permission denied' in message, message


def test_certificate_without_key_is_a_configuration_error(pki):
    env = {**NO_BOT, "AICC_SERVER_TLS_CERT_FILE": os.path.join(pki, "cert.pem")}
    message = failed_start(env, exit_code=2)
    assert "server.tls.cert_file and server.tls.key_file must be set together" in message, message


def test_without_tls_settings_the_port_speaks_plain_http(pki):
    s = Server(env=NO_BOT).start()
    try:
        still_serving(s)
        ctx = client_context(os.path.join(pki, "cert.pem"))
        with pytest.raises((ssl.SSLError, ConnectionResetError)):
            handshake(s.port, ctx)
        still_serving(s)
    finally:
        stop_cleanly(s)


# --- certificate reload ----------------------------------------------------------------


def wait_until(check, what, limit=30):
    """Polls `check` until it returns true; `limit` only guards against a hang."""
    deadline = time.time() + limit
    while time.time() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def test_sighup_reloads_the_certificate_and_a_bad_file_keeps_the_current_one(pki):
    live = tempfile.mkdtemp(prefix="aicc-tls-live-")
    cert, key = os.path.join(live, "live.pem"), os.path.join(live, "live.key")
    shutil.copy(os.path.join(pki, "cert.pem"), cert)
    shutil.copy(os.path.join(pki, "key.pem"), key)
    old_ctx = client_context(os.path.join(pki, "cert.pem"))
    new_ctx = client_context(os.path.join(pki, "root.pem"))
    env = {**NO_BOT, "AICC_SERVER_TLS_CERT_FILE": cert, "AICC_SERVER_TLS_KEY_FILE": key}
    s = Server(env=env, ssl_context=old_ctx).start()
    try:
        ws = WebSocket(s.port, f"{BASE}/{s.open_conversation()}/stream", ssl_context=old_ctx)
        assert ws.recv_json()["type"] == "conversation.snapshot"
        with pytest.raises(ssl.SSLError):
            handshake(s.port, new_ctx)
        # The renewed certificate (a chain from another CA) replaces the files in place.
        shutil.copy(os.path.join(pki, "chain.pem"), cert)
        shutil.copy(os.path.join(pki, "leaf.key"), key)
        s.proc.send_signal(signal.SIGHUP)

        def presents_new():
            try:
                return handshake(s.port, new_ctx) is not None
            except (ssl.SSLError, OSError):
                return False
        wait_until(presents_new, "new connections get the new certificate")
        with pytest.raises(ssl.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
            handshake(s.port, old_ctx)
        s.ssl_context = new_ctx
        still_serving(s)
        # The open stream, accepted with the old certificate, is still there.
        ws.send('{"type": "ping"}')
        assert ws.recv_json() == {"type": "pong"}
        ws.close()
        # A broken file on the next reload is logged and the current certificate stays.
        write(live, "live.pem", "not a certificate\n")
        s.proc.send_signal(signal.SIGHUP)
        wait_until(lambda: "TLS reload failed" in s.logs(), "the failed reload is logged")
        assert f'server.tls.cert_file \\"{cert}\\": not a PEM certificate' in s.logs()
        assert handshake(s.port, new_ctx)
        still_serving(s)
    finally:
        stop_cleanly(s)
        shutil.rmtree(live, ignore_errors=True)
