"""The FAQ knowledge base over the real API, on SQLite and PostgreSQL: seeded from bot/faq
at the first start only, searched and counted through /api/v1/faq, the store (not bot/faq)
as the source of the index, unanswered bot turns logged, and bad input refused."""
import glob
import json
import os
import shutil
import sqlite3
import subprocess
from urllib.parse import quote

import pytest

from test_auth import aicc_user, bearer, token_of  # noqa: E402
from aicc_harness import BOT_DIR, Server, assert_error
from conftest import NO_BOT, make_server

FAQ = "/api/v1/faq"


def seed_variants():
    """(id, language) of every active variant in bot/faq, as the first start must store."""
    keys = set()
    for path in glob.glob(os.path.join(BOT_DIR, "faq", "*.json")):
        if path.endswith("categories.json"):
            continue
        with open(path, encoding="utf-8") as f:
            for entry in json.load(f)["entries"]:
                if entry.get("active", True):
                    keys |= {(entry["id"], lang) for lang in ("ko", "en") if lang in entry}
    return keys


def restart(server, env=None):
    assert server.stop() == 0, server.logs()[-3000:]
    return Server(store_url=server.store_url, workdir=server.workdir, env=env).start()


def run_sql(server, statement):
    """Changes the database behind the server's back (the server must be stopped)."""
    if server.store_url.startswith("sqlite:"):
        with sqlite3.connect(server.store_url[len("sqlite:"):]) as db:
            db.execute(statement)
    else:
        subprocess.run(["psql", server.store_url, "-q", "-c", statement], check=True,
                       capture_output=True)


def search(server, q, **params):
    query = "&".join([f"q={quote(q)}"] + [f"{k}={quote(str(v))}" for k, v in params.items()])
    status, doc = server.json("GET", f"{FAQ}?{query}")
    assert status == 200, doc
    return doc


def get_entry(server, faq_id, language="ko"):
    status, doc = server.json("GET", f"{FAQ}/{faq_id}?language={language}")
    assert status == 200, doc
    return doc


def feedback(server, faq_id, helpful, **extra):
    status, doc = server.json("POST", f"{FAQ}/{faq_id}/feedback", {"helpful": helpful, **extra})
    assert status == 200, doc
    return doc


@pytest.fixture
def faq_server(backend):
    """A server without the bot: the FAQ API works on its own."""
    s = make_server(backend, env=NO_BOT).start()
    yield s
    if s.proc and s.proc.poll() is None:
        assert s.stop() == 0, s.logs()[-3000:]
    shutil.rmtree(s.workdir, ignore_errors=True)


def listed_keys(server, query=""):
    status, doc = server.json("GET", f"{FAQ}{query}")
    assert status == 200, doc
    return [(e["id"], e["language"]) for e in doc["entries"]], doc["entries"]


def test_seeded_at_first_start_and_never_again(faq_server):
    expected = seed_variants()
    assert len(expected) >= 60
    keys, entries = listed_keys(faq_server)
    assert set(keys) == expected and len(keys) == len(expected)
    assert all(e["view_count"] == 0 and e["active"] for e in entries)

    second = restart(faq_server, env=NO_BOT)
    try:
        keys, _ = listed_keys(second)
        assert len(keys) == len(expected), "seeded twice"
        assert set(keys) == expected
    finally:
        assert second.stop() == 0
    logs = second.logs()
    assert logs.count("FAQ store seeded") == 1, logs[-3000:]
    assert logs.count("FAQ index built from the store") == 2


def test_the_index_follows_the_store_not_the_seed_files(faq_server):
    assert search(faq_server, "영업시간이 어떻게 되나요")["hits"][0]["id"] == "faq_business_hours"
    assert faq_server.stop() == 0
    # What an editor would do through the admin API: change an answer, retire an entry.
    run_sql(faq_server, "UPDATE faq_entries SET answer = '연중무휴 24시간 운영합니다.' "
                        "WHERE id = 'faq_business_hours' AND language = 'ko'")
    run_sql(faq_server, "UPDATE faq_entries SET active = 0 WHERE id = 'faq_contact_number'")
    s = Server(store_url=faq_server.store_url, workdir=faq_server.workdir, env=NO_BOT).start()
    try:
        top = search(s, "영업시간이 어떻게 되나요")["hits"][0]
        assert top["id"] == "faq_business_hours"
        assert top["answer"] == "연중무휴 24시간 운영합니다."
        hits = search(s, "고객센터 전화번호 알려주세요", limit=20)["hits"]
        assert "faq_contact_number" not in [h["id"] for h in hits]
        status, doc = s.json("GET", f"{FAQ}/faq_contact_number?language=ko")
        assert_error(status, doc, 404, "not_found")
        keys, _ = listed_keys(s)
        assert ("faq_contact_number", "ko") not in keys
        assert len(keys) == len(seed_variants()) - 2, "the soft delete is not undone by a re-seed"
    finally:
        assert s.stop() == 0


