"""Inbound channels over the real binary, against a real local HTTP receiver as the
channel's callback: an admin registers a channel bound to an API key; the channel posts a
customer's messages and gets the bot's reply in the answer and, signed, at its callback —
and after an escalation the agent's messages too; a callback endpoint that fails is
retried until it recovers (the delivery log shows it); retries of a client_msg_id are
answered once; bad inputs get the API's one error shape. Both backends."""
import json
import os
import shutil
import tempfile

from aicc_harness import BOT_DIR, assert_error
from conftest import make_server
from test_agent_routing import agent, wait_for_offer
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent, token_of
from test_escalation import ALWAYS_OPEN
from test_webhooks import FAST, Receiver, verify_signature, wait_for

CHANNELS = "/api/v1/admin/channels"
KEYS = "/api/v1/admin/api-keys"
SECRET = "whsec_inbound_channel_secret"


def start(backend, bot):
    """A server with an admin; with the bot, its data copied with always-open queues."""
    env = dict(FAST)
    bot_dir = None
    if bot:
        env.pop("AICC_BOT_ENABLED")
        bot_dir = tempfile.mkdtemp(prefix="aicc-bot-")
        shutil.copytree(BOT_DIR, bot_dir, dirs_exist_ok=True)
        with open(os.path.join(bot_dir, "queues.json")) as f:
            doc = json.load(f)
        doc["hours"] = ALWAYS_OPEN
        with open(os.path.join(bot_dir, "queues.json"), "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        env["AICC_BOT_DIR"] = bot_dir
    s = make_server(backend, env=env)
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    s.bot_dir = bot_dir
    s.admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    return s


def stop(s):
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)
    if s.bot_dir:
        shutil.rmtree(s.bot_dir, ignore_errors=True)


def new_key(s, name="messenger bridge"):
    status, key = s.json("POST", KEYS, {"name": name, "role": "agent"}, headers=s.admin)
    assert status == 201, key
    return key


def new_channel(s, name, url, key_id, **fields):
    status, ch = s.json("POST", CHANNELS, {"name": name, "callback_url": url,
                                           "api_key_id": key_id, **fields}, headers=s.admin)
    assert status == 201, ch
    return ch


def post(s, channel, secret, body):
    return s.json("POST", f"/api/v1/channels/{channel}/messages", body,
                  headers={"X-API-Key": secret})


def callbacks(receiver, external_id=None):
    return [e for e in receiver.events("channel.message")
            if external_id is None or e["data"]["external_id"] == external_id]


def deliveries(s, channel_id):
    status, doc = s.json("GET", f"{CHANNELS}/{channel_id}/deliveries?limit=500", headers=s.admin)
    assert status == 200, doc
    return doc["deliveries"]


