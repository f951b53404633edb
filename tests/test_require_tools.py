"""The CI switch XIESHOU_REQUIRE_TOOLS=1 turns "Debian tool missing" skips into failures, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from pathlib import Path

from tests.conftest import is_required_tool_skip

CONFTEST = Path(__file__).with_name("conftest.py")

SAMPLE = textwrap.dedent('''
    import pytest

    @pytest.mark.skipif(True, reason="xorriso not installed")
    def test_needs_xorriso():
        pass

    @pytest.mark.skipif(True, reason="root reads every file")
    def test_not_a_tool():
        pass
''')


def run_sample(tmp_path, switch: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "XIESHOU_REQUIRE_TOOLS"}
    if switch is not None:
        env["XIESHOU_REQUIRE_TOOLS"] = switch
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", str(tmp_path)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_without_the_switch_a_missing_tool_skips(tmp_path):
    result = run_sample(tmp_path, None)
    assert result.returncode == 0 and "2 skipped" in result.stdout, result.stdout


def test_with_the_switch_a_missing_tool_fails_and_other_skips_stay(tmp_path):
    result = run_sample(tmp_path, "1")
    assert result.returncode == 1 and "1 skipped, 1 error" in result.stdout, result.stdout  # failed at set-up
    assert "the CI installation of the tools failed" in result.stdout


def test_which_reasons_count_as_a_required_tool():
    assert is_required_tool_skip("poppler-utils (pdftotext) not installed")
    assert is_required_tool_skip("7z not installed")
    assert not is_required_tool_skip("LibreOffice (soffice) or poppler-utils not installed")
    assert not is_required_tool_skip("XIESHOU_TEST_PG_URL not set")


def test_a_missing_postgresql_server_counts_as_a_missing_tool():
    from pg_cluster import MISSING

    assert is_required_tool_skip(MISSING)
    assert is_required_tool_skip("running as root without runuser: cannot start the Debian package postgresql as the "
                                 "postgres user")
