"""FAQ administration over the real binary: an admin edits an entry and the bot answers
with the new text on the next turn; create, soft delete, test a question, export (JSON and
CSV) and import (all-or-nothing), bad inputs, roles, and the audit trail."""
import csv
import io
import json
import shutil

import pytest

from aicc_harness import assert_error
from conftest import make_server
from test_auth import ADMIN_PASSWORD, AGENT_PASSWORD, aicc_user, bearer, create_agent, token_of

ADMIN_FAQ = "/api/v1/admin/faq"


@pytest.fixture
def admin_bot(backend):
    s = make_server(backend)
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    yield s, bearer(token_of(s, "admin", ADMIN_PASSWORD))
    rc = s.stop()
    assert rc == 0, s.logs()[-3000:]
    shutil.rmtree(s.workdir, ignore_errors=True)


def entry(s, admin, faq_id, language):
    status, doc = s.json("GET", f"{ADMIN_FAQ}?language={language}", headers=admin)
    assert status == 200
    return next(e for e in doc["entries"] if e["id"] == faq_id)


def test_an_edited_answer_is_what_the_bot_says_next(admin_bot):
    s, admin = admin_bot
    old = entry(s, admin, "faq_business_hours", "ko")
    new_answer = "연중무휴 24시간 운영합니다. (관리자 수정)"
    body = {k: old[k] for k in ("category", "question", "alternatives", "keywords", "priority",
                                "intent")}
    body["answer"] = new_answer
    status, doc = s.json("PUT", f"{ADMIN_FAQ}/faq_business_hours/ko", body, headers=admin)
    assert status == 200, doc
    assert doc["answer"] == new_answer and doc["view_count"] == old["view_count"]
    cid = s.open_conversation(language="ko")
    status, doc = s.json("POST", f"/api/v1/conversations/{cid}/messages",
                         {"text": "영업시간이 어떻게 되나요?"})
    assert status == 201, doc
    reply = doc["replies"][0]
    assert new_answer in reply["text"], reply
    status, doc = s.json("POST", f"{ADMIN_FAQ}/test",
                         {"query": "영업시간이 어떻게 되나요", "language": "ko"}, headers=admin)
    assert status == 200 and doc["hits"][0]["answer"] == new_answer
    status, doc = s.json("GET", "/api/v1/admin/audit?resource_type=faq", headers=admin)
    e = doc["entries"][0]
    assert e["action"] == "faq.update" and e["resource_id"] == "faq_business_hours/ko"
    assert e["before"]["answer"] == old["answer"] and e["after"]["answer"] == new_answer