def test_bot_reply_in_the_answer_and_at_the_callback_then_the_agents(backend):
    # The callback endpoint fails twice before it answers: the first callbacks are retried.
    receiver = Receiver(plan=["500", "500"])
    s = start(backend, bot=True)
    try:
        key = new_key(s)
        ch = new_channel(s, "kakao", receiver.url, key["id"], secret=SECRET)
        status, doc = post(s, "kakao", key["secret"],
                           {"external_id": "user-1", "text": "영업시간이 어떻게 되나요?",
                            "client_msg_id": "k-1", "customer_name": "김민수",
                            "language": "ko"})
        assert status == 201, doc
        assert doc["conversation_created"] is True and doc["duplicate"] is False
        cid = doc["conversation_id"]
        assert doc["conversation"]["channel"] == "kakao"
        assert doc["message"]["text"] == "영업시간이 어떻게 되나요?"
        assert doc["bot"]["active"] is True and doc["replies"], doc
        assert doc["greeting"], "the bot greets a new conversation"
        reply_ids = {m["id"] for m in doc["replies"] + doc["greeting"]}

        # Greeting and reply reach the callback, signed with the channel's secret, after
        # the receiver recovered.
        wait_for(lambda: {e["data"]["message"]["id"] for e in callbacks(receiver)} >= reply_ids,
                 "the greeting and the reply at the callback", timeout=60)
        for e in callbacks(receiver):
            assert e["data"]["channel"] == "kakao" and e["data"]["channel_id"] == ch["id"]
            assert e["data"]["external_id"] == "user-1"
            assert e["data"]["conversation_id"] == cid
            assert e["data"]["message"]["sender"] != "customer"
        for headers, body in receiver.requests:
            verify_signature(headers, body, secret=SECRET)
            assert headers["x-aicc-event"] == "channel.message"
        wait_for(lambda: all(d["state"] == "delivered" for d in deliveries(s, ch["id"])),
                 "every callback delivered")
        log = deliveries(s, ch["id"])
        assert len(log) == len(reply_ids), log
        assert sum(d["attempts"] for d in log) == len(log) + 2, "the two failures were retried"
        assert all(d["last_status"] == 204 and d["event_type"] == "channel.message" for d in log)

        # The same client_msg_id again: the original answer, nothing new stored or sent.
        sent = len(receiver.requests)
        status, again = post(s, "kakao", key["secret"],
                             {"external_id": "user-1", "text": "영업시간이 어떻게 되나요?",
                              "client_msg_id": "k-1"})
        assert status == 200, again
        assert again["duplicate"] is True and again["message"]["id"] == doc["message"]["id"]
        assert [m["id"] for m in again["replies"]] == [m["id"] for m in doc["replies"]]
        assert again["conversation_id"] == cid
        status, page = s.json("GET", f"/api/v1/conversations/{cid}/messages")
        assert [m["client_msg_id"] for m in page["messages"]
                if m["sender"] == "customer"] == ["k-1"], "stored once"
        assert len(deliveries(s, ch["id"])) == len(reply_ids), "no callback for the retry"

        # The next message continues the conversation; the customer asks for a person.
        status, doc2 = post(s, "kakao", key["secret"],
                            {"external_id": "user-1", "text": "상담원 연결해 주세요",
                             "client_msg_id": "k-2"})
        assert status == 201, doc2
        assert doc2["conversation_id"] == cid and doc2["conversation_created"] is False
        status, conv = s.json("GET", f"/api/v1/conversations/{cid}")
        assert conv["state"] == "queued", conv
        wait_for(lambda: len(receiver.requests) > sent, "the hand-over reply at the callback")

        # An agent takes it; their message goes to the callback too.
        kim = agent(s, "kim")
        offer = wait_for_offer(s, kim)
        status, _ = s.json("POST", f"/api/v1/agent/escalations/{offer['id']}/accept",
                           headers=kim)
        assert status == 200
        status, sent_msg = s.json("POST", f"/api/v1/agent/conversations/{cid}/messages",
                                  {"text": "상담원 김입니다. 무엇을 도와드릴까요?",
                                   "client_msg_id": "a-1"}, headers=kim)
        assert status == 201, sent_msg

        def agent_callback():
            return [e for e in callbacks(receiver, "user-1")
                    if e["data"]["message"]["sender"] == "agent"]
        wait_for(agent_callback, "the agent's message at the callback")
        assert agent_callback()[0]["data"]["message"]["text"] == "상담원 김입니다. 무엇을 도와드릴까요?"
        assert agent_callback()[0]["data"]["conversation_id"] == cid

        # While the agent has it, a customer message gets no bot reply.
        status, doc3 = post(s, "kakao", key["secret"],
                            {"external_id": "user-1", "text": "네 감사합니다",
                             "client_msg_id": "k-3"})
        assert status == 201, doc3
        assert doc3["conversation_id"] == cid and doc3["replies"] == []
        assert doc3["bot"]["active"] is False

        # After the conversation ends, the contact's next message opens a new one.
        status, _ = s.json("POST", f"/api/v1/conversations/{cid}/close", {})
        assert status == 200
        status, doc4 = post(s, "kakao", key["secret"],
                            {"external_id": "user-1", "text": "또 문의드려요",
                             "client_msg_id": "k-4"})
        assert status == 201, doc4
        assert doc4["conversation_created"] is True and doc4["conversation_id"] != cid
        # The same contact is the same customer.
        assert doc4["conversation"]["customer_id"] == doc["conversation"]["customer_id"]
        # A second contact has a conversation of their own.
        status, other = post(s, "kakao", key["secret"],
                             {"external_id": "user-2", "text": "안녕하세요",
                              "client_msg_id": "k-1"})
        assert status == 201 and other["conversation_id"] not in (cid, doc4["conversation_id"])
        wait_for(lambda: callbacks(receiver, "user-2"), "the second contact's callback")
        assert all(e["data"]["conversation_id"] == other["conversation_id"]
                   for e in callbacks(receiver, "user-2"))

        # Analytics count the conversations by the channel's name.
        status, summary = s.json("GET", "/api/v1/analytics/summary?channel=kakao", headers=s.admin)
        assert status == 200, summary
    finally:
        stop(s)
        receiver.close()


