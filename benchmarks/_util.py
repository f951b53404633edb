"""Small shared helpers for the benchmark scripts (they print figures; they never assert)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# The programs a benchmark starts read their modules' bytecode as an installed program does (the bundle ships
# it compiled): where PYTHONDONTWRITEBYTECODE is set, as on some build machines, every start would compile the
# project from source again, and start-up figures would measure the compiler.  The bytecode goes to a folder of
# its own, not into the checkout.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX", os.path.join(tempfile.gettempdir(), "xieshou-bench-bytecode"))


def median_time(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_quiet(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})}, cwd=cwd)


def report(name: str, seconds: float, target: float | None = None, reference: tuple[str, float] | None = None,
           ratio_target: float | None = None) -> None:
    line = f"{name}: {seconds * 1000:.0f} ms (median)"
    if target is not None:
        line += f"  target ≤ {target * 1000:.0f} ms {'OK' if seconds <= target else 'MISSED'}"
    if reference:
        ref_name, ref_seconds = reference
        ratio = seconds / ref_seconds if ref_seconds else float("inf")
        line += f"  | {ref_name}: {ref_seconds * 1000:.0f} ms, ratio {ratio:.2f}×"
        if ratio_target is not None:
            line += f" (target ≤ {ratio_target}× {'OK' if ratio <= ratio_target else 'MISSED'})"
    print(line, flush=True)