def test_create_delete_export_import(admin_bot):
    s, admin = admin_bot
    new = {"category": "일반", "question": "반려동물과 함께 매장에 들어갈 수 있나요?",
           "alternatives": ["반려견 동반 입장"], "answer": "목줄을 한 반려동물은 함께 입장할 수 있습니다.",
           "keywords": ["반려동물", "반려견"], "intent": "general_inquiry"}
    status, doc = s.json("PUT", f"{ADMIN_FAQ}/faq_pets_in_store/ko", new, headers=admin)
    assert status == 201, doc
    status, doc = s.json("POST", f"{ADMIN_FAQ}/test",
                         {"query": "반려견 동반 입장 되나요", "language": "ko"}, headers=admin)
    assert doc["hits"][0]["id"] == "faq_pets_in_store"
    status, doc = s.json("DELETE", f"{ADMIN_FAQ}/faq_pets_in_store/ko", headers=admin)
    assert status == 200 and doc["active"] is False
    status, doc = s.json("POST", f"{ADMIN_FAQ}/test",
                         {"query": "반려견 동반 입장 되나요", "language": "ko"}, headers=admin)
    assert all(h["id"] != "faq_pets_in_store" for h in doc["hits"])
    status, doc = s.json("GET", "/api/v1/faq/faq_pets_in_store?language=ko")
    assert_error(status, doc, 404)

    status, exported = s.json("GET", f"{ADMIN_FAQ}/export", headers=admin)
    assert status == 200
    assert len(exported["entries"]) >= 80
    status, headers, raw = s.request("GET", f"{ADMIN_FAQ}/export?format=csv", headers=admin)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(raw.decode())))
    assert len(rows) == len(exported["entries"])
    assert {r["id"] for r in rows} == {e["id"] for e in exported["entries"]}

    # The export imports back unchanged (all updates); an edited copy changes what it says.
    status, doc = s.json("POST", f"{ADMIN_FAQ}/import", exported, headers=admin)
    assert status == 200 and doc == {"created": 0, "updated": len(exported["entries"])}, doc
    batch = {"entries": [dict(exported["entries"][0], answer="가져오기로 바뀐 답변"),
                         dict(new, id="faq_new_import", language="en",
                              question="Can I bring my dog into the store?",
                              answer="Pets on a leash are welcome.")]}
    status, doc = s.json("POST", f"{ADMIN_FAQ}/import", batch, headers=admin)
    assert status == 200 and doc == {"created": 1, "updated": 1}, doc
    first = exported["entries"][0]
    assert entry(s, admin, first["id"], first["language"])["answer"] == "가져오기로 바뀐 답변"

    # One bad entry rejects the whole import: nothing is written.
    bad = {"entries": [dict(first, answer="이 변경은 저장되면 안 됩니다"),
                       dict(first, id="Bad Id!")]}
    status, doc = s.json("POST", f"{ADMIN_FAQ}/import", bad, headers=admin)
    assert_error(status, doc, 400)
    assert doc["error"]["details"]["field"].startswith("entries[1]")
    assert entry(s, admin, first["id"], first["language"])["answer"] == "가져오기로 바뀐 답변"
    dup = {"entries": [first, first]}
    status, doc = s.json("POST", f"{ADMIN_FAQ}/import", dup, headers=admin)
    assert_error(status, doc, 400)
    assert doc["error"]["details"]["field"] == "entries[1]"


def test_bad_inputs_and_roles(admin_bot):
    s, admin = admin_bot
    good = {"category": "결제", "question": "질문", "answer": "답변"}
    cases = [
        ("PUT", f"{ADMIN_FAQ}/faq_x/jp", good, "language"),
        ("PUT", f"{ADMIN_FAQ}/faq_x/ko", {**good, "answer": ""}, "entry"),
        ("PUT", f"{ADMIN_FAQ}/faq_x/ko", {**good, "priority": "high"}, "priority"),
        ("PUT", f"{ADMIN_FAQ}/faq_x/ko", {**good, "colour": 1}, "colour"),
        ("PUT", f"{ADMIN_FAQ}/faq_x/ko", {"question": "q", "answer": "a"}, "category"),
        ("POST", f"{ADMIN_FAQ}/test", {"query": "   "}, "query"),
        ("POST", f"{ADMIN_FAQ}/test", {"query": "배송", "language": "fr"}, "language"),
        ("POST", f"{ADMIN_FAQ}/import", {"entries": "all"}, "entries"),
        ("POST", f"{ADMIN_FAQ}/import", {"entries": [1]}, "entries[0]"),
    ]
    for method, path, body, field in cases:
        status, doc = s.json(method, path, body, headers=admin)
        assert_error(status, doc, 400)
        assert doc["error"]["details"]["field"] == field, (path, body, doc)
    status, doc = s.json("PUT", f"{ADMIN_FAQ}/Bad%20Id/ko", good, headers=admin)
    assert_error(status, doc, 400)
    status, doc = s.json("DELETE", f"{ADMIN_FAQ}/faq_nope/ko", headers=admin)
    assert_error(status, doc, 404)
    status, doc = s.json("GET", f"{ADMIN_FAQ}/export?format=xml", headers=admin)
    assert_error(status, doc, 400)
    create_agent(s, admin["Authorization"].split()[1], "kim")
    agent = bearer(token_of(s, "kim", AGENT_PASSWORD))
    status, doc = s.json("PUT", f"{ADMIN_FAQ}/faq_x/ko", good, headers=agent)
    assert_error(status, doc, 403)
    status, doc = s.json("GET", f"{ADMIN_FAQ}/export")
    assert_error(status, doc, 401)
