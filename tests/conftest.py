"""Shared test settings: with XIESHOU_REQUIRE_TOOLS=1 (set by .ci/run) a missing Debian tool fails the run.

On a developer's machine a test that needs xorriso, 7z, poppler-utils or Xvfb/xdotool skips
with a reason when the tool is missing.  In CI the tools are installed first,
so such a skip means the installation went wrong: the switch turns those
skips into failures instead of letting the tests quietly not run.  Skips for
other reasons (root reads every file, LibreOffice, which CI does not install)
stay skips.

PostgreSQL: one server per session (``pg_server``: a throwaway cluster of the
Debian package postgresql, or the server ``XIESHOU_TEST_PG_URL`` names), and
a database of its own for each test module that asks (``pg_database``).
"""

from __future__ import annotations

import os
import re

import pytest

REQUIRE_TOOLS_ENV = "XIESHOU_REQUIRE_TOOLS"
# The tools .ci/run installs, as the skip reasons name them.
REQUIRED_TOOL = re.compile(r"\b(xorriso|7z|poppler-utils|pdftotext|pdftoppm|pdffonts|Xvfb|xdotool|xclip|postgresql)\b")
OPTIONAL_TOOL = re.compile(r"LibreOffice|soffice")


def is_required_tool_skip(reason: str) -> bool:
    return bool(REQUIRED_TOOL.search(reason)) and not OPTIONAL_TOOL.search(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or os.environ.get(REQUIRE_TOOLS_ENV) != "1":
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if is_required_tool_skip(reason):
        report.outcome = "failed"
        report.longrepr = (f"{REQUIRE_TOOLS_ENV}=1: a Debian tool this test needs is missing ({reason}); "
                           "the CI installation of the tools failed")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server; skipped with the reason where none can run (a failure in CI)."""
    from pg_cluster import ENV, Cluster, Server  # tests/pg_cluster.py

    url = os.environ.get(ENV)
    cluster = None
    if not url:
        cluster = Cluster()
        reason = cluster.why_not()
        if reason:
            pytest.skip(reason)
        url = cluster.start()
    server = Server(url)
    try:
        yield server
    finally:
        server.close()
        if cluster is not None:
            cluster.stop()


@pytest.fixture(scope="module")
def pg_database(pg_server, request) -> str:
    """The URL of an empty database of this test module's own, dropped after the module."""
    url = pg_server.create(request.module.__name__)
    yield url
    pg_server.drop(url)
