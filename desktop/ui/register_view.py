"""The register's grid view: the SME tables' GridView (keys, paste, copy), with columns that keep a readable
width and scroll sideways — the register's 20 columns never fit a page as a form's table does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.register.edit import GRID_COLUMNS

from .table_view import GridView

MIN_COLUMN = 64
# a value of the usual length per column: the grid scrolls sideways rather than cut these off
TYPICAL = {"name": "新能源汽车产业链供需对接会（第二场）", "start": "2024年12月31日", "end": "2024年12月31日",
           "place": "澜江市国际会议中心", "kind": "产业链专场", "chain": "新能源汽车", "lead": "某省工业和信息化厅",
           "co_hosts": "某省国资委、某省知识产权局", "amount_signed": "1,234,567.89"}


class RegisterGridView(GridView):
    """GridView whose columns keep a readable width and scroll sideways: 21 columns do not fit a page."""

    def __init__(self, owner, weights, parent):
        super().__init__(owner, weights, parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def spread_columns(self) -> None:
        """Each column at least as wide as its header and a typical value; spare width shared by weight."""
        width = self.viewport().width()
        metrics = self.horizontalHeader().fontMetrics()
        least = []
        for column in range(len(self.weights)):
            label = self.horizontalHeaderItem(column).text() if self.horizontalHeaderItem(column) else ""
            sample = TYPICAL.get(GRID_COLUMNS[column].id, "")
            least.append(max(MIN_COLUMN, metrics.horizontalAdvance(label) + 18, metrics.horizontalAdvance(sample) + 14))
        spare = max(0, width - sum(least))
        total = sum(self.weights) or 1.0
        for column, weight in enumerate(self.weights):
            self.setColumnWidth(column, least[column] + int(spare * weight / total))

    def fit_height(self) -> None:
        """The register fills its page (it is not a table inside a form)."""
