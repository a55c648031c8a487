"""The customer chat API against SQLite and PostgreSQL: good and bad inputs."""
import json
import socket
import time

import pytest

from aicc_harness import assert_error

BASE = "/api/v1/conversations"


def test_open_conversation_returns_201_and_location(server):
    status, hdrs, body = server.request("POST", BASE, body={
        "channel": "web", "language": "ko",
        "customer": {"name": "김민수", "phone": "010-1234-5678", "tier": "vip"}})
    doc = json.loads(body)
    assert status == 201, doc
    conv = doc["conversation"]
    assert conv["state"] == "bot" and conv["channel"] == "web" and conv["language"] == "ko"
    assert hdrs["location"] == f"{BASE}/{conv['id']}"
    assert doc["customer"]["tier"] == "vip" and doc["customer"]["name"] == "김민수"
    # No bot yet: the response says so instead of inventing a greeting.
    assert doc["messages"] == [] and doc["bot"] == {"active": False, "reason": "no_bot_configured"}
    status, got = server.json("GET", f"{BASE}/{conv['id']}")
    assert status == 200 and got == conv


def test_external_customer_id_is_reused(server):
    _, a = server.json("POST", BASE, {"channel": "api", "customer": {"external_id": "crm-1"}})
    _, b = server.json("POST", BASE, {"channel": "api", "customer": {"external_id": "crm-1"}})
    assert a["customer"]["id"] == b["customer"]["id"]
    _, c = server.json("POST", BASE, {"channel": "api", "customer_id": a["customer"]["id"]})
    assert c["customer"]["id"] == a["customer"]["id"]


@pytest.mark.parametrize("body,field", [
    ({}, "channel"),
    ({"channel": 5}, "channel"),
    ({"channel": "fax"}, "channel"),
    ({"channel": "web", "language": "jp"}, "language"),
    ({"channel": "web", "customer": "bob"}, "customer"),
    ({"channel": "web", "customer": {"tier": "gold"}}, "customer.tier"),
    ({"channel": "web", "customer": {"nmae": "typo"}}, "customer.nmae"),
    ({"channel": "web", "extra": 1}, "extra"),
])
def test_open_conversation_rejects_bad_fields(server, body, field):
    status, doc = server.json("POST", BASE, body)
    assert_error(status, doc, 400, "invalid_request")
    assert doc["error"]["details"]["field"] == field


def test_open_conversation_unknown_customer_is_404(server):
    status, doc = server.json("POST", BASE, {"channel": "web",
                                             "customer_id": "0192f1c2-7a3b-7c4d-8e5f-60718293a4b5"})
    assert_error(status, doc, 404)


def test_malformed_json_and_content_types(server):
    status, _, body = server.request("POST", BASE, raw_body=b'{"channel": "web",',
                                     headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400, "invalid_json")
    status, _, body = server.request("POST", BASE, raw_body=b'[1,2]',
                                     headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400, "invalid_request")
    status, _, body = server.request("POST", BASE, raw_body=b'channel=web',
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(status, json.loads(body), 415, "unsupported_media_type")
    status, _, body = server.request("POST", BASE, raw_body=b'{"channel": "\xff"}',
                                     headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400, "invalid_json")
    status, _, body = server.request("POST", BASE, raw_body=b"",
                                     headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400)


def test_post_message_is_stored_and_listed(server):
    cid = server.open_conversation()
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": "  영업시간이 어떻게 되나요?  "})
    assert status == 201, doc
    m = doc["message"]
    assert m["text"] == "영업시간이 어떻게 되나요?" and m["seq"] == 1 and m["sender"] == "customer"
    assert doc["duplicate"] is False and doc["replies"] == [] and doc["bot"]["active"] is False
    status, page = server.json("GET", f"{BASE}/{cid}/messages")
    assert status == 200 and [x["id"] for x in page["messages"]] == [m["id"]]
    assert page["next_cursor"] is None
    _, conv = server.json("GET", f"{BASE}/{cid}")
    assert conv["message_count"] == 1


def test_client_msg_id_makes_posting_idempotent(server):
    cid = server.open_conversation()
    s1, d1 = server.json("POST", f"{BASE}/{cid}/messages", {"text": "hello", "client_msg_id": "c-1"})
    s2, d2 = server.json("POST", f"{BASE}/{cid}/messages", {"text": "hello", "client_msg_id": "c-1"})
    assert (s1, s2) == (201, 200)
    assert d1["message"]["id"] == d2["message"]["id"] and d2["duplicate"] is True
    _, page = server.json("GET", f"{BASE}/{cid}/messages")
    assert len(page["messages"]) == 1


@pytest.mark.parametrize("body,field", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": "   \u3000 "}, "text"),
    ({"text": 42}, "text"),
    ({"text": "가" * 1001}, "text"),
    ({"text": "hi", "client_msg_id": ""}, "client_msg_id"),
    ({"text": "hi", "client_msg_id": "x" * 129}, "client_msg_id"),
    ({"text": "hi", "sender": "agent"}, "sender"),
])
def test_post_message_rejects_bad_input(server, body, field):
    cid = server.open_conversation()
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", body)
    assert_error(status, doc, 400, "invalid_request")
    assert doc["error"]["details"]["field"] == field
    _, page = server.json("GET", f"{BASE}/{cid}/messages")
    assert page["messages"] == [], "a rejected message is never stored"


