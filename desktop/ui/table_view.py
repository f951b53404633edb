"""The grid of a table: keys as in Excel/WPS, files dropped on rows, columns that always fit the page.

Keys: Enter opens the cell (a long text opens the side editor, a file cell
the file dialog), Tab moves to the next cell and leaves the grid after the
last one, Ctrl+V pastes from Excel, Ctrl+C copies, Delete clears.  The owner
(the TableGrid) does the work; this class only maps events to it.
"""

from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QWidget

from .attachments_add import dropped_paths
from .field_row import ERROR_COLOUR
from .table_paste import EMPTY_CLIPBOARD, clipboard_text, parse_clipboard, selected_block

VISIBLE_ROWS = (3, 10)   # the grid grows with its rows between these, then scrolls


def show_notice(label: QLabel, text: str, problem: bool = False) -> None:
    """What the last paste or edit of a grid did, under it (never a dialog for a cell's problem)."""
    label.setStyleSheet(f"color: {ERROR_COLOUR};" if problem else "color: #616161;")
    label.setText(text)
    label.setVisible(bool(text))


class GridOwner(Protocol):
    accepts_files: bool

    def activate_cell(self, row: int, col: int) -> None: ...
    def clear_cells(self) -> None: ...
    def paste(self) -> None: ...
    def copy(self) -> None: ...
    def drop_files(self, paths: list, row: int) -> None: ...


class GridView(QTableWidget):
    def __init__(self, owner: GridOwner, weights: list[float], parent: QWidget):
        super().__init__(0, len(weights), parent)
        self.owner = owner
        self.weights = weights
        self._spread_for = -1   # the viewport width the columns were last shared out for
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setMinimumSectionSize(40)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setAcceptDrops(owner.accepts_files)
        self.viewport().setAcceptDrops(owner.accepts_files)
        self.cellDoubleClicked.connect(self._double_clicked)

    # ------------------------------------------------------------- clipboard
    def copy_selected(self, text_at: Callable[[int, int], str]) -> None:
        """Ctrl+C: the selected cells as Excel reads them (tab-separated, quoted where needed)."""
        cells = selected_block([(i.row(), i.column()) for i in self.selectedIndexes()], text_at)
        if cells:
            QGuiApplication.clipboard().setText(clipboard_text(cells))

    def clipboard_block(self, notice: Callable[..., None]) -> list[list[str]]:
        """The cells Excel or WPS put on the clipboard; [] after ``notice`` said there are none."""
        cells = parse_clipboard(QGuiApplication.clipboard().text())
        if not cells:
            notice(EMPTY_CLIPBOARD, problem=True)
        return cells

    # ------------------------------------------------------------- size
    def spread_columns(self) -> None:
        """Share the visible width by column weight: the page never scrolls sideways (docs/workflow.md, 1366×768)."""
        width = self.viewport().width()
        total = sum(self.weights) or 1.0
        used = 0
        for column, weight in enumerate(self.weights):
            size = width - used if column == len(self.weights) - 1 else int(width * weight / total)
            self.setColumnWidth(column, max(40, size))
            used += size

    def fit_height(self) -> None:
        low, high = VISIBLE_ROWS
        shown = min(max(self.rowCount(), low), high)
        rows = self.verticalHeader().defaultSectionSize() * shown
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.spread_columns()

    def updateGeometries(self) -> None:  # noqa: N802 (Qt API)
        """The row labels widened ("第10行") or narrowed: the viewport changed without the view resizing."""
        super().updateGeometries()
        if self.viewport().width() != self._spread_for:
            self._spread_for = self.viewport().width()
            self.spread_columns()

    # ------------------------------------------------------------- keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.owner.paste()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.owner.copy()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.owner.clear_cells()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self.owner.activate_cell(self.currentRow(), self.currentColumn())
        elif event.key() == Qt.Key.Key_Tab and self._at(self.rowCount() - 1, self.columnCount() - 1):
            # Tab after the last cell leaves the grid, in reading order (QWidget's step: the view's own
            # override would turn it back into a move to the next cell)
            QWidget.focusNextPrevChild(self, True)
        elif event.key() == Qt.Key.Key_Backtab and self._at(0, 0):
            QWidget.focusNextPrevChild(self, False)
        else:
            super().keyPressEvent(event)

    def _at(self, row: int, col: int) -> bool:
        return self.rowCount() == 0 or (self.currentRow() == row and self.currentColumn() == col)

    def _double_clicked(self, row: int, col: int) -> None:
        item = self.item(row, col)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.owner.activate_cell(row, col)  # a long text or a file: typed cells open by themselves

    # ------------------------------------------------------------- drops
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self.owner.accepts_files and dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData())
        if not (self.owner.accepts_files and paths):
            event.ignore()
            return
        event.acceptProposedAction()
        self.owner.drop_files(paths, self.rowAt(int(event.position().y())))
