"""活动信息和成效 (form ``2024-report``) of one activity: the officer's texts and photos, kept with the activity
(saved within a second of typing), its figures from the register, exported as PDF and Word off the UI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.register.activity import FIGURES
from desktop.register.report import FORM, PHOTOS, report_raw

from .attachments_add import FileAdder, problems_text
from .attachments_files import attachment_store
from .field_row import ERROR_COLOUR
from .messages import describe_error
from .register_conflict import shown
from .table_cells import file_text, read_only_item

SAVE_AFTER_MS = 600
TEXTS = (("title", "标题", False), ("region", "地区", False), ("unit", "报送单位", False),
         ("practice", "一、主要做法", True), ("results", "二、取得成效", True), ("lessons", "三、经验启示", True))
PHOTO = PHOTOS.columns[1]


def export_report(activity, texts: dict, folder: Path, created_at, store, progress=None, cancel=None):
    """The report's package (PDF, Word, data) written into ``folder`` (run on a worker thread)."""
    from desktop.package.export import export_package

    return export_package(FORM, report_raw(activity, texts, created_at.date()), folder, created_at=created_at, attachment_store=store,
                          progress=progress, cancel=cancel)


class ReportDialog(QDialog):
    def __init__(self, window, activity, page: QWidget):
        super().__init__(page)
        self.window_, self.activity, self.page = window, activity, page
        self.setWindowTitle(f"活动信息和成效 — {activity.name}")
        self.texts = dict(window.register.report_texts(activity.id))
        self.photos: list[dict] = list(self.texts.get("photos") or [])
        self.adder = FileAdder(window.ctx, PHOTO, self)
        self.saver = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self.saver.timeout.connect(self.save)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout()
        defaults = {"title": f"{activity.name}取得积极成效", "unit": activity.lead}
        for key, label, long in TEXTS:
            editor = QPlainTextEdit(self) if long else QLineEdit(self)
            text = str(self.texts.get(key) or "")
            if long:
                editor.setPlainText(text)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 14)
                editor.textChanged.connect(self.saver.start)
            else:
                editor.setText(text)
                editor.setPlaceholderText(defaults.get(key, ""))
                editor.textEdited.connect(lambda _t: self.saver.start())
            self.editors[key] = editor
            form.addRow(label + "：", editor)
        figures = "，".join(f"{f.label} {shown(f, activity.figure(f.id))}" for f in FIGURES
                           if activity.figure(f.id) is not None)
        numbers = QLabel(f"活动成效数据（取自活动登记，导出时填入）：{figures or '尚未登记'}", self)
        numbers.setWordWrap(True)
        self.photo_table = QTableWidget(0, 2, self)
        self.photo_table.setHorizontalHeaderLabels(["照片", "图片说明（必填）"])
        self.photo_table.horizontalHeader().setStretchLastSection(True)
        self.photo_table.itemChanged.connect(self._caption_changed)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.cancel = QPushButton("取消", self)
        for widget in (self.progress, self.cancel):
            widget.hide()
        self.buttons = {}
        bar = QHBoxLayout()
        for name, text, slot in (("photo", "添加照片…", self.choose_photos), ("drop", "移除所选照片", self.remove_photo),
                                 ("export", "导出 PDF 和 Word…", self.ask_export), ("close", "关闭", self.accept)):
            self.buttons[name] = QPushButton(text, self)
            self.buttons[name].clicked.connect(slot)
        for name in ("photo", "drop"):
            bar.addWidget(self.buttons[name])
        bar.addStretch(1)
        for widget in (self.progress, self.cancel, self.buttons["export"], self.buttons["close"]):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(numbers)
        layout.addWidget(QLabel(f"四、活动照片（JPG/PNG，最多 {PHOTOS.max_rows} 张，每张须有说明）：", self))
        layout.addWidget(self.photo_table)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        self.resize(820, 760)
        self.show_photos()

    # ------------------------------------------------------------ texts and photos
    def current_texts(self) -> dict:
        out = {key: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
               for key, e in self.editors.items()}
        return {k: v for k, v in out.items() if v} | {"photos": [dict(p) for p in self.photos]}

    def save(self) -> None:
        """Kept with the activity (the change log notes each save) — typing is never lost."""
        self.saver.stop()
        texts = self.current_texts()
        if texts == self.texts:
            return
        self.texts = texts
        window = self.window_
        window.ctx.tasks.run(self, window.register.save_report, self.activity.id, texts, window.officer(),
                             serial=True, on_failure=lambda e: self.say(describe_error(e), True))

    def show_photos(self) -> None:
        self.photo_table.blockSignals(True)
        self.photo_table.setRowCount(len(self.photos))
        for r, photo in enumerate(self.photos):
            self.photo_table.setItem(r, 0, read_only_item(file_text(photo.get("stored"))))
            self.photo_table.setItem(r, 1, QTableWidgetItem(str(photo.get("caption") or "")))
        self.photo_table.blockSignals(False)
        self.photo_table.resizeColumnToContents(0)
        self.buttons["photo"].setEnabled(len(self.photos) < PHOTOS.max_rows)

    def _caption_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 1 and item.row() < len(self.photos):
            self.photos[item.row()] = {**self.photos[item.row()], "caption": item.text().strip()}
            self.saver.start()

    def choose_photos(self) -> None:
        self.add_photos(self.adder.choose(many=True))

    def add_photos(self, paths) -> None:
        room = PHOTOS.max_rows - len(self.photos)
        if paths:
            self.adder.add(list(paths)[:room], self._photos_added)

    def _photos_added(self, outcomes) -> None:
        self.photos += [{"caption": "", "stored": o.value} for o in outcomes if o.value is not None]
        self.say(problems_text(outcomes), True)
        self.show_photos()
        self.save()

    def remove_photo(self) -> None:
        r = self.photo_table.currentRow()
        if 0 <= r < len(self.photos):
            del self.photos[r]
            self.show_photos()
            self.save()

    def say(self, text: str, problem: bool = False) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if problem else "color: #2e7d32;")
        self.message.setText(text)

    # ------------------------------------------------------------ export
    def ask_export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择保存活动信息的位置", str(Path.home()))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        self.save()
        ctx = self.window_.ctx
        self.buttons["export"].setEnabled(False)
        self.say("正在导出 PDF 和 Word…")
        ctx.tasks.run(self, export_report, self.activity, self.current_texts(), folder, ctx.now(),
                      attachment_store(ctx.data_dir), progress_bar=self.progress, cancel_button=self.cancel,
                      on_success=self._exported, on_failure=self._export_failed)

    def _exported(self, result) -> None:
        from .register_window import offer_folder

        self.buttons["export"].setEnabled(True)
        self.last_export = result
        self.say(f"已导出：{result.folder}（PDF {result.pdf_pages} 页和 Word）")
        offer_folder(self, "活动信息和成效", f"已导出到：{result.folder}", result.folder)

    def _export_failed(self, error: BaseException) -> None:
        from .tasks import was_cancelled

        self.buttons["export"].setEnabled(True)
        self.say("已取消导出。" if was_cancelled(error) else describe_error(error),
                 not was_cancelled(error))

    def done(self, result: int) -> None:  # noqa: D401 (Qt API): closing saves what was typed
        self.save()
        super().done(result)


__all__ = ["ReportDialog", "export_report"]
