"""Intents and retraining over the real binary: an admin lists the intents with their
examples, adds and removes examples (bad inputs refused), retrains in the background (one
job at a time, with progress and a cross-validated report) while customers keep chatting —
every turn is answered — and the added examples and the new model survive a restart."""
import os
import shutil
import threading
import time

import pytest

from aicc_harness import MODEL_FILE, assert_error
from conftest import make_server
from test_auth import ADMIN_PASSWORD, aicc_user, bearer, token_of

INTENTS = "/api/v1/admin/intents"
NEW_TEXT = "택배 상자가 지금 어느 지역 지나는지 궁금해요"


@pytest.fixture
def nlu_admin():
    s = make_server("sqlite", env={"AICC_SERVER_MESSAGES_PER_MINUTE": "100000",
                                   "AICC_SERVER_MESSAGE_BURST": "100000",
                                   "AICC_BOT_MODEL_FILE": "intent.model"})
    # This server's model file is its own (a retrain rewrites it); start from the run's one.
    if os.path.exists(MODEL_FILE):
        shutil.copy(MODEL_FILE, os.path.join(s.workdir, "intent.model"))
    done = aicc_user(s, "add", "admin", "--role", "admin", "--password-stdin",
                     password=ADMIN_PASSWORD)
    assert done.returncode == 0, done.stderr
    s.start()
    yield s
    s.stop()
    shutil.rmtree(s.workdir, ignore_errors=True)


def intent(s, admin, name):
    status, doc = s.json("GET", INTENTS, headers=admin)
    assert status == 200, doc
    return next(i for i in doc["intents"] if i["intent"] == name)


def wait_for_job(s, admin, job_id):
    seen = []
    while True:  # the job ends (succeeds or fails) on its own; no deadline here
        status, job = s.json("GET", f"/api/v1/admin/nlu/jobs/{job_id}", headers=admin)
        assert status == 200, job
        seen.append(job["percent"])
        if job["state"] != "running":
            assert seen == sorted(seen), seen  # progress never goes back
            return job
        time.sleep(0.05)


