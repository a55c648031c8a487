"""Amazon Connect and Lex V2 against the real binary: the documented event samples in
tests/connect/samples replayed on POST /api/v1/connect/lambda and /api/v1/lex/codehook
(good and bad events), and `aicc flow validate|run` on the deploy flow and the test flows,
walking the main menu paths with DTMF inputs."""
import copy
import json
import os
import subprocess

import pytest
from aicc_harness import AICC_BIN, BOT_DIR, MODEL_FILE, REPO

SAMPLES = os.path.join(REPO, "tests", "connect", "samples")
FLOWS = os.path.join(REPO, "tests", "connect", "flows")
DEPLOY_FLOW = os.path.join(REPO, "deploy", "connect", "inbound-flow.json")
LAMBDA = "/api/v1/connect/lambda"
LEX = "/api/v1/lex/codehook"
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("AICC_")},
       "ASAN_OPTIONS": os.environ.get("ASAN_OPTIONS", "detect_leaks=1")}
# A Monday morning in Korea: the default hours are open.
OPEN = "2026-03-03T10:00:00+09:00"  # a Tuesday (2 March 2026 is a substitute holiday)
CLOSED = "2026-03-03T20:00:00+09:00"


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
        return json.load(f)


def connect_event(contact_id, **parameters):
    event = sample("connect-lambda-event.json")
    event["Details"]["ContactData"]["ContactId"] = contact_id
    event["Details"]["Parameters"] = parameters
    return event


def flat(doc):
    assert isinstance(doc, dict)
    for key, value in doc.items():
        assert isinstance(value, str), f"{key} is not a string: {value!r}"
    return doc


# ---- POST /api/v1/connect/lambda -------------------------------------------------------

def test_documented_connect_event_drives_the_chat_engine(bot_server):
    event = sample("connect-lambda-event.json")
    status, doc = bot_server.json("POST", LAMBDA, event)
    assert status == 200, doc
    flat(doc)
    assert doc["nextAction"] in ("continue", "clarify", "end"), doc
    assert doc["responseText"], doc
    conversation = doc["conversationId"]
    # The same contact again: the same conversation, one more turn.
    event["Details"]["Parameters"]["userInput"] = "영업시간이 어떻게 되나요?"
    status, again = bot_server.json("POST", LAMBDA, event)
    assert status == 200, again
    assert again["conversationId"] == conversation
    assert again["decision"] == "faq_answer", again
    assert "평일" in again["responseText"]
    status, history = bot_server.json("GET", f"/api/v1/conversations/{conversation}/messages")
    assert status == 200, history
    customer = [m["text"] for m in history["messages"] if m["sender"] == "customer"]
    assert customer == ["안녕하세요", "영업시간이 어떻게 되나요?"]
    status, conv = bot_server.json("GET", f"/api/v1/conversations/{conversation}")
    assert conv["channel"] == "voice"


def test_asking_for_an_agent_escalates_and_queues_the_conversation(bot_server):
    status, doc = bot_server.json("POST", LAMBDA, connect_event(
        "contact-escalate", requestType="chat", userInput="상담원 연결해 주세요"))
    assert status == 200, doc
    assert doc["nextAction"] == "escalate", doc
    assert doc["escalationPriority"] in ("HIGH", "MEDIUM", "LOW")
    status, conv = bot_server.json("GET", f"/api/v1/conversations/{doc['conversationId']}")
    assert conv["state"] == "queued", conv
    # The next turn: people handle it now.
    status, later = bot_server.json("POST", LAMBDA, connect_event(
        "contact-escalate", requestType="chat", userInput="아직인가요?"))
    assert status == 200 and later["nextAction"] == "transfer_to_agent", later
    assert later["botResult"] == "TransferToAgent"


def test_parallel_first_events_of_a_contact_share_one_conversation(server):
    # Connect may run two Lambda blocks' invocations close together (or retry one): the
    # first events of a new contact, racing, must not open two conversations.
    from concurrent.futures import ThreadPoolExecutor

    def send(i):
        return server.json("POST", LAMBDA, connect_event(
            "contact-race", requestType="chat", userInput=f"메시지 {i}"))

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(send, range(8)))
    assert all(status == 200 for status, _ in results), results
    ids = {doc["conversationId"] for _, doc in results}
    assert len(ids) == 1, ids
    status, history = server.json("GET", f"/api/v1/conversations/{ids.pop()}/messages?limit=50")
    assert status == 200, history
    assert len([m for m in history["messages"] if m["sender"] == "customer"]) == 8


