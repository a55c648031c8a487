"""Rate limits over the real binary: per client address (429 with Retry-After, health and
metrics exempt) and per conversation for customer messages; counted in /metrics."""
import shutil

from aicc_harness import assert_error
from conftest import NO_BOT, make_server


def serve(**env):
    return make_server("sqlite", env={**NO_BOT, **env}).start()


def finish(s):
    assert s.stop() == 0, s.logs()[-3000:]
    shutil.rmtree(s.workdir, ignore_errors=True)


def test_a_client_over_its_rate_gets_429_with_retry_after():
    s = serve(AICC_SERVER_RATE_LIMIT_PER_IP="1", AICC_SERVER_RATE_LIMIT_BURST="5")
    try:
        # The burst passes; a client that keeps going is refused (at one token a second a
        # slow server may grant one more now and then, so keep asking until it is).
        statuses = []
        for _ in range(40):
            status, headers, body = s.request("GET", "/api/v1/conversations/none")
            statuses.append(status)
            if status == 429:
                break
        assert statuses[:5] == [404] * 5 and statuses[-1] == 429, statuses
        assert int(headers["retry-after"]) >= 1
        import json
        doc = json.loads(body)
        assert_error(status, doc, 429, "rate_limited")
        assert int(doc["error"]["details"]["retry_after_s"]) >= 1
        # Load balancers and Prometheus are never refused.
        for _ in range(20):
            assert s.request("GET", "/healthz")[0] == 200
        _, _, metrics = s.request("GET", "/metrics")
        assert 'aicc_rate_limited_total{scope="client"}' in metrics.decode()
    finally:
        finish(s)


def test_a_conversation_flooded_with_messages_gets_429():
    s = serve(AICC_SERVER_MESSAGES_PER_MINUTE="1", AICC_SERVER_MESSAGE_BURST="3")
    try:
        cid = s.open_conversation()
        other = s.open_conversation()
        codes = [s.json("POST", f"/api/v1/conversations/{cid}/messages",
                        {"text": f"메시지 {i}"})[0] for i in range(4)]
        assert codes == [201, 201, 201, 429], codes
        status, doc = s.json("POST", f"/api/v1/conversations/{cid}/messages", {"text": "또"})
        assert_error(status, doc, 429, "rate_limited")
        # Other conversations (other customers) are not held back.
        status, _ = s.json("POST", f"/api/v1/conversations/{other}/messages", {"text": "안녕"})
        assert status == 201
        # Nothing refused was stored.
        status, page = s.json("GET", f"/api/v1/conversations/{cid}/messages")
        assert [m["text"] for m in page["messages"] if m["sender"] == "customer"] == \
            ["메시지 0", "메시지 1", "메시지 2"]
    finally:
        finish(s)


def test_an_api_key_over_its_rate_gets_429_and_sessions_are_not_affected():
    from test_auth import ADMIN_PASSWORD, bearer, new_server, token_of
    s = new_server("sqlite", AICC_SERVER_RATE_LIMIT_PER_API_KEY="1", AICC_SERVER_API_KEY_BURST="3")
    try:
        admin = bearer(token_of(s, "admin", ADMIN_PASSWORD))
        status, key = s.json("POST", "/api/v1/admin/api-keys",
                             {"name": "partner", "role": "supervisor"}, headers=admin)
        assert status == 201, key
        statuses = []
        for _ in range(40):
            status, headers, body = s.request("GET", "/api/v1/supervisor/queues",
                                              headers={"X-API-Key": key["secret"]})
            statuses.append(status)
            if status == 429:
                break
        assert statuses[:3] == [200] * 3 and statuses[-1] == 429, statuses
        import json
        doc = json.loads(body)
        assert_error(status, doc, 429, "rate_limited")
        assert int(headers["retry-after"]) >= 1 and "API key" in doc["error"]["message"]
        # The admin's own session is another caller: not limited by the key's spending.
        for _ in range(10):
            assert s.json("GET", "/api/v1/supervisor/queues", headers=admin)[0] == 200
        _, _, metrics = s.request("GET", "/metrics")
        assert 'aicc_rate_limited_total{scope="api_key"}' in metrics.decode()
    finally:
        finish(s)
