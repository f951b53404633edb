"""Verification speed: verify_paths against plain hashlib SHA-256 over the same files, and 1/10/100
packages to show that time grows linearly.  Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_verify.py [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from _util import ROOT, median_time

sys.path.insert(0, str(ROOT))

from desktop.package.iso import build_iso  # noqa: E402
from desktop.package.verify import verify_paths  # noqa: E402
from tests.package.sample_package import write_package  # noqa: E402

MB = 1024 * 1024


def hash_files(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                while chunk := handle.read(MB):
                    digest.update(chunk)


def throughput(work: Path, runs: int) -> None:
    package = write_package(work / "package", attachments=[("attachments/01_设计图纸.pdf", 200 * MB),
                                                           ("attachments/02_检测报告.pdf", 100 * MB)])
    iso = work / "package.iso"
    build_iso(package, iso)
    size = sum(p.stat().st_size for p in package.rglob("*") if p.is_file()) / MB
    hash_files(package), verify_paths([package]), verify_paths([iso])  # warm the page cache
    plain = median_time(lambda: hash_files(package), runs)
    folder = median_time(lambda: verify_paths([package]), runs)
    image = median_time(lambda: verify_paths([iso]), runs)
    print(f"{size:.0f} MB package, median of {runs}:")
    print(f"  hashlib SHA-256 of the files   {plain:6.2f} s  {size / plain:6.0f} MB/s")
    print(f"  verify_paths(folder)           {folder:6.2f} s  {size / folder:6.0f} MB/s  = {plain / folder:.0%} of hashlib")
    print(f"  verify_paths(.iso via pycdlib) {image:6.2f} s  {size / image:6.0f} MB/s  = {plain / image:.0%} of hashlib"
          "  (target ≥ 50 %)")


def linearity(work: Path, runs: int) -> None:
    one = write_package(work / "one", attachments=[("attachments/01_扫描件.pdf", 2 * MB)])
    print("batches of packages (2.2 MB each, folders, one verdict each):")
    per_package = []
    for count in (1, 10, 100):
        batch = work / f"batch{count}"
        for index in range(count):
            shutil.copytree(one, batch / f"企业{index:03d}")
        seconds = median_time(lambda: verify_paths([batch]), runs)
        per_package.append(seconds / count)
        print(f"  {count:3d} packages  {seconds:6.3f} s  {seconds / count * 1000:6.1f} ms per package")
    print(f"  per-package time 100 vs 1: {per_package[-1] / per_package[0]:.2f}× (1.00 = linear)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(ratios are taken in the same run; many packages at once: bench_desk.py)", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench_verify_", dir="/tmp"))
    try:
        throughput(work, args.runs)
        linearity(work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
