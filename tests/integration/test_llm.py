"""The optional LLM second opinion, end to end: `aicc serve` configured with an
OpenAI-compatible endpoint (a local server speaking the documented chat-completions format)
uses the LLM's intent when its reply is valid, and the local model's when it is not."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from aicc_harness import Server

BASE = "/api/v1/conversations"


class FakeLlm:
    """POST /v1/chat/completions → `content` as the assistant message (or raw `body`)."""

    def __init__(self):
        self.content = None
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((self.path, body))
                reply = {"id": "chatcmpl-1", "object": "chat.completion",
                         "choices": [{"index": 0, "finish_reason": "stop",
                                      "message": {"role": "assistant",
                                                  "content": outer.content}}]}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def llm_server():
    llm = FakeLlm()
    s = Server(env={"AICC_LLM_PROVIDER": "openai", "AICC_LLM_BASE_URL": llm.url,
                    "AICC_LLM_MODEL_ID": "local-test-model"}).start()
    yield s, llm
    assert s.stop() == 0
    llm.httpd.shutdown()


def say(server, cid, text):
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": text})
    assert status == 201, doc
    return doc["replies"][0]


def test_valid_llm_answer_decides_the_intent(llm_server):
    server, llm = llm_server
    llm.content = json.dumps({
        "intent": "reservation", "confidence": 0.97, "entities": {},
        "reasoning": "the customer wants to book", "response_text": "예약을 도와드릴게요",
        "next_action": "continue", "suggested_actions": []}, ensure_ascii=False)
    cid = server.open_conversation(language="ko")
    reply = say(server, cid, "그거 좀 잡아주실 수 있나요 다음주에")
    assert reply["details"]["intent"]["source"] == "llm"
    assert reply["details"]["intent"]["name"] == "reservation"
    assert reply["decision"] == "scenario_start", reply
    path, body = llm.requests[-1]
    assert path == "/v1/chat/completions"
    assert body["model"] == "local-test-model"
    assert any("그거 좀 잡아주실 수 있나요" in m["content"] for m in body["messages"])


@pytest.mark.parametrize("content,reason", [
    ("I think it's a reservation", "invalid_json"),                 # prose, no JSON
    ('{"intent": "reservation", "confidence": 0.9}', "missing_field"),
    ('{"intent": "reservation", "confidence": 7, "entities": {}, "reasoning": "", '
     '"response_text": "", "next_action": "continue", "suggested_actions": []}', "out_of_range"),
    ('{"intent": "teleport", "confidence": 0.9, "entities": {}, "reasoning": "", '
     '"response_text": "", "next_action": "continue", "suggested_actions": []}', "unknown_intent"),
])
def test_invalid_llm_answers_fall_back_to_the_local_model(llm_server, content, reason):
    server, llm = llm_server
    llm.content = content
    cid = server.open_conversation(language="ko")
    reply = say(server, cid, "영업시간이 어떻게 되나요?")
    intent = reply["details"]["intent"]
    assert intent["source"] == "local"
    assert intent["llm_fallback"] == reason
    assert reply["decision"] == "faq_answer", reply


def test_bad_llm_settings_stop_the_start():
    s = Server(env={"AICC_LLM_PROVIDER": "openai"})  # no base_url
    try:
        s.start(timeout=60)
        raise AssertionError("the server started without llm.base_url")
    except RuntimeError as e:
        assert "base_url" in str(e)
