"""Dialogs of the draft list: a new draft (form and saved enterprise), the recycle bin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop.engine.model import Form, Group, Item, Table
from desktop.engine.schema import form_hash, record_items

from .messages import show_error
from .text import when

ID_ROLE = Qt.ItemDataRole.UserRole


def initial_raw(form: Form) -> dict:
    """A new draft starts with the rows its tables need (one 需求 ready to fill, fixed year rows)."""
    def record(items: tuple[Item, ...]) -> dict:
        out: dict = {}
        for item in items:
            if isinstance(item, Table):
                out[item.id] = [{} for _ in range(len(item.fixed_rows) or item.min_rows)]
            elif isinstance(item, Group) and (inner := record(item.fields)):
                out[item.id] = inner  # only when it holds rows: an empty profile must not hide the saved one
        return out
    return record(record_items(form))


def form_name(form: Form) -> str:
    return f"{form.attachment_no} {form.title}"


class NewDraftDialog(QDialog):
    """Choose the form; offer the enterprises already filled in so their profile is reused."""

    def __init__(self, ctx, forms: tuple[Form, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("新建草稿")
        self.forms = QComboBox(self)
        for form in forms:
            self.forms.addItem(f"{form_name(form)}（{form.edition} 版）", form)
        self.enterprises = QComboBox(self)
        self.enterprises.addItem("新的企业（从空白开始填写）", None)
        for enterprise in ctx.store.list_enterprises():
            code = f"（{enterprise.uscc}）" if enterprise.uscc else ""
            self.enterprises.addItem(f"{enterprise.name}{code}", enterprise.id)
        if self.enterprises.count() > 1:
            self.enterprises.setCurrentIndex(1)
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("可不填，默认显示表格名称和企业名称")
        note = QLabel("选择已填写过的企业后，企业基本信息会自动带入新草稿。", self)
        note.setWordWrap(True)
        layout = QFormLayout()
        layout.addRow("表格：", self.forms)
        layout.addRow("企业：", self.enterprises)
        layout.addRow("草稿名称：", self.title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("新建")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(note)
        outer.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def create(self) -> int | None:
        """Create the chosen draft; its id, or None when the store refused (the user was told)."""
        form: Form = self.forms.currentData()
        try:
            return self.ctx.store.create_draft(form.id, form.edition, form_hash(form), initial_raw(form),
                                               enterprise_id=self.enterprises.currentData(),
                                               title=self.title.text())
        except Exception as error:  # told in Chinese, never raised at the clerk
            show_error(self, error, "无法新建草稿")
            return None


class RecycleBinDialog(QDialog):
    """回收站: deleted drafts can be restored, or deleted for good."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.changed = False
        self.setWindowTitle("回收站")
        self.list = QListWidget(self)
        restore = QPushButton("恢复", self)
        purge = QPushButton("彻底删除…", self)
        close = QPushButton("关闭", self)
        restore.clicked.connect(self.restore)
        purge.clicked.connect(self.purge)
        close.clicked.connect(self.accept)
        self.empty = QLabel("回收站是空的。", self)
        buttons = QHBoxLayout()
        for button in (restore, purge):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("删除的草稿先放在这里，可以恢复；彻底删除后不能找回。", self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.resize(620, 400)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for draft in self.ctx.store.list_deleted():
            item = QListWidgetItem(f"{draft.label}（删除于 {when(draft.deleted_at)}）")
            item.setData(ID_ROLE, draft.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.empty.setVisible(self.list.count() == 0)

    def _chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def restore(self) -> None:
        draft_id = self._chosen()
        if draft_id is not None:
            self.ctx.store.restore_draft(draft_id)
            self.changed = True
            self.reload()

    def purge(self) -> None:
        draft_id = self._chosen()
        if draft_id is None:
            return
        answer = QMessageBox.question(self, "彻底删除", f"彻底删除“{self.list.currentItem().text()}”？删除后不能找回。")
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.store.purge_draft(draft_id)
            self.reload()
