"""ISO building: our build_iso against ``xorriso -as mkisofs -J -R`` on the same ~300 MB package,
and the peak memory of building a ~600 MB image.  Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_iso.py [--runs 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.package.iso import build_iso  # noqa: E402
from tests.package.sample_package import write_package  # noqa: E402

MB = 1024 * 1024
# Idle is the resident size after imports; the peak is the high-water mark after the build (both KiB).
MEMORY_SCRIPT = """
import resource, sys
import psutil
from pathlib import Path
from desktop.package.iso import build_iso
idle = psutil.Process().memory_info().rss // 1024
build_iso(Path(sys.argv[1]), Path(sys.argv[2]))
print(idle, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_package(root: Path, total_mb: int) -> Path:
    big, rest = total_mb * 2 // 3, total_mb - total_mb * 2 // 3
    return write_package(root, attachments=[("attachments/01_设计图纸.pdf", big * MB),
                                            ("attachments/02_检测报告.pdf", rest * MB)])


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def compare_with_xorriso(package: Path, work: Path, runs: int) -> None:
    ours_iso, theirs_iso = work / "ours.iso", work / "xorriso.iso"
    ours = lambda: build_iso(package, ours_iso)  # noqa: E731
    theirs = lambda: subprocess.run(["xorriso", "-as", "mkisofs", "-quiet", "-J", "-R", "-o", str(theirs_iso),  # noqa: E731
                                     str(package)], check=True, capture_output=True)
    def theirs_synced() -> None:  # build_iso fsyncs its image before renaming it; make the reference do the same
        theirs()
        with open(theirs_iso, "rb") as handle:
            os.fsync(handle.fileno())

    ours(), theirs()  # warm the page cache for both
    ours_times, theirs_times, synced_times = [], [], []
    for _ in range(runs):
        ours_times.append(timed(ours))
        theirs_times.append(timed(theirs))
        synced_times.append(timed(theirs_synced))
    size = ours_iso.stat().st_size / MB
    ours_iso.unlink(), theirs_iso.unlink()
    ours_median, theirs_median = statistics.median(ours_times), statistics.median(theirs_times)
    print(f"image {size:.0f} MB written to {work}, median of {runs}:")
    print(f"  build_iso (pycdlib, 1 MiB blocks, fsync) {ours_median:6.2f} s  {size / ours_median:7.0f} MB/s  "
          f"runs {', '.join(f'{t:.2f}' for t in ours_times)}")
    print(f"  xorriso -as mkisofs -J -R              {theirs_median:6.2f} s  {size / theirs_median:7.0f} MB/s  "
          f"runs {', '.join(f'{t:.2f}' for t in theirs_times)}")
    synced_median = statistics.median(synced_times)
    print(f"  xorriso … + fsync of its image         {synced_median:6.2f} s  {size / synced_median:7.0f} MB/s  "
          f"runs {', '.join(f'{t:.2f}' for t in synced_times)}")
    print(f"  ratio ours / xorriso = {ours_median / theirs_median:.2f}  (target ≤ 0.50); "
          f"ours / (xorriso + fsync) = {ours_median / synced_median:.2f}")


def _output_dirs(work: Path) -> list[Path]:
    outs = [work]
    shm = Path("/dev/shm")
    if shm.is_dir() and shutil.disk_usage(shm).free > 2 * 1024 * MB:
        outs.append(Path(tempfile.mkdtemp(prefix="bench_iso_", dir=shm)))
    return outs


def profile(package: Path, work: Path) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(build_iso, package, work / "profiled.iso")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(12)


def peak_memory(work: Path, total_mb: int) -> None:
    package = make_package(work / "big-package", total_mb)
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT, str(package), str(work / "big.iso")],
                          capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    idle, peak = (int(v) for v in done.stdout.split())
    print(f"peak RSS building a {total_mb} MB image: {peak / 1024:.0f} MB, {(peak - idle) / 1024:.1f} MB above idle "
          "(target ≤ 150 MB above idle)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_iso_", dir="/tmp"))
    outs = _output_dirs(work)
    try:
        package = make_package(work / "package", 300)
        if shutil.which("xorriso"):
            # On disk the figures follow the kernel's write-back more than either program;
            # on tmpfs they show what each program itself costs.
            for out in outs:
                compare_with_xorriso(package, out, args.runs)
        else:
            print("xorriso not installed: comparison skipped")
        if args.profile:
            profile(package, outs[-1])
        shutil.rmtree(work / "package")
        peak_memory(work, 600)
    finally:
        for folder in outs:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
