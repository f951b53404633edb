"""Every hostile package gets 有问题 within seconds, nothing crashes, nothing outside the workspace changes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from desktop.package.verify import PROBLEMS, ImportRefused, import_package, verify_paths

from .hostile import generate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, symlinks and raw names need POSIX")
SECONDS_PER_CASE = 5.0


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    return root, generate(root)


def snapshot(root: Path, skip: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (links not followed): type, size, mtime and content digest."""
    state = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        if Path(folder) == skip:
            dirs[:] = []
            continue
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            digest = _digest(path) if stat.S_ISREG(info.st_mode) else os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
            state[path] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, digest)
    return state


def _digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def test_there_are_more_than_200_cases(hostile):
    _, cases = hostile
    assert len(cases) >= 200
    assert len({c.name for c in cases}) == len(cases)


def test_every_case_is_refused_quickly_and_nothing_outside_the_workspace_changes(hostile):
    root, cases = hostile
    workspace = root / "workspace"
    before = snapshot(root, workspace)
    failures = []
    for case in cases:
        started = time.monotonic()
        verdicts = verify_paths([case.path], workspace=workspace)
        elapsed = time.monotonic() - started
        failures += [f"{case.name}: {why}" for why in _judge(verdicts, elapsed)]
        for verdict in verdicts:
            with pytest.raises(ImportRefused):
                import_package(verdict, workspace)
    assert failures == []
    assert snapshot(root, workspace) == before
    assert not workspace.exists() or list(workspace.rglob("*")) == []


def _judge(verdicts, elapsed: float) -> list[str]:
    why = []
    if elapsed > SECONDS_PER_CASE:
        why.append(f"took {elapsed:.1f} s")
    if not verdicts:
        why.append("no verdict")
    for verdict in verdicts:
        if verdict.verdict != PROBLEMS or not verdict.problems:
            why.append(f"verdict {verdict.verdict} {verdict.problems}")
        for problem in verdict.problems:
            if "\n" in problem or "\r" in problem or "内部错误" in problem:
                why.append(f"bad problem line {problem!r}")
        json.dumps(verdict.to_json(), ensure_ascii=False).encode("utf-8")  # printable in any report
    return why


def test_the_whole_batch_in_one_call(hostile):
    root, cases = hostile
    verdicts = verify_paths([root / "sources"])
    assert len(verdicts) >= 200
    assert {v.verdict for v in verdicts} == {PROBLEMS}


def test_fifty_good_and_the_hostile_set_in_one_cli_call(hostile, tmp_path):
    """The disc issue's acceptance run: `xieshou verify` on one folder, each package judged right."""
    import subprocess

    from .sample_package import write_package

    root, cases = hostile
    good = tmp_path / "good"
    for seed in range(50):
        write_package(good / f"good-{seed:02d}", seed=seed)
    workspace = root / "workspace"
    before = snapshot(root, workspace)
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "verify", str(good), str(root / "sources"),
                             "--json"], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    by_source = {Path(v["source"]).resolve(): v["verdict"] for v in verdicts}
    good_verdicts = [verdict for source, verdict in by_source.items() if good.resolve() in source.parents]
    assert good_verdicts == ["完整"] * 50
    assert len(verdicts) - 50 >= 200 and {v["verdict"] for v in verdicts if not v["source"].startswith(str(good))} \
        == {"有问题"}
    assert snapshot(root, workspace) == before
