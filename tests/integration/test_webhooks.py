"""Outbound webhooks over the real binary, against a real local HTTP receiver that fails,
hangs and recovers: signed deliveries of chat events, retries with backoff, dead letters
and their retry, deliveries that survive a restart, a hung endpoint that does not hold up
chat, and the admin API's bad inputs and role checks. Both backends."""
import hashlib
import hmac
import json
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aicc_harness import assert_error
from conftest import NO_BOT, make_server
from test_auth import ADMIN_PASSWORD, aicc_user, bearer, create_agent, token_of, AGENT_PASSWORD

HOOKS = "/api/v1/admin/webhooks"
SECRET = "whsec_integration_test_secret"
FAST = {**NO_BOT, "AICC_WEBHOOKS_FIRST_BACKOFF_MS": "50", "AICC_WEBHOOKS_MAX_BACKOFF_MS": "200",
        "AICC_WEBHOOKS_TIMEOUT_MS": "700"}


class Receiver:
    """A local endpoint. `plan` lists how to answer the next requests ("500", "hang",
    "block" — wait for release() —, "ok"); after the plan it answers 204."""

    def __init__(self, plan=(), port=0):
        self.plan = list(plan)
        self.requests = []  # (headers dict, raw body) of every request, answered or not
        self.released = threading.Event()
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with outer.lock:
                    outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                    step = outer.plan.pop(0) if outer.plan else "ok"
                if step == "hang":
                    time.sleep(3)  # longer than the attempt timeout
                elif step == "block":
                    outer.released.wait(60)
                code = 500 if step == "500" else 204
                try:
                    self.send_response(code)
                    self.end_headers()
                except OSError:
                    pass  # the sender gave up on us

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/aicc"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def events(self, event_type=None):
        with self.lock:
            out = [json.loads(b) for _, b in self.requests]
        return [e for e in out if event_type is None or e["type"] == event_type]

    def close(self):
        self.released.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def wait_for(predicate, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start_with_admin(backend, env=FAST):
    s = make_server(backend, env=dict(env))
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    return s, bearer(token_of(s, "admin", ADMIN_PASSWORD))


def finish(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)


def subscribe(s, admin, url, events, **fields):
    status, doc = s.json("POST", HOOKS, {"url": url, "events": events, **fields}, headers=admin)
    assert status == 201, doc
    return doc


def deliveries(s, admin, hook_id, state=None):
    q = f"?state={state}" if state else ""
    status, doc = s.json("GET", f"{HOOKS}/{hook_id}/deliveries{q}", headers=admin)
    assert status == 200, doc
    return doc["deliveries"]


def verify_signature(headers, body, secret=SECRET):
    parts = dict(p.split("=", 1) for p in headers["x-aicc-signature"].split(","))
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected), "signature does not verify"
    assert abs(int(parts["t"]) - time.time()) < 300