def test_search_finds_business_hours_in_korean_and_english(faq_server):
    doc = search(faq_server, "영업시간이 어떻게 되나요")
    assert doc["language"] == "ko"  # detected
    assert doc["auto_answer"] is True
    best = doc["hits"][0]
    assert set(best) == {"id", "question", "answer", "category", "confidence"}
    assert best["id"] == "faq_business_hours"
    assert "영업시간" in best["question"]
    assert best["category"] == "일반"
    assert 0 < best["confidence"] <= 1
    assert len(doc["hits"]) <= 5
    assert [h["confidence"] for h in doc["hits"]] == sorted(
        [h["confidence"] for h in doc["hits"]], reverse=True)

    en = search(faq_server, "What are your business hours?", limit=1)
    assert en["language"] == "en"
    assert [h["id"] for h in en["hits"]] == ["faq_business_hours"]
    assert "weekday" in en["hits"][0]["answer"].lower()

    forced = search(faq_server, "business hours", language="ko")
    assert forced["language"] == "ko"


def test_list_filters_by_category_and_language(faq_server):
    _, entries = listed_keys(faq_server, f"?category={quote('결제')}&language=ko")
    assert entries, "the seed has Korean payment entries"
    assert all(e["category"] == "결제" and e["language"] == "ko" for e in entries)
    ids = [e["id"] for e in entries]
    assert ids == sorted(ids)
    _, none = listed_keys(faq_server, f"?category={quote('없는 분류')}")
    assert none == []


def test_views_and_feedback_persist_across_a_restart(faq_server):
    assert get_entry(faq_server, "faq_business_hours")["view_count"] == 1
    second = get_entry(faq_server, "faq_business_hours")
    assert second["view_count"] == 2
    assert second["answer"] and "영업시간" in second["question"]
    feedback(faq_server, "faq_business_hours", True)
    feedback(faq_server, "faq_business_hours", True, language="ko")
    last = feedback(faq_server, "faq_business_hours", False)
    assert (last["helpful_count"], last["not_helpful_count"]) == (2, 1)
    en = feedback(faq_server, "faq_business_hours", False, language="en")
    assert (en["language"], en["helpful_count"], en["not_helpful_count"]) == ("en", 0, 1)

    s = restart(faq_server, env=NO_BOT)
    try:
        ko = get_entry(s, "faq_business_hours")
        assert (ko["view_count"], ko["helpful_count"], ko["not_helpful_count"]) == (3, 2, 1)
        en = get_entry(s, "faq_business_hours", "en")
        assert (en["view_count"], en["helpful_count"], en["not_helpful_count"]) == (1, 0, 1)
    finally:
        assert s.stop() == 0


SUPERVISOR_PASSWORD = "supervisor password 1"


def supervisor_token(server):
    """A supervisor of this server (created once with `aicc user add`), logged in."""
    if not getattr(server, "supervisor_token", None):
        done = aicc_user(server, "add", "faq-sup", "--role", "supervisor", "--password-stdin",
                         password=SUPERVISOR_PASSWORD)
        assert done.returncode == 0, done.stderr
        server.supervisor_token = token_of(server, "faq-sup", SUPERVISOR_PASSWORD)
    return server.supervisor_token


def unanswered(server, query=""):
    status, doc = server.json("GET", f"{FAQ}/unanswered{query}",
                              headers=bearer(supervisor_token(server)))
    assert status == 200, doc
    return doc["queries"]


def test_unanswered_queries_need_a_supervisor(bot_server):
    status, doc = bot_server.json("GET", f"{FAQ}/unanswered")
    assert status == 401, doc


