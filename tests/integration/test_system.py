"""Operational endpoints and the HTTP edge: errors, methods, CORS, docs."""
import json
import socket

from aicc_harness import assert_error


def test_healthz_and_readyz(sqlite_server):
    status, doc = sqlite_server.json("GET", "/healthz")
    assert status == 200 and doc["status"] == "ok"
    status, doc = sqlite_server.json("GET", "/readyz")
    assert status == 200 and doc["status"] == "ready"
    assert doc["checks"]["migrations"] == "up to date"


def test_metrics_count_requests_by_route_and_status(sqlite_server):
    sqlite_server.request("GET", "/healthz")
    sqlite_server.request("GET", "/no/such/thing")
    status, hdrs, body = sqlite_server.request("GET", "/metrics")
    assert status == 200
    assert hdrs["content-type"].startswith("text/plain")
    text = body.decode()
    assert 'aicc_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    assert 'aicc_http_requests_total{method="GET",route="unmatched",status="404"}' in text
    assert 'aicc_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"}' in text


def test_unknown_route_is_404_with_error_shape(sqlite_server):
    status, doc = sqlite_server.json("GET", "/api/v1/nothing")
    assert_error(status, doc, 404, "not_found")


def test_wrong_method_is_405_with_allow(sqlite_server):
    status, hdrs, body = sqlite_server.request("DELETE", "/api/v1/conversations")
    assert_error(status, json.loads(body), 405, "method_not_allowed")
    assert "POST" in hdrs["allow"]


def test_head_has_no_body_but_length(sqlite_server):
    status, hdrs, body = sqlite_server.request("HEAD", "/healthz")
    assert status == 200 and body == b"" and int(hdrs["content-length"]) > 0


def test_request_id_is_echoed_or_generated(sqlite_server):
    _, hdrs, _ = sqlite_server.request("GET", "/healthz", headers={"X-Request-Id": "abc-123"})
    assert hdrs["x-request-id"] == "abc-123"
    _, hdrs, _ = sqlite_server.request("GET", "/healthz", headers={"X-Request-Id": "bad id!"})
    assert hdrs["x-request-id"] != "bad id!" and len(hdrs["x-request-id"]) == 16


def test_openapi_documents_every_endpoint(sqlite_server):
    status, doc = sqlite_server.json("GET", "/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    paths = doc["paths"]
    for path, method in [("/api/v1/conversations", "post"),
                         ("/api/v1/conversations/{id}", "get"),
                         ("/api/v1/conversations/{id}/messages", "post"),
                         ("/api/v1/conversations/{id}/messages", "get"),
                         ("/api/v1/conversations/{id}/close", "post"),
                         ("/api/v1/conversations/{id}/stream", "get"),
                         ("/healthz", "get"), ("/readyz", "get"), ("/metrics", "get"),
                         ("/openapi.json", "get"), ("/docs", "get")]:
        assert method in paths[path], (path, method)
    # Every $ref resolves.
    schemas = doc["components"]["schemas"]
    text = json.dumps(doc)
    import re
    for ref in set(re.findall(r'#/components/schemas/(\w+)', text)):
        assert ref in schemas, ref


def test_docs_page_and_swagger_assets(sqlite_server):
    status, hdrs, body = sqlite_server.request("GET", "/docs")
    assert status == 200 and hdrs["content-type"].startswith("text/html")
    assert b"swagger-ui-bundle.js" in body
    status, hdrs, body = sqlite_server.request("GET", "/docs/swagger-ui-bundle.js")
    assert status == 200 and len(body) > 100_000
    etag = hdrs["etag"]
    status, _, body = sqlite_server.request("GET", "/docs/swagger-ui-bundle.js",
                                            headers={"If-None-Match": etag})
    assert status == 304 and body == b""
    status, _, _ = sqlite_server.request("GET", "/docs/../../etc/passwd")
    assert status == 404


def test_widget_script_and_demo_pages(sqlite_server):
    status, hdrs, body = sqlite_server.request("GET", "/widget.js")
    assert status == 200 and hdrs["content-type"].startswith("text/javascript")
    # Embedded by other sites under a fixed URL: revalidated every time, cheaply.
    assert hdrs["cache-control"] == "no-cache"
    assert b"attachShadow" in body
    status, _, again = sqlite_server.request("GET", "/widget.js",
                                             headers={"If-None-Match": hdrs["etag"]})
    assert status == 304 and again == b""
    for path, lang in [("/demo", "ko"), ("/demo/en", "en")]:
        status, hdrs, body = sqlite_server.request("GET", path)
        assert status == 200 and hdrs["content-type"].startswith("text/html"), path
        assert hdrs["cache-control"] == "no-cache"
        assert f'<script src="/widget.js" data-aicc-lang="{lang}" async></script>'.encode() in body
    status, _, _ = sqlite_server.request("GET", "/widget/nothing.js")
    assert status == 404
    status, _, _ = sqlite_server.request("GET", "/widget/../docs/index.html")
    assert status == 404


def test_startup_banner_names_the_widget_demo(sqlite_server):
    with open(sqlite_server.stdout_path, encoding="utf-8") as f:
        out = f.read()
    assert f"chat widget demo: http://127.0.0.1:{sqlite_server.port}/demo" in out, out


def test_cors_preflight_and_headers():
    from aicc_harness import Server
    s = Server(env={"AICC_CORS_ORIGINS": "https://shop.example"}).start()
    try:
        status, hdrs, _ = s.request("OPTIONS", "/api/v1/conversations", headers={
            "Origin": "https://shop.example", "Access-Control-Request-Method": "POST"})
        assert status == 204
        assert hdrs["access-control-allow-origin"] == "https://shop.example"
        assert "POST" in hdrs["access-control-allow-methods"]
        _, hdrs, _ = s.request("GET", "/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in hdrs
    finally:
        assert s.stop() == 0


def test_malformed_http_is_400(sqlite_server):
    with socket.create_connection(("127.0.0.1", sqlite_server.port), timeout=5) as sock:
        sock.sendall(b"GARBAGE\x01 / HTTP/9.9\r\n\r\n")
        data = sock.recv(4096)
    assert data.startswith(b"HTTP/1.1 400")
    assert b'"malformed_request"' in data


def test_keep_alive_serves_many_requests_on_one_connection(sqlite_server):
    import http.client
    conn = http.client.HTTPConnection("127.0.0.1", sqlite_server.port, timeout=5)
    for _ in range(20):
        conn.request("GET", "/healthz")
        resp = conn.getresponse()
        assert resp.status == 200
        resp.read()
    conn.close()


def test_logs_are_json_with_request_ids_and_masked_pii(sqlite_server):
    sqlite_server.request("GET", "/api/v1/conversations/010-1234-5678",
                          headers={"X-Request-Id": "trace-42"})
    lines = [json.loads(line) for line in sqlite_server.logs().splitlines() if line.strip()]
    access = [l for l in lines if l.get("request_id") == "trace-42"]
    assert access, "the access log has the request id"
    assert "010-1234-5678" not in sqlite_server.logs()
    assert access[0]["path"] == "/api/v1/conversations/010-****-5678"
