"""The register as a table: all rows loaded once, filtered and sorted in memory (10,000 rows stay quick)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.desk.query import PackageFilter, Row, predicate
from desktop.package.manifest import CHINA_TZ

from .disc_widgets import STATE_COLOURS

COLUMNS = ("编号", "状态", "校验", "报送单位", "表格", "版次", "所在地区", "到达时间", "装订码", "提醒")
STATE_LEVEL = {"初核通过": "ok", "已报部": "ok", "需补正": "warning", "不予推荐": "error", "已更新": ""}
_SORT_KEYS = (lambda r: r.id, lambda r: r.state, lambda r: r.verdict, lambda r: r.submitter, lambda r: r.form,
              lambda r: r.revision, lambda r: r.province, lambda r: r.arrived_at, lambda r: r.binding_code or "",
              lambda r: len(r.warnings))


def arrival_text(row: Row) -> str:
    moment = row.arrived_at.astimezone(CHINA_TZ)
    return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"


class RegisterModel(QAbstractTableModel):
    def __init__(self, form_names: dict[str, str], parent=None):
        super().__init__(parent)
        self.form_names = form_names
        self.all_rows: list[Row] = []
        self.rows: list[Row] = []
        self.filter = PackageFilter()
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------ data in
    def set_rows(self, rows: list[Row]) -> None:
        self.all_rows = rows
        self.apply(self.filter)

    def apply(self, flt: PackageFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self.rows = list(filter(predicate(flt), self.all_rows))
        column, order = self._sort
        self.rows.sort(key=_SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # noqa: D401 (Qt API)
        self._sort = (column, order)
        self.apply(self.filter)

    # ------------------------------------------------------------ Qt API
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (1, 2):
            level = ("ok" if row.verdict == "完整" else "error") if column == 2 else STATE_LEVEL.get(row.state, "")
            return QBrush(QColor(STATE_COLOURS[level])) if level else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 9 and row.warnings:
            return "\n".join(row.warnings)
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return row.submitter if column == 3 else row.form
        return None

    def text(self, row: Row, column: int) -> str:
        values = (f"#{row.id}", row.state, row.verdict, row.submitter or "（无法读取）",
                  self.form_names.get(row.form, row.form), f"第{row.revision}版" if row.revision else "",
                  row.province, arrival_text(row), row.binding_code or "",
                  f"{len(row.warnings)} 条" if row.warnings else "")
        return values[column]
