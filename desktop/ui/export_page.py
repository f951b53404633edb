"""导出材料: what will be written and where, draft print, final export, result and preview;
then the disc: image, packing list, burn now (:mod:`disc_export`).

A draft whose form shares fields with others (附件2 and 附件3) is exported with the
drafts of the other forms answering the same need (:func:`export_job.companions_of`):
the page names them, and their errors hold back the final export like its own.
"""

from __future__ import annotations

import copy
from functools import partial
from html import escape
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (QCheckBox, QFrame, QGridLayout, QScrollArea, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

from desktop.learning import REFUSAL, is_learning_sample

from .disc_export import DiscPanel
from .export_job import Companion, ExportOutcome, companions_of, run_export
from .field_row import DONE_COLOUR, ERROR_COLOUR
from .file_dialogs import choose_folder
from .messages import describe_error
from .revisions import history_text
from .tasks import TaskHandle, was_cancelled
from .text import when

EXPORT_FOLDER_NAME = "携手填报导出"
PREVIEW_EMPTY = "导出后在这里显示 PDF 第一页"
ERRORS_SHOWN = 6


def default_export_dir(last: str) -> Path:
    if last:
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / EXPORT_FOLDER_NAME


def look_up(store, forms, draft_id: int, raw: dict) -> tuple[list[Companion], list]:
    """Worker side of the page's lookup: the companions and the draft's exports."""
    return companions_of(store, forms, draft_id, raw), store.list_exports(draft_id)


def export_folder(text: str) -> Path | None:
    """The folder typed or pasted as 保存位置 (quotes and ~ allowed); None unless it is a full path."""
    text = text.strip().strip('"\'“”')
    if not text:
        return None
    folder = Path(text).expanduser()
    return folder if folder.is_absolute() else None


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side from the left."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def _bold_header(text: str, parent: QWidget, scale: float = 1.3) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


class PreviewLabel(QLabel):
    """The first PDF page, scaled to the space it has, keeping the A4 proportions."""

    def __init__(self, text: str, parent: QWidget):
        super().__init__(text, parent)
        self._page = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumSize(240, 340)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("border: 1px solid #bdbdbd; background: white; color: #616161;")

    def show_page(self, page: QPixmap) -> None:
        self._page = page
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if not self._page.isNull():
            self.setPixmap(self._page.scaled(self.contentsRect().size() - QSize(4, 4),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def page(self) -> QPixmap:
        return self._page

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API): the picture follows the space, never the reverse
        return self.minimumSize()


class ExportPage(QWidget):
    def __init__(self, ctx, session, show_review: Callable[[], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session, self._show_review = ctx, session, show_review
        self.outcome: ExportOutcome | None = None
        self.companions: list[Companion] = []
        self._task: TaskHandle | None = None
        form = session.form
        self.revision = QLabel(self)
        self.revision.setWordWrap(True)
        files = QLabel(
            "将写出：<br>· 可盖章打印的 PDF：" f"{form.document_name}.pdf<br>"
            f"· 可编辑的 Word 文件：{form.document_name}.docx<br>"
            "· 光盘文件夹：说明.txt、manifest.json、data/submission.json 和以上两个文件<br>"
            "· 光盘映像（ISO）：与光盘文件夹同名的 .iso 文件，放在文件夹旁边，用于刻录光盘", self)
        files.setWordWrap(True)
        self.together = QLabel(self)
        self.together.setWordWrap(True)
        self.history = QLabel(self)  # the revisions exported before: their files stay where they were written
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history.setStyleSheet("color: #616161;")
        self._looking = None  # the companions/history lookup running off the UI thread
        self._look_again = False
        self.folder = QLineEdit(str(default_export_dir(ctx.settings.last_export_dir)), self)
        self.folder.setToolTip("可以直接输入或粘贴文件夹路径，也可以点“更改位置…”选择")
        self.folder.editingFinished.connect(self._folder_typed)
        choose = QPushButton("更改位置…", self)
        choose.clicked.connect(self._choose_folder)
        self.blockers = QLabel(self)
        self.blockers.setWordWrap(True)
        self.blockers.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.blockers.linkActivated.connect(lambda _link: self._show_review())
        self.draft_button = QPushButton("打印草稿（带“草稿”水印）", self)
        self.final_button = QPushButton("导出正式材料", self)
        self.draft_button.clicked.connect(lambda: self.export(draft=True))
        self.final_button.clicked.connect(lambda: self.export(draft=False))
        self.progress = QProgressBar(self)
        self.cancel = QPushButton("取消", self)
        self.progress.hide()
        self.cancel.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel(self)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        code_font = self.code.font()
        code_font.setPointSizeF(code_font.pointSizeF() * 1.5)
        code_font.setBold(True)
        self.code.setFont(code_font)
        self.open_folder = QPushButton("打开文件夹", self)
        self.open_pdf = QPushButton("打开 PDF", self)
        self.open_folder.clicked.connect(lambda: self._open(self.outcome.folder))
        self.open_pdf.clicked.connect(lambda: self._open(self.outcome.pdf))
        self.preview = PreviewLabel(PREVIEW_EMPTY, self)
        self.disc = DiscPanel(ctx, form, self)
        self.disc.idle.connect(self.refresh)
        # docs/package.md §1: an optional 骑缝章 guide on the right edge of documents longer than one page
        self.seam_check = QCheckBox("多页文件右侧加骑缝章参考线", self)
        self.seam_check.setChecked(ctx.settings.seam_seal_guide)
        self.seam_check.toggled.connect(lambda on: ctx.update_settings(seam_seal_guide=on))
        self._layout(files, choose)
        self.show_result(None)

    def _layout(self, files: QLabel, choose: QPushButton) -> None:
        left = QVBoxLayout()
        left.addWidget(_bold_header("导出材料", self))
        left.addWidget(self.revision)
        left.addWidget(files)
        left.addWidget(self.together)
        left.addWidget(self.history)
        where = QHBoxLayout()
        where.addWidget(QLabel("保存位置：", self))
        where.addWidget(self.folder, 1)
        where.addWidget(choose)
        left.addLayout(where)
        left.addWidget(self.blockers)
        left.addLayout(_row(self.draft_button, self.final_button))
        left.addLayout(_row(self.disc.iso_check, self.seam_check))
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel)
        left.addLayout(running)
        left.addWidget(self.status)
        left.addWidget(self.code)
        left.addLayout(_row(self.open_folder, self.open_pdf))
        left.addWidget(self.disc)
        left.addStretch(1)
        column = QWidget(self)
        column.setLayout(left)
        scroll = QScrollArea(self)  # long paths and messages scroll instead of being cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        grid = QGridLayout(self)
        grid.setContentsMargins(24, 16, 24, 16)
        grid.addWidget(scroll, 0, 0)
        grid.addWidget(self.preview, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

    # ------------------------------------------------------------- state
    def refresh(self) -> None:
        session = self.session
        done = "，这一版已导出正式材料；之后再修改将成为第 {} 版".format(session.revision + 1) if session.sealed else ""
        self.revision.setText(f"当前为第 {session.revision} 版{done}。")
        if self.outcome is not None and self.outcome.export.revision != session.revision:
            self.show_result(None)  # that export belongs to an older revision: nothing of it is current
        self._look_up()
        self._show_state()

    def _show_state(self) -> None:
        errors = self._errors()
        busy = self._running() or self.disc.running()
        self.disc.setEnabled(not self._running())  # the image and the list follow the export on screen
        sample = is_learning_sample(self.ctx.store.get_draft(self.session.draft_id).title)
        self.final_button.setEnabled(not errors and not busy and not sample)
        self.draft_button.setEnabled(not busy)
        if sample:
            self.blockers.setText(escape(REFUSAL, quote=False))
            self.blockers.show()
        elif errors:
            lines = "<br>".join(f"· {escape(p.message, quote=False)}" for p in errors[:ERRORS_SHOWN])
            more = f"<br>……另有 {len(errors) - ERRORS_SHOWN} 处" if len(errors) > ERRORS_SHOWN else ""
            self.blockers.setText(f"还有 {len(errors)} 处错误，改正后才能导出正式材料（草稿可以随时打印）：<br>"
                                  f"{lines}{more}<br><a href='review'>查看全部问题</a>")
            self.blockers.show()
        else:
            self.blockers.hide()

    def _look_up(self) -> None:
        """The drafts exported with this one and the earlier exports, read off the UI thread.

        Linking loads and cleans every draft (desktop.linking), a cost that grows with the
        number of drafts; one lookup runs at a time, and a change meanwhile asks for one more."""
        if self._looking is not None and not self._looking.finished:
            self._look_again = True
            return
        job = partial(look_up, self.ctx.store, self.ctx.forms, self.session.draft_id, copy.deepcopy(self.session.raw))
        self._looking = self.ctx.tasks.run(self, job, on_success=self._looked_up, on_failure=lambda _e: None)

    def _looked_up(self, found: tuple[list[Companion], list]) -> None:
        self.companions, exports = found
        lines = "<br>".join(f"· {escape(c.describe(), quote=False)}" for c in self.companions)
        self.together.setText(f"将一并导出：<br>{lines}<br>它们的 PDF、Word 和数据放入同一个材料包和光盘，"
                              "所有文件使用同一个装订码。" if self.companions else "")
        self.together.setVisible(bool(self.companions))
        self.history.setText(history_text(exports, self.session.revision))
        self.history.setVisible(bool(self.history.text()))
        if self._look_again:
            self._look_again = False
            self._look_up()
        else:
            self._show_state()

    def _errors(self) -> list:
        """What holds back the final export: this draft's errors, then those of the drafts exported with it."""
        return list(self.session.index.errors) + [p for c in self.companions for p in c.errors]

    def _running(self) -> bool:
        return self._task is not None and not self._task.finished

    def stop(self) -> None:
        """The window is closing: a running export stops and removes what it half wrote."""
        if self._running():
            self._task.cancel()
        self.disc.stop()

    def _choose_folder(self) -> None:
        chosen = choose_folder(self, "选择导出位置", self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.ctx.update_settings(last_export_dir=chosen)

    def _folder_typed(self) -> None:
        folder = export_folder(self.folder.text())
        if folder is not None:
            self.ctx.update_settings(last_export_dir=str(folder))

    # ------------------------------------------------------------ export
    def export(self, draft: bool) -> None:
        session = self.session
        if not draft:
            session.reveal_problems()  # an attempt at the final export: every page shows what is missing
        self.refresh()  # the drafts exported with this one, as they are now
        if not draft and self._errors():  # (the export itself checks the companions again, as they are then)
            return
        out_dir = export_folder(self.folder.text())
        if out_dir is None:
            self.status.setText("保存位置要填写完整的文件夹路径，例如 D:\\申报材料 或 /home/用户名/文档；"
                                "也可以点“更改位置…”选择。")
            self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
            self.folder.setFocus()
            return
        self.status.setText("正在导出草稿…" if draft else "正在导出正式材料…")
        self.status.setStyleSheet("")
        self.draft_button.setEnabled(False)
        self.final_button.setEnabled(False)
        self.disc.setEnabled(False)
        job = partial(run_export, self.ctx.store, session.form, session.draft_id, copy.deepcopy(session.raw),
                      len(session.index.outstanding), out_dir, draft=draft, now=self.ctx.now(),
                      seam_guide=self.ctx.settings.seam_seal_guide, forms=self.ctx.forms)
        self._task = self.ctx.tasks.run(self, job, on_success=self._exported, on_failure=self._failed,
                                        progress_bar=self.progress, cancel_button=self.cancel)

    def _exported(self, outcome: ExportOutcome) -> None:
        self.session.exported(outcome.draft)
        self.show_result(outcome)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.refresh()
        if was_cancelled(error):
            self.status.setText("已取消导出，没有留下不完整的文件。")
        else:
            self.status.setText(describe_error(error, "导出"))
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};")

    def show_result(self, outcome: ExportOutcome | None) -> None:
        """Show an export just made; None clears everything of an earlier one (code, image, burn, preview)."""
        superseded = self.outcome is not None and outcome is None
        self.outcome = outcome
        for widget in (self.code, self.open_folder, self.open_pdf):
            widget.setVisible(outcome is not None)
        if outcome is None:
            if superseded:
                self.status.setText("")
                self.code.setText("")
                self.preview.show_page(QPixmap())
                self.preview.setText(PREVIEW_EMPTY)
                self.disc.show_export(None)
            return
        kind = "草稿" if outcome.export.kind == "draft" else "正式材料"
        also = "、".join(f"{c.form.attachment_no} {c.form.title}" for c in outcome.companions)
        self.status.setText(f"已导出第 {outcome.export.revision} 版{kind}（{when(outcome.export.exported_at)}）"
                            f"{f'，含{also}' if also else ''}，保存在：{outcome.folder}")
        self.status.setStyleSheet(f"color: {DONE_COLOUR};")
        draft = outcome.export.kind == "draft"  # a draft's papers print 草稿-XXXX, never a binding code
        code = f"草稿-{outcome.binding_code[:4]}（草稿，不能报送）" if draft else outcome.binding_code
        self.code.setText(f"装订码  {code}")
        self.open_pdf.setEnabled(outcome.pdf is not None)
        self._show_preview(outcome)
        self.disc.show_export(outcome)

    def _show_preview(self, outcome: ExportOutcome) -> None:
        pixmap = QPixmap()
        if outcome.preview_png and pixmap.loadFromData(outcome.preview_png, "PNG"):
            self.preview.show_page(pixmap)
        else:
            pages = outcome.pdf_pages[0][1] if outcome.pdf_pages else 0
            self.preview.setText(f"PDF 共 {pages} 页。\n本机无法显示预览，请点“打开 PDF”查看。")

    def _open(self, path: Path | None) -> None:
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
