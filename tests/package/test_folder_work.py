"""The export's work folder: the user's umask, cleaned after a kill, never while an export runs; 说明.txt printable."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time

import pytest

from desktop.package.folder import WORK_PREFIX, PackageFile, clean_stale_work, readme_text, write_package

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="umask and kill are POSIX")
HOLD = ("import sys, time\n"
        "from pathlib import Path\n"
        "from desktop.store.lock import InstanceLock\n"
        "InstanceLock.acquire(Path(sys.argv[1]))\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n")


def _write(target, name="说明"):
    return write_package(target, [PackageFile("data/x.json", "data", b"{}")], lambda entries: {"files": []},
                         lambda entries: name)


def test_the_package_folder_follows_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        _write(tmp_path / "out" / "pkg")
    finally:
        os.umask(old)
    assert (tmp_path / "out" / "pkg").stat().st_mode & 0o777 == 0o750
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["pkg"]


def test_a_killed_exports_work_folder_is_removed_and_a_running_one_kept(tmp_path):
    out = tmp_path / "out"
    killed = out / f"{WORK_PREFIX}dead01"
    (killed / "data").mkdir(parents=True)
    (killed / ".export-lock").write_text("12345\n")  # the process that held it is gone: no lock on it
    running = out / f"{WORK_PREFIX}live01"
    running.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(running / ".export-lock")], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        fresh = out / f"{WORK_PREFIX}new001"
        fresh.mkdir()  # just made, its lock not taken yet
        assert clean_stale_work(out) == [killed]
        assert running.exists() and fresh.exists() and not killed.exists()
        old = time.time() - 3600
        os.utime(fresh, (old, old))
        _write(out / "pkg")  # the next export into the same folder cleans up too
        assert not fresh.exists() and running.exists()
    finally:
        holder.kill()
        holder.wait()
    assert clean_stale_work(out) == [running]


def test_readme_values_are_printed_without_control_characters():
    text = readme_text(forms=[("附件1 需求表\x1b[2J", "data/submission.json")],
                       submitter={"name": "样例\x00企业\n第二行", "uscc": "\ud800X"}, created_at=dt.datetime(
                           2023, 4, 20, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                       binding_code="7KQ2-M9XD-4TBE-Q1W8", revision=1, entries=[], campaign_notice="通知", draft=False)
    assert "报送单位：样例企业 第二行" in text and "统一社会信用代码：X" in text
    assert not any(ord(c) < 0x20 and c != "\n" for c in text)
    text.encode("utf-8")  # no lone surrogate left
