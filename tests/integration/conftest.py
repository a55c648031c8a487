import os
import shutil
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))
from aicc_harness import Server, new_pg_database  # noqa: E402

# PostgreSQL variants run when the test script has started a server (AICC_TEST_PG_URL).
BACKENDS = ["sqlite"] + (["postgres"] if os.environ.get("AICC_TEST_PG_URL") else [])


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


def make_server(backend, **kw):
    store = new_pg_database() if backend == "postgres" else None
    return Server(store_url=store, **kw)


# The storage and HTTP semantics are tested with the bot switched off (a supported setup:
# people answer every message), so that only the customer's messages are in the way;
# test_bot.py runs the default bot.
NO_BOT = {"AICC_BOT_ENABLED": "false"}


@pytest.fixture
def server(backend):
    s = make_server(backend, env=NO_BOT).start()
    yield s
    rc = s.stop()
    # A clean shutdown exits 0; sanitizer findings make the process exit non-zero.
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)


@pytest.fixture
def sqlite_server():
    s = Server().start()
    yield s
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}"
    shutil.rmtree(s.workdir, ignore_errors=True)


@pytest.fixture
def bot_server(backend):
    s = make_server(backend).start()
    yield s
    rc = s.stop()
    assert rc == 0, f"aicc exited with {rc}; log tail:\n{s.logs()[-3000:]}"
    shutil.rmtree(s.workdir, ignore_errors=True)