def test_admin_crud_audit_and_bad_inputs(backend):
    receiver = Receiver()
    s = start(backend, bot=False)
    try:
        key = new_key(s)
        other_key = new_key(s, "another program")
        ch = new_channel(s, "sms", receiver.url, key["id"], description="SMS 게이트웨이")
        assert ch["secret"].startswith("whsec_") and ch["enabled"] is True
        status, got = s.json("GET", f"{CHANNELS}/{ch['id']}", headers=s.admin)
        assert status == 200 and "secret" not in got and got["name"] == "sms"
        status, listed = s.json("GET", CHANNELS, headers=s.admin)
        assert [c["name"] for c in listed["channels"]] == ["sms"]
        assert "secret" not in listed["channels"][0]
        # The callback is not an admin webhook subscription.
        status, hooks = s.json("GET", "/api/v1/admin/webhooks", headers=s.admin)
        assert status == 200 and hooks["webhooks"] == []
        status, err = s.json("GET", f"/api/v1/admin/webhooks/{ch['id']}", headers=s.admin)
        assert_error(status, err, 404)

        # Admin bad inputs.
        bad = [({"name": "SMS!", "callback_url": receiver.url, "api_key_id": key["id"]}, 400),
               ({"name": "line", "callback_url": "ftp://x.example.com", "api_key_id": key["id"]},
                400),
               ({"name": "line", "callback_url": receiver.url, "api_key_id": "nope"}, 400),
               ({"name": "line", "callback_url": receiver.url}, 400),
               ({"name": "line", "callback_url": receiver.url, "api_key_id": key["id"],
                 "secret": "short"}, 400),
               ({"name": "line", "callback_url": receiver.url, "api_key_id": key["id"],
                 "colour": "blue"}, 400),
               ({"name": "sms", "callback_url": receiver.url, "api_key_id": key["id"]}, 409)]
        for body, code in bad:
            status, err = s.json("POST", CHANNELS, body, headers=s.admin)
            assert_error(status, err, code)
        status, err = s.json("PATCH", f"{CHANNELS}/{ch['id']}", {"name": "mms"}, headers=s.admin)
        assert_error(status, err, 400)
        assert err["error"]["details"]["field"] == "name"
        status, err = s.json("PATCH", f"{CHANNELS}/nope", {"enabled": False}, headers=s.admin)
        assert_error(status, err, 404)
        create_agent(s, token_of(s, "admin", ADMIN_PASSWORD), "lee")
        agent_token = token_of(s, "lee", AGENT_PASSWORD)
        status, err = s.json("GET", CHANNELS, headers=bearer(agent_token))
        assert_error(status, err, 403)

        msg = {"external_id": "010-1234-5678", "text": "안녕하세요", "client_msg_id": "s-1"}
        # No key, a wrong key, a session instead of a key: 401, 401, 403.
        status, err = s.json("POST", "/api/v1/channels/sms/messages", msg)
        assert_error(status, err, 401)
        status, err = post(s, "sms", "aicc_" + "0" * 64, msg)
        assert_error(status, err, 401)
        status, err = s.json("POST", "/api/v1/channels/sms/messages", msg,
                             headers=bearer(agent_token))
        assert_error(status, err, 403)
        # Another valid key is not this channel's key; an unknown channel is 404.
        status, err = post(s, "sms", other_key["secret"], msg)
        assert_error(status, err, 403)
        status, err = post(s, "nope", key["secret"], msg)
        assert_error(status, err, 404)
        # Malformed bodies.
        for body, field in [({"text": "x", "client_msg_id": "a"}, "external_id"),
                            ({"external_id": "u", "client_msg_id": "a"}, "text"),
                            ({"external_id": "u", "text": "x"}, "client_msg_id"),
                            ({"external_id": "u", "text": "   ", "client_msg_id": "a"}, "text"),
                            ({"external_id": "u" * 96, "text": "x", "client_msg_id": "a"},
                             "external_id"),
                            ({"external_id": "u\n", "text": "x", "client_msg_id": "a"},
                             "external_id"),
                            ({"external_id": "u", "text": "x", "client_msg_id": "a",
                              "language": "fr"}, "language"),
                            ({"external_id": "u", "text": "x", "client_msg_id": "a",
                              "extra": 1}, "extra"),
                            ({"external_id": 7, "text": "x", "client_msg_id": "a"},
                             "external_id")]:
            status, err = post(s, "sms", key["secret"], body)
            assert_error(status, err, 400)
            assert err["error"]["details"].get("field") == field, (body, err)
        status, _, _ = s.request("POST", "/api/v1/channels/sms/messages", raw_body=b"{not json",
                                headers={"X-API-Key": key["secret"],
                                         "Content-Type": "application/json"})
        assert status == 400
        status, _, _ = s.request("POST", "/api/v1/channels/sms/messages", raw_body=b"hello",
                              headers={"X-API-Key": key["secret"], "Content-Type": "text/plain"})
        assert status == 415

        # Without a bot the message is stored and waits for a person; the retry is a duplicate.
        status, doc = post(s, "sms", key["secret"], msg)
        assert status == 201, doc
        assert doc["replies"] == [] and doc["bot"]["reason"] == "no_bot_configured"
        status, again = post(s, "sms", key["secret"], msg)
        assert status == 200 and again["duplicate"] is True
        assert again["message"]["id"] == doc["message"]["id"]
        status, page = s.json("GET", f"/api/v1/conversations/{doc['conversation_id']}/messages")
        assert [m["text"] for m in page["messages"]] == ["안녕하세요"], "stored once"

        # Disabled: 403 until enabled again.
        status, patched = s.json("PATCH", f"{CHANNELS}/{ch['id']}", {"enabled": False},
                                 headers=s.admin)
        assert status == 200 and patched["enabled"] is False and "secret" not in patched
        status, err = post(s, "sms", key["secret"], {**msg, "client_msg_id": "s-2"})
        assert_error(status, err, 403, "channel_disabled")
        # Rebinding to the other key moves the right to post.
        status, patched = s.json("PATCH", f"{CHANNELS}/{ch['id']}",
                                 {"enabled": True, "api_key_id": other_key["id"]},
                                 headers=s.admin)
        assert status == 200, patched
        status, err = post(s, "sms", key["secret"], {**msg, "client_msg_id": "s-2"})
        assert_error(status, err, 403)
        status, doc2 = post(s, "sms", other_key["secret"], {**msg, "client_msg_id": "s-2"})
        assert status == 201 and doc2["conversation_id"] == doc["conversation_id"]

        # Rotation: a new secret, shown once.
        status, rotated = s.json("POST", f"{CHANNELS}/{ch['id']}/rotate-secret", {},
                                 headers=s.admin)
        assert status == 200 and rotated["secret"] != ch["secret"]
        status, err = s.json("POST", f"{CHANNELS}/nope/rotate-secret", {}, headers=s.admin)
        assert_error(status, err, 404)
        status, err = s.json("GET", f"{CHANNELS}/{ch['id']}/deliveries?state=lost",
                             headers=s.admin)
        assert_error(status, err, 400)
        status, err = s.json("POST", f"{CHANNELS}/{ch['id']}/deliveries/nope/retry", {},
                             headers=s.admin)
        assert_error(status, err, 404)

        # Every change is in the audit log, without a secret.
        status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=channel",
                               headers=s.admin)
        assert status == 200, audit
        actions = sorted(e["action"] for e in audit["entries"])
        assert actions == ["channel.create", "channel.rotate_secret", "channel.update",
                           "channel.update"], actions
        assert ch["secret"] not in str(audit) and rotated["secret"] not in str(audit)

        status, _, _ = s.request("DELETE", f"{CHANNELS}/{ch['id']}", headers=s.admin)
        assert status == 204
        status, err = s.json("GET", f"{CHANNELS}/{ch['id']}", headers=s.admin)
        assert_error(status, err, 404)
        status, err = post(s, "sms", other_key["secret"], {**msg, "client_msg_id": "s-3"})
        assert_error(status, err, 404)
    finally:
        stop(s)
        receiver.close()
