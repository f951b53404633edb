"""scripts/start.sh: the installer runs on the first start and after pyproject.toml changed, never otherwise."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OFFLINE = {"PIP_NO_INDEX": "1", "PIP_NO_CACHE_DIR": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/simple",
           "PIP_FIND_LINKS": "", "QT_QPA_PLATFORM": "offscreen"}


def fake_tree(tmp_path: Path) -> Path:
    """A copy of the scripts and pyproject.toml with a .venv whose python and xieshou only log their calls."""
    root = tmp_path / "xieshou"
    shutil.copytree(ROOT / "scripts", root / "scripts")
    shutil.copy(ROOT / "pyproject.toml", root)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name, line in (("python", 'echo "python $*" >> "$LOG"'), ("xieshou", 'echo "xieshou $*" >> "$LOG"')):
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\n{line}\n", encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return root


def start(root: Path, log: Path, *args: str) -> list[str]:
    env = {**os.environ, **OFFLINE, "LOG": str(log)}
    subprocess.run(["bash", str(root / "scripts" / "start.sh"), *args], env=env, check=True, timeout=60,
                   capture_output=True)
    lines = log.read_text(encoding="utf-8").splitlines()
    log.unlink()
    return lines


def pip_calls(lines: list[str]) -> list[str]:
    return [line for line in lines if "-m pip install" in line]


def test_only_the_first_start_and_a_changed_pyproject_run_the_installer(tmp_path):
    root, log = fake_tree(tmp_path), tmp_path / "calls.log"
    first = start(root, log, "gui")
    assert len(pip_calls(first)) == 1 and first[-1] == "xieshou gui"
    second = start(root, log, "gui")
    assert second == ["xieshou gui"], "the second start runs the program and nothing else"
    with (root / "pyproject.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# an update\n")
    updated = start(root, log)
    assert len(pip_calls(updated)) == 1, "an update that changed the dependencies installs them"
    assert start(root, log) == ["xieshou "]


def test_a_test_setup_counts_as_set_up_for_starting(tmp_path):
    root, log = fake_tree(tmp_path), tmp_path / "calls.log"
    env = {**os.environ, **OFFLINE, "LOG": str(log)}
    subprocess.run(["bash", str(root / "scripts" / "setup.sh"), "--test"], env=env, check=True, timeout=60)
    assert "[test]" in pip_calls(log.read_text(encoding="utf-8").splitlines())[0]
    log.unlink()
    assert start(root, log, "gui") == ["xieshou gui"]


def test_the_real_program_starts_a_second_time_without_a_package_index():
    stamp = ROOT / ".venv" / ".setup-stamp"
    if not stamp.is_file():
        pytest.skip("the checkout was not set up with scripts/setup.sh (no .venv/.setup-stamp)")
    env = {**os.environ, **OFFLINE}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "start.sh"), "uscc", "91350100M000100Y43"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("91350100M000100Y43：正确")
