"""查看内容 with comments: a received form read-only, where the officer clicks a field to comment on it.

The pages are the wizard's own, locked (verify_readonly).  A click on a
field's label or value, on a table cell, or on a row of a list picks that
field's path — the officer never types one (a typed path stays as a fallback
behind 高级).  The comment is saved through ``desktop.desk.review.comment``
(checked, audited) and then shows beside its field, labelled 审核意见 until a
补正通知 carrying it has been issued (``desktop.desk.comments``).
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QCheckBox, QDockWidget, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from desktop.correction.drafts import COMMENT_CODE
from desktop.desk.comments import shown_comments
from desktop.desk.db import DeskDB, DeskError
from desktop.desk.labels import field_label
from desktop.engine.model import WARNING, Problem

from .datapath import scope_path
from .disc_widgets import StateLabel
from .page import FormPage
from .rows_list import RowsList
from .table_grid import TableGrid
from .verify_readonly import ReadOnlySession
from .wizard import WizardWindow

PICKED_STYLE = "background: #e3f2fd; border-radius: 3px;"


class DeskViewSession(ReadOnlySession):
    """Shows the desk's comments (set by the window) at their fields instead of a notice's."""

    desk_notes: tuple[Problem, ...] = ()

    def notes(self) -> tuple:
        return self.desk_notes


class _Clicks(QObject):
    """A press on any watched widget picks the field it belongs to; the press itself goes on (copying works)."""

    def __init__(self, parent: QObject, pick: Callable[[str], None]):
        super().__init__(parent)
        self.pick = pick
        self.paths: dict[QObject, str] = {}

    def watch(self, widget: QWidget, path: str) -> None:
        for each in (widget, *widget.findChildren(QWidget)):
            self.paths[each] = path
            each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.MouseButtonPress and watched in self.paths:
            self.pick(self.paths[watched])
        return False


class DeskViewWindow(WizardWindow):
    read_only_session = DeskViewSession

    def __init__(self, ctx, record, *, db: DeskDB, package_id: int, window_key: object,
                 on_comment: Callable[[], None] | None = None):
        self.db, self.package_id, self.on_comment = db, package_id, on_comment
        self.picked = ""
        self._picked_label: QLabel | None = None
        super().__init__(ctx, record, read_only=True, window_key=window_key)
        self._clicks = _Clicks(self, self.pick)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._comment_dock())
        self.resize(1440, 760)
        self.load_comments()
        for page in self.pages.values():
            self._watch(page)

    # ------------------------------------------------------------ the pane
    def _comment_dock(self) -> QDockWidget:
        dock = QDockWidget("审核意见", self)
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        body = QWidget(dock)
        layout = QVBoxLayout(body)
        hint = QLabel("点击左侧的任一填写项（标签或内容）、表格的单元格或列表中的一行，再在下面写意见。"
                      "意见保存后显示在该填写项旁。", body)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.field_name = StateLabel(body, bold=True)
        self.field_name.show_state("warning", "尚未选择填写项")
        layout.addWidget(self.field_name)
        self.field_path = QLabel(body)
        self.field_path.setStyleSheet("color: #616161;")
        layout.addWidget(self.field_path)
        self.text = QPlainTextEdit(body)
        self.text.setAccessibleName("意见")
        self.text.setPlaceholderText("写明需要报送单位修改或说明的内容")
        self.text.textChanged.connect(self._enable)
        layout.addWidget(self.text, 1)
        self.advanced = QCheckBox("高级：手动填写字段路径", body)
        self.typed_path = QLineEdit(body)
        self.typed_path.setPlaceholderText("如 profile.name、needs[0].budget")
        self.typed_path.hide()
        self.advanced.toggled.connect(self.typed_path.setVisible)
        self.typed_path.textEdited.connect(lambda text: self.pick(text.strip(), from_typing=True))
        layout.addWidget(self.advanced)
        layout.addWidget(self.typed_path)
        row = QHBoxLayout()
        self.add_button = QPushButton("添加意见(&A)", body)
        self.add_button.clicked.connect(self.add_comment)
        row.addStretch(1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.result = StateLabel(body)
        layout.addWidget(self.result)
        layout.addWidget(QLabel("<b>本表已有的意见</b>（双击跳到填写项）", body))
        self.comment_list = QListWidget(body)
        self.comment_list.setWordWrap(True)
        self.comment_list.itemActivated.connect(lambda item: self.open_path(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.comment_list, 1)
        dock.setWidget(body)
        dock.setMinimumWidth(300)
        self._enable()
        return dock

    def _enable(self) -> None:
        self.add_button.setEnabled(bool(self.picked and self.text.toPlainText().strip()))

    # ------------------------------------------------------------ picking
    def _make_page(self, step):
        page = super()._make_page(step)
        if hasattr(self, "_clicks"):
            self._watch(page)
        return page

    def _watch(self, page: QWidget) -> None:
        if not isinstance(page, FormPage):
            return
        for path, (_scope, row) in page.rows.items():
            self._clicks.watch(row.label, path)
            self._clicks.watch(row.container, path)
        for table in page.tables:
            if isinstance(table, TableGrid):
                table.grid.cellClicked.connect(partial(self._cell_picked, table))
                # moving with the keyboard picks too; a current cell set by the program does not
                table.grid.currentCellChanged.connect(
                    lambda r, c, *_rest, t=table: t.grid.hasFocus() and self._cell_picked(t, r, c))
                table.grid.verticalHeader().sectionClicked.connect(
                    lambda r, t=table: self.pick(scope_path(t.scope + (t.table.id, r))))
            elif isinstance(table, RowsList):
                table.list.currentRowChanged.connect(
                    lambda r, t=table: r >= 0 and self.pick(scope_path(t.scope + (t.table.id, r))))

    def _cell_picked(self, table: TableGrid, row: int, column: int) -> None:
        if 0 <= row < table.grid.rowCount() and 0 <= column < len(table.columns):
            self.pick(scope_path(table.scope + (table.table.id, row, table.columns[column].id)))

    def pick(self, path: str, from_typing: bool = False) -> None:
        """The field ``path`` is the one the next comment is about."""
        self.picked = path
        label = field_label(self.form, self.session.raw, path) if path else ""
        self.field_name.show_state("" if path else "warning", f"所选填写项：{label}" if path else "尚未选择填写项")
        self.field_path.setText(path)
        if not from_typing:
            self.typed_path.setText(path)
        self._mark(path)
        self._enable()

    def _mark(self, path: str) -> None:
        if self._picked_label is not None:
            self._picked_label.setStyleSheet("")
            self._picked_label = None
        page = self.pages.get(self.current)
        if isinstance(page, FormPage) and path in page.rows:
            self._picked_label = page.rows[path][1].label
            self._picked_label.setStyleSheet(PICKED_STYLE)

    # ------------------------------------------------------------ comments
    def add_comment(self) -> bool:
        from desktop.desk.review import comment

        try:
            comment(self.db, self.package_id, self.picked, self.text.toPlainText(), self.form.id)
        except DeskError as error:
            self.result.show_state("error", str(error))
            return False
        self.result.show_state("ok", f"已记录对“{field_label(self.form, self.session.raw, self.picked)}”的意见")
        self.text.clear()
        self.load_comments()
        if self.on_comment is not None:
            self.on_comment()
        return True

    def load_comments(self) -> None:
        mine = [c for c in shown_comments(self.db, self.package_id) if c.form_id == self.form.id]
        self.session.desk_notes = tuple(Problem(c.path, WARNING, COMMENT_CODE, f"{c.heading}：{c.text}") for c in mine)
        self.comment_list.clear()
        for c in mine:
            item = QListWidgetItem(f"{field_label(self.form, self.session.raw, c.path)}：{c.text}\n"
                                   f"（{c.heading}，{c.officer or '经办人'}）")
            item.setData(Qt.ItemDataRole.UserRole, c.path)
            self.comment_list.addItem(item)
        self.session.validate_now()
