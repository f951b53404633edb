"""Rows pasted from Excel or WPS into a table's raw rows, and cells copied back (no Qt here).

Excel and WPS put tab-separated text on the clipboard, one line per row
(``\\r\\n`` on Windows), and quote a cell that holds a line break, a tab or a
quote (``"第一行\\n第二行"``, inner quotes doubled) — the csv module's dialect
with a tab delimiter reads exactly that.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any, Callable

from desktop.engine.kinds import kind_of
from desktop.engine.model import Field



@dataclass(frozen=True)
class PasteResult:
    rows_pasted: int          # rows of the clipboard written into the table
    rows_added: int           # of them, rows the table did not have before
    rows_dropped: int         # clipboard rows beyond the table's last allowed row
    cells_dropped: int        # clipboard cells right of the last column
    skipped_columns: tuple[str, ...]   # labels of read-only columns the paste ran over

    def note(self, limit: int) -> str:
        """What happened, in the clerk's words ("" when nothing needs saying)."""
        parts = []
        if self.rows_pasted:
            parts.append(f"已粘贴 {self.rows_pasted} 行" + (f"（新增 {self.rows_added} 行）" if self.rows_added else ""))
        if self.rows_dropped:
            parts.append(f"本表最多 {limit} 行，另有 {self.rows_dropped} 行没有粘贴")
        if self.cells_dropped:
            parts.append(f"超出表格右边的 {self.cells_dropped} 个单元格没有粘贴")
        if self.skipped_columns:
            parts.append(f"“{'”“'.join(self.skipped_columns)}”由程序填写，粘贴的内容已略过")
        return "；".join(parts) + ("。" if parts else "")


def parse_clipboard(text: str) -> list[list[str]]:
    """The cells of a tab-separated clipboard text; trailing blank lines dropped, cell line breaks kept as ``\\n``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
    rows = [[cell.replace("\r\n", "\n").replace("\r", "\n") for cell in row] for row in reader]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def clipboard_text(cells: list[list[str]]) -> str:
    """Cells as Excel writes them to the clipboard (the reverse of :func:`parse_clipboard`)."""
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(cells)
    return out.getvalue()


def selected_block(cells: list[tuple[int, int]], text_at: Callable[[int, int], str]) -> list[list[str]]:
    """The selected (row, column) cells as the rectangle Excel copies: every picked row by every picked column."""
    cols = sorted({c for _, c in cells})
    return [[text_at(r, c) for c in cols] for r in sorted({r for r, _ in cells})]


EMPTY_CLIPBOARD = "剪贴板中没有可粘贴的内容。请先在 Excel 或 WPS 表格中选中单元格并复制。"


def paste_rows(rows: list[dict], columns: tuple[Field, ...], cells: list[list[str]], start_row: int,
               start_col: int, limit: int, to_raw: Callable[[Field, str], Any]) -> PasteResult:
    """Write ``cells`` into ``rows`` from (start_row, start_col) on, adding rows up to ``limit`` rows in all."""
    before = len(rows)
    room = max(0, limit - start_row)
    taken, dropped = cells[:room], cells[room:]
    skipped: set[str] = set()
    cells_dropped = 0
    for offset, line in enumerate(taken):
        r = start_row + offset
        while r >= len(rows):
            rows.append({})
        for c_offset, text in enumerate(line):
            c = start_col + c_offset
            if c >= len(columns):
                cells_dropped += sum(1 for rest in line[c_offset:] if rest.strip())
                break
            column = columns[c]
            if not kind_of(column).typed:
                if text.strip():
                    skipped.add(column.label)
                continue
            rows[r][column.id] = to_raw(column, text)
    labels = tuple(c.label for c in columns if c.label in skipped)
    return PasteResult(len(taken), max(0, len(rows) - before), len(dropped), cells_dropped, labels)