def test_request_types_without_a_conversation(server):
    status, doc = server.json("POST", LAMBDA, connect_event("c-hours", requestType="business_hours"))
    assert status == 200, doc
    assert flat(doc)["isBusinessHours"] in ("true", "false")
    assert doc["nextAction"] in ("transfer_to_agent", "offer_alternatives")
    status, doc = server.json("POST", LAMBDA, connect_event("c-queue", requestType="queue_status"))
    assert status == 200, doc
    assert flat(doc)["availableAgents"] == "0" and doc["nextAction"] == "queue_wait"
    status, doc = server.json("POST", LAMBDA, connect_event(
        "c-verify", requestType="verify_customer", customerInput="5678"))
    assert status == 200 and doc == {"ValidationResult": "Success"}, doc
    status, doc = server.json("POST", LAMBDA, connect_event("c-voice", requestType="voice"))
    assert status == 200 and doc["nextAction"] == "retry", doc
    status, doc = server.json("POST", LAMBDA, connect_event(
        "c-esc", requestType="escalation", escalationReason="callback"))
    assert status == 200 and doc["nextAction"] == "transfer_to_agent", doc
    status, conv = server.json("GET", f"/api/v1/conversations/{doc['conversationId']}")
    assert conv["state"] == "queued", conv


def broken(mutate):
    event = sample("connect-lambda-event.json")
    mutate(event)
    return event


@pytest.mark.parametrize("event,field", [
    (broken(lambda e: e.pop("Details")), "Details"),
    (broken(lambda e: e["Details"].pop("ContactData")), "Details.ContactData"),
    (broken(lambda e: e["Details"]["ContactData"].pop("ContactId")), "Details.ContactData.ContactId"),
    (broken(lambda e: e["Details"]["ContactData"].update(ContactId=42)),
     "Details.ContactData.ContactId"),
    (broken(lambda e: e["Details"]["ContactData"].update(Channel="FAX")),
     "Details.ContactData.Channel"),
    (broken(lambda e: e["Details"]["ContactData"].update(Attributes={"n": 1})),
     "Details.ContactData.Attributes.n"),
    (broken(lambda e: e["Details"]["Parameters"].update(sessionAttributes={"a": "b"})),
     "Details.Parameters.sessionAttributes"),
    (broken(lambda e: e.update(Name="SomethingElse")), "Name"),
])
def test_events_connect_never_sends_are_400(server, event, field):
    status, doc = server.json("POST", LAMBDA, event)
    assert status == 400, doc
    assert doc["error"]["code"] == "invalid_event"
    assert doc["error"]["details"]["field"] == field


def test_lambda_body_errors_use_the_api_error_shape(server):
    status, _, body = server.request("POST", LAMBDA, raw_body=b"{not json",
                                     headers={"content-type": "application/json"})
    assert status == 400 and json.loads(body)["error"]["code"] == "invalid_json"
    status, doc = server.json("POST", LAMBDA, connect_event(
        "c-long", requestType="chat", userInput="가" * 1001))
    assert status == 400 and doc["error"]["details"]["field"] == "text", doc


# ---- POST /api/v1/lex/codehook ---------------------------------------------------------

def test_lex_dialog_codehook_answers_from_the_faq_and_closes(bot_server):
    status, doc = bot_server.json("POST", LEX, sample("lex-v2-dialog-codehook.json"))
    assert status == 200, doc
    state = doc["sessionState"]
    assert state["dialogAction"]["type"] == "Close", doc
    assert state["intent"]["name"] == "FallbackIntent"
    assert state["intent"]["state"] == "Fulfilled"
    assert state["sessionAttributes"]["BotResult"] == "Completed"
    assert state["sessionAttributes"]["Department"] == "General"  # kept
    [message] = doc["messages"]
    assert message["contentType"] == "PlainText" and "평일" in message["content"]


