"""Dialogs of the draft list: a new draft (form and saved enterprise), the recycle bin."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop.engine.model import Form, Group, Item, Table
from desktop.engine.schema import form_hash, record_items
from desktop.linking import ShareSource, share_sources, start_from

from .attachments_files import attachment_store, remove_unused_files
from .autosave import open_references
from .messages import ok_cancel, show_error
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


def source_label(source: ShareSource) -> str:
    """``附件2 · 某某科技有限公司 · 2023-FJ-0012 高精度轴承寿命检测工艺``."""
    second = next((v for k, v in source.values.items() if k != source.form.shared_fields[0] and isinstance(v, str)), "")
    name = source.enterprise_name or "未填写企业名称"
    return f"{source.form.attachment_no} · {name} · {source.key_value} {second}".strip()


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
        self.sources = QComboBox(self)
        self.sources_label = QLabel("带入已有草稿的共同信息：", self)
        self.sources.currentIndexChanged.connect(lambda _i: self._source_chosen())
        self.forms.currentIndexChanged.connect(lambda _i: self._offer_sources())
        self.title = QLineEdit(self)
        self.title.setPlaceholderText("可不填，默认显示表格名称和企业名称")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QFormLayout()
        layout.addRow("表格：", self.forms)
        layout.addRow("企业：", self.enterprises)
        layout.addRow(self.sources_label, self.sources)
        layout.addRow("草稿名称：", self.title)
        buttons = ok_cancel(self, "新建")
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.note)
        outer.addWidget(buttons)
        self._offer_sources()
        self.resize(640, self.sizeHint().height())

    def _offer_sources(self) -> None:
        """For a form that shares fields with others (附件2 ↔ 附件3): the drafts it can start from."""
        form: Form = self.forms.currentData()
        found = share_sources(self.ctx.store, self.ctx.forms, form) if form is not None else []
        self.sources.blockSignals(True)
        self.sources.clear()
        self.sources.addItem("不带入（从空白开始）" if found else "没有可带入的草稿", None)
        for source in found:
            self.sources.addItem(source_label(source), source.draft_id)
        self.sources.blockSignals(False)
        shares = form is not None and bool(form.shared_fields)
        self.sources.setVisible(shares)
        self.sources_label.setVisible(shares)
        self.sources.setEnabled(bool(found))
        self._source_chosen()

    def _source_chosen(self) -> None:
        chosen = self.sources.currentData() is not None
        self.enterprises.setEnabled(not chosen)
        self.note.setText("新草稿将带入所选草稿的需求编号、名称等共同信息和企业基本信息；以后在任一份中修改共同信息，"
                          "另一份会随之更新。" if chosen else "选择已填写过的企业后，企业基本信息会自动带入新草稿。")

    def create(self) -> int | None:
        """Create the chosen draft; its id, or None when the store refused (the user was told)."""
        form: Form = self.forms.currentData()
        try:
            data, enterprise_id = initial_raw(form), self.enterprises.currentData()
            source = self.sources.currentData()
            if source is not None:
                data, source_enterprise = start_from(self.ctx.store, form, source, data)
                enterprise_id = source_enterprise if source_enterprise is not None else enterprise_id
            return self.ctx.store.create_draft(form.id, form.edition, form_hash(form), data,
                                               enterprise_id=enterprise_id, title=self.title.text())
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
            # files only that draft used go too (on the store thread, after any save still queued)
            self.ctx.tasks.run(None, remove_unused_files, self.ctx.store, attachment_store(self.ctx.data_dir),
                               open_references(self.ctx), time.time(), serial=True)
