"""The editable register grid with a year's activities: how soon the first rows show, how long the longest
pass of the event loop is while the rest is filled in (the window must stay usable), and the whole fill
against a bare QTableWidget given the same texts in the same run (one QTableWidgetItem made in Python per
cell and set, no checks, tints or row names: the plainest way to fill the same widget).  Prints figures;
asserts nothing.

Also a full garbage collection with the grid filled: Python walks every object it tracks, so a grid that kept
one Python object per cell (200,000) stalled the window each time one ran — while filling and afterwards while
typing.  Its same-run reference is the same collection just before the fill (the program and the activities
loaded): the grid itself should add next to nothing.

Targets: first rows ≤ 300 ms; longest event-loop pass ≤ 150 ms; whole fill ≤ 2.5× the bare table;
a full collection ≤ 150 ms (it is a pass of the event loop when it happens) and ≤ 1.25× the one before the fill.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_register_grid.py [--activities 10000]
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, report

sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def collection_time(runs: int = 7) -> float:
    """The median of a few full collections (one alone varies by half on a busy machine)."""
    times = []
    for _ in range(runs):
        begun = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - begun)
    return sorted(times)[runs // 2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="xieshou-bench-grid-"))
    os.environ["XIESHOU_DATA_DIR"] = str(folder)
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    from desktop.register.edit import GRID_COLUMNS, cells_of
    from desktop.register.samples import make_year
    from desktop.ui.app import make_application, open_context

    app = make_application([])
    ctx = open_context(folder, synchronous=True)
    from desktop.ui.register_window import RegisterWindow

    window = RegisterWindow(ctx)
    for department, rows in make_year(args.activities, 0, 0).reports.items():
        window.register.merge(rows, department)
    activities = window.register.activities()
    grid = window.activities.grid
    grid.restored = True

    collected_before = collection_time()
    start = time.perf_counter()
    grid.show_activities(activities)
    first = time.perf_counter() - start
    longest = 0.0
    last = len(activities) - 1
    while grid.grid.item(last, 0) is None:
        begun = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - begun)
    whole = time.perf_counter() - start

    collected = collection_time()

    texts = [cells_of(a) for a in activities]
    bare = QTableWidget(len(texts), len(GRID_COLUMNS))
    begun = time.perf_counter()
    for r, cells in enumerate(texts):
        for c, column in enumerate(GRID_COLUMNS):
            bare.setItem(r, c, QTableWidgetItem(cells[column.id]))
    plain = time.perf_counter() - begun

    print(f"register grid, {len(activities)} activities × {len(GRID_COLUMNS)} columns")
    report("first rows shown", first, target=0.3)
    report("longest event-loop pass while filling", longest, target=0.15)
    report("whole fill", whole, reference=("bare QTableWidget, same texts", plain), ratio_target=2.5)
    report("full garbage collection, grid filled", collected, target=0.15,
           reference=("the same just before the fill", collected_before), ratio_target=1.25)
    window.close()
    ctx.store.close()
    QApplication.quit()


if __name__ == "__main__":
    main()
