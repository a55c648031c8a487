"""Configuration and start-up: bad settings stop the start with one clear message."""
import os
import subprocess
import tempfile

from aicc_harness import AICC_BIN, BOT_DIR, MODEL_FILE, Server, free_port


def run_aicc(args, env_extra=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICC_") or k.startswith("AICC_TEST_")}
    env.update({"AICC_BOT_DIR": BOT_DIR, "AICC_BOT_MODEL_FILE": MODEL_FILE})
    env.update(env_extra or {})
    return subprocess.run([AICC_BIN, *args], env=env, cwd=cwd or tempfile.mkdtemp(),
                          capture_output=True, text=True, timeout=60)


def test_unknown_key_in_config_file_names_file_and_line():
    d = tempfile.mkdtemp()
    path = os.path.join(d, "aicc.toml")
    with open(path, "w") as f:
        f.write("[server]\nport = 8081\nprot = 1\n")
    r = run_aicc(["serve", "--config", path])
    assert r.returncode == 2
    assert f"{path}:3" in r.stderr and "server.prot" in r.stderr


def test_bad_one_commit_turns_value_is_named():
    r = run_aicc(["serve"], {"AICC_BOT_ONE_COMMIT_TURNS": "sometimes"})
    assert r.returncode == 2
    assert "AICC_BOT_ONE_COMMIT_TURNS" in r.stderr


def test_bad_value_in_environment_is_named():
    r = run_aicc(["serve"], {"AICC_PORT": "eighty"})
    assert r.returncode == 2
    assert "AICC_PORT" in r.stderr and "integer" in r.stderr


def test_unknown_aicc_variable_is_refused():
    r = run_aicc(["serve"], {"AICC_SERVER_PROT": "1"})
    assert r.returncode == 2 and "AICC_SERVER_PROT" in r.stderr


def test_malformed_toml_is_refused():
    d = tempfile.mkdtemp()
    path = os.path.join(d, "bad.toml")
    with open(path, "w") as f:
        f.write("[server\nport = 1\n")
    r = run_aicc(["serve", "-c", path])
    assert r.returncode == 2 and path in r.stderr


def test_dotenv_is_read_from_working_directory():
    d = tempfile.mkdtemp()
    with open(os.path.join(d, ".env"), "w") as f:
        f.write("# comment\nAICC_LOG_LEVEL=loud\n")
    r = run_aicc(["config"], cwd=d)
    assert r.returncode == 2 and ".env" in r.stderr and "log.level" in r.stderr


def test_unreachable_store_stops_the_start():
    port = free_port()
    r = run_aicc(["serve", "--port", "0", "--store", f"postgresql://aicc@127.0.0.1:{port}/nowhere"])
    assert r.returncode == 1
    assert "cannot start" in r.stderr and "store" in r.stderr


def test_unknown_store_scheme_is_refused():
    r = run_aicc(["serve", "--store", "mysql://x"])
    assert r.returncode == 1 and "mysql" in r.stderr


def test_port_in_use_is_reported():
    s = Server().start()
    try:
        r = run_aicc(["serve", "--port", str(s.port), "--store", "sqlite:" + tempfile.mktemp()])
        assert r.returncode == 1 and "cannot listen" in r.stderr
    finally:
        assert s.stop() == 0


def test_migrate_command_and_status():
    db = "sqlite:" + os.path.join(tempfile.mkdtemp(), "m.db")
    r = run_aicc(["migrate", "--status", "--store", db])
    assert r.returncode == 3 and "pending" in r.stdout
    r = run_aicc(["migrate", "--store", db])
    assert r.returncode == 0, r.stderr
    r = run_aicc(["migrate", "--status", "--store", db])
    assert r.returncode == 0 and "up to date" in r.stdout


def test_serve_without_migrating_refuses_an_old_schema():
    db = "sqlite:" + os.path.join(tempfile.mkdtemp(), "old.db")
    s = Server(store_url=db, env={"AICC_STORE_MIGRATE_ON_START": "false"})
    try:
        s.start(timeout=10)
        raise AssertionError("should not start")
    except RuntimeError as e:
        assert "aicc migrate" in str(e)


def test_graceful_shutdown_finishes_in_flight_requests(backend):
    from conftest import make_server
    import threading
    s = make_server(backend).start()
    cid = s.open_conversation()
    results = []

    def post_many():
        for i in range(50):
            try:
                results.append(s.json("POST", f"/api/v1/conversations/{cid}/messages",
                                      {"text": f"m{i}", "client_msg_id": f"k{i}"})[0])
            except OSError:
                results.append("refused")

    t = threading.Thread(target=post_many)
    t.start()
    import time
    time.sleep(0.2)
    rc = s.stop()
    t.join()
    assert rc == 0
    # Every answered request got a real answer; after shutdown, connections are refused.
    assert all(r in (201, "refused") for r in results), results
    acknowledged = results.count(201)
    s2 = Server(store_url=s.store_url, workdir=s.workdir).start()
    _, page = s2.json("GET", f"/api/v1/conversations/{cid}/messages?limit=500")
    assert len(page["messages"]) >= acknowledged
    assert s2.stop() == 0