def test_unanswered_queries_are_recorded_when_the_bot_cannot_answer(bot_server):
    assert unanswered(bot_server) == []

    def say(cid, text):
        status, doc = bot_server.json("POST", f"/api/v1/conversations/{cid}/messages",
                                      {"text": text})
        assert status == 201, doc
        return doc["replies"][0]

    def open_chat():
        status, doc = bot_server.json("POST", "/api/v1/conversations",
                                      {"channel": "web", "language": "ko"})
        assert status == 201, doc
        return doc["conversation"]["id"]

    first, second = open_chat(), open_chat()
    assert say(first, "영업시간이 어떻게 되나요?")["decision"] == "faq_answer"
    assert say(first, "화성의 날씨는 어떤가요")["decision"] == "clarify"
    assert say(first, "우주선 발사 일정 알려줘")["decision"] == "offer_agent"
    assert say(second, "화성의 날씨는 어떤가요?")["decision"] == "clarify"

    queries = unanswered(bot_server)
    by_key = {q["key"]: q for q in queries}
    assert set(by_key) == {"화성의 날씨는 어떤가요", "우주선 발사 일정 알려줘"}, queries
    weather = queries[0]
    assert weather["key"] == "화성의 날씨는 어떤가요" and weather["count"] == 2
    assert weather["text"] == "화성의 날씨는 어떤가요?"  # the latest, as typed
    assert weather["language"] == "ko"
    assert by_key["우주선 발사 일정 알려줘"]["count"] == 1
    assert [q["key"] for q in unanswered(bot_server, "?limit=1")] == ["화성의 날씨는 어떤가요"]
    assert unanswered(bot_server, "?language=en") == []

    # A search below the auto-answer threshold is a question without an answer too.
    doc = search(bot_server, "화성의 날씨는 어떤가요")
    assert doc["auto_answer"] is False
    assert unanswered(bot_server, "?limit=1")[0]["count"] == 3
    # A confident search is not.
    search(bot_server, "영업시간이 어떻게 되나요")
    assert "영업시간이 어떻게 되나요" not in {q["key"] for q in unanswered(bot_server)}


def test_bad_input_gets_the_error_shape_and_changes_nothing(faq_server):
    bad_gets = [
        f"{FAQ}?q=",
        f"{FAQ}?q=%20%20",
        f"{FAQ}?q=hours&limit=0",
        f"{FAQ}?q=hours&limit=21",
        f"{FAQ}?q=hours&limit=abc",
        f"{FAQ}?q=hours&language=fr",
        f"{FAQ}?q=hours&category=x",
        f"{FAQ}?q=%FF%FE",
        f"{FAQ}?q={'a' * 1001}",
        f"{FAQ}?language=jp",
        f"{FAQ}?category=%FF",
        f"{FAQ}?limit=5",
        f"{FAQ}/faq_business_hours?language=jp",
        f"{FAQ}/unanswered?limit=0",
        f"{FAQ}/unanswered?limit=501",
        f"{FAQ}/unanswered?language=xx",
    ]
    for path in bad_gets:
        headers = bearer(supervisor_token(faq_server)) if "/unanswered" in path else None
        status, doc = faq_server.json("GET", path, headers=headers)
        assert_error(status, doc, 400, "invalid_request")
        assert doc["error"]["details"].get("field"), (path, doc)

    for path in (f"{FAQ}/nope", f"{FAQ}/nope?language=en", f"{FAQ}/Bad%20Id"):
        status, doc = faq_server.json("GET", path)
        assert_error(status, doc, 404, "not_found")

    fb = f"{FAQ}/faq_business_hours/feedback"
    for body in ({}, {"helpful": "yes"}, {"helpful": 1}, {"helpful": None},
                 {"helpful": True, "extra": 1}, {"helpful": True, "language": "fr"},
                 {"helpful": True, "language": 5}):
        status, doc = faq_server.json("POST", fb, body)
        assert_error(status, doc, 400, "invalid_request")
    status, _, payload = faq_server.request("POST", fb, raw_body=b'{"helpful": tru',
                                            headers={"Content-Type": "application/json"})
    assert_error(status, json.loads(payload), 400, "invalid_json")
    status, _, payload = faq_server.request("POST", fb, raw_body=b"helpful=true",
                                            headers={"Content-Type": "text/plain"})
    assert_error(status, json.loads(payload), 415)
    status, doc = faq_server.json("POST", f"{FAQ}/nope/feedback", {"helpful": True})
    assert_error(status, doc, 404, "not_found")

    # Nothing above counted: the first real read is view 1, with no votes.
    entry = get_entry(faq_server, "faq_business_hours")
    assert (entry["view_count"], entry["helpful_count"], entry["not_helpful_count"]) == (1, 0, 0)
    assert unanswered(faq_server) == [], "refused searches are not questions"


def test_openapi_documents_the_faq_routes(faq_server):
    status, doc = faq_server.json("GET", "/openapi.json")
    assert status == 200
    paths = doc["paths"]
    for path, method in ((FAQ, "get"), (f"{FAQ}/unanswered", "get"), (f"{FAQ}/{{id}}", "get"),
                         (f"{FAQ}/{{id}}/feedback", "post")):
        assert method in paths[path], path
        assert "400" in paths[path][method]["responses"]
    for name in ("FaqEntry", "FaqSearchResult", "FaqFeedbackRequest", "UnansweredFaqQueries"):
        assert name in doc["components"]["schemas"]