def test_examples_retrain_without_dropping_a_turn_and_restart(nlu_admin):
    s = nlu_admin
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    before = intent(s, admin, "order_status")
    assert before["examples_count"] > 10 and before["added_count"] == 0
    assert before["in_model"] is True and 0 < before["threshold"] <= 1
    assert all(e["source"] == "bot" for e in before["examples"])
    bot_text = before["examples"][0]["text"]

    # Bad inputs.
    url = f"{INTENTS}/order_status/examples"
    for body, code in [({"text": "   "}, 400), ({"text": "x" * 501}, 400), ({}, 400),
                       ({"text": "ok", "extra": 1}, 400), ({"text": bot_text}, 409)]:
        status, err = s.json("POST", url, body, headers=admin)
        assert_error(status, err, code)
    status, err = s.json("POST", f"{INTENTS}/no_such_intent/examples", {"text": "hi"},
                         headers=admin)
    assert_error(status, err, 404)

    status, added = s.json("POST", url, {"text": NEW_TEXT}, headers=admin)
    assert status == 201, added
    assert added["source"] == "added" and added["intent"] == "order_status"
    status, err = s.json("POST", url, {"text": NEW_TEXT}, headers=admin)
    assert_error(status, err, 409)
    status, extra = s.json("POST", f"{INTENTS}/greeting/examples", {"text": "안뇽하세욥 반가워요"},
                           headers=admin)
    assert status == 201
    after = intent(s, admin, "order_status")
    assert after["added_count"] == 1
    assert after["examples_count"] == before["examples_count"] + 1

    # Customers chat while the model is retrained and swapped.
    stop = threading.Event()
    turns, failures = [], []

    def chat():
        while not stop.is_set():
            status, opened = s.json("POST", "/api/v1/conversations", {"channel": "web"})
            if status != 201:
                failures.append(opened)
                continue
            cid = opened["conversation"]["id"]
            for text in ("주문한 물건 언제 와요?", "영업시간이 어떻게 되나요?", "안녕하세요"):
                status, doc = s.json("POST", f"/api/v1/conversations/{cid}/messages",
                                     {"text": text})
                if status != 201 or len(doc.get("replies", [])) != 1:
                    failures.append((status, doc))
                turns.append(status)

    chatter = threading.Thread(target=chat)
    chatter.start()
    try:
        status, job = s.json("POST", "/api/v1/admin/nlu/retrain", headers=admin)
        assert status == 202, job
        assert job["state"] == "running" and job["finished_at"] is None
        status, again = s.json("POST", "/api/v1/admin/nlu/retrain", headers=admin)
        if status == 202:  # only possible once the first job is over
            assert s.json("GET", f"/api/v1/admin/nlu/jobs/{job['id']}",
                          headers=admin)[1]["state"] != "running"
            job = again
        else:
            assert_error(status, again, 409)
            assert again["error"]["details"]["job_id"] == job["id"]
        done = wait_for_job(s, admin, job["id"])
        # A few turns after the swap, on the new model.
        count = len(turns)
        while len(turns) < count + 6 and not failures:
            time.sleep(0.01)
    finally:
        stop.set()
        chatter.join()
    assert failures == [], failures[:3]
    assert len(turns) >= 6
    assert done["state"] == "succeeded", done
    assert done["percent"] == 100 and done["finished_at"] and done["error"] is None
    assert done["added_examples"] == 2 and done["folds"] == 5
    report = done["report"]
    assert 0.5 < report["accuracy"] <= 1 and 0.5 < report["macro_f1"] <= 1
    assert 0 <= report["oos_recall"] <= 1
    per_intent = {c["intent"]: c for c in report["per_intent"]}
    assert {"order_status", "greeting", "out_of_scope"} <= set(per_intent)
    assert per_intent["order_status"]["support"] == after["examples_count"]
    assert all(0 <= c["precision"] <= 1 and 0 <= c["recall"] <= 1 for c in per_intent.values())
    assert all(c["gold"] != c["predicted"] for c in report["confused"])
    status, last = s.json("GET", "/api/v1/admin/nlu/report", headers=admin)
    assert status == 200 and last["id"] == done["id"]
    status, err = s.json("GET", "/api/v1/admin/nlu/jobs/00000000-0000-7000-8000-000000000000",
                         headers=admin)
    assert_error(status, err, 404)

    # A restart keeps the added examples and loads the retrained model (no training).
    assert s.stop() == 0
    with open(os.path.join(s.workdir, "data", "intent_examples.jsonl"), encoding="utf-8") as f:
        assert NEW_TEXT in f.read()
    s.start()
    assert "intent model loaded from intent.model" in s.logs()
    admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
    assert intent(s, admin, "order_status")["added_count"] == 1
    status, err = s.json("GET", "/api/v1/admin/nlu/report", headers=admin)
    assert_error(status, err, 404)  # reports live in memory; the model file is what stays

    status, gone = s.json("DELETE", f"{INTENTS}/order_status/examples/{added['id']}",
                          headers=admin)
    assert status == 200 and gone["text"] == NEW_TEXT
    status, err = s.json("DELETE", f"{INTENTS}/order_status/examples/{added['id']}",
                         headers=admin)
    assert_error(status, err, 404)
    status, err = s.json("DELETE", f"{INTENTS}/order_status/examples/{extra['id']}",
                         headers=admin)
    assert_error(status, err, 404)  # the id belongs to greeting
    assert intent(s, admin, "order_status")["added_count"] == 0

    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=intent", headers=admin)
    actions = [e["action"] for e in audit["entries"]]
    assert actions.count("intent.example.add") == 2 and "intent.example.remove" in actions
    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=nlu_job", headers=admin)
    assert [e["action"] for e in audit["entries"]].count("nlu.retrain") >= 1
