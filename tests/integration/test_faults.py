"""Faults under load (issue 9): PostgreSQL restarted while customers write, and the disk of
the SQLite database filling up. In both, AICC refuses what it cannot store with the API's
error shape (503), says it is not ready, recovers by itself once the fault is gone, and
never loses a message it acknowledged nor corrupts the database. (kill -9 during load is
test_durability.py; a hung webhook endpoint is test_webhooks.py.)"""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time

import pytest

from aicc_harness import PG_URL, Server, assert_error, new_pg_database
from conftest import NO_BOT

BASE = "/api/v1/conversations"
# Customers may write as fast as they like here: the fault is the subject, not the limits.
UNLIMITED = {**NO_BOT, "AICC_SERVER_MESSAGES_PER_MINUTE": "1000000",
             "AICC_SERVER_MESSAGE_BURST": "100000"}


def wait_for(predicate, what, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Writers:
    """Threads that post messages until stopped, recording every acknowledged one (201)
    and every refusal's status and error code."""

    def __init__(self, server, conversations, text="메시지"):
        self.server = server
        self.conversations = conversations
        self.text = text
        self.acked = {}  # message id -> (conversation id, text)
        self.refused = []  # (status, error code)
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(c,), daemon=True)
                        for c in conversations]

    def run(self, cid):
        i = 0
        while not self.stop.is_set():
            i += 1
            text = f"{self.text} {cid[-6:]} {i}"
            try:
                status, doc = self.server.json("POST", f"{BASE}/{cid}/messages", {"text": text},
                                               timeout=30)
            except OSError:
                continue  # no answer is no acknowledgement
            with self.lock:
                if status == 201:
                    self.acked[doc["message"]["id"]] = (cid, text)
                else:
                    self.refused.append((status, doc.get("error", {}).get("code")))

    def start(self):
        for t in self.threads:
            t.start()
        return self

    def count(self):
        with self.lock:
            return len(self.acked), len(self.refused)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(60)


def stored_ids(server, cid):
    ids, cursor = set(), None
    while True:
        path = f"{BASE}/{cid}/messages?limit=200" + (f"&cursor={cursor}" if cursor else "")
        status, page = server.json("GET", path)
        assert status == 200, page
        ids.update(m["id"] for m in page["messages"])
        cursor = page.get("next_cursor")
        if not cursor:
            return ids


# ---- PostgreSQL restarted under load ----

def pg_ctl(*args):
    data = os.path.join(os.environ["AICC_TEST_PG_DIR"], "pg")
    cmd = [os.path.join(os.environ.get("AICC_PG_BIN", "/usr/lib/postgresql/15/bin"), "pg_ctl"),
           "-D", data, *args]
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, cwd="/", timeout=120)


@pytest.mark.skipif(not PG_URL or not os.environ.get("AICC_TEST_PG_DIR")
                    or not os.environ.get("AICC_TEST_PG_PORT"),
                    reason="needs the PostgreSQL server scripts/test starts")
