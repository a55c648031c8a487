"""Analytics, retention and export over the real binary, on both backends: the summary and
the report follow what customers and agents do; bad ranges, filters and formats are 400 in
the one error shape; only supervisors read analytics and only admins export. The retention
purge (CLI) removes old closed conversations and keeps open and recent ones; the export
masks personal data unless an admin asks for raw, which is audited."""
import json
import sqlite3
import subprocess

import pytest

from aicc_harness import AICC_BIN, WebSocket, assert_error
from test_agent_routing import agent, start, stop, wait_for_offer
from test_auth import AGENT_PASSWORD, bearer, token_of
from test_escalation import BASE

AN = "/api/v1/analytics"
EXPORT = "/api/v1/admin/export/conversations"
DAY_US = 86_400_000_000


@pytest.fixture
def floor(backend):
    s = start(backend)
    status, doc = s.json("POST", "/api/v1/agents",
                         {"username": "boss", "password": AGENT_PASSWORD, "role": "supervisor"},
                         headers=s.admin)
    assert status == 201, doc
    s.sup = bearer(token_of(s, "boss", AGENT_PASSWORD))
    yield s
    stop(s)


def sql(s, statement):
    """Runs one statement on the server's database (to age rows as time would)."""
    if s.store_url.startswith("sqlite:"):
        with sqlite3.connect(s.store_url[len("sqlite:"):]) as db:
            db.execute(statement)
    else:
        subprocess.run(["psql", s.store_url, "-q", "-c", statement], check=True,
                       capture_output=True)


def aicc(s, *args, env=None):
    return subprocess.run([AICC_BIN, *args], env={**s.env, **(env or {})}, cwd=s.workdir,
                          capture_output=True, text=True, timeout=60)


def open_conversation(s, **customer):
    body = {"channel": "web", "language": "ko"}
    if customer:
        body["customer"] = customer
    status, doc = s.json("POST", BASE, body)
    assert status == 201, doc
    return doc["conversation"]["id"]


def close(s, cid):
    status, doc = s.json("POST", f"{BASE}/{cid}/close", {})
    assert status == 200, doc


def summary(s, query=""):
    status, doc = s.json("GET", f"{AN}/summary{query}", headers=s.sup)
    assert status == 200, doc
    return doc


def test_summary_and_report_follow_the_contact_center(floor):
    s = floor
    before = summary(s)
    assert before["conversations"]["started"] == 0
    assert before["conversations"]["containment_rate"] is None
    assert before["csat"]["distribution"] == [0, 0, 0, 0, 0]

    # One conversation the bot handles alone, one an agent handles and the customer rates.
    close(s, open_conversation(s))
    kim = agent(s, "kim", skills=["billing"])
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "payment_issue"})
    assert status == 201, e
    wait_for_offer(s, kim)
    status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/accept", headers=kim)
    assert status == 200
    status, _ = s.json("POST", f"/api/v1/agent/escalations/{e['id']}/wrap-up",
                       {"disposition": "resolved"}, headers=kim)
    assert status == 200
    status, _ = s.json("POST", f"{BASE}/{cid}/csat", {"score": 5})
    assert status == 200

    now = summary(s)
    assert now["conversations"]["started"] == 2
    assert now["conversations"]["ended"] == 2
    assert now["conversations"]["contained"] == 1
    assert now["conversations"]["containment_rate"] == 0.5
    assert now["escalations"]["by_reason"] == {"payment_issue": 1}
    assert now["escalations"]["total"] == 1
    assert sum(now["escalations"]["by_priority"].values()) == 1
    assert now["wait"]["assigned"] == 1 and now["wait"]["average_seconds"] >= 0
    assert now["handle"]["handled"] == 1 and now["handle"]["average_seconds"] >= 0
    assert now["csat"]["distribution"] == [0, 0, 0, 0, 1] and now["csat"]["average"] == 5
    assert now["first_contact_resolution"]["ended"] == 2
    assert now["first_contact_resolution"]["window_days"] == 7
    assert now["faq"]["scope"] == "all time"

    # Filters: the queue's view has the agent's conversation only.
    queue = e["queue"]["id"]
    q = summary(s, f"?queue={queue}")
    assert q["conversations"]["ended"] == 1 and q["conversations"]["contained"] == 0
    assert summary(s, "?channel=kakao")["conversations"]["started"] == 0

    status, report = s.json("GET", f"{AN}/report?group_by=day", headers=s.sup)
    assert status == 200, report
    assert len(report["rows"]) == 1 and report["group_by"] == "day"
    assert report["rows"][0]["conversations"]["started"] == 2
    status, report = s.json("GET", f"{AN}/report?group_by=hour", headers=s.sup)
    assert status == 200 and len(report["rows"]) == 24
    assert sum(r["conversations"]["started"] for r in report["rows"]) == 2
    status, report = s.json("GET", f"{AN}/report?group_by=queue", headers=s.sup)
    assert status == 200
    assert [r["group"] for r in report["rows"] if r["escalations"]["total"]] == [queue]

    status, headers, body = s.request("GET", f"{AN}/report?format=csv", headers=s.sup)
    assert status == 200
    text = body.decode() if isinstance(body, bytes) else body
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("group,conversations_started,conversations_ended,contained,")
    row = dict(zip(lines[0].split(","), lines[1].split(",")))
    assert row["conversations_started"] == "2" and row["escalations_payment_issue"] == "1"
    assert row["csat_5"] == "1"