def test_lex_fulfillment_that_needs_an_agent_closes_with_transfer(bot_server):
    status, doc = bot_server.json("POST", LEX, sample("lex-v2-fulfillment-codehook.json"))
    assert status == 200, doc
    state = doc["sessionState"]
    assert state["dialogAction"]["type"] == "Close", doc
    assert state["intent"]["state"] == "Failed"
    assert state["sessionAttributes"]["BotResult"] == "TransferToAgent"
    assert state["intent"]["slots"] == {"Department": None}


def test_lex_turn_without_words_delegates(bot_server):
    event = sample("lex-v2-dialog-codehook.json")
    event["inputTranscript"] = ""
    status, doc = bot_server.json("POST", LEX, event)
    assert status == 200, doc
    assert doc["sessionState"]["dialogAction"] == {"type": "Delegate"}
    assert "messages" not in doc


def test_lex_session_keeps_one_conversation(bot_server):
    event = sample("lex-v2-dialog-codehook.json")
    event["sessionId"] = "lex-session-keep"
    event["inputTranscript"] = "예약하고 싶어요"
    status, first = bot_server.json("POST", LEX, event)
    assert status == 200, first
    assert first["sessionState"]["dialogAction"]["type"] in ("ElicitIntent", "ElicitSlot"), first
    event["inputTranscript"] = "취소"
    status, second = bot_server.json("POST", LEX, event)
    cid = first["sessionState"]["sessionAttributes"]["aiccConversationId"]
    assert second["sessionState"]["sessionAttributes"]["aiccConversationId"] == cid


def lex_broken(mutate):
    event = sample("lex-v2-dialog-codehook.json")
    mutate(event)
    return event


@pytest.mark.parametrize("event,field", [
    (lex_broken(lambda e: e.pop("sessionId")), "sessionId"),
    (lex_broken(lambda e: e.update(invocationSource="Whenever")), "invocationSource"),
    (lex_broken(lambda e: e.update(messageVersion="2.0")), "messageVersion"),
    (lex_broken(lambda e: e.pop("bot")), "bot.localeId"),
    (lex_broken(lambda e: e.pop("sessionState")), "sessionState"),
    (lex_broken(lambda e: e["sessionState"]["intent"].pop("name")), "sessionState.intent.name"),
    (lex_broken(lambda e: e["sessionState"].update(sessionAttributes={"a": 1})),
     "sessionState.sessionAttributes.a"),
    (lex_broken(lambda e: e.update(inputTranscript=5)), "inputTranscript"),
])
def test_lex_events_lex_never_sends_are_400(server, event, field):
    status, doc = server.json("POST", LEX, event)
    assert status == 400, doc
    assert doc["error"]["code"] == "invalid_event"
    assert doc["error"]["details"]["field"] == field


def test_both_endpoints_are_in_the_api_document(server):
    status, doc = server.json("GET", "/openapi.json")
    assert status == 200
    assert "post" in doc["paths"][LAMBDA] and "post" in doc["paths"][LEX]


# ---- aicc flow validate | run ----------------------------------------------------------

