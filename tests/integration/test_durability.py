"""kill -9 under load: every message acknowledged with 2xx is still there afterwards."""
import threading
import time

from aicc_harness import Server
from conftest import make_server

BASE = "/api/v1/conversations"


def test_acknowledged_messages_survive_kill_9(backend):
    s = make_server(backend, env={"AICC_LOG_ACCESS_LOG": "false",
                                  "ASAN_OPTIONS": "detect_leaks=0"}).start()
    conversations = [s.open_conversation() for _ in range(4)]
    acked = {cid: set() for cid in conversations}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(worker):
        i = 0
        while not stop.is_set():
            cid = conversations[(worker + i) % len(conversations)]
            key = f"w{worker}-{i}"
            i += 1
            try:
                status, doc = s.json("POST", f"{BASE}/{cid}/messages",
                                     {"text": f"durable {key}", "client_msg_id": key}, timeout=5)
            except OSError:
                continue  # the server died mid-request: not acknowledged
            if status in (200, 201):
                with lock:
                    acked[cid].add(key)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    time.sleep(3)
    s.kill9()
    stop.set()
    for t in threads:
        t.join()
    total = sum(len(v) for v in acked.values())
    assert total > 50, f"too little load to prove anything ({total} acknowledged)"

    s2 = Server(store_url=s.store_url, workdir=s.workdir).start()
    try:
        lost = 0
        for cid in conversations:
            stored, cursor = set(), None
            while True:
                q = "?limit=500" + (f"&cursor={cursor}" if cursor else "")
                status, page = s2.json("GET", f"{BASE}/{cid}/messages{q}")
                assert status == 200
                stored |= {m["client_msg_id"] for m in page["messages"]}
                cursor = page["next_cursor"]
                if not cursor:
                    break
            lost += len(acked[cid] - stored)
        print(f"\n[{backend}] acknowledged before kill -9: {total}, lost: {lost}")
        assert lost == 0
    finally:
        assert s2.stop() == 0
