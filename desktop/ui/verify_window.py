"""收件与审核 → 打开光盘: one verdict per package, each problem one sentence (docs/workflow.md “光盘窗口”, docs/package.md §6).

The officer opens a drive, a folder (a disc's mount point or a folder holding
many packages) or .iso files.  Nothing is ever written to the source: the
check reads, "查看内容" reads one listed file again, and "导入到工作区" copies
a 完整 package into the data folder's ``received`` workspace.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QLineEdit, QMainWindow, QPushButton,
                               QSplitter, QVBoxLayout, QWidget)

from desktop.package.verify import PackageVerdict, import_package, verify_paths

from .disc_widgets import DriveBox, StateLabel, TaskRow, titled_page
from .file_dialogs import choose_files, choose_folder
from .messages import describe_error
from .tasks import TaskHandle, was_cancelled
from .verify_table import VerdictDetail, VerdictTable, paper_code

WINDOW_KEY = "VerifyWindow"
WORKSPACE = "received"


def _drive_path(device: str) -> Path:
    """A Windows drive letter is read through its root folder; a device node or mount point as given."""
    return Path(device + "\\") if len(device) == 2 and device[1] == ":" else Path(device)


class VerifyWindow(QMainWindow):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.workspace = Path(ctx.data_dir) / WORKSPACE
        self.verdicts: list[PackageVerdict] = []
        self.paper: dict[str, tuple[str, str]] = {}   # source → (state, sentence) of its paper check
        self._task: TaskHandle | None = None
        layout = titled_page(self, "收件与审核：打开光盘", spacing=10)
        central = self.centralWidget()
        layout.addLayout(self._sources(central))
        self.run_row = TaskRow("校验", central)
        layout.addWidget(self.run_row)
        self.summary = StateLabel(central, bold=True)
        self.summary.show_state("", "放入光盘后点“读取光驱”，或打开收到的文件夹、光盘映像（.iso）。")
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        self.table = VerdictTable(ctx, splitter)
        self.table.itemSelectionChanged.connect(self._show_current)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_pane(splitter))
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 260])
        layout.addWidget(splitter, 1)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("打开文件夹(&F)…", self.choose_folder)
        menu.addAction("打开光盘映像(&I)…", QKeySequence.StandardKey.Open, self.choose_images)
        menu.addSeparator()
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        self.resize(1200, 720)
        self._show_current()
        self.drives.refresh()

    # ------------------------------------------------------------ layout
    def _sources(self, parent: QWidget) -> QHBoxLayout:
        self.drives = DriveBox(self.ctx, parent)
        self.drive_button = QPushButton("读取光驱(&R)", parent)
        self.folder_button = QPushButton("打开文件夹(&F)…", parent)
        self.images_button = QPushButton("打开光盘映像(&I)…", parent)
        self.drive_button.clicked.connect(self.open_drive)
        self.folder_button.clicked.connect(self.choose_folder)
        self.images_button.clicked.connect(self.choose_images)
        row = QHBoxLayout()
        row.addWidget(self.drives, 1)
        row.addWidget(self.drive_button)
        row.addSpacing(16)
        row.addWidget(self.folder_button)
        row.addWidget(self.images_button)
        return row

    def _detail_pane(self, parent: QWidget) -> QWidget:
        pane = QWidget(parent)
        self.detail = VerdictDetail(pane)
        self.paper_button = QPushButton("核对纸质材料(&P)…", pane)
        self.paper_button.setToolTip("输入纸质材料页脚上的装订码（或扫描二维码），核对光盘与纸质材料是否同一份")
        self.view_button = QPushButton("查看内容(&S)", pane)
        self.view_button.setToolTip("在表格页面中只读查看填报的内容")
        self.import_button = QPushButton("导入到工作区(&M)", pane)
        self.import_button.setToolTip(f"把完整的数据包复制到本机数据文件夹的 {WORKSPACE} 中保存")
        self.paper_button.clicked.connect(self.ask_paper_code)
        self.view_button.clicked.connect(self.view_content)
        self.import_button.clicked.connect(self.import_current)
        self.note = StateLabel(pane)
        buttons = QHBoxLayout()
        for button in (self.paper_button, self.view_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        return pane

    # ------------------------------------------------------------ opening
    def choose_folder(self) -> None:
        chosen = choose_folder(self, "选择光盘或存放数据包的文件夹", Path.home())
        if chosen:
            self.open_paths([Path(chosen)])

    def choose_images(self) -> None:
        names = choose_files(self, "选择光盘映像", Path.home(), "光盘映像 (*.iso)")
        if names:
            self.open_paths([Path(n) for n in names])

    def open_drive(self) -> None:
        device = self.drives.device()
        if not device:
            self.summary.show_state("error", "请先选择光驱，或输入光驱的设备名或挂载位置（如 /dev/sr0、/media/cdrom）。")
            return
        self.open_paths([_drive_path(device)])

    def open_paths(self, paths: list[Path]) -> None:
        if self._running():
            return
        self._enable_sources(False)
        self.summary.show_state("", "正在校验……")
        self.run_row.begin("正在逐个文件核对……")
        job = partial(verify_paths, list(dict.fromkeys(paths)), workspace=self.workspace)
        self._task = self.ctx.tasks.run(self, job, on_success=self._verified, on_failure=self._failed,
                                        progress_bar=self.run_row.bar, cancel_button=self.run_row.cancel)
        self.run_row.track(self._task)

    def _running(self) -> bool:
        return self._task is not None and not self._task.finished

    def _enable_sources(self, on: bool) -> None:
        for widget in (self.drives, self.drive_button, self.folder_button, self.images_button):
            widget.setEnabled(on)

    def _verified(self, verdicts: list[PackageVerdict]) -> None:
        self._enable_sources(True)
        self.run_row.end("校验完成")
        self.verdicts = list(verdicts)
        self.paper.clear()
        self._show_summary()
        self.table.show_verdicts(self.verdicts)
        if self.verdicts:
            self.table.selectRow(0)
        self._show_current()

    def _show_summary(self) -> None:
        total = len(self.verdicts)
        complete = sum(1 for v in self.verdicts if v.complete)
        if not total:
            self.summary.show_state("error", "没有找到可以校验的数据包。")
        else:
            self.summary.show_state("ok" if complete == total else "error",
                                    f"共 {total} 个数据包：{complete} 个完整，{total - complete} 个有问题。")

    def _failed(self, error: BaseException) -> None:
        self._enable_sources(True)
        cancelled = was_cancelled(error)
        self.run_row.end("已取消" if cancelled else "没有完成")
        self.summary.show_state("error", "已取消校验。" if cancelled else describe_error(error, "校验"))

    # ------------------------------------------------------------ one package
    def current(self) -> PackageVerdict | None:
        row = self.table.currentRow()
        return self.verdicts[row] if 0 <= row < len(self.verdicts) else None

    def _show_current(self) -> None:
        verdict = self.current()
        self.detail.show_verdict(verdict, self.table.form_text(verdict) if verdict else "")
        state, sentence = self.paper.get(verdict.source, ("", "")) if verdict else ("", "")
        self.note.show_state(state, sentence)
        self.paper_button.setEnabled(verdict is not None and verdict.readable)
        self.view_button.setEnabled(verdict is not None and verdict.readable)
        self.import_button.setEnabled(verdict is not None and verdict.complete)

    def ask_paper_code(self) -> None:
        if self.current() is None:
            return
        text, ok = QInputDialog.getText(
            self, "核对纸质材料", "请输入纸质材料每页页脚上的装订码（16 位，如 7KQ2-M9XD-4TBE-Q1W8），\n"
                                  "或用扫码枪扫描最后一页的二维码：", QLineEdit.EchoMode.Normal, "")
        if ok and text.strip():
            self.check_paper_code(text)

    def check_paper_code(self, typed: str) -> None:
        """Verify the current package again with the code from the paper and say plainly whether they match."""
        before = self.current()
        if before is None or self._running():
            return
        code = paper_code(typed)
        if code is None:
            self._note(before, "error", f"“{typed.strip()[:60]}”不是装订码：装订码为 16 位字母和数字，"
                                        "如 7KQ2-M9XD-4TBE-Q1W8，印在纸质材料每页的页脚。")
            return
        self._enable_sources(False)
        self.run_row.begin(f"正在用装订码 {code} 重新核对……")
        job = partial(verify_paths, [Path(before.source)], code=code, workspace=self.workspace)
        self._task = self.ctx.tasks.run(self, job, on_success=lambda found: self._paper_checked(before, code, found),
                                        on_failure=self._failed, progress_bar=self.run_row.bar,
                                        cancel_button=self.run_row.cancel)
        self.run_row.track(self._task)

    def _paper_checked(self, before: PackageVerdict, code: str, found: list[PackageVerdict]) -> None:
        self._enable_sources(True)
        self.run_row.end("核对完成")
        after = found[0] if len(found) == 1 else None
        if before not in self.verdicts:
            return
        if after is None or not after.readable:
            self._note(before, "error", "无法核对：数据包已经读不出来了，请重新放入光盘后再校验。")
            return
        # What the typed code adds to the verdict is exactly what the paper check found.
        added = [p for p in after.problems if p not in before.problems]
        self.verdicts[self.verdicts.index(before)] = after
        self.table.show_verdicts(self.verdicts, keep_row=True)
        self._show_summary()
        if added:
            self._note(after, "error", "✖ 不一致：" + "；".join(added))
        else:
            self._note(after, "ok", f"✔ 一致：纸质材料上的装订码 {code} 与光盘上的数据相符，是同一份材料。")

    def _note(self, verdict: PackageVerdict, state: str, sentence: str) -> None:
        self.paper[verdict.source] = (state, sentence)
        self._show_current()

    def view_content(self) -> None:
        from .disc_jobs import read_submissions

        verdict = self.current()
        if verdict is None:
            return
        self.ctx.tasks.run(self, read_submissions, Path(verdict.source),
                           on_success=lambda forms: [self.open_view(verdict, *read) for read in forms],
                           on_failure=lambda error: self.note.show_state("error", describe_error(error)))

    def open_view(self, verdict: PackageVerdict, form, raw: dict, revision: int) -> QMainWindow:
        """One read-only window per form of the package (a 申请书 and its 对接表 each get theirs)."""
        title = f"{verdict.submitter_name or '未填写企业名称'}（收到的材料）"
        return self.ctx.windows.open_view(verdict.source, form, raw, revision, title)

    def import_current(self) -> None:
        verdict = self.current()
        if verdict is None or not verdict.complete:
            return
        self.import_button.setEnabled(False)
        self.ctx.tasks.run(self, import_package, verdict, self.workspace,
                           on_success=lambda folder: self._note(verdict, "ok", f"已导入到工作区：{folder}"),
                           on_failure=lambda error: self._note(verdict, "error", describe_error(error)))

    # ------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._running():
            self._task.cancel()  # checking only reads: it can stop at any moment
        self.ctx.open_windows.pop(WINDOW_KEY, None)
        event.accept()
