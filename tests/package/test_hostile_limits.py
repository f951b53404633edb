"""No package is skipped in silence, and the bomb cases stay within 10 s and 300 MB in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.package import sources
from desktop.package.verify import COMPLETE, PROBLEMS, verify_main_output, verify_paths

from .hostile import HostileSet, bomb_cases, folder_cases, value_cases
from .hostile_iso import PVD, SECTOR, bomb_images
from .sample_package import write_package

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need POSIX")
PEAK_MB = 300
SECONDS = 10
RUN = ("import sys\n"
       "from desktop.cli import main\n"
       "code = main(sys.argv[1:])\n"
       "print('PEAK', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)\n"
       "sys.exit(code)\n")


def test_a_package_six_folders_deep_is_found_and_one_forty_deep_is_said(tmp_path):
    shallow = tmp_path / "a"
    write_package(shallow.joinpath(*["d"] * 6) / "package")
    (found,) = verify_paths([shallow])
    assert found.verdict == COMPLETE
    deep = tmp_path / "b"
    write_package(deep.joinpath(*[f"层{i}" for i in range(40)]) / "package")
    (stopped,) = verify_paths([deep])
    assert stopped.verdict == PROBLEMS and f"层级超过 {sources.SEARCH_DEPTH} 层" in stopped.problems[0]
    assert verify_main_output([found, stopped], as_json=False)[1] == 1


def test_thousands_of_links_do_not_push_a_good_package_out(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    for index in range(2_100):
        os.symlink("/etc/passwd", batch / f"a{index:04d}.iso")
    write_package(batch / "z-good")
    verdicts = verify_paths([batch])
    assert len(verdicts) == 2_101
    assert verdicts[-1].verdict == COMPLETE and Path(verdicts[-1].source).name == "z-good"
    assert verify_main_output(verdicts, as_json=False)[1] == 1


@pytest.mark.parametrize("limit, value", [("MAX_SOURCES", 3), ("SEARCH_DEPTH", 1), ("MAX_FOLDER_ITEMS", 2),
                                          ("MAX_SEARCHED_FOLDERS", 2)])
def test_every_search_limit_is_said_and_makes_the_run_fail(tmp_path, monkeypatch, limit, value):
    for index in range(4):
        write_package(tmp_path / "batch" / f"group{index}" / "package")
    assert {v.verdict for v in verify_paths([tmp_path / "batch"])} == {COMPLETE}
    monkeypatch.setattr(sources, limit, value)
    verdicts = verify_paths([tmp_path / "batch"])
    stopped = [v for v in verdicts if v.problems and v.problems[0].startswith("未全部校验")]
    assert stopped, [v.problems for v in verdicts]
    assert verify_main_output(verdicts, as_json=False)[1] != 0
    assert all(v.verdict == COMPLETE for v in verdicts if v not in stopped)


def test_the_bomb_cases_stay_within_memory_in_a_fresh_process(tmp_path):
    """Time per case is checked in test_hostile; here the peak resident size (VmHWM) of one process judging all."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc")
    hostile = HostileSet(tmp_path / "h")
    for make in (bomb_cases, value_cases, folder_cases):
        make(hostile)
    images = tmp_path / "images"
    images.mkdir()
    from desktop.package.iso import build_iso

    build_iso(hostile.base, tmp_path / "good.iso")
    for key, data in bomb_images((tmp_path / "good.iso").read_bytes()).items():
        (images / f"{key}.iso").write_bytes(data)
    paths = [str(case.path) for case in hostile.cases] + [str(p) for p in sorted(images.iterdir())]
    result = subprocess.run([sys.executable, "-c", RUN, "verify", "--json", *paths], capture_output=True, text=True,
                            encoding="utf-8", timeout=SECONDS * len(paths), cwd=Path(__file__).resolve().parents[2])
    peak = int(result.stderr.split("PEAK")[1].split()[0]) / 1024
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(verdicts) == len(paths) and {v["verdict"] for v in verdicts} == {PROBLEMS}
    assert peak < PEAK_MB  # the largest of all: every case was judged in this one process


def test_the_image_bombs_are_made_as_described(tmp_path):
    """The crafted images are what their names say, so the limits are what refuses them."""
    base = write_package(tmp_path / "p")
    from desktop.package.iso import build_iso

    build_iso(base, tmp_path / "g.iso")
    bombs = bomb_images((tmp_path / "g.iso").read_bytes())
    descriptors = bombs["5000-descriptors"]
    assert all(descriptors[s * SECTOR + 1: s * SECTOR + 6] == b"CD001" for s in range(PVD, PVD + 5000))
