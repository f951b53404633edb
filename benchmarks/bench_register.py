"""The 2024 register at a year's scale: 附件6 from 10 000 activities (target ≤ 2 s for compute + XLSX),
its PDF (target ≤ 20 ms a page), and a 10 000-row department sheet read, checked and merged
(target ≤ 5 s).

Each figure is printed with its target and its ratio to a bare reference measured in the same run:
the register's rows selected without making activities, XlsxWriter writing the same cells with the
same workbook options (no formats or layout),
reportlab drawing the same cell texts on the same number of pages (no table layout), and
openpyxl streaming the same sheet without any checking (and calamine reading it, the reader the import
uses since it left openpyxl).  Prints figures; asserts nothing.

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
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from sqlalchemy import select  # noqa: E402

from desktop.documents.fonts import register_fonts  # noqa: E402
from desktop.register.department import read_department_file, write_department_template  # noqa: E402
from desktop.register.samples import make_year  # noqa: E402
from desktop.register.stats import COLUMNS, compute  # noqa: E402
from desktop.register.stats_pdf import PAGE, render_stats_pdf  # noqa: E402
from desktop.register.stats_xlsx import WORKBOOK_OPTIONS, stats_xlsx_bytes  # noqa: E402
from desktop.register.store import ACTIVITY_COLUMNS, Register  # noqa: E402
from desktop.rules.campaign import campaign_by_id  # noqa: E402

AT = dt.datetime(2025, 1, 6, tzinfo=dt.timezone.utc)
UNIT = "某省工业和信息化厅"


def line(label: str, seconds: float, target: str, reference: float, ref_label: str, unit: str = "s") -> None:
    shown = f"{seconds * 1000:7.1f} ms" if unit == "ms" else f"{seconds:7.2f} s "
    ref = f"{reference * 1000:.1f} ms" if unit == "ms" else f"{reference:.2f} s"
    print(f"  {label:<34}{shown}  target {target:<9} ratio {seconds / reference:5.2f}× {ref_label} ({ref})")


def cell_values(table) -> list[list]:
    return [[n] + [row.values[c.id] for c in COLUMNS] for n, row in enumerate(table.rows, start=1)]


def bare_select(register: Register) -> None:
    """The register's rows as the database hands them over (the same columns), without making activities."""
    with register._engine.connect() as connection:
        connection.execute(select(*ACTIVITY_COLUMNS)).all()


def bare_xlsx(cells: list[list]) -> None:
    """The same cells with the same options and typed writers, without formats, merges or page setup."""
    workbook = xlsxwriter.Workbook(io.BytesIO(), WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet()
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()))
            elif value is not None:
                sheet.write_number(r, c, float(value))
    workbook.close()


def bare_pdf(cells: list[list], pages: int) -> None:
    """reportlab drawing the same texts, one row per line, over the same number of pages (no layout)."""
    fonts = register_fonts()
    canvas = Canvas(io.BytesIO(), pagesize=PAGE, invariant=1)
    per_page = max(1, -(-len(cells) // pages))
    for start in range(0, len(cells), per_page):
        canvas.setFont(fonts.regular, 7.5)
        for i, values in enumerate(cells[start:start + per_page]):
            for c, value in enumerate(values):
                canvas.drawString(20 + c * 48, 560 - i * 30, "" if value is None else str(value))
        canvas.showPage()
    canvas.save()


def stats_benchmark(work: Path, count: int, runs: int) -> None:
    campaign = campaign_by_id("2024-baichang")
    register = Register.open(str(work / "stats.db"))
    for department, rows in make_year(count, 20, 10).reports.items():
        register.merge(rows, department)
    table = compute(register, campaign, "2024")
    cells = cell_values(table)
    register_fonts()                                       # loaded once per program run: not per PDF
    ours = median_time(lambda: stats_xlsx_bytes(compute(register, campaign, "2024"), UNIT), runs)
    only_compute = median_time(lambda: compute(register, campaign, "2024"), runs)
    rows = median_time(lambda: bare_select(register), runs)
    only_xlsx = median_time(lambda: stats_xlsx_bytes(table, UNIT), runs)
    reference = median_time(lambda: bare_xlsx(cells), runs)
    pages = []
    pdf = median_time(lambda: pages.append(render_stats_pdf(table, UNIT, AT)[1]), 1)
    bare = median_time(lambda: bare_pdf(cells, pages[0]), 1)
    print(f"附件6 of {len(table.rows)} activities ({len(cells) * len(cells[0])} cells), median of {runs}:")
    line("compute + XLSX", ours, "≤ 2 s", reference, "bare XlsxWriter")
    line("  of which compute", only_compute, "", rows, "bare select of the rows")
    line("  of which XLSX", only_xlsx, "", reference, "bare XlsxWriter")
    line(f"PDF, {pages[0]} pages, per page", pdf / pages[0], "≤ 20 ms", bare / pages[0], "bare reportlab", "ms")
    print(f"  PDF in all                        {pdf:7.2f} s")
    register.close()


def stream_sheet(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _ in workbook.active.iter_rows(values_only=True):
        pass
    workbook.close()


def calamine_sheet(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    workbook.get_sheet_by_index(0).to_python()
    workbook.close()


def import_benchmark(work: Path, count: int, runs: int) -> None:
    campaign = campaign_by_id("2024-baichang")
    rows = make_year(count, 0, 0, seed=7).reports
    activities = [a for department in rows.values() for a in department][:count]
    sheet = work / "department.xlsx"
    write_department_template(sheet, UNIT, campaign, activities)
    n = [0]

    def import_once() -> None:
        n[0] += 1
        register = Register.open(str(work / f"import{n[0]}.db"))
        name, read, _ = read_department_file(sheet, campaign)
        register.merge(read, name)
        register.close()
    ours = median_time(import_once, runs)
    reference = median_time(lambda: stream_sheet(sheet), runs)
    bare = median_time(lambda: calamine_sheet(sheet), runs)
    print(f"Department sheet of {len(activities)} rows ({os.path.getsize(sheet) / 1024:.0f} KB), median of {runs}:")
    line("read + check + merge (new DB)", ours, "≤ 5 s", reference, "openpyxl streaming")
    line("  the same", ours, "", bare, "calamine reading the sheet")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--activities", type=int, default=10_000)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XIESHOU_DATA_DIR"] = folder
        stats_benchmark(Path(folder), args.activities, args.runs)
        import_benchmark(Path(folder), args.activities, args.runs)


if __name__ == "__main__":
    main()
