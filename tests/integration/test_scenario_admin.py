"""Scenario administration over the real binary: list and view the loaded scenarios, an
invalid upload answers 422 with every problem, a valid one replaces the running scenario at
once (the next conversation gets the new prompt) and survives a restart; audited; admins
only."""
import shutil

import pytest

from aicc_harness import assert_error
from conftest import make_server
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent, token_of

SCENARIOS = "/api/v1/admin/scenarios"
OLD_PROMPT = "어떤 서비스 예약을 원하시나요?"
NEW_PROMPT = "무슨 예약을 도와드릴까요? (관리자 수정)"

BROKEN = """id: broken_form
name: {ko: 고장난 양식, en: Broken}
trigger_intents: [reservation_extra]
steps:
  - id: ask_name
    type: text
    prompt: {ko: "이름을 알려주세요", en: "Your name?"}
    next: ask_nowhere
  - id: ask_color
    type: colour
    prompt: {ko: "색상?", en: "Colour?"}
"""


@pytest.fixture
def admin_bot():
    s = make_server("sqlite")
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    yield s
    s.stop()
    shutil.rmtree(s.workdir, ignore_errors=True)


def first_prompt(s):
    status, opened = s.json("POST", "/api/v1/conversations", {"channel": "web"})
    assert status == 201
    cid = opened["conversation"]["id"]
    status, doc = s.json("POST", f"/api/v1/conversations/{cid}/messages",
                         {"text": "예약하고 싶어요"})
    assert status == 201, doc
    [reply] = doc["replies"]
    assert reply["decision"] == "scenario_start", reply
    return reply["text"]


def test_list_view_invalid_and_valid_upload_survives_restart(admin_bot):
    s = admin_bot
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, doc = s.json("GET", SCENARIOS, headers=admin)
    assert status == 200
    ids = {x["id"]: x for x in doc["scenarios"]}
    assert {"reservation", "order_lookup", "cancel_refund", "product_inquiry"} <= set(ids)
    assert ids["reservation"]["source"] == "bot"
    assert ids["reservation"]["steps"][0]["id"] == "ask_service_type"
    status, one = s.json("GET", f"{SCENARIOS}/reservation", headers=admin)
    assert status == 200 and one["format"] == "yaml"
    assert OLD_PROMPT in one["definition"]
    status, err = s.json("GET", f"{SCENARIOS}/nope", headers=admin)
    assert_error(status, err, 404)

    # Invalid definitions: every problem is listed; nothing changes.
    status, err = s.json("POST", SCENARIOS, {"definition": BROKEN}, headers=admin)
    assert_error(status, err, 422, "invalid_scenario")
    problems = err["error"]["details"]["errors"]
    assert len(problems) >= 2, problems
    text = " | ".join(p["text"] for p in problems)
    assert "ask_nowhere" in text and "colour" in text, text
    assert all(p["scenario"] == "broken_form" for p in problems)
    status, err = s.json("POST", SCENARIOS, {"definition": "id: [unclosed"}, headers=admin)
    assert_error(status, err, 422, "invalid_scenario")
    status, err = s.json("POST", SCENARIOS, {"definition": "{}", "format": "json"},
                         headers=admin)
    assert_error(status, err, 422, "invalid_scenario")
    # Valid alone, but claims an intent another scenario has.
    clash = one["definition"].replace("id: reservation", "id: reservation_copy")
    status, err = s.json("POST", SCENARIOS, {"definition": clash}, headers=admin)
    assert_error(status, err, 422, "invalid_scenario")
    assert "reservation" in str(err["error"]["details"]["errors"])
    for body in ({"definition": BROKEN, "format": "xml"}, {}, {"definition": 3},
                 {"definition": BROKEN, "other": 1}):
        status, err = s.json("POST", SCENARIOS, body, headers=admin)
        assert_error(status, err, 400)
    status, report = s.json("POST", f"{SCENARIOS}/validate", {"definition": BROKEN},
                            headers=admin)
    assert status == 200 and report["valid"] is False and len(report["errors"]) >= 2
    assert first_prompt(s).startswith(OLD_PROMPT)

    # A valid replacement is active for the next conversation.
    edited = one["definition"].replace(OLD_PROMPT, NEW_PROMPT)
    status, report = s.json("POST", f"{SCENARIOS}/validate", {"definition": edited},
                            headers=admin)
    assert status == 200 and report == {"valid": True, "id": "reservation", "errors": []}
    status, doc = s.json("POST", SCENARIOS, {"definition": edited}, headers=admin)
    assert status == 200, doc
    assert doc["source"] == "uploaded" and doc["id"] == "reservation"
    assert first_prompt(s).startswith(NEW_PROMPT)

    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=scenario", headers=admin)
    [entry] = audit["entries"]
    assert entry["action"] == "scenario.replace" and entry["actor"]["username"] == "admin"
    assert entry["before"]["source"] == "bot" and entry["after"]["source"] == "uploaded"

    assert s.stop() == 0
    s.start()
    assert first_prompt(s).startswith(NEW_PROMPT)
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    status, one = s.json("GET", f"{SCENARIOS}/reservation", headers=admin)
    assert one["source"] == "uploaded" and NEW_PROMPT in one["definition"]


def test_agents_and_supervisors_are_refused(admin_bot):
    s = admin_bot
    for role in ("agent", "supervisor"):
        create_agent(s, token_of(s, "admin", ADMIN_PASSWORD), f"{role}1", role=role)
        low = bearer(token_of(s, f"{role}1", AGENT_PASSWORD))
        for method, path, body in [("GET", SCENARIOS, None),
                                   ("GET", f"{SCENARIOS}/reservation", None),
                                   ("POST", SCENARIOS, {"definition": BROKEN}),
                                   ("POST", f"{SCENARIOS}/validate", {"definition": BROKEN})]:
            status, err = s.json(method, path, body, headers=low)
            assert_error(status, err, 403)