def test_chat_events_are_delivered_signed(backend):
    receiver = Receiver()
    s, admin = start_with_admin(backend)
    try:
        hook = subscribe(s, admin, receiver.url, ["conversation.created", "message.created",
                                                  "conversation.closed"], secret=SECRET,
                         description="CRM")
        assert hook["secret"] == SECRET and hook["active"] is True
        everything = subscribe(s, admin, receiver.url, ["*"])
        assert everything["secret"].startswith("whsec_") and len(everything["secret"]) == 54
        cid = s.open_conversation()
        status, _ = s.json("POST", f"/api/v1/conversations/{cid}/messages",
                           {"text": "배송 언제 와요?", "client_msg_id": "m1"})
        assert status == 201
        status, _ = s.json("POST", f"/api/v1/conversations/{cid}/close", {})
        assert status == 200
        # Two subscriptions, three events each.
        wait_for(lambda: len(receiver.requests) >= 6, "six deliveries")
        for headers, body in receiver.requests:
            event = json.loads(body)
            assert headers["content-type"] == "application/json"
            assert headers["x-aicc-event"] == event["type"]
            assert headers["x-aicc-event-id"] == event["id"]
            if headers["x-aicc-delivery"] in {d["id"] for d in deliveries(s, admin, hook["id"])}:
                verify_signature(headers, body)
            else:
                verify_signature(headers, body, everything["secret"])
        created = receiver.events("conversation.created")
        assert len(created) == 2 and created[0]["id"] == created[1]["id"], \
            "one event, one id for every subscription"
        assert created[0]["data"]["conversation"]["id"] == cid
        message = receiver.events("message.created")[0]
        assert message["data"]["message"]["text"] == "배송 언제 와요?"
        closed = receiver.events("conversation.closed")[0]
        assert closed["data"]["conversation"]["state"] == "closed"
        log = wait_for(lambda: [d for d in deliveries(s, admin, hook["id"])
                                if d["state"] == "delivered"] if len(
            deliveries(s, admin, hook["id"], "delivered")) == 3 else None, "three delivered")
        assert all(d["attempts"] == 1 and d["last_status"] == 204 for d in log)
        assert [d["event_type"] for d in log] == ["conversation.closed", "message.created",
                                                   "conversation.created"], "newest first"
        status, doc = s.json("GET", f"{HOOKS}/{hook['id']}", headers=admin)
        assert status == 200 and "secret" not in doc
    finally:
        finish(s)
        receiver.close()


def test_failures_are_retried_with_backoff_until_delivered(backend):
    receiver = Receiver(plan=["500", "hang", "500"])
    s, admin = start_with_admin(backend)
    try:
        hook = subscribe(s, admin, receiver.url, ["conversation.created"], secret=SECRET)
        s.open_conversation()
        done = wait_for(lambda: deliveries(s, admin, hook["id"], "delivered"), "delivery")
        assert done[0]["attempts"] == 4 and done[0]["last_status"] == 204
        assert len(receiver.requests) == 4
        ids = {h["x-aicc-event-id"] for h, _ in receiver.requests}
        assert len(ids) == 1, "every retry is the same event"
        assert [h["x-aicc-attempt"] for h, _ in receiver.requests] == ["1", "2", "3", "4"]
        for headers, body in receiver.requests:
            verify_signature(headers, body)
        assert "webhook attempt failed" in s.logs()
    finally:
        finish(s)
        receiver.close()


def test_dead_letter_after_max_attempts_and_admin_retry(backend):
    receiver = Receiver(plan=["500"] * 3)
    s, admin = start_with_admin(backend, env={**FAST, "AICC_WEBHOOKS_MAX_ATTEMPTS": "3"})
    try:
        hook = subscribe(s, admin, receiver.url, ["conversation.created"], secret=SECRET)
        s.open_conversation()
        dead = wait_for(lambda: deliveries(s, admin, hook["id"], "dead"), "a dead letter")
        assert dead[0]["attempts"] == 3 and dead[0]["last_status"] == 500
        assert dead[0]["last_error"] == "HTTP 500"
        assert "webhook delivery dead" in s.logs()
        _, _, metrics = s.request("GET", "/metrics")
        lines = [ln for ln in metrics.decode().splitlines() if ln.startswith("aicc_webhook")]
        assert 'aicc_webhook_attempts_total{result="failed"} 3' in lines, lines
        assert "aicc_webhook_dead_total 1" in lines, lines
        # The endpoint is fixed (the plan is used up); the admin sends the dead letter again.
        status, doc = s.json("POST", f"{HOOKS}/{hook['id']}/deliveries/{dead[0]['id']}/retry",
                             headers=admin)
        assert status == 200 and doc["state"] == "pending", doc
        done = wait_for(lambda: deliveries(s, admin, hook["id"], "delivered"), "redelivery")
        assert done[0]["id"] == dead[0]["id"] and done[0]["attempts"] == 4
        status, doc = s.json("POST", f"{HOOKS}/{hook['id']}/deliveries/nope/retry", headers=admin)
        assert_error(status, doc, 404)
    finally:
        finish(s)
        receiver.close()


