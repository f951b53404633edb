"""刻录与校验光盘: an image, a drive, burn, read the disc back, one clear verdict (docs/workflow.md “光盘窗口”).

Burning and the read-back each run through the task runner with their own
progress bar, time left and 取消.  Without a burning program the window stays
useful: a disc burned elsewhere can still be checked against the image.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QMainWindow,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from desktop.package.burn import (BurnResult, ReadBackResult, burn, find_burner, missing_burner_message,
                                  read_back_against_iso)
from desktop.package.disc_facts import ImageFacts, image_facts
from desktop.package.iso import MB, iso_capacity_check
from desktop.package.media import capacity_verdict, media_info

from .disc_widgets import DriveBox, StateLabel, TaskRow, titled_page
from .file_dialogs import choose_file
from .messages import describe_error
from .tasks import TaskHandle, was_cancelled

WINDOW_KEY = "BurnWindow"
IDLE, BURNING, CHECKING = "", "burning", "checking"


class BurnWindow(QMainWindow):
    def __init__(self, ctx, iso: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.burner = find_burner()
        self.facts: ImageFacts | None = None
        self.iso_level = ""
        self.media_level = "unknown"
        self.stage = IDLE
        self._check: TaskHandle | None = None
        layout = titled_page(self, "刻录与校验光盘", spacing=12)
        central = self.centralWidget()
        layout.addWidget(self._image_box(central))
        layout.addWidget(self._drive_box(central))
        layout.addWidget(self._run_box(central))
        layout.addStretch(1)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("选择光盘映像(&O)…", QKeySequence.StandardKey.Open, self.choose_iso)
        menu.addSeparator()
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        self.resize(1000, 700)
        self._enable()
        self.drives.refresh(then=self.check_media)
        if iso is not None:
            self.set_iso(Path(iso))

    # ------------------------------------------------------------ layout
    def _image_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("1. 光盘映像（ISO）", parent)
        self.iso_edit = QLineEdit(box)
        self.iso_edit.setReadOnly(True)
        self.iso_edit.setPlaceholderText("请选择导出材料时生成的 .iso 文件")
        choose = QPushButton("选择(&I)…", box)
        choose.clicked.connect(self.choose_iso)
        row = QHBoxLayout()
        row.addWidget(self.iso_edit, 1)
        row.addWidget(choose)
        self.facts_label = QLabel("还没有选择光盘映像。", box)
        self.facts_label.setWordWrap(True)
        self.iso_state = StateLabel(box)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.facts_label)
        layout.addWidget(self.iso_state)
        return box

    def _drive_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("2. 光驱与光盘", parent)
        self.drives = DriveBox(self.ctx, box)
        self.drives.refresh_button.clicked.connect(lambda: self.drives.refresh(then=self.check_media))
        self.drives.combo.activated.connect(lambda _index: self.check_media())
        self.drives.combo.lineEdit().editingFinished.connect(self.check_media)
        self.burner_state = StateLabel(box)
        if self.burner is None:
            self.burner_state.show_state("warning", missing_burner_message() + "\n已刻好的光盘仍可以在这里校验。")
        else:
            self.burner_state.hide()
        self.media_state = StateLabel(box)
        layout = QVBoxLayout(box)
        layout.addWidget(self.drives)
        layout.addWidget(self.burner_state)
        layout.addWidget(self.media_state)
        return box

    def _run_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("3. 刻录并校验", parent)
        self.burn_button = QPushButton("开始刻录(&B)", box)
        self.verify_button = QPushButton("只校验光盘(&V)", box)
        self.verify_button.setToolTip("检查一张已经刻好的光盘：文件是否齐全、与这个光盘映像是否一致")
        self.burn_button.clicked.connect(self.start_burn)
        self.verify_button.clicked.connect(lambda: self.start_check(after_burn=False))
        hint = QLabel("刻录完成后会自动读回光盘逐个文件校验。", box)
        hint.setStyleSheet("color: #616161;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.burn_button)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(hint, 1)
        self.burn_row = TaskRow("刻录", box)
        self.check_row = TaskRow("校验", box)
        self.verdict = StateLabel(box, bold=True, scale=1.5)
        self.verdict_text = StateLabel(box)
        self.problems = QListWidget(box)
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("光盘校验发现的问题")
        self.problems.setMaximumHeight(self.problems.fontMetrics().lineSpacing() * 8)
        layout = QVBoxLayout(box)
        layout.addLayout(buttons)
        layout.addWidget(self.burn_row)
        layout.addWidget(self.check_row)
        layout.addWidget(self.verdict)
        layout.addWidget(self.verdict_text)
        layout.addWidget(self.problems)
        self._show_verdict("", "", ())
        return box

    # ------------------------------------------------------------ the image
    def choose_iso(self) -> None:
        start = self.iso_edit.text() or self.ctx.settings.last_export_dir or str(Path.home())
        name = choose_file(self, "选择光盘映像", start, "光盘映像 (*.iso);;所有文件 (*)")
        if name:
            self.set_iso(Path(name))

    def set_iso(self, path: Path) -> None:
        self.iso_edit.setText(str(path))
        self.facts = None
        self.iso_level = ""
        self.facts_label.setText("正在读取光盘映像…")
        self.iso_state.show_state("", "")
        self._show_verdict("", "", ())
        self._enable()
        self.ctx.tasks.run(self, image_facts, Path(path), on_success=self._facts_read, on_failure=self._facts_failed)

    def _facts_read(self, facts: ImageFacts) -> None:
        self.facts = facts
        form = self.ctx.form(facts.form_id, facts.edition or None)
        form_text = f"{form.attachment_no} {form.title}" if form else f"{facts.form_id}（{facts.edition} 版）"
        self.facts_label.setText(
            f"卷标：{facts.volume_id}　Windows 中显示为：{facts.joliet_label or '（无）'}\n"
            f"大小：{facts.size / MB:.1f} MB　光盘上共 {facts.file_count} 个文件（数据包的 {facts.file_count - 1} 个文件和清单 "
            f"manifest.json）\n装订码：{facts.binding_code or '（无）'}　"
            f"表格：{form_text}　报送单位：{facts.submitter_name or '（未填写）'}")
        self.iso_level, message = iso_capacity_check(facts.size)
        self.iso_state.show_state(self.iso_level, message)
        self.check_media()

    def _facts_failed(self, error: BaseException) -> None:
        self.facts_label.setText("")
        self.iso_state.show_state("error", describe_error(error))
        self._enable()

    # ------------------------------------------------------------ the drive
    def check_media(self) -> None:
        """What is in the drive, against the image's size (what xorriso can tell)."""
        device = self.drives.device()
        self.media_level = "unknown"
        if self.stage != IDLE:
            return
        if self.burner is None or not device:
            self.media_state.show_state("", "" if self.burner is None else "请选择光驱，或输入设备名。")
            self._enable()
            return
        size = self.facts.size if self.facts else None
        self.media_state.show_state("", "正在读取光驱中的光盘…")

        def shown(media) -> None:
            if device == self.drives.device():
                self.media_level, message = capacity_verdict(media, size)
                self.media_state.show_state(self.media_level, message)
            self._enable()

        def failed(error: BaseException) -> None:
            self.media_state.show_state("unknown", describe_error(error))
            self._enable()

        self.ctx.tasks.run(self, media_info, device, on_success=shown, on_failure=failed)

    # ------------------------------------------------------------ burn and check
    def _enable(self) -> None:
        idle, ready = self.stage == IDLE, self.facts is not None and bool(self.drives.device())
        self.burn_button.setEnabled(idle and ready and self.burner is not None and self.iso_level != "error"
                                    and self.media_level != "error")
        self.verify_button.setEnabled(idle and ready)
        self.drives.setEnabled(idle)

    def start_burn(self) -> None:
        if not self.burn_button.isEnabled():
            return
        self.stage = BURNING
        self._enable()
        self._show_verdict("", "", ())
        self.check_row.end("刻录完成后自动开始")
        self.burn_row.begin("正在刻录……刻录过程中请不要取出光盘、不要关闭本窗口")
        handle = self.ctx.tasks.run(self, burn, self.facts.path, self.drives.device(), on_success=self._burned,
                                    on_failure=self._burn_failed, progress_bar=self.burn_row.bar,
                                    cancel_button=self.burn_row.cancel)
        self.burn_row.track(handle)

    def _burned(self, result: BurnResult) -> None:
        self.stage = IDLE
        if not result.ok:
            self.burn_row.end("刻录失败")
            self.check_row.end("")
            self._show_verdict("error", "刻录失败", (), result.message)
            self._enable()
            return
        self.burn_row.end("刻录完成")
        self.start_check(after_burn=True)

    def _burn_failed(self, error: BaseException) -> None:
        self.stage = IDLE
        self.burn_row.end("已取消" if was_cancelled(error) else "没有刻录")
        self.check_row.end("")
        self._show_verdict("error", "没有刻录完成", (), describe_error(error))
        self._enable()

    def start_check(self, after_burn: bool) -> None:
        if self.facts is None or not self.drives.device() or (not after_burn and self.stage != IDLE):
            return
        self.stage = CHECKING
        self._enable()
        if not after_burn:
            self.burn_row.end("")
            self._show_verdict("", "", ())
        self.check_row.begin("正在读回光盘，逐个文件核对……")
        self._check = self.ctx.tasks.run(self, read_back_against_iso, self.drives.device(), self.facts.path,
                                         on_success=self._checked, on_failure=self._check_failed,
                                         progress_bar=self.check_row.bar, cancel_button=self.check_row.cancel)
        self.check_row.track(self._check)

    def _checked(self, result: ReadBackResult) -> None:
        self.stage = IDLE
        self.check_row.end("校验完成")
        if result.ok:
            self._show_verdict("ok", "✔ 校验通过", (), result.message)
        else:
            self._show_verdict("error", "✖ 有问题", result.problems, result.message)
        self._enable()

    def _check_failed(self, error: BaseException) -> None:
        self.stage = IDLE
        self.check_row.end("已取消" if was_cancelled(error) else "没有完成")
        self._show_verdict("error", "没有校验完成", (), describe_error(error))
        self._enable()

    def _show_verdict(self, level: str, head: str, problems: tuple[str, ...], text: str = "") -> None:
        self.verdict.show_state(level, head)
        self.verdict_text.show_state(level if level != "error" or not problems else "", text)
        self.problems.clear()
        self.problems.addItems([f"{number}. {problem}" for number, problem in enumerate(problems, 1)])
        self.problems.setVisible(bool(problems))

    # ------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.stage == BURNING:
            QMessageBox.warning(self, "正在刻录", "正在刻录光盘，现在关闭会使这张光盘无法使用。请等刻录完成，"
                                "或先点“取消”。")
            event.ignore()
            return
        if self.stage == CHECKING and self._check is not None:
            self._check.cancel()  # reading back can stop at any time; the disc is not touched
        self.ctx.open_windows.pop(WINDOW_KEY, None)
        event.accept()
