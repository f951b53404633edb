"""Hostile input at full size: each case run in a fresh process, its time and peak resident memory printed
beside a good package's (same run), against the targets of 10 s and 300 MB per verdict.

The test suite checks the same limits on small copies of these inputs; here they are as large as an
attacker's disc or file can make them (ISO bombs of a million records, XLSX bombs that used to cost
gigabytes).  Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_hostile.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT

sys.path.insert(0, str(ROOT))

from desktop.engine.submission import canonical_bytes  # noqa: E402
from desktop.package.iso import build_iso  # noqa: E402
from tests.package.hostile import HostileSet  # noqa: E402
from tests.package.hostile_iso import JOLIET, PVD, SECTOR, _file_records, _pack_both, find, set_extent, set_size  # noqa: E402
from tests.test_catalogue_hostile import _base, _shared, _sheet, _styles, _swap  # noqa: E402

RUN = ("import sys\n"
       "from desktop.cli import main\n"
       "code = main(sys.argv[1:])\n"
       "print('PEAK', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)\n"
       "sys.exit(code)\n")
CATALOGUE = ("import sys\n"
             "from desktop.catalogue import CatalogueError, load_catalogue\n"
             "try:\n    load_catalogue(sys.argv[1])\nexcept CatalogueError as exc:\n    print(exc)\n"
             "print('PEAK', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)\n")


def run(script: str, *args: str, stdin: str | None = None) -> tuple[float, float, str]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, input=stdin,
                            encoding="utf-8", cwd=ROOT, timeout=600)
    seconds = time.monotonic() - started
    peak = int(result.stderr.split("PEAK")[1].split()[0]) / 1024 if "PEAK" in result.stderr else float("nan")
    said = (result.stdout + result.stderr.split("PEAK")[0]).replace("\n", " ")
    return seconds, peak, said


def image_with_directory(good: bytes, records: bytes, directories: int = 1) -> bytes:
    """``good`` with its DATA folder replaced by ``directories`` copies of ``records`` chained as subfolders."""
    image = bytearray(good)
    extent = len(image) // SECTOR
    image += records * directories
    for descriptor, name in ((PVD, "DATA"), (JOLIET, "data")):
        record = find(good, descriptor, name)
        set_extent(image, record, extent)
        set_size(image, record, len(records) * directories)
    _pack_both(image, PVD * SECTOR + 80, len(image) // SECTOR)
    return bytes(image)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        hostile = HostileSet(work / "h")
        good_iso = work / "good.iso"
        build_iso(hostile.base, good_iso)
        good = good_iso.read_bytes()
        sample = json.loads((hostile.base / "data/submission.json").read_bytes())
        rows = dict(sample, data=dict(sample["data"], needs=[{}] * 300_000))
        (work / "rows.json").write_bytes(canonical_bytes(rows))
        million = hostile.resealed("million-rows", canonical_bytes(sample).replace(
            b'"needs":[', b'"needs":[' + b"{}," * 1_000_000, 1))
        folders = hostile.copy("folders")
        for index in range(100_000):
            (folders / "x" / f"{index:06d}").mkdir(parents=True)
        (work / "records.iso").write_bytes(image_with_directory(good, _file_records(1_000_000)))
        boot = bytearray(SECTOR)
        boot[0:7] = b"\x00CD001\x01"
        (work / "descriptors.iso").write_bytes(good[: 16 * SECTOR] + bytes(boot) * 20_000 + good[16 * SECTOR:])
        base = _base(work / "base.xlsx")
        xlsx = {
            "styles (2,000,000 xf)": {"xl/styles.xml": _styles(xfs=2_000_000)},
            "fonts (200,000)": {"xl/styles.xml": _styles(fonts=200_000)},
            "one row of 1,000,000 cells": {"xl/worksheets/sheet1.xml": _sheet(b"<row>" + b"<c/>" * 1_000_000 + b"</row>")},
            "sharedStrings (10,000,000)": {"xl/sharedStrings.xml": _shared(10_000_000)},
        }
        cases = [
            ("validate: good sample", RUN, ["validate", str(hostile.base / "data/submission.json")], None),
            ("validate: 300,000 empty rows", RUN, ["validate", str(work / "rows.json")], None),
            ("verify: good package folder", RUN, ["verify", str(hostile.base)], None),
            ("verify: good .iso", RUN, ["verify", str(good_iso)], None),
            ("verify: 1,000,000 rows resealed", RUN, ["verify", str(million)], None),
            ("verify: 100,000 empty folders", RUN, ["verify", str(folders)], None),
            ("verify: ISO, 1,000,000 records", RUN, ["verify", str(work / "records.iso")], None),
            ("verify: ISO, 20,000 descriptors", RUN, ["verify", str(work / "descriptors.iso")], None),
            ("size --employees 1e999999999", RUN, ["size", "--industry", "工业", "--employees", "1e999999999"], None),
            ("size, same on stdin", RUN, ["size"], '{"industry": "工业", "employees": "1e999999999"}\n'),
        ]
        for name, parts in xlsx.items():
            path = _swap(base, work / f"{len(cases)}.xlsx", dict(parts))
            cases.append((f"catalogue: {name}, {path.stat().st_size // 1024} KB", CATALOGUE, [str(path)], None))
        baseline = None
        print(f"{'case':44} {'seconds':>8} {'peak MB':>8} {'× good verify':>14}  verdict")
        for name, script, args, stdin in cases:
            seconds, peak, said = run(script, *args, stdin=stdin)
            if name == "verify: good package folder":
                baseline = (seconds, peak)
            ratio = f"{seconds / baseline[0]:5.1f}× {peak / baseline[1]:4.1f}×" if baseline else ""
            print(f"{name:44} {seconds:8.2f} {peak:8.0f} {ratio:>14}  {said[:90]}")


if __name__ == "__main__":
    main()
