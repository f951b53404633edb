"""需求目录 picker: import the catalogue file once, search it, pick the need a draft answers.

The last catalogue imported is kept in ``<data folder>/catalogue/current.json``
(written atomically, as the catalogue writer always does) and read again the
next time the picker opens.  A file with problems is not imported at all:
its message lists them and the catalogue in use stays as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.catalogue import Catalogue, CatalogueError, CatalogueNeed, load_catalogue, write_catalogue_json
from desktop.rules.formats import format_date_cn

from .editor_base import ERROR_COLOUR
from .file_dialogs import choose_file
from .messages import describe_error, ok_cancel

CATALOGUE_DIR = "catalogue"
CURRENT_FILE = "current.json"
DETAIL_CHARS = 200    # of the need's content, under the results
SHOWN_RESULTS = 300   # rows put in the results table; more words narrow the search
RESULT_COLUMNS = (("code", "需求编号", 1.1), ("title", "需求名称", 2.6), ("owner", "发榜企业", 2.0),
                  ("sector", "重点产业链", 1.4), ("domain", "所属领域", 1.3))


def remembered_path(data_dir: Path) -> Path:
    return Path(data_dir) / CATALOGUE_DIR / CURRENT_FILE


def load_remembered(data_dir: Path) -> Catalogue | None:
    """The catalogue imported last time, or None when there is none yet."""
    path = remembered_path(data_dir)
    return load_catalogue(path) if path.is_file() else None


def import_catalogue(data_dir: Path, source: Path) -> Catalogue:
    """Check the whole file (CatalogueError lists every problem), then keep it for next time."""
    catalogue = load_catalogue(source)
    if not catalogue.title:
        catalogue = dataclasses.replace(catalogue, title=Path(source).stem)
    target = remembered_path(data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_catalogue_json(catalogue, target)
    return catalogue


class _ResultsTable(QTableWidget):
    """The search results; columns share the width by weight, so nothing needs a sideways scroll."""

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        width = self.viewport().width()
        total = sum(weight for *_rest, weight in RESULT_COLUMNS)
        for column, (_key, _label, weight) in enumerate(RESULT_COLUMNS):
            self.setColumnWidth(column, int(width * weight / total))


class CataloguePicker(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.catalogue: Catalogue | None = None
        self.shown: list[CatalogueNeed] = []
        self.setWindowTitle("从需求目录选择")
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.import_button = QPushButton("导入需求目录…", self)
        self.import_button.clicked.connect(self.choose_file)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.hide()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("输入需求编号、需求名称、发榜企业、重点产业链或所属领域中的字词，多个词用空格分开")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.show_results)
        self.results = self._results_table()
        self.found = QLabel(self)
        self.found.setStyleSheet("color: #616161;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.buttons = ok_cancel(self, "选择")
        self.pick_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._lay_out()
        self.resize(1000, 600)
        self.search.setFocus()
        self._load_remembered()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # ↓ from the search box goes on to the results, as in a browser's address bar
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus() and self.shown:
            self.results.setFocus()
            return
        super().keyPressEvent(event)

    def _results_table(self) -> QTableWidget:
        table = _ResultsTable(0, len(RESULT_COLUMNS), self)
        table.setHorizontalHeaderLabels([label for _key, label, _w in RESULT_COLUMNS])
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.currentCellChanged.connect(lambda *_: self._show_current())
        table.cellActivated.connect(lambda *_: self.accept())
        table.cellDoubleClicked.connect(lambda *_: self.accept())
        return table

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.source, 1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.found)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)

    # ------------------------------------------------------------ catalogue
    def _load_remembered(self) -> None:
        self.source.setText("正在读取需求目录…")
        self.ctx.tasks.run(self, load_remembered, self.ctx.data_dir, on_success=self._use,
                           on_failure=self._remembered_failed)

    def _remembered_failed(self, error: BaseException) -> None:
        self._use(None)
        reason = error.message if isinstance(error, CatalogueError) else describe_error(error)
        self._show_problem(f"上次导入的需求目录无法读取（{reason}），请重新导入。")

    def choose_file(self) -> None:
        name = choose_file(self, "导入需求目录", "", "需求目录 (*.json *.xlsx);;所有文件 (*)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Check and keep the file (off the UI thread: a 20,000-row workbook takes a few seconds)."""
        self.import_button.setEnabled(False)
        self.source.setText(f"正在导入“{path.name}”…")
        self.ctx.tasks.run(self, import_catalogue, self.ctx.data_dir, path, on_success=self._imported,
                           on_failure=self._import_failed)

    def _imported(self, catalogue: Catalogue) -> None:
        self.import_button.setEnabled(True)
        self._show_problem("")
        self._use(catalogue)
        self.search.setFocus()

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._show_source()  # the catalogue in use is unchanged
        self._show_problem(error.message if isinstance(error, CatalogueError) else describe_error(error))

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _use(self, catalogue: Catalogue | None) -> None:
        self.catalogue = catalogue
        self._show_source()
        self.show_results()

    def _show_source(self) -> None:
        if self.catalogue is None:
            self.source.setText("还没有导入需求目录。请点“导入需求目录…”，选择主管部门发布的需求目录文件"
                                "（.json 或 .xlsx）；也可以关闭本窗口，直接填写需求编号和名称。")
            return
        name = self.catalogue.title or "需求目录"
        self.source.setText(f"当前需求目录：<b>{name}</b>（共 {len(self.catalogue.needs)} 项需求）")

    # ------------------------------------------------------------ search
    def show_results(self) -> None:
        found = self.catalogue.search(self.search.text()) if self.catalogue is not None else []
        self.shown = found[:SHOWN_RESULTS]
        self.results.setRowCount(len(self.shown))
        for row, need in enumerate(self.shown):
            for column, (key, _label, _w) in enumerate(RESULT_COLUMNS):
                item = QTableWidgetItem(getattr(need, key))
                item.setToolTip(getattr(need, key))
                self.results.setItem(row, column, item)
        if self.shown:
            self.results.setCurrentCell(0, 0)
        more = f"，显示前 {SHOWN_RESULTS} 项，请输入更多字词缩小范围" if len(found) > SHOWN_RESULTS else ""
        self.found.setText(f"找到 {len(found)} 项{more}" if self.catalogue is not None else "")
        self._show_current()

    def _show_current(self) -> None:
        need = self.chosen()
        self.pick_button.setEnabled(need is not None)
        if need is None:
            self.detail.setText("")
            return
        parts = [f"{need.code} {need.title}", f"发榜企业：{need.owner}"]
        parts += [f"需求内容：{need.content[:DETAIL_CHARS]}{'…' if len(need.content) > DETAIL_CHARS else ''}"] \
            if need.content else []
        parts += [f"期望完成时间：{_date_cn(need.deadline)}"] if need.deadline else []
        self.detail.setText("　".join(parts))

    def chosen(self) -> CatalogueNeed | None:
        row = self.results.currentRow()
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()


def pick_from_catalogue(ctx, parent: QWidget) -> CatalogueNeed | None:
    """Open the picker; the need chosen, or None when the clerk closed it."""
    dialog = CataloguePicker(ctx, parent)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _date_cn(text: str) -> str:
    """Catalogue dates are YYYY-MM-DD; people read 2025年12月31日 (docs/workflow.md)."""
    try:
        return format_date_cn(dt.date.fromisoformat(text))
    except ValueError:
        return text
