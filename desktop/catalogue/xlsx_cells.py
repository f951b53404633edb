"""Reading the cells of a checked XLSX as plain Python values: calamine (Rust), openpyxl when it must.

Only ever called on a workbook whose container and XML counts passed
:mod:`.xlsx_limits` (:func:`.read_xlsx.read_bounded` keeps that order):
calamine reads a whole sheet into memory at once, and the limits bound its
size and its extent (rows × columns) first.  calamine shows an error cell
(#N/A, #DIV/0! …) as an empty one, so a workbook holding error cells is
streamed with openpyxl instead (rare, and slower), and its errors are
reported as before.

:func:`cell_value` is the one place where either reader's values become what
the readers of sheets take: ``None`` for an empty cell (calamine gives
``""``), a whole number as ``int`` (calamine gives every number as a float),
any other number as ``float``, a date cell as ``datetime.date`` (``datetime``
when it carries a time of day; openpyxl gives midnight datetimes), texts —
error texts such as ``#N/A`` included —, booleans and times unchanged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterator, Union

Cell = Union[str, int, float, bool, dt.date, dt.datetime, dt.time, dt.timedelta, None]
_EXACT = 2 ** 53          # floats beyond this are not exact whole numbers any more: kept as floats
_MIDNIGHT = dt.time()


def cell_value(value) -> Cell:
    """A cell as the readers take it (see the module's note)."""
    kind = value.__class__
    if kind is str:
        return value or None
    if kind is float:
        return int(value) if value.is_integer() and -_EXACT < value < _EXACT else value
    if kind is dt.datetime and value.time() == _MIDNIGHT and value.tzinfo is None:
        return value.date()
    return value


def open_workbook(path: Path, error_cells: bool = False) -> "Workbook | StreamedWorkbook":
    """The fast reader, or openpyxl streaming when the workbook holds error cells (xlsx_limits says)."""
    return StreamedWorkbook(path) if error_cells else Workbook(path)


class Workbook:
    """The sheets of one workbook read by calamine, by name, row by row (the first row is row 1)."""

    def __init__(self, path: Path) -> None:
        from python_calamine import CalamineWorkbook

        self._book = CalamineWorkbook.from_path(str(path))
        self.sheetnames: list[str] = list(self._book.sheet_names)

    def rows(self, name: str, max_col: int, max_row: int | None = None) -> Iterator[tuple[Cell, ...]]:
        """Each row from row 1 down (empty rows included, so numbers are the sheet's), its first
        ``max_col`` cells counted from column A (fewer when the sheet is narrower)."""
        sheet = self._book.get_sheet_by_name(name)
        for cells in sheet.to_python(skip_empty_area=False, nrows=max_row):
            yield tuple([cell_value(value) for value in cells[:max_col]])

    def close(self) -> None:
        self._book.close()


class StreamedWorkbook:
    """The same rows streamed by openpyxl in read-only mode (error cells come as their texts)."""

    def __init__(self, path: Path) -> None:
        import openpyxl

        self._book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        self.sheetnames: list[str] = list(self._book.sheetnames)

    def rows(self, name: str, max_col: int, max_row: int | None = None) -> Iterator[tuple[Cell, ...]]:
        for cells in self._book[name].iter_rows(values_only=True, max_col=max_col, max_row=max_row):
            yield tuple([cell_value(value) for value in cells])

    def close(self) -> None:
        self._book.close()
