"""The editable register grid with a year's activities: how soon the first rows show, how long the longest
pass of the event loop is while the rest is filled in (the window must stay usable), and the whole fill
against a bare QTableWidget given the same texts in the same run.  Prints figures; asserts nothing.

Targets: first rows ≤ 300 ms; longest event-loop pass ≤ 150 ms; whole fill ≤ 2.5× the bare table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_register_grid.py [--activities 10000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from _util import ROOT, report

sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
    window.close()
    ctx.store.close()
    QApplication.quit()


if __name__ == "__main__":
    main()