def aicc(*args, timeout=300):
    return subprocess.run([AICC_BIN, *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout)


def flow_run(*inputs, at=OPEN, flow=DEPLOY_FLOW, extra=()):
    os.makedirs(os.path.dirname(MODEL_FILE), exist_ok=True)
    args = ["flow", "run", flow, "--bot", BOT_DIR, "--model", MODEL_FILE, "--at", at, *extra]
    for i in inputs:
        args += ["--input", i]
    proc = aicc(*args)
    return proc


def path_of(stdout):
    lines = stdout.split("path:\n", 1)[1].split("attributes:\n", 1)[0]
    return [line.strip().split(" ", 1)[0] for line in lines.splitlines() if line.strip()]


def test_flow_validate_passes_the_deploy_and_console_flows():
    proc = aicc("flow", "validate", DEPLOY_FLOW, os.path.join(FLOWS, "console-export-chat.json"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count(": valid") == 2


def test_flow_validate_names_file_and_block_of_each_problem():
    bad = os.path.join(FLOWS, "prototype-inbound-as-written.json")
    proc = aicc("flow", "validate", bad)
    assert proc.returncode == 1
    assert f'{bad}: block "main-menu": unknown action type "GetUserInput"' in proc.stderr
    assert f'{bad}: block "validate-customer": InvokeLambdaFunction needs the parameter ' \
           f'LambdaFunctionARN' in proc.stderr
    assert f'{bad}: block "check-business-hours": CheckHoursOfOperation needs both' in proc.stderr
    missing = aicc("flow", "validate", "/nonexistent/flow.json")
    assert missing.returncode == 2 and "/nonexistent/flow.json" in missing.stderr


def test_flow_run_refuses_an_invalid_flow():
    proc = aicc("flow", "run", os.path.join(FLOWS, "prototype-inbound-as-written.json"))
    assert proc.returncode == 1
    assert "nothing was run" in proc.stderr


def test_flow_run_after_hours():
    proc = flow_run(at=CLOSED)
    assert proc.returncode == 0, proc.stderr
    assert path_of(proc.stdout)[-2:] == ["after-hours-message", "disconnect"]
    assert "end: disconnected" in proc.stdout


def test_flow_run_menu_1_reaches_the_lex_block_answered_by_aicc():
    proc = flow_run("1", "영업시간이 어떻게 되나요?")
    assert proc.returncode == 0, proc.stderr
    path = path_of(proc.stdout)
    assert path[:5] == ["welcome-message", "set-contact-attributes", "check-business-hours",
                        "main-menu", "general-inquiry"], path
    assert "invoke-chatbot" in path and "bot-completion-message" in path, proc.stdout
    assert "bot:" in proc.stdout and "평일" in proc.stdout
    assert "BotResult=Completed" in proc.stdout
    assert "end: disconnected" in proc.stdout


def test_flow_run_menu_2_bot_hands_over_to_the_queue():
    proc = flow_run("2", "상담원 연결해 주세요")
    assert proc.returncode == 0, proc.stderr
    path = path_of(proc.stdout)
    assert "technical-support" in path and "invoke-chatbot" in path
    assert path[-3:] == ["transfer-to-agent", "set-queue", "transfer-to-queue"], path
    assert "BotResult=TransferToAgent" in proc.stdout
    # The flow names a Connect queue ARN; AICC routes the contact in its default queue.
    assert "end: queued in general-queue" in proc.stdout
    assert "Department = Technical" in proc.stdout


def test_flow_run_menu_3_checks_the_callers_digits():
    good = flow_run("3", "5678", "영업시간이 어떻게 되나요?", extra=["--caller", "+821012345678"])
    assert good.returncode == 0, good.stderr
    assert "ValidationResult=Success" in good.stdout
    assert "invoke-chatbot" in path_of(good.stdout)
    bad = flow_run("3", "1111")
    assert "ValidationResult=Failed" in bad.stdout
    assert "authentication-failed" in path_of(bad.stdout)
    assert "end: queued" in bad.stdout


def test_flow_run_menu_4_and_timeouts_go_to_an_agent():
    four = flow_run("4")
    assert four.returncode == 0, four.stderr
    assert path_of(four.stdout)[-4:] == ["main-menu", "transfer-to-agent", "set-queue",
                                         "transfer-to-queue"]
    silent = flow_run()
    assert silent.returncode == 0, silent.stderr
    assert path_of(silent.stdout).count("main-menu") == 3
    assert "end: queued" in silent.stdout


def test_flow_run_console_exported_hours_flow_uses_the_contacts_time():
    flow = os.path.join(FLOWS, "console-export-hours-queue.json")
    closed = flow_run(at=CLOSED, flow=flow)
    assert closed.returncode == 0, closed.stderr
    assert "isBusinessHours=false" in closed.stdout
    assert "영업시간은 평일 09:00–18:00" in closed.stdout  # bot/queues.json, in words
    assert "end: disconnected" in closed.stdout
    open_ = flow_run(at=OPEN, flow=flow)
    assert open_.returncode == 0, open_.stderr
    assert "isBusinessHours=true" in open_.stdout
    # No agent is available in a fresh store: the caller hears the wait, then is queued.
    assert "현재 모든 상담원이 통화 중입니다." in open_.stdout
    assert "end: queued in general-queue" in open_.stdout


def test_flow_run_console_exported_chat_flow():
    proc = flow_run("영업시간이 어떻게 되나요?", "상담원 연결해 주세요",
                    flow=os.path.join(FLOWS, "console-export-chat.json"), extra=["--channel", "CHAT"])
    assert proc.returncode == 0, proc.stderr
    assert "평일" in proc.stdout
    assert "nextAction=escalate" in proc.stdout
    assert "end: queued in general-queue" in proc.stdout


def test_flow_run_into_the_services_store_queues_a_conversation_it_shows(bot_server):
    # The contact's conversation goes into the running service's store, where the chat API
    # (and agents and supervisors) see it queued.
    proc = flow_run("4", extra=["--store", bot_server.store_url, "--contact-id", "sim-4"])
    assert proc.returncode == 0, proc.stderr
    assert "contact: sim-4" in proc.stdout
    conversation = proc.stdout.split("(conversation ", 1)[1].split(")", 1)[0]
    status, conv = bot_server.json("GET", f"/api/v1/conversations/{conversation}")
    assert status == 200, conv
    assert conv["state"] == "queued" and conv["channel"] == "voice"
    # … and the supervisors' view lists its escalation, waiting in AICC's queue.
    from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, token_of
    done = aicc_user(bot_server, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    admin = bearer(token_of(bot_server, "admin", ADMIN_PASSWORD))
    status, _ = bot_server.json("POST", "/api/v1/agents", {"username": "boss", "role": "supervisor",
                                                           "password": AGENT_PASSWORD}, headers=admin)
    assert status == 201
    sup = bearer(token_of(bot_server, "boss", AGENT_PASSWORD))
    status, doc = bot_server.json("GET", "/api/v1/supervisor/escalations", headers=sup)
    assert status == 200, doc
    waiting = [e for e in doc["escalations"] if e["conversation_id"] == conversation]
    assert len(waiting) == 1 and waiting[0]["state"] == "queued", doc
    assert waiting[0]["queue_id"] == "general-queue"
    # The same contact id again continues that conversation instead of opening another.
    again = flow_run("4", extra=["--store", bot_server.store_url, "--contact-id", "sim-4"])
    assert again.returncode == 0, again.stderr
    assert f"(conversation {conversation})" in again.stdout


def test_flow_run_refuses_a_bad_store():
    proc = aicc("flow", "run", DEPLOY_FLOW, "--bot", BOT_DIR, "--store", "mysql://nowhere")
    assert proc.returncode == 2 and "--store" in proc.stderr, proc.stderr


def test_cloudformation_template_passes_cfn_lint():
    import shutil
    lint = shutil.which("cfn-lint")
    if lint is None:
        pytest.skip("cfn-lint is not installed")
    proc = subprocess.run([lint, os.path.join(REPO, "deploy", "connect", "cloudformation.yaml")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


TOKEN = "s3cret-connect-token-0123"


@pytest.fixture
def token_server():
    import shutil
    from aicc_harness import Server
    s = Server(env={"AICC_BOT_ENABLED": "false", "AICC_CONNECT_TOKEN": TOKEN}).start()
    yield s
    assert s.stop() == 0
    shutil.rmtree(s.workdir, ignore_errors=True)


def test_connect_token_is_required_when_configured(token_server):
    event = connect_event("c-token", requestType="business_hours")
    for headers in (None, {"x-aicc-connect-token": "wrong-token-wrong-token1"},
                    {"x-aicc-connect-token": TOKEN[:-1]}):
        status, doc = token_server.json("POST", LAMBDA, event, headers=headers)
        assert status == 401 and doc["error"]["code"] == "unauthenticated", doc
        status, doc = token_server.json("POST", LEX, sample("lex-v2-dialog-codehook.json"),
                                        headers=headers)
        assert status == 401, doc
    status, doc = token_server.json("POST", LAMBDA, event,
                                    headers={"x-aicc-connect-token": TOKEN})
    assert status == 200 and "isBusinessHours" in doc, doc


def test_a_short_connect_token_is_refused_at_start():
    proc = subprocess.run([AICC_BIN, "config"], capture_output=True, text=True, timeout=60,
                          env={**ENV, "AICC_CONNECT_TOKEN": "short"})
    assert proc.returncode == 2 and "connect.token" in proc.stderr, proc.stderr