def test_pending_deliveries_survive_a_restart(backend):
    receiver = Receiver()
    port = receiver.port
    receiver.close()  # nothing listens: every attempt fails to connect
    s, admin = start_with_admin(backend)
    try:
        hook = subscribe(s, admin, receiver.url, ["conversation.created"], secret=SECRET)
        s.open_conversation()
        pending = wait_for(lambda: [d for d in deliveries(s, admin, hook["id"], "pending")
                                    if d["attempts"] >= 1], "a failed attempt")
        assert pending[0]["last_status"] is None and pending[0]["last_error"]
        assert s.stop() == 0
        receiver = Receiver(port=port)  # the endpoint comes back while AICC is down
        s.start()
        admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
        done = wait_for(lambda: deliveries(s, admin, hook["id"], "delivered"), "delivery")
        assert done[0]["id"] == pending[0]["id"]
        assert receiver.events()[0]["type"] == "conversation.created"
    finally:
        finish(s)
        receiver.close()


def test_a_hung_endpoint_does_not_hold_up_chat(backend):
    receiver = Receiver(plan=["block"] * 100)
    s, admin = start_with_admin(backend, env={**FAST, "AICC_WEBHOOKS_TIMEOUT_MS": "60000"})
    try:
        subscribe(s, admin, receiver.url, ["*"], secret=SECRET)
        cid = s.open_conversation()
        wait_for(lambda: receiver.requests, "the first (blocked) request")
        # Every sender is stuck on the endpoint; the chat goes on.
        for i in range(30):
            status, doc = s.json("POST", f"/api/v1/conversations/{cid}/messages",
                                 {"text": f"메시지 {i}", "client_msg_id": f"m{i}"})
            assert status == 201, doc
        assert len(receiver.requests) <= 2, "the endpoint is still blocked"
        receiver.plan.clear()
        receiver.released.set()
        wait_for(lambda: len(receiver.events("message.created")) == 30, "all 30 messages")
    finally:
        finish(s)
        receiver.close()


def test_admin_api_bad_inputs_and_roles(backend):
    s, admin = start_with_admin(backend)
    try:
        cases = [
            ({"url": "ftp://x.example.com", "events": ["*"]}, "url"),
            ({"url": "https://u:p@x.example.com", "events": ["*"]}, "url"),
            ({"url": "https://x.example.com", "events": ["message.deleted"]}, "events"),
            ({"url": "https://x.example.com", "events": []}, "events"),
            ({"url": "https://x.example.com", "events": ["*"], "secret": "short"}, "secret"),
            ({"url": "https://x.example.com", "events": "message.created"}, "events"),
            ({"events": ["*"]}, "url"),
            ({"url": "https://x.example.com", "events": ["*"], "colour": "red"}, "colour"),
        ]
        for body, field in cases:
            status, doc = s.json("POST", HOOKS, body, headers=admin)
            assert_error(status, doc, 400)
            assert doc["error"]["details"]["field"] == field, (body, doc)
        status, _, _ = s.request("POST", HOOKS, raw_body=b"{not json",
                                 headers={**admin, "Content-Type": "application/json"})
        assert status == 400
        hook = subscribe(s, admin, "https://crm.example.com/h", ["message.created"])
        status, doc = s.json("PATCH", f"{HOOKS}/{hook['id']}", {"events": ["nope"]}, headers=admin)
        assert_error(status, doc, 400)
        status, doc = s.json("PATCH", f"{HOOKS}/{hook['id']}", {"active": False}, headers=admin)
        assert status == 200 and doc["active"] is False and "secret" not in doc
        status, doc = s.json("PATCH", f"{HOOKS}/{hook['id']}", {"secret": SECRET}, headers=admin)
        assert status == 200 and doc["secret"] == SECRET, "a new secret is shown once"
        status, doc = s.json("GET", f"{HOOKS}/{hook['id']}/deliveries?state=lost", headers=admin)
        assert_error(status, doc, 400)
        status, doc = s.json("GET", f"{HOOKS}/{hook['id']}/deliveries?limit=0", headers=admin)
        assert_error(status, doc, 400)
        for method, path in [("GET", f"{HOOKS}/nope"), ("PATCH", f"{HOOKS}/nope"),
                             ("DELETE", f"{HOOKS}/nope"), ("POST", f"{HOOKS}/nope/test"),
                             ("GET", f"{HOOKS}/nope/deliveries")]:
            status, doc = s.json(method, path, {} if method == "PATCH" else None, headers=admin)
            assert_error(status, doc, 404)
        # Roles: anonymous 401, an agent 403, on every route of the resource.
        create_agent(s, admin["Authorization"].split()[1], "kim")
        agent = bearer(token_of(s, "kim", AGENT_PASSWORD))
        for method, path in [("GET", HOOKS), ("POST", HOOKS), ("GET", f"{HOOKS}/{hook['id']}"),
                             ("DELETE", f"{HOOKS}/{hook['id']}"),
                             ("POST", f"{HOOKS}/{hook['id']}/test")]:
            status, doc = s.json(method, path, None)
            assert_error(status, doc, 401)
            status, doc = s.json(method, path, None, headers=agent)
            assert_error(status, doc, 403)
        status, _, _ = s.request("DELETE", f"{HOOKS}/{hook['id']}", headers=admin)
        assert status == 204
        status, doc = s.json("GET", HOOKS, headers=admin)
        assert status == 200 and doc["webhooks"] == []
    finally:
        finish(s)


