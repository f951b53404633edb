"""What each cell of a register row shows, as item roles: its text, alignment, tint and tooltip.

The grid writes these through its model (``QAbstractItemModel.setItemData``), so Qt makes the items itself
and no Python object is kept per cell.  Roles and alignments are plain numbers: Qt takes them as they are,
where enum members cost a conversion each, and a year's fill sets 200,000 cells.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.register.edit import GRID_COLUMNS

from .field_row import ERROR_COLOUR
from .register_rows import GridRow
from .table_cells import alignment_for
from .table_grid import ERROR_TINT, WARNING_TINT

CONFLICT_TINT = "#fce4e4"
TEXT, ALIGN, TINT, INK, TIP = (int(r.value) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                                                      Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole,
                                                      Qt.ItemDataRole.ToolTipRole))
ALIGNMENTS = tuple(int(alignment_for(c).value) for c in GRID_COLUMNS)
CLEARED = {TINT: None, INK: None, TIP: None}     # a cell shown before: no tint or tooltip left from then
BRUSHES = {name: QBrush(QColor(colour)) for name, colour in (("error", ERROR_TINT), ("error text", ERROR_COLOUR),
                                                                ("warning", WARNING_TINT), ("conflict", CONFLICT_TINT))}


def row_name(row: GridRow) -> str:
    """The row header: the activity's number, 待裁定 while departments' figures differ, or 新（未保存）."""
    if row.activity is None:
        return "新（未保存）"
    return f"{row.activity.id} 待裁定" if row.activity.conflicts else str(row.activity.id)


def cell_roles(row: GridRow, warnings: dict[str, str], fresh: bool) -> list[dict[int, object]]:
    """Per column, the roles of its cell.  A refused text is red with why and what is still stored, a warned
    one amber with the warning, a row whose departments disagree pink.  ``fresh``: the cell has never been
    shown, so nothing of an earlier row needs clearing."""
    texts = row.texts()
    base = {} if fresh else CLEARED
    if row.activity is not None and row.activity.conflicts:
        base = {**base, TINT: BRUSHES["conflict"]}
    cells = []
    for c, column in enumerate(GRID_COLUMNS):
        roles = {TEXT: texts[column.id], ALIGN: ALIGNMENTS[c], **base}
        refused, warning = row.messages.get(column.id), warnings.get(column.id)
        if refused:
            roles[TINT], roles[INK] = BRUSHES["error"], BRUSHES["error text"]
            roles[TIP] = (f"✖ {refused}\n（未保存：登记中仍是“{row.stored_text(column.id) or '空'}”，"
                          "改正后自动保存）")
        elif warning:
            roles[TINT], roles[TIP] = BRUSHES["warning"], f"⚠ {warning}"
        cells.append(roles)
    return cells