def test_postgres_restart_under_load_loses_nothing_acknowledged():
    s = Server(store_url=new_pg_database(), env=UNLIMITED).start()
    try:
        conversations = [s.open_conversation() for _ in range(4)]
        writers = Writers(s, conversations, "재시작 중에도").start()
        wait_for(lambda: writers.count()[0] >= 40, "messages before the fault")

        pg_ctl("-m", "fast", "-w", "stop")
        try:
            # While the database is gone: not ready, and writes refused with the error shape.
            wait_for(lambda: s.request("GET", "/readyz")[0] == 503, "/readyz to say not ready")
            status, doc = s.json("POST", f"{BASE}/{conversations[0]}/messages", {"text": "지금?"})
            assert_error(status, doc, 503)
            assert s.request("GET", "/healthz")[0] == 200, "the process itself is alive"
            acked_during_outage = writers.count()[0]
            time.sleep(1)
        finally:
            # As scripts/lib/pg.sh started it (same port and socket directory); -l: its
            # output goes to its log, not to this test's pipe.
            d = os.environ["AICC_TEST_PG_DIR"]
            pg_ctl("-w", "-t", "60", "-l", os.path.join(d, "log"), "-o",
                   f"-p {os.environ['AICC_TEST_PG_PORT']} -k {d} "
                   "-c listen_addresses=127.0.0.1 -c fsync=on", "start")

        # Back by itself: ready again, and writes flow again.
        wait_for(lambda: s.request("GET", "/readyz")[0] == 200, "/readyz to recover")
        wait_for(lambda: writers.count()[0] >= acked_during_outage + 40, "writes to resume")
        writers.finish()
        assert writers.refused, "the outage was seen by the writers"
        assert {status for status, _ in writers.refused} == {503}, set(writers.refused)

        # Every acknowledged message is stored, and only once.
        stored = set()
        for cid in conversations:
            stored |= stored_ids(s, cid)
        missing = set(writers.acked) - stored
        assert not missing, f"{len(missing)} acknowledged messages were lost"
        _, _, metrics = s.request("GET", "/metrics")
        assert b"aicc_http_requests_total" in metrics
    finally:
        assert s.stop() == 0, s.logs()[-3000:]
        shutil.rmtree(s.workdir, ignore_errors=True)


# ---- The disk under the SQLite database fills up ----

def can_mount_tmpfs():
    d = tempfile.mkdtemp(prefix="aicc-mount-probe-")
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", d],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", d], check=True)
        return ok
    except OSError:
        return False
    finally:
        os.rmdir(d)


@pytest.mark.skipif(not can_mount_tmpfs(),
                    reason="needs to mount a small tmpfs (root) to make a disk that fills up")
def test_disk_full_refuses_writes_cleanly_and_recovers():
    disk = tempfile.mkdtemp(prefix="aicc-small-disk-")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk], check=True)
    db = os.path.join(disk, "aicc.db")
    s = Server(store_url="sqlite:" + db, env=UNLIMITED)
    try:
        s.start()
        conversations = [s.open_conversation() for _ in range(3)]
        writers = Writers(s, conversations, "디스크 " + "가" * 300).start()
        # The disk fills: writes are refused, not half-done.
        wait_for(lambda: writers.count()[1] >= 20, "writes refused on a full disk", timeout=180)
        writers.finish()
        assert writers.acked
        codes = {(status, code) for status, code in writers.refused}
        assert codes == {(503, "unavailable")}, codes
        # (A message as big as the writers' is refused; a tiny one may still fit a free page.)
        status, doc = s.json("POST", f"{BASE}/{conversations[0]}/messages",
                             {"text": "꽉 찼나요 " + "가" * 300})
        assert_error(status, doc, 503, "unavailable")
        assert "full" in doc["error"]["message"], doc
        # Still serving what it has.
        assert s.request("GET", "/healthz")[0] == 200
        assert stored_ids(s, conversations[0])

        # Space comes back: writes succeed again without a restart.
        subprocess.run(["mount", "-o", "remount,size=64m", disk], check=True)
        status, doc = s.json("POST", f"{BASE}/{conversations[0]}/messages", {"text": "다시 됩니다"})
        assert status == 201, doc
        writers.acked[doc["message"]["id"]] = (conversations[0], "다시 됩니다")

        stored = set()
        for cid in conversations:
            stored |= stored_ids(s, cid)
        missing = set(writers.acked) - stored
        assert not missing, f"{len(missing)} acknowledged messages were lost"
        assert s.stop() == 0, s.logs()[-3000:]

        # The file is whole, and holds exactly what was acknowledged.
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = {r[0] for r in conn.execute("SELECT id FROM messages")}
        assert set(writers.acked) <= rows
    finally:
        s.stop()
        subprocess.run(["umount", "-l", disk], check=False)
        shutil.rmtree(disk, ignore_errors=True)
        shutil.rmtree(s.workdir, ignore_errors=True)
