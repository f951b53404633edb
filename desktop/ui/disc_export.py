"""光盘与寄送, on the export page: the image beside the package, its capacity verdict, the packing list,
burn now, and the days left to this form's deadline (docs/workflow.md “检查与导出”, docs/package.md §2, §4)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.rules.campaign import deadline_text

from .disc_jobs import build_package_iso, campaign_for, iso_path_for, write_packing_list
from .disc_widgets import StateLabel, TaskRow, open_path
from .export_job import ExportOutcome
from .messages import describe_error
from .tasks import TaskHandle, was_cancelled


class DiscPanel(QWidget):
    idle = Signal()   # a task of the panel ended: the export page may enable its buttons again

    def __init__(self, ctx, form, parent: QWidget):
        super().__init__(parent)
        self.ctx, self.form = ctx, form
        self.outcome: ExportOutcome | None = None
        self.iso = None              # IsoResult of the image built for this outcome
        self.packing_list: Path | None = None
        self.opener = open_path      # how a written file is shown (tests record it instead)
        self._task: TaskHandle | None = None
        # Placed by the export page beside its export buttons: it decides what the final export also does.
        self.iso_check = QCheckBox("导出正式材料时同时生成光盘映像（ISO）", parent)
        self.iso_check.setChecked(True)
        self.deadline = QLabel(self)
        self.deadline.setWordWrap(True)
        self.iso_state = StateLabel(self)
        self.iso_notes = QLabel(self)
        self.iso_notes.setWordWrap(True)
        self.iso_notes.setStyleSheet("color: #616161;")
        self.row = TaskRow("光盘映像", self)
        self.build_button = QPushButton("生成光盘映像（ISO）", self)
        self.packing_button = QPushButton("打印寄送材料清单", self)
        self.burn_button = QPushButton("立即刻录…", self)
        self.build_button.clicked.connect(self.build_iso)
        self.packing_button.clicked.connect(self.print_packing_list)
        self.burn_button.clicked.connect(self.burn_now)
        self.packing_state = StateLabel(self)
        self.packing_folder_button = QPushButton("打开所在文件夹", self)
        self.packing_folder_button.clicked.connect(self.open_packing_folder)
        self.packing_folder_button.hide()
        buttons = QHBoxLayout()
        for button in (self.build_button, self.packing_button, self.burn_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        heading = QLabel("<b>光盘与寄送</b>", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.deadline)
        layout.addWidget(self.iso_state)
        layout.addWidget(self.iso_notes)
        layout.addWidget(self.row)
        layout.addLayout(buttons)
        layout.addWidget(self.packing_state)
        layout.addWidget(self.packing_folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.campaign = campaign_for(form.campaign, Path(ctx.data_dir) / "campaigns")
        self.show_deadline()
        self.show_export(None)

    def show_deadline(self) -> None:
        deadline = self.campaign.deadline_for(self.form.id) if self.campaign else None
        text = deadline_text(deadline, self.ctx.today())
        self.deadline.setText(f"{self.form.attachment_no} 报送截止：<b>{text}</b>")

    # ------------------------------------------------------------ after an export
    def show_export(self, outcome: ExportOutcome | None) -> None:
        """A new export replaces the old one's image and list; a final export builds its image when asked."""
        self.outcome, self.iso, self.packing_list = outcome, None, None
        self.iso_state.show_state("", "")
        self.iso_notes.hide()
        self.packing_state.show_state("", "")
        self.packing_folder_button.hide()
        self.row.end("")
        self.row.setVisible(False)
        self._enable()
        if outcome is not None and outcome.export.kind == "final" and self.iso_check.isChecked():
            self.build_iso()

    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def stop(self) -> None:
        if self.running():
            self._task.cancel()

    def _finished(self) -> None:
        self._enable()
        self.idle.emit()

    def _enable(self) -> None:
        have, idle = self.outcome is not None, not self.running()
        for button in (self.build_button, self.packing_button, self.burn_button):
            button.setVisible(have)
        self.build_button.setEnabled(have and idle)
        self.build_button.setText("重新生成光盘映像" if self.iso is not None else "生成光盘映像（ISO）")
        self.packing_button.setEnabled(have and idle)
        self.burn_button.setEnabled(have and idle and self.iso is not None)

    def build_iso(self) -> None:
        if self.outcome is None or self.running():
            return
        self.iso = None
        self.row.setVisible(True)
        self.row.begin("正在生成光盘映像……")
        self.iso_state.show_state("", "")
        self._task = self.ctx.tasks.run(self, build_package_iso, self.outcome.folder, on_success=self._built,
                                        on_failure=self._iso_failed, progress_bar=self.row.bar,
                                        cancel_button=self.row.cancel)
        self._enable()

    def _built(self, iso) -> None:
        self.iso = iso
        self.row.end("")
        self.row.setVisible(False)
        self.iso_state.show_state(iso.capacity_level, f"已生成 {Path(iso.path).name}。{iso.capacity_message}")
        notes = [line for line in iso.messages if line != iso.capacity_message]
        self.iso_notes.setText("\n".join(notes))
        self.iso_notes.setVisible(bool(notes))
        self._finished()

    def _iso_failed(self, error: BaseException) -> None:
        self.row.end("")
        self.row.setVisible(False)
        if was_cancelled(error):
            self.iso_state.show_state("", "已取消生成光盘映像，没有留下不完整的文件。")
        else:  # IsoError: over 700 MB (refused, with the DVD-R advice) or an unreadable package
            self.iso_state.show_state("error", describe_error(error))
        self._finished()

    # ------------------------------------------------------------ packing list and burning
    def print_packing_list(self) -> None:
        if self.outcome is None or self.running():
            return
        self.packing_state.show_state("", "正在生成寄送材料清单……")
        job = partial(write_packing_list, self.outcome.folder, self.outcome.pdf_pages, self.iso, self.campaign,
                      self.ctx.today())
        self._task = self.ctx.tasks.run(self, job, on_success=self._listed, on_failure=self._list_failed)
        self._enable()

    def _listed(self, path: Path) -> None:
        """Say what really happened: opened in a PDF reader, or only saved (then offer its folder)."""
        self.packing_list = path
        self._finished()
        if self.opener(path):
            self.packing_state.show_state("ok", f"寄送材料清单已保存并已打开：{path}。请打印后随材料一起寄出。")
            self.packing_folder_button.hide()
            return
        self.packing_state.show_state("warning", f"寄送材料清单已保存：{path}。本机没有能打开 PDF 的程序，"
                                                 "请点“打开所在文件夹”找到它，在能打印的电脑上打印后随材料一起寄出。")
        self.packing_folder_button.show()

    def open_packing_folder(self) -> None:
        if self.packing_list is not None and not self.opener(self.packing_list.parent):
            self.packing_state.show_state("warning", f"无法打开文件夹。寄送材料清单在：{self.packing_list}")

    def _list_failed(self, error: BaseException) -> None:
        self.packing_state.show_state("error", describe_error(error))
        self._finished()

    def burn_now(self) -> None:
        if self.outcome is not None:
            self.ctx.windows.open_burn(self.iso.path if self.iso else iso_path_for(self.outcome.folder))