def test_bad_ranges_filters_and_roles(floor):
    s = floor
    for query, parameter in [
        ("?from=2026-13-01", "from"), ("?from=yesterday", "from"),
        ("?from=2026-11-02&to=2026-11-01", "from"), ("?from=2020-01-01&to=2026-01-01", "to"),
        ("?queue=a%20b", "queue"), ("?channel=" + "x" * 101, "channel"),
    ]:
        status, doc = s.json("GET", f"{AN}/summary{query}", headers=s.sup)
        assert_error(status, doc, 400)
        assert doc["error"]["details"]["parameter"] == parameter, (query, doc)
    for query in ["?group_by=week", "?format=xml"]:
        status, doc = s.json("GET", f"{AN}/report{query}", headers=s.sup)
        assert_error(status, doc, 400)
    status, doc = s.json("GET", f"{EXPORT}?raw=maybe", headers=s.admin)
    assert_error(status, doc, 400)
    kim = agent(s, "kim", available=False)
    status, doc = s.json("GET", f"{AN}/summary", headers=kim)
    assert_error(status, doc, 403)
    status, doc = s.json("GET", f"{AN}/report")
    assert_error(status, doc, 401)
    status, doc = s.json("GET", EXPORT, headers=s.sup)
    assert_error(status, doc, 403)


def test_export_masks_personal_data_unless_an_admin_asks_for_raw(floor):
    s = floor
    cid = open_conversation(s, name="김민수", phone="010-1234-5678", email="kim.minsu@example.com")
    status, doc = s.json("POST", f"{BASE}/{cid}/messages",
                         {"text": "김민수입니다. 010-1234-5678 또는 kim.minsu@example.com 으로 연락 주세요",
                          "client_msg_id": "m1"})
    assert status == 201, doc

    status, headers, body = s.request("GET", EXPORT, headers=s.admin)
    assert status == 200
    text = body.decode()
    lines = [json.loads(line) for line in text.splitlines()]
    assert [r["conversation"]["id"] for r in lines] == [cid]
    for secret in ["1234-5678", "kim.minsu@", "김민수"]:
        assert secret not in text, secret
    record = lines[0]
    assert record["customer"]["name"] == "김**"
    assert record["customer"]["phone"] == "010-****-5678"
    assert "김**입니다" in record["messages"][0]["text"]
    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=conversations",
                           headers=s.admin)
    assert audit["entries"] == [], "a masked export is not audited"

    status, headers, body = s.request("GET", f"{EXPORT}?raw=true", headers=s.admin)
    assert status == 200
    raw = json.loads(body.decode().splitlines()[0])
    assert raw["customer"]["phone"] == "010-1234-5678"
    assert "kim.minsu@example.com" in raw["messages"][0]["text"]
    status, audit = s.json("GET", "/api/v1/admin/audit?resource_type=conversations",
                           headers=s.admin)
    entry = audit["entries"][0]
    assert entry["action"] == "conversations.export_raw"
    assert entry["actor"]["username"] == "admin"
    assert entry["after"]["conversations"] == 1 and entry["after"]["raw"] is True

    # The CLI reports what the API does, and names a bad option.
    report = aicc(s, "report", "--format", "csv", "--group-by", "channel")
    assert report.returncode == 0, report.stderr
    lines = report.stdout.strip().splitlines()
    assert lines[0].startswith("group,conversations_started") and lines[1].startswith("web,1,")
    bad = aicc(s, "report", "--group-by", "week")
    assert bad.returncode == 1 and "--group-by must be" in bad.stderr
    bad = aicc(s, "report", "--from", "2026-13-01")
    assert bad.returncode == 1 and "from must be a day" in bad.stderr

    # The CLI exports the same, masked.
    done = aicc(s, "export", "conversations")
    assert done.returncode == 0, done.stderr
    assert "1234-5678" not in done.stdout and json.loads(done.stdout)["conversation"]["id"] == cid


