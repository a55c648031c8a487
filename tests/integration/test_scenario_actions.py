"""Completion actions of scenarios: a webhook action is POSTed to a real local receiver,
and retried after a failure."""
import json
import os
import shutil
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from aicc_harness import BOT_DIR, Server

BASE = "/api/v1/conversations"

TICKET_SCENARIO = """
id: tech_ticket
name: {ko: 기술 지원 접수, en: Technical support ticket}
description: {ko: 기술 문제 접수, en: Log a technical problem}
trigger_intents: [technical_support]
steps:
  - id: ask_problem
    type: text
    slot: problem
    prompt: {ko: "어떤 문제가 있으신가요?", en: "What is the problem?"}
    validation: {min_length: 2, max_length: 200}
    next: complete
completion_message: {ko: "접수되었습니다: {problem}", en: "Logged: {problem}"}
completion_action: {type: webhook, url: "%s"}
escalation_message: {ko: 상담원에게 연결합니다., en: Connecting you to an agent.}
cancel_message: {ko: 취소했습니다., en: Cancelled.}
"""


class Receiver:
    """A local HTTP endpoint that fails its first request with 500, then accepts."""

    def __init__(self):
        self.bodies = []
        self.attempts = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                outer.attempts += 1
                if outer.attempts == 1:
                    self.send_response(500)
                    self.end_headers()
                    return
                outer.bodies.append((self.headers.get("Content-Type"), json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


def test_webhook_action_is_delivered_with_retry():
    receiver = Receiver()
    bot = tempfile.mkdtemp(prefix="aicc-bot-")
    shutil.copytree(BOT_DIR, bot, dirs_exist_ok=True)
    with open(os.path.join(bot, "scenarios", "tech_ticket.yaml"), "w") as f:
        f.write(TICKET_SCENARIO % receiver.url)
    with open(os.path.join(bot, "policy.json")) as f:
        policy = json.load(f)
    policy["intent_actions"]["technical_support"] = {"action": "scenario",
                                                     "scenario": "tech_ticket"}
    with open(os.path.join(bot, "policy.json"), "w") as f:
        json.dump(policy, f, ensure_ascii=False)
    server = Server(env={"AICC_BOT_DIR": bot}).start()
    try:
        cid = server.open_conversation()
        status, doc = server.json("POST", f"{BASE}/{cid}/messages",
                                  {"text": "앱이 자꾸 오류가 나요 기술 지원 부탁드려요"})
        assert doc["replies"][0]["decision"] == "scenario_start", doc["replies"][0]
        status, doc = server.json("POST", f"{BASE}/{cid}/messages",
                                  {"text": "로그인하면 앱이 종료됩니다"})
        reply = doc["replies"][0]
        assert reply["decision"] == "scenario_complete", reply
        assert reply["details"]["action"]["type"] == "webhook"
        deadline = time.time() + 15
        while not receiver.bodies and time.time() < deadline:
            time.sleep(0.1)
        assert receiver.attempts >= 2, "the failed first delivery is retried"
        content_type, body = receiver.bodies[0]
        assert content_type == "application/json"
        assert body["event"] == "scenario.completed"
        assert body["conversation_id"] == cid
        assert body["scenario_id"] == "tech_ticket"
        assert body["slots"] == {"problem": "로그인하면 앱이 종료됩니다"}
        # The sender logs after the receiver has answered: wait for the line, do not race it.
        while "scenario webhook delivered" not in server.logs() and time.time() < deadline:
            time.sleep(0.1)
        assert "scenario webhook delivered" in server.logs()
    finally:
        assert server.stop() == 0
        receiver.close()
        shutil.rmtree(bot, ignore_errors=True)
