"""The start window's list of drafts, with new / open / copy / rename / delete (undoable) / recycle bin."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from desktop.store import DraftSummary

from .draft_dialogs import RecycleBinDialog, form_name
from .messages import show_error
from .text import when

ID_ROLE = Qt.ItemDataRole.UserRole
UNDO_SHOWN_MS = 20_000
COLUMNS = ("草稿", "企业", "最后修改", "待修改", "导出情况")


def export_text(draft: DraftSummary) -> str:
    """``已导出 第 1 版 · 装订码 …`` (and whether a later revision is being edited)."""
    if draft.last_export_revision is None:
        return "未导出"
    text = f"已导出 第 {draft.last_export_revision} 版 · 装订码 {draft.last_binding_code}"
    if draft.revision > draft.last_export_revision:
        text += f"；第 {draft.revision} 版修改中"
    return text


EMPTY_TEXT = "还没有草稿。点“新建…”或上面的“填报材料（企业）”开始填写。"


class DraftsPanel(QWidget):
    def __init__(self, ctx, open_draft: Callable[[int], None], new_draft: Callable[[], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self._open_draft = ctx, open_draft
        self.undo_bar = self._undo_bar()  # first: it sits above the list, so it comes first for Tab
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        head = self.tree.header()
        head.setStretchLastSection(True)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column, width in ((0, 300), (1, 260), (2, 160), (3, 70)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemActivated.connect(lambda item, _c: self._open_draft(item.data(0, ID_ROLE)))
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.buttons = {name: QPushButton(text, self) for name, text in (
            ("new", "新建…"), ("open", "打开"), ("copy", "复制"), ("rename", "重命名…"), ("delete", "删除"),
            ("bin", "回收站…"))}
        self.buttons["new"].clicked.connect(new_draft)
        self.buttons["open"].clicked.connect(lambda: self._with_current(self._open_draft))
        self.buttons["copy"].clicked.connect(lambda: self._with_current(self.duplicate))
        self.buttons["rename"].clicked.connect(lambda: self._with_current(self.rename))
        self.buttons["delete"].clicked.connect(lambda: self._with_current(self.delete))
        self.buttons["bin"].clicked.connect(self.recycle_bin)
        self.empty = QLabel(EMPTY_TEXT, self)
        bar = QHBoxLayout()
        for button in self.buttons.values():
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>最近的草稿</b>", self))
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(bar)
        self._deleted: int | None = None
        self.listed = False  # True once drafts are shown (start-up lists them before the store is open)

    def _undo_bar(self) -> QFrame:
        frame = QFrame(self)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel(frame)
        undo = QPushButton("撤销", frame)
        close = QPushButton("×", frame)
        close.setToolTip("关闭提示")
        close.setFixedWidth(close.fontMetrics().horizontalAdvance("××") + 12)
        undo.clicked.connect(self.undo_delete)
        close.clicked.connect(frame.hide)
        row = QHBoxLayout(frame)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.undo_label, 1)
        row.addWidget(undo)
        row.addWidget(close)
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.timeout.connect(frame.hide)
        frame.hide()
        return frame

    # ---------------------------------------------------------- listing
    def label_of(self, draft: DraftSummary) -> str:
        form = self.ctx.form(draft.form_id, draft.edition)
        return draft.title or (form_name(form) if form else draft.form_id)

    def reload(self, select: int | None = None, drafts: list[DraftSummary] | None = None) -> None:
        """List the store's drafts (or ``drafts`` read before the store was open)."""
        current = select if select is not None else self.current_id()
        self.tree.clear()
        self.listed = True
        for draft in self.ctx.store.list_drafts() if drafts is None else drafts:
            problems = f"{draft.problem_count} 处" if draft.problem_count else "无"
            item = QTreeWidgetItem([self.label_of(draft), draft.enterprise_name or "（未填写）",
                                    when(draft.updated_at), problems, export_text(draft)])
            item.setData(0, ID_ROLE, draft.id)
            form = self.ctx.form(draft.form_id, draft.edition)
            item.setToolTip(0, form_name(form) if form else draft.form_id)
            self.tree.addTopLevelItem(item)
            if draft.id == current:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.empty.setText(EMPTY_TEXT)
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        self._enable()

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _enable(self) -> None:
        chosen = self.current_id() is not None
        for name in ("open", "copy", "rename", "delete"):
            self.buttons[name].setEnabled(chosen)

    def _with_current(self, action: Callable[[int], None]) -> None:
        draft_id = self.current_id()
        if draft_id is not None:
            action(draft_id)

    # ---------------------------------------------------------- actions
    def duplicate(self, draft_id: int) -> None:
        try:
            self.reload(select=self.ctx.store.duplicate_draft(draft_id))
        except Exception as error:  # the store's message is Chinese
            show_error(self, error)

    def rename(self, draft_id: int) -> None:
        item = self.tree.currentItem()
        title, ok = QInputDialog.getText(self, "重命名草稿", "草稿名称（最多 100 个字）：", QLineEdit.EchoMode.Normal,
                                         item.text(0))
        if not ok:
            return
        try:
            self.ctx.store.rename_draft(draft_id, title)
        except Exception as error:
            show_error(self, error, "无法重命名")
        self.reload(select=draft_id)

    def delete(self, draft_id: int) -> None:
        if ("draft", draft_id) in self.ctx.open_windows:
            show_error(self, "这份草稿正在另一个窗口中填写，请先关闭那个窗口再删除。", "无法删除")
            return
        name = self.tree.currentItem().text(0)
        self.ctx.store.delete_draft(draft_id)
        self._deleted = draft_id
        self.undo_label.setText(f"已删除“{name}”（已放入回收站）")
        self.undo_bar.show()
        self.undo_timer.start(UNDO_SHOWN_MS)
        self.reload()

    def undo_delete(self) -> None:
        if self._deleted is not None:
            self.ctx.store.restore_draft(self._deleted)
            self.reload(select=self._deleted)
            self._deleted = None
        self.undo_bar.hide()

    def recycle_bin(self) -> None:
        dialog = RecycleBinDialog(self.ctx, self)
        dialog.exec()
        if dialog.changed:
            self.reload()
