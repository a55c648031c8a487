"""The per-conversation WebSocket stream."""
import json

from aicc_harness import WebSocket

BASE = "/api/v1/conversations"


def test_stream_sends_snapshot_then_live_events(server):
    cid = server.open_conversation()
    ws = WebSocket(server.port, f"{BASE}/{cid}/stream")
    assert ws.status == 101
    first = ws.recv_json()
    assert first["type"] == "conversation.snapshot" and first["conversation"]["id"] == cid
    server.json("POST", f"{BASE}/{cid}/messages", {"text": "실시간 테스트"})
    event = ws.recv_json()
    assert event["type"] == "message.created" and event["message"]["text"] == "실시간 테스트"
    ws.send(json.dumps({"type": "ping"}))
    assert ws.recv_json() == {"type": "pong"}
    server.json("POST", f"{BASE}/{cid}/close", {})
    event = ws.recv_json()
    assert event["type"] == "conversation.updated" and event["conversation"]["state"] == "closed"
    ws.close()


def test_stream_answers_anything_but_a_ping_with_unsupported_message(server):
    cid = server.open_conversation()
    ws = WebSocket(server.port, f"{BASE}/{cid}/stream")
    assert ws.recv_json()["type"] == "conversation.snapshot"
    for text in ['{"type":"message","text":"안녕하세요"}', "not json", "[]"]:
        ws.send(text)
        assert ws.recv_json() == {"type": "error", "error": {
            "code": "unsupported_message",
            "message": 'send messages with POST …/messages; the stream accepts {"type":"ping"}'}}
    ws.send(json.dumps({"type": "ping"}))
    assert ws.recv_json() == {"type": "pong"}
    ws.close()


def test_stream_for_unknown_conversation_is_refused(server):
    ws = WebSocket(server.port, f"{BASE}/0192f1c2-7a3b-7c4d-8e5f-60718293a4b5/stream")
    assert ws.status == 404
    ws.close()


def test_server_shutdown_closes_streams(sqlite_server):
    cid = sqlite_server.open_conversation()
    ws = WebSocket(sqlite_server.port, f"{BASE}/{cid}/stream")
    assert ws.recv_json()["type"] == "conversation.snapshot"
    import signal
    sqlite_server.proc.send_signal(signal.SIGTERM)
    assert ws.recv() is None  # a close frame, not a hang
    ws.close()
    # The one SIGTERM finishes the shutdown by itself (the fixture must not send another
    # while the process is still stopping its threads).
    assert sqlite_server.proc.wait(timeout=60) == 0
