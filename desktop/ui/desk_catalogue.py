"""生成需求目录: choose the internal and/or public catalogue and a folder; built off the UI thread.

The dialog says plainly which catalogue may be published (公开目录: no 不公开
need, no contact person or phone) and which must not (内部目录).  The work is
``desktop.desk.catalogue_run.make_catalogues`` through the task helper
(progress and cancel); afterwards the folder can be opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desktop.desk.catalogue_run import INTERNAL_NOTE, PUBLIC_NOTE, CatalogueRun, make_catalogues
from desktop.package.manifest import CHINA_TZ

from .desk_widgets import offer_folder
from .disc_widgets import StateLabel
from .messages import describe_error, ok_cancel


@dataclass(frozen=True)
class Choice:
    folder: Path
    internal: bool
    public: bool


class CatalogueDialog(QDialog):
    def __init__(self, parent: QWidget, selected: int, hidden: int, folder: str):
        super().__init__(parent)
        self.setWindowTitle("生成需求目录")
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>入选需求 {selected} 项，其中不公开 {hidden} 项。</b>每种目录都生成 JSON（企业端可导入）、"
                      "XLSX 和 PDF 三个文件。", self)
        head.setWordWrap(True)
        layout.addWidget(head)
        self.public = QCheckBox("公开目录（需求目录_公开）", self)
        self.internal = QCheckBox("内部目录（需求目录_内部）", self)
        for box, note, colour in ((self.public, PUBLIC_NOTE, "#2e7d32"), (self.internal, INTERNAL_NOTE, "#c62828")):
            box.setChecked(True)
            box.toggled.connect(self._check)
            layout.addWidget(box)
            text = QLabel(note, self)
            text.setWordWrap(True)
            text.setStyleSheet(f"color: {colour}; margin-left: 24px;")
            layout.addWidget(text)
        where = QHBoxLayout()
        self.folder = QLineEdit(folder, self)
        self.folder.setAccessibleName("保存到文件夹")
        self.folder.textChanged.connect(self._check)
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self._browse)
        where.addWidget(QLabel("保存到：", self))
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        layout.addLayout(where)
        self.problem = StateLabel(self)
        layout.addWidget(self.problem)
        self.buttons = ok_cancel(self, "生成")
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._check()

    def _browse(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "选择需求目录的保存文件夹", self.folder.text() or str(Path.home()))
        if name:
            self.folder.setText(name)

    def _check(self) -> None:
        problem = ("请至少选择一种目录" if not (self.public.isChecked() or self.internal.isChecked())
                   else "请选择保存的文件夹" if not self.folder.text().strip() else "")
        self.problem.show_state("warning", problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def choice(self) -> Choice:
        return Choice(Path(self.folder.text().strip()).expanduser(), self.internal.isChecked(),
                      self.public.isChecked())


def ask_and_build(window) -> CatalogueDialog | None:
    """The dialog, then the build; the window has ``db``, ``ctx``, ``run_row``, ``note`` and ``_task``."""
    rows = [r for r in window.all_rows if r.selected]
    if not rows:
        window.note.show_state("error", "还没有入选的需求：请先选择需求并标为“入选”，再生成需求目录。")
        return None
    folder = str(Path(window.ctx.settings.last_export_dir or Path.home()) / "需求目录")
    dialog = CatalogueDialog(window, len(rows), sum(not r.public for r in rows), folder)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        start(window, dialog.choice())
    return dialog


def start(window, choice: Choice) -> None:
    from desktop.rules.campaign import current_campaign

    if window._task is not None and not window._task.finished:
        return
    job = partial(make_catalogues, window.db, choice.folder, campaign=current_campaign().id,
                  created_at=window.ctx.now().astimezone(CHINA_TZ).replace(microsecond=0), public=choice.public,
                  internal=choice.internal)
    window.run_row.show()
    window.run_row.begin("正在读取入选需求、生成需求目录……")
    window._task = window.ctx.tasks.run(window, job, on_success=partial(_done, window),
                                        on_failure=partial(_failed, window), progress_bar=window.run_row.bar,
                                        cancel_button=window.run_row.cancel)
    window.run_row.track(window._task)


def _done(window, run: CatalogueRun) -> None:
    window.run_row.end("需求目录已生成")
    lines = run.summary()
    if not run.public_files and not run.internal_files:
        window.note.show_state("warning", "入选需求均为不公开需求，没有可公开的需求，未生成公开目录。")
        return
    if run.public_count == 0:
        lines.append("入选需求均为不公开需求，未生成公开目录")
    window.note.show_state("ok", "已生成：" + "；".join(lines) + f"。保存在 {run.folder}")
    files = [f"{p.name}（公开）" for p in run.public_files] + [f"{p.name}（内部，不得公开）" for p in run.internal_files]
    offer_folder(window, "需求目录已生成", "\n".join([*lines, "", *files, "", f"保存在：{run.folder}"]), run.folder)


def _failed(window, error: BaseException) -> None:
    if window.run_row.failed(error):
        window.note.show_state("warning", "已取消：所选文件夹中没有留下未完成的需求目录文件。")
        return
    window.note.show_state("error", f"需求目录未生成：{describe_error(error)}")
