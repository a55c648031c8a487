"""The default bot over the real API: welcome, FAQ answers, a scenario to completion,
escalation, goodbye, idempotent retries, masking — on SQLite and PostgreSQL."""
from aicc_harness import WebSocket

BASE = "/api/v1/conversations"


def open_chat(server, **fields):
    status, doc = server.json("POST", BASE, {"channel": "web", **fields})
    assert status == 201, doc
    return doc


def say(server, cid, text, **extra):
    status, doc = server.json("POST", f"{BASE}/{cid}/messages", {"text": text, **extra})
    assert status in (200, 201), doc
    return doc


def only_reply(doc):
    assert doc["bot"]["active"] is True, doc
    assert len(doc["replies"]) == 1, doc
    reply = doc["replies"][0]
    assert reply["sender"] == "bot"
    return reply


def test_korean_conversation_of_the_acceptance_criteria(bot_server):
    opened = open_chat(bot_server)
    assert opened["bot"] == {"active": True, "reason": None}
    [welcome] = opened["messages"]
    assert welcome["text"] == "안녕하세요! 무엇을 도와드릴까요?"
    assert welcome["details"]["quick_replies"] == ["상품 문의", "주문 조회", "기술 지원", "상담원 연결"]
    cid = opened["conversation"]["id"]

    greet = only_reply(say(bot_server, cid, "안녕하세요"))
    assert greet["decision"] == "greet"

    hours = only_reply(say(bot_server, cid, "영업시간이 어떻게 되나요?"))
    assert hours["decision"] == "faq_answer", hours
    assert hours["details"]["faq"]["id"] == "faq_business_hours"
    assert "평일" in hours["text"]

    start = only_reply(say(bot_server, cid, "예약하고 싶어요"))
    assert start["decision"] == "scenario_start", start
    assert start["details"]["scenario"]["id"] == "reservation"
    assert start["details"]["scenario"]["percent"] == 0
    assert "상담 예약" in start["details"]["quick_replies"]
    step = only_reply(say(bot_server, cid, "1"))
    assert step["decision"] == "scenario_step"
    retry = only_reply(say(bot_server, cid, "2020-01-01"))  # a past date is refused
    assert retry["decision"] == "scenario_retry", retry
    step = only_reply(say(bot_server, cid, "내일"))
    assert step["decision"] == "scenario_step"
    done = only_reply(say(bot_server, cid, "01012345678"))
    assert done["decision"] == "scenario_complete", done
    assert "010-1234-5678" in done["text"]
    assert done["details"]["scenario"]["percent"] == 100
    assert done["details"]["action"]["type"] == "record"

    esc = only_reply(say(bot_server, cid, "상담원 연결해 주세요"))
    assert esc["decision"] == "escalate", esc
    assert esc["details"]["escalation"]["reason"] == "customer_request"
    status, conv = bot_server.json("GET", f"{BASE}/{cid}")
    assert status == 200
    assert conv["state"] == "queued"
    assert conv["escalation"]["reason"] == "customer_request"
    assert conv["language"] == "ko"

    # Queued for a person: the customer's message is stored, the bot stays quiet and says why.
    waiting = say(bot_server, cid, "아직인가요?")
    assert waiting["replies"] == [] and waiting["bot"] == {"active": False,
                                                          "reason": "waiting_for_agent"}

    # Every turn was persisted in order: customer, bot, customer, bot …
    status, page = bot_server.json("GET", f"{BASE}/{cid}/messages?limit=100")
    senders = [m["sender"] for m in page["messages"]]
    assert senders[:3] == ["bot", "customer", "bot"]
    assert [m["seq"] for m in page["messages"]] == list(range(1, len(senders) + 1))
    assert senders[-1] == "customer"


def test_english_conversation_detects_the_language_and_says_goodbye(bot_server):
    cid = open_chat(bot_server)["conversation"]["id"]
    hours = only_reply(say(bot_server, cid, "what are your business hours?"))
    assert hours["decision"] == "faq_answer"
    assert "weekdays" in hours["text"].lower()
    bye = only_reply(say(bot_server, cid, "ok bye"))
    assert bye["decision"] == "goodbye", bye
    status, conv = bot_server.json("GET", f"{BASE}/{cid}")
    assert conv["state"] == "closed" and conv["language"] == "en"
    assert conv["close_reason"] == "bot_goodbye"


def test_out_of_scope_twice_offers_an_agent(bot_server):
    cid = open_chat(bot_server, language="ko")["conversation"]["id"]
    first = only_reply(say(bot_server, cid, "화성의 날씨는 어떤가요"))
    assert first["decision"] == "clarify", first
    assert "상담원 연결" in first["details"]["quick_replies"]
    second = only_reply(say(bot_server, cid, "우주선 발사 일정 알려줘"))
    assert second["decision"] == "offer_agent", second


def test_retry_with_client_msg_id_returns_the_same_reply(bot_server):
    cid = open_chat(bot_server)["conversation"]["id"]
    first = say(bot_server, cid, "예약하고 싶어요", client_msg_id="c-1")
    again = say(bot_server, cid, "예약하고 싶어요", client_msg_id="c-1")
    assert again["duplicate"] is True
    assert again["message"]["id"] == first["message"]["id"]
    assert again["replies"][0]["id"] == first["replies"][0]["id"]
    status, page = bot_server.json("GET", f"{BASE}/{cid}/messages")
    assert len(page["messages"]) == 3  # welcome, the message, one reply
    # The scenario advanced once, not twice: the next answer is the first step's.
    step = only_reply(say(bot_server, cid, "1", client_msg_id="c-2"))
    assert step["decision"] == "scenario_step"


def test_card_numbers_are_masked_before_they_are_stored(bot_server):
    cid = open_chat(bot_server)["conversation"]["id"]
    posted = say(bot_server, cid, "카드번호 4111 1111 1111 1111 로 결제했어요")
    assert "4111 1111 1111 1111" not in posted["message"]["text"]
    assert posted["message"]["text"].endswith("1111 로 결제했어요")
    status, page = bot_server.json("GET", f"{BASE}/{cid}/messages")
    assert all("4111 1111 1111 1111" not in m["text"] for m in page["messages"])
    assert "4111 1111 1111 1111" not in bot_server.logs()


def test_angry_customer_is_escalated_with_high_priority(bot_server):
    cid = open_chat(bot_server)["conversation"]["id"]
    esc = only_reply(say(bot_server, cid, "아 진짜 짜증나네 몇 번을 말해야 돼요"))
    assert esc["decision"] == "escalate", esc
    assert esc["details"]["escalation"]["reason"] == "complaint"
    assert esc["details"]["escalation"]["priority"] == "high"


def test_stream_pushes_the_bot_reply(bot_server):
    cid = open_chat(bot_server)["conversation"]["id"]
    ws = WebSocket(bot_server.port, f"{BASE}/{cid}/stream")
    try:
        snapshot = ws.recv_json()
        assert snapshot["type"] == "conversation.snapshot"
        say(bot_server, cid, "영업시간 알려주세요")
        senders = []
        while len(senders) < 2:
            event = ws.recv_json()
            if event["type"] == "message.created":
                senders.append(event["message"]["sender"])
        assert senders == ["customer", "bot"]
    finally:
        ws.close()