def test_retention_purge_removes_old_closed_conversations_only(floor):
    s = floor
    old, recent, still_open = open_conversation(s), open_conversation(s), open_conversation(s)
    for cid in (old, recent):
        status, doc = s.json("POST", f"{BASE}/{cid}/messages", {"text": "안녕하세요",
                                                                "client_msg_id": "m1"})
        assert status == 201, doc
        close(s, cid)
    # The old one ended 40 days ago.
    sql(s, f"UPDATE conversations SET created_at = created_at - {40 * DAY_US}, "
           f"closed_at = closed_at - {40 * DAY_US} WHERE id = '{old}'")
    sql(s, f"UPDATE conversations SET created_at = created_at - {40 * DAY_US} "
           f"WHERE id = '{still_open}'")

    off = aicc(s, "retention", "purge")
    assert off.returncode == 1 and "closed_conversation_days is 0" in off.stderr

    days = {"AICC_RETENTION_CLOSED_CONVERSATION_DAYS": "30"}
    dry = aicc(s, "retention", "purge", "--dry-run", env=days)
    assert dry.returncode == 0, dry.stderr
    assert "would purge" in dry.stdout and "1 conversations, 1 messages" in dry.stdout, dry.stdout
    status, _ = s.json("GET", f"{BASE}/{old}")
    assert status == 200, "a dry run deletes nothing"

    done = aicc(s, "retention", "purge", env=days)
    assert done.returncode == 0, done.stderr
    assert "purged" in done.stdout and "1 conversations, 1 messages" in done.stdout, done.stdout
    status, doc = s.json("GET", f"{BASE}/{old}")
    assert_error(status, doc, 404)
    for cid in (recent, still_open):
        status, _ = s.json("GET", f"{BASE}/{cid}")
        assert status == 200
    again = aicc(s, "retention", "purge", env=days)
    assert "0 conversations" in again.stdout


def test_supervisors_streams_get_sla_breaches_and_agents_do_not(floor):
    """The dashboard's alert: a critical escalation past its SLA reaches supervisors live."""
    s = floor
    lee = agent(s, "lee", available=False)  # nobody takes it
    sup_ws = WebSocket(s.port, f"/api/v1/agent/stream?access_token={s.sup['Authorization'][7:]}")
    lee_ws = WebSocket(s.port, f"/api/v1/agent/stream?access_token={lee['Authorization'][7:]}")
    assert sup_ws.recv_json()["type"] == "inbox.snapshot"
    assert lee_ws.recv_json()["type"] == "inbox.snapshot"
    cid = open_conversation(s)
    status, e = s.json("POST", f"{BASE}/{cid}/escalate", {"reason": "urgent_matter"})
    assert status == 201 and e["priority"] == "critical", e
    # It has waited an hour (the SLA of critical is minutes); the router notices.
    sql(s, f"UPDATE escalations SET created_at = created_at - 3600000000 WHERE id = '{e['id']}'")
    for _ in range(20):
        ev = sup_ws.recv_json()
        if ev["type"] == "sla.breached":
            break
    assert ev["type"] == "sla.breached", ev
    assert ev["escalation"]["id"] == e["id"] and ev["sla_seconds"] > 0
    # The agent's stream had nothing: its next frame answers this ping.
    lee_ws.send(json.dumps({"type": "ping"}))
    assert lee_ws.recv_json()["type"] == "pong"
    status, doc = s.json("GET", "/api/v1/supervisor/queues", headers=s.sup)
    assert sum(q["sla_breached"] for q in doc["queues"]) == 1
    sup_ws.close()
    lee_ws.close()