def test_thousand_korean_characters_is_accepted(server):
    cid = server.open_conversation()
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": "가" * 1000})
    assert status == 201 and len(doc["message"]["text"]) == 1000


def test_invalid_utf8_text_is_rejected(server):
    cid = server.open_conversation()
    status, _, body = server.request("POST", f"{BASE}/{cid}/messages",
                                     raw_body=b'{"text": "abc\xed\xa0\x80"}',
                                     headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(body), 400)


def test_unknown_conversation_is_404(server):
    missing = "0192f1c2-7a3b-7c4d-8e5f-60718293a4b5"
    for method, path, body in [("GET", f"{BASE}/{missing}", None),
                               ("POST", f"{BASE}/{missing}/messages", {"text": "hi"}),
                               ("GET", f"{BASE}/{missing}/messages", None),
                               ("POST", f"{BASE}/{missing}/close", {}),
                               ("GET", f"{BASE}/not-a-uuid", None)]:
        status, doc = server.json(method, path, body)
        assert_error(status, doc, 404)


def test_paging_with_cursor(server):
    cid = server.open_conversation()
    for i in range(7):
        server.json("POST", f"{BASE}/{cid}/messages", {"text": f"m{i}"})
    seen, cursor = [], None
    while True:
        q = f"?limit=3" + (f"&cursor={cursor}" if cursor else "")
        status, page = server.json("GET", f"{BASE}/{cid}/messages{q}")
        assert status == 200
        seen += [m["text"] for m in page["messages"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"m{i}" for i in range(7)]
    for bad in ["?limit=0", "?limit=501", "?limit=abc", "?cursor=-1", "?cursor=zz"]:
        status, doc = server.json("GET", f"{BASE}/{cid}/messages{bad}")
        assert_error(status, doc, 400, "invalid_request")


def test_closed_conversation_takes_no_messages(server):
    cid = server.open_conversation()
    status, conv = server.json("POST", f"{BASE}/{cid}/close", {"reason": "customer"})
    assert status == 200 and conv["state"] == "closed" and conv["closed_at"]
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": "still there?"})
    assert_error(status, doc, 409, "conflict")
    status, doc = server.json("POST", f"{BASE}/{cid}/close", {})
    assert_error(status, doc, 409, "conflict")
    status, hdrs, body = server.request("POST", f"{BASE}/{cid}/close")  # empty body is fine
    assert status == 409


def test_huge_body_is_413(server):
    cid = server.open_conversation()
    # The server answers from the Content-Length, before the body arrives.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST {BASE}/{cid}/messages HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/json\r\n"
                     f"Content-Length: {2 * 1024 * 1024}\r\n\r\n".encode() + b'{"text": "xxxx')
        data = sock.recv(65536)
    assert data.startswith(b"HTTP/1.1 413"), data
    body = json.loads(data.split(b"\r\n\r\n", 1)[1])
    assert_error(413, body, 413, "payload_too_large")
    # Chunked bodies have no Content-Length: the limit is enforced while reading.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST {BASE}/{cid}/messages HTTP/1.1\r\nHost: x\r\n"
                     "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"x" * 65536
        try:
            for _ in range(40):
                sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            pass
        data = sock.recv(65536)
    assert data.startswith(b"HTTP/1.1 413"), data
    status, doc = server.json("GET", "/healthz")
    assert status == 200
    _, page = server.json("GET", f"{BASE}/{cid}/messages")
    assert page["messages"] == []


def test_slow_client_is_timed_out_and_server_stays_healthy():
    from aicc_harness import Server
    s = Server(env={"AICC_SERVER_HEADER_TIMEOUT_S": "1", "AICC_SERVER_BODY_TIMEOUT_S": "1"}).start()
    try:
        # Headers that never finish.
        slow = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        slow.sendall(b"POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\n")
        # A body that never arrives.
        slow_body = socket.create_connection(("127.0.0.1", s.port), timeout=10)
        slow_body.sendall(b"POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\n"
                          b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
        assert s.json("GET", "/healthz")[0] == 200  # others are served meanwhile
        started = time.time()
        for sock in (slow, slow_body):
            assert sock.recv(4096) == b"", "the server closes a connection that stalls"
            sock.close()
        assert time.time() - started < 8
        assert s.json("GET", "/healthz")[0] == 200
    finally:
        assert s.stop() == 0


def test_concurrent_posts_keep_order_and_idempotency(server):
    """Many clients at once: seq has no gaps, and concurrent retries store one message."""
    import threading
    cid = server.open_conversation()
    statuses = []

    def post(i):
        key = f"same-{i % 10}"  # ten keys, each sent by four clients at once
        status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": key, "client_msg_id": key})
        statuses.append((status, doc["message"]["id"], key))

    threads = [threading.Thread(target=post, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(s for s, _, _ in statuses).count(201) == 10
    ids_by_key = {}
    for _, mid, key in statuses:
        ids_by_key.setdefault(key, set()).add(mid)
    assert all(len(ids) == 1 for ids in ids_by_key.values())
    _, page = server.json("GET", f"{BASE}/{cid}/messages?limit=500")
    assert [m["seq"] for m in page["messages"]] == list(range(1, 11))
