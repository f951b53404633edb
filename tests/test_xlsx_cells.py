"""The cells of an XLSX as the sheet readers take them, whichever reader read them (calamine or openpyxl)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from desktop.catalogue.read_xlsx import check_container
from desktop.catalogue.xlsx_cells import StreamedWorkbook, Workbook, cell_value, open_workbook

ROWS = {   # (row, column) → (value written by openpyxl, value the readers must give)
    (3, 3): ("  需求 ", "  需求 "),
    (3, 4): (5, 5),
    (3, 5): (12.5, 12.5),
    (3, 6): (dt.datetime(2024, 5, 20), dt.date(2024, 5, 20)),
    (3, 7): (dt.date(2024, 5, 21), dt.date(2024, 5, 21)),
    (3, 8): (dt.datetime(2024, 5, 22, 9, 30), dt.datetime(2024, 5, 22, 9, 30)),
    (3, 9): (True, True),
    (5, 3): (13800000000, 13800000000),
    (5, 4): (2273.55, 2273.55),
    (5, 5): ("2024-05-20", "2024-05-20"),
    (5, 6): (0, 0),
    (5, 7): (float(2 ** 60), float(2 ** 60)),
    (5, 10): ("对接会", "对接会"),
}


@pytest.mark.parametrize(("raw", "expected"), [
    ("", None), ("x", "x"), (" ", " "), (5.0, 5), (-3.0, -3), (0.0, 0), (2.5, 2.5), (5, 5),
    (float(2 ** 53), float(2 ** 53)), (True, True), (None, None),
    (dt.date(2024, 1, 2), dt.date(2024, 1, 2)), (dt.datetime(2024, 1, 2), dt.date(2024, 1, 2)),
    (dt.datetime(2024, 1, 2, 8, 15), dt.datetime(2024, 1, 2, 8, 15)), (dt.time(10, 30), dt.time(10, 30)),
])
def test_each_kind_of_value_is_converted_in_one_place(raw, expected):
    value = cell_value(raw)
    assert value == expected and type(value) is type(expected)


def _sheet(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    for (row, column), (value, _) in ROWS.items():
        sheet.cell(row, column, value)
    workbook.create_sheet("说明")["A1"] = "备注"
    workbook.save(path)
    return path


def _expected() -> list[tuple]:
    rows = [[None] * 10 for _ in range(5)]
    for (row, column), (_, value) in ROWS.items():
        rows[row - 1][column - 1] = value
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("reader", [Workbook, StreamedWorkbook])
def test_both_readers_give_the_same_rows_from_row_1_and_column_a(tmp_path, reader):
    book = reader(_sheet(tmp_path / "a.xlsx"))
    try:
        assert book.sheetnames == ["数据", "说明"]
        rows = list(book.rows("数据", 10))
        assert rows == _expected()
        assert [[type(v) for v in row] for row in rows] == [[type(v) for v in row] for row in _expected()]
        assert list(book.rows("数据", 4, max_row=3)) == [row[:4] for row in _expected()[:3]]
        assert [row[:1] for row in book.rows("说明", 2)] == [("备注",)]     # rows may stop at the sheet's width
    finally:
        book.close()


def test_error_cells_are_read_by_openpyxl_so_they_are_not_lost(tmp_path):
    """calamine shows #DIV/0! as an empty cell: the pre-check sees t="e" and the workbook is streamed."""
    import xlsxwriter

    path = tmp_path / "e.xlsx"
    with xlsxwriter.Workbook(path) as workbook:
        sheet = workbook.add_worksheet("数据")
        sheet.write_string(0, 0, "金额")
        sheet.write_formula(1, 0, "=1/0", None, "#DIV/0!")
    assert list(Workbook(path).rows("数据", 1)) == [("金额",), (None,)]       # why the fallback exists
    assert check_container(path, "e.xlsx") is True
    book = open_workbook(path, True)
    try:
        assert isinstance(book, StreamedWorkbook)
        assert list(book.rows("数据", 1)) == [("金额",), ("#DIV/0!",)]
    finally:
        book.close()
    assert check_container(_sheet(tmp_path / "plain.xlsx"), "plain.xlsx") is False


def test_money_written_as_two_decimals_reads_back_exactly(tmp_path):
    path = tmp_path / "m.xlsx"
    workbook = openpyxl.Workbook()
    amounts = [Decimal(f"{n}.{n % 100:02d}") for n in range(1, 2000, 7)]
    for amount in amounts:
        workbook.active.append([float(amount)])
    workbook.save(path)
    book = Workbook(path)
    try:
        assert [Decimal(f"{row[0]:.2f}") for row in book.rows(book.sheetnames[0], 1)] == amounts
    finally:
        book.close()
