"""Pieces the disc windows share: a coloured state line, a progress row with time left, the drive chooser."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from .field_row import DONE_COLOUR, ERROR_COLOUR, WARNING_COLOUR
from .tasks import TaskHandle, was_cancelled

# The three states of docs/workflow.md “界面风格”; 'unknown' and 'info' keep the palette's text colour.
STATE_COLOURS = {"ok": DONE_COLOUR, "warning": WARNING_COLOUR, "error": ERROR_COLOUR}
ETA_AFTER_SECONDS = 2.0   # a guess from the first second of a burn is noise


def open_path(path: Path) -> bool:
    """Open a file or folder with the system's program (PDF reader, file manager); False when none started."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class StateLabel(QLabel):
    """A sentence in the colour of its state: ok (green), warning (amber), error (red), or plain."""

    def __init__(self, parent: QWidget, bold: bool = False, scale: float = 1.0):
        super().__init__(parent)
        self.level = ""
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if bold or scale != 1.0:
            font = self.font()
            font.setBold(bold)
            font.setPointSizeF(font.pointSizeF() * scale)
            self.setFont(font)

    def show_state(self, level: str, text: str) -> None:
        self.level = level
        colour = STATE_COLOURS.get(level)
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setText(text)
        self.setVisible(bool(text))


def titled_page(window, title: str, spacing: int) -> QVBoxLayout:
    """The central widget of a disc window: the title as a large bold line, then whatever the caller adds."""
    window.setWindowTitle(f"{title} — 携手填报")
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(spacing)
    header = StateLabel(central, bold=True, scale=1.3)
    header.show_state("", title)
    layout.addWidget(header)
    window.setCentralWidget(central)
    return layout


def time_left_text(seconds: float) -> str:
    if seconds < 60:
        return "不到 1 分钟"
    minutes = round(seconds / 60)
    return f"约 {minutes // 60} 小时 {minutes % 60} 分钟" if minutes >= 60 else f"约 {minutes} 分钟"


class TaskRow(QWidget):
    """One long step (刻录, 校验 …): its name, what it is doing and the time left, a bar and 取消."""

    def __init__(self, caption: str, parent: QWidget):
        super().__init__(parent)
        self.caption = QLabel(f"<b>{caption}</b>", self)
        self.caption.setMinimumWidth(self.caption.fontMetrics().horizontalAdvance(caption) * 2)
        self.note = QLabel("", self)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar(self)
        self.bar.setMinimumWidth(260)
        self.cancel = QPushButton("取消", self)
        self.bar.hide()
        self.cancel.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel)
        self._started = 0.0
        self._doing = ""

    def begin(self, doing: str) -> None:
        """Show the bar at once (a burn is never short) before the task starts."""
        self._started = time.monotonic()
        self._doing = doing
        self.note.setText(doing)
        self.bar.setValue(0)
        self.bar.show()
        self.cancel.show()

    def track(self, handle: TaskHandle) -> None:
        if not handle.finished:
            handle.progressed.connect(self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        elapsed = time.monotonic() - self._started
        if total <= 0 or done <= 0 or elapsed < ETA_AFTER_SECONDS or not self.bar.isVisible():
            return
        left = elapsed * (total - done) / done
        self.note.setText(f"{self._doing}　剩余时间：{time_left_text(left)}")

    def end(self, note: str) -> None:
        self.note.setText(note)
        self.bar.hide()
        self.cancel.hide()

    def failed(self, error: BaseException) -> bool:
        """End the row of a job that did not finish; True when the person cancelled it."""
        cancelled = was_cancelled(error)
        self.end("已取消" if cancelled else "没有完成")
        return cancelled


class DriveBox(QWidget):
    """The optical drives found, in an editable list: a device can also be typed (/dev/sr0, stdio:/tmp/x.iso)."""

    def __init__(self, ctx, parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.combo = QComboBox(self)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.combo.lineEdit().setPlaceholderText("没有找到光驱；可以输入设备名，如 /dev/sr0")
        self.combo.setAccessibleName("光驱")
        self.refresh_button = QPushButton("刷新", self)
        self.refresh_button.setToolTip("重新查找光驱，并读取光驱中光盘的情况")
        label = QLabel("光驱(&D)：", self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.refresh_button)
        self.drives: list = []

    def refresh(self, then=None) -> None:
        """Look for drives off the UI thread (xorriso may wait for a slow drive), then call ``then()``."""
        from desktop.package.burn import list_drives

        self.refresh_button.setEnabled(False)

        def found(drives: list) -> None:
            self.refresh_button.setEnabled(True)
            self.fill(drives)
            if then is not None:
                then()

        def failed(_error: BaseException) -> None:
            found([])

        self.ctx.tasks.run(self, list_drives, on_success=found, on_failure=failed)

    def fill(self, drives: list) -> None:
        typed = self.device()
        self.drives = list(drives)
        self.combo.clear()
        for drive in self.drives:
            self.combo.addItem(f"{drive.label}（{drive.device}）" if drive.label else drive.device, drive.device)
        if not self.drives:
            self.combo.setEditText(typed)

    def device(self) -> str:
        """The chosen drive's device, or what was typed."""
        index = self.combo.currentIndex()
        text = self.combo.currentText().strip()
        if 0 <= index < self.combo.count() and self.combo.itemText(index) == self.combo.currentText():
            return str(self.combo.itemData(index))
        return text

    def set_device(self, device: str) -> None:
        index = self.combo.findData(device)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        else:
            self.combo.setEditText(device)
