"""The 2024 register at a year's scale: 附件6 from 10 000 activities (target ≤ 2 s for compute + XLSX)
and a 10 000-row department sheet read, checked and merged (target ≤ 5 s).

References in the same run: XlsxWriter writing the same number of plain cells, and openpyxl
streaming the same sheet without any checking.  Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_register.py [--runs 3] [--activities 10000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
from pathlib import Path

from _util import ROOT, median_time

sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
import xlsxwriter  # noqa: E402

from desktop.register.department import read_department_file, write_department_template  # noqa: E402
from desktop.register.samples import make_year  # noqa: E402
from desktop.register.stats import COLUMNS, compute  # noqa: E402
from desktop.register.stats_pdf import render_stats_pdf  # noqa: E402
from desktop.register.stats_xlsx import stats_xlsx_bytes  # noqa: E402
from desktop.register.store import Register  # noqa: E402
from desktop.rules.campaign import campaign_by_id  # noqa: E402

AT = dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)


def plain_xlsx(rows: int, columns: int) -> None:
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for r in range(rows):
        sheet.write_row(r, 0, [r] * columns)
    workbook.close()


def stream_sheet(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.active.iter_rows(values_only=True):
        pass
    workbook.close()


def stats_benchmark(work: Path, count: int, runs: int) -> None:
    campaign = campaign_by_id("2024-baichang")
    register = Register.open(str(work / "stats.db"))
    for department, rows in make_year(count, 20, 10).reports.items():
        register.merge(rows, department)
    table = compute(register, campaign, "2024")

    def compute_and_export() -> None:
        stats_xlsx_bytes(compute(register, campaign, "2024"), "某省工业和信息化厅")
    ours = median_time(compute_and_export, runs)
    only_compute = median_time(lambda: compute(register, campaign, "2024"), runs)
    reference = median_time(lambda: plain_xlsx(len(table.rows), len(COLUMNS) + 1), runs)
    pages = []
    pdf = median_time(lambda: pages.append(render_stats_pdf(table, "某省工业和信息化厅", AT)[1]), 1)
    print(f"附件6 of {len(table.rows)} activities, median of {runs}:")
    print(f"  compute + XLSX                 {ours:6.2f} s  (target ≤ 2 s; compute alone {only_compute:.2f} s)")
    print(f"  XlsxWriter, same cells, plain  {reference:6.2f} s  → ours = {ours / reference:.2f}× the bare writer")
    print(f"  PDF, {pages[0]} pages (not in the target)  {pdf:6.2f} s")
    register.close()


def import_benchmark(work: Path, count: int, runs: int) -> None:
    campaign = campaign_by_id("2024-baichang")
    rows = make_year(count, 0, 0, seed=7).reports
    activities = [a for department in rows.values() for a in department][:count]
    sheet = work / "department.xlsx"
    write_department_template(sheet, "某省工业和信息化厅", campaign, activities)
    n = [0]

    def import_once() -> None:
        n[0] += 1
        register = Register.open(str(work / f"import{n[0]}.db"))
        name, read, _ = read_department_file(sheet, campaign)
        register.merge(read, name)
        register.close()
    ours = median_time(import_once, runs)
    reference = median_time(lambda: stream_sheet(sheet), runs)
    print(f"Department sheet of {len(activities)} rows ({os.path.getsize(sheet) / 1024:.0f} KB), median of {runs}:")
    print(f"  read + check + merge (new DB)  {ours:6.2f} s  (target ≤ 5 s)")
    print(f"  openpyxl streaming only        {reference:6.2f} s  → ours = {ours / reference:.2f}× the bare read")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--activities", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XIESHOU_DATA_DIR"] = folder
        stats_benchmark(Path(folder), args.activities, args.runs)
        import_benchmark(Path(folder), args.activities, args.runs)


if __name__ == "__main__":
    main()