def test_test_event_reaches_an_inactive_subscription(backend):
    receiver = Receiver()
    s, admin = start_with_admin(backend)
    try:
        hook = subscribe(s, admin, receiver.url, ["message.created"], secret=SECRET, active=False)
        s.open_conversation()  # not subscribed, and inactive anyway
        status, doc = s.json("POST", f"{HOOKS}/{hook['id']}/test", headers=admin)
        assert status == 202 and doc["event_type"] == "webhook.test", doc
        wait_for(lambda: receiver.requests, "the test event")
        headers, body = receiver.requests[0]
        verify_signature(headers, body)
        assert json.loads(body)["data"] == {"subscription_id": hook["id"]}
        assert len(receiver.requests) == 1
    finally:
        finish(s)
        receiver.close()


def test_hand_off_events_reach_a_subscriber(backend):
    """escalated → assigned → agent message → closed → csat.submitted, as webhooks."""
    from test_agent_routing import agent, start, stop, wait_for_offer
    from test_escalation import BASE
    receiver = Receiver()
    s = start(backend, AICC_WEBHOOKS_FIRST_BACKOFF_MS="50")
    try:
        subscribe(s, s.admin, receiver.url, ["*"], secret=SECRET)
        kim = agent(s, "kim", skills=["billing"])
        status, conv = s.json("POST", BASE, {"channel": "web", "language": "ko"})
        cid = conv["conversation"]["id"]
        status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
        assert status == 201, e
        wait_for_offer(s, kim)
        status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=kim)
        assert status == 200
        status, _ = s.json("POST", f"/api/v1/agent/conversations/{cid}/messages",
                           {"text": "상담원입니다.", "client_msg_id": "a1"}, headers=kim)
        assert status == 201
        status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/wrap-up",
                           {"disposition": "resolved"}, headers=kim)
        assert status == 200
        status, _ = s.json("POST", f"{BASE}/{cid}/csat", {"score": 4})
        assert status == 200
        expected = {"conversation.created", "conversation.escalated", "conversation.assigned",
                    "message.created", "conversation.closed", "csat.submitted"}

        def seen():
            return {ev["type"] for ev in receiver.events()
                    if ev["type"] != "message.created" or
                    ev["data"]["message"]["sender"] == "agent"}
        # Two delivery threads: the events arrive in any order.
        wait_for(lambda: expected <= seen(), f"all of {sorted(expected)}")
        csat = receiver.events("csat.submitted")[0]["data"]
        assert csat["conversation_id"] == cid and csat["score"] == 4
        for headers, body in receiver.requests:
            verify_signature(headers, body)
    finally:
        stop(s)
        receiver.close()
