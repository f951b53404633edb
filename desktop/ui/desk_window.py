"""收件与审核: the desk's register with filters, decisions with reasons, field comments and paper checks.

A thin face of ``desktop.desk``: receiving runs through the task helper
(progress and cancel); every other action is one short call into the core,
which checks it, records it in the audit log and refuses a decision made on a
state another officer has changed since (the table then reloads).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView,
                               QInputDialog, QLineEdit, QMainWindow, QMessageBox, QPushButton, QSplitter, QTableView,
                               QTextBrowser, QWidget)

from desktop.desk.db import DESK_DB_NAME, DeskDB, DeskError
from desktop.desk.db_password import split_password, with_password
from desktop.desk.query import PackageFilter, Row, list_rows
from desktop.desk.tables import CORRECT, OFFICER_STATES, PASSED, REJECTED

from . import desk_actions
from .desk_detail import detail_html
from .desk_settings import DeskSettingsDialog, audit_report
from .desk_store import StoreDialog, first_store, open_store, password_removed_note, store_text
from .desk_filters import DeskFilters
from .desk_widgets import selected_of
from .desk_table import RegisterModel
from .disc_widgets import StateLabel, TaskRow, titled_page
from .messages import show_error
from .tasks import TaskHandle

WINDOW_KEY = "DeskWindow"
RECEIVE_NOT_DONE = "收件没有完成：取消之前核验的材料已登记，其余的请重新收件。"


class DeskWindow(QMainWindow):
    def __init__(self, ctx, parent: QWidget | None = None, db: DeskDB | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.db, opening_note = (db, ("", "")) if db is not None else first_store(self, ctx)
        self._task: TaskHandle | None = None
        self._export: TaskHandle | None = None
        layout = titled_page(self, "收件与审核", spacing=8)
        central = self.centralWidget()
        layout.addLayout(self._actions(central))
        self.run_row = TaskRow("收件", central)
        layout.addWidget(self.run_row)
        self.summary = StateLabel(central, bold=True)
        layout.addWidget(self.summary)
        self.filters = DeskFilters([f.id for f in ctx.forms], central)
        self.filters.changed.connect(self.apply_filter)
        layout.addWidget(self.filters)
        splitter = QSplitter(Qt.Orientation.Vertical, central)
        splitter.addWidget(self._table(splitter))
        self.detail = QTextBrowser(splitter)
        self.detail.setAccessibleName("收件详情")
        splitter.addWidget(self.detail)
        splitter.setSizes([380, 220])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._decisions(central))
        self._menu()
        self.resize(1280, 780)
        self.reload()
        self.note.show_state(*opening_note)
        told = password_removed_note(ctx)
        if told:
            self.note.show_state("warning", told)

    # ------------------------------------------------------------ layout
    def _actions(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, slot in (("收件：打开文件夹(&F)…", self.choose_folder), ("收件：光盘映像(&I)…", self.choose_images),
                           ("核对纸质材料(&P)…", self.ask_paper_code), ("刷新(&R)", self.reload)):
            button = QPushButton(text, parent)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.ems = QLineEdit(parent)
        self.ems.setPlaceholderText("EMS 邮件号（可选）")
        self.ems.setMaximumWidth(200)
        row.addWidget(self.ems)
        row.addStretch(1)
        return row

    def _table(self, parent: QWidget) -> QTableView:
        names = {f.id: f.attachment_no for f in self.ctx.forms}
        self.model = RegisterModel(names, parent)
        self.table = QTableView(parent)
        self.table.setAccessibleName("收件列表")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        return self.table

    def _decisions(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.decision_buttons = {}
        for state in OFFICER_STATES:
            button = QPushButton(state + ("…" if state != PASSED else ""), parent)
            button.clicked.connect(partial(self.decide_selected, state))
            self.decision_buttons[state] = button
            row.addWidget(button)
        self.comment_button = QPushButton("对字段提意见(&C)…", parent)
        self.comment_button.clicked.connect(self.comment_selected)
        row.addWidget(self.comment_button)
        self.view_button = QPushButton("查看内容(&S)", parent)
        self.view_button.setToolTip("只读查看填报的内容，意见显示在对应字段旁")
        self.view_button.clicked.connect(partial(desk_actions.view_content, self))
        row.addWidget(self.view_button)
        row.addStretch(1)
        self.note = StateLabel(parent)
        row.addWidget(self.note, 2)
        return row

    def _menu(self) -> None:
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("导出收件清单（XLSX）…", partial(self.export_xlsx, "收件清单"))
        menu.addAction("导出需求汇总表（XLSX）…", partial(self.export_xlsx, "需求汇总表"))
        menu.addAction("出具补正通知(&N)…", partial(desk_actions.issue_notice, self))
        menu.addAction("报送初核通过的材料(&U)…", partial(desk_actions.forward_accepted, self))
        menu.addSeparator()
        menu.addAction("只校验光盘，不登记(&V)…", self.open_verify_only)
        menu.addAction("收件数据库（本机或服务器）(&D)…", self.choose_database)
        menu.addAction("本单位与经办人(&O)…", self.edit_settings)
        menu.addAction("核查审核日志(&A)", self.check_audit)
        menu.addSeparator()
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        needs = self.menuBar().addMenu("需求与遴选(&N)")
        needs.addAction("需求筛选(&S)…", lambda: self.ctx.windows.open_screening(self.db))
        needs.addAction("生成需求目录(&G)…", self.build_catalogue)
        needs.addAction("揭榜企业遴选(&X)…", lambda: self.ctx.windows.open_selection(self.db))

    def build_catalogue(self) -> None:
        from . import desk_catalogue

        desk_catalogue.ask_and_build(self.ctx.windows.open_screening(self.db))

    def choose_database(self) -> None:
        dialog = StoreDialog(self, self.ctx.settings.desk_db)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.switch_database(*dialog.chosen())

    def switch_database(self, target: str, password: str | None = None, in_address: bool = False) -> bool:
        """Open ``target`` ("" = the local desk.db); ``password`` is kept in memory for this run only."""
        bare = split_password(target)[0] if target else ""
        try:
            opened, source = open_store(self, self.ctx, with_password(bare, password) if password and bare else
                                        bare or Path(self.ctx.data_dir) / DESK_DB_NAME)
        except DeskError as error:
            self.note.show_state("error", str(error))
            return False
        self.ctx.windows.close_desk_pages()
        self.db.close()
        self.db = opened
        self.ctx.update_settings(desk_db=bare)
        moved = "；地址中的密码没有写入设置文件" if in_address else ""
        self.note.show_state("ok", "已打开收件数据库：" + (store_text(bare, source) if bare else "本机 desk.db")
                             + moved)
        self.reload()
        return True

    def edit_settings(self) -> None:
        dialog = DeskSettingsDialog(self.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                written = dialog.save()
            except DeskError as error:
                self.note.show_state("error", str(error))
                return
            self.note.show_state("ok", f"已保存{'、'.join(written)}（已记入审核日志）" if written else "设置没有改变")

    def check_audit(self) -> None:
        intact, message = audit_report(self.db)
        self.note.show_state("ok" if intact else "error", message)
        if not intact:
            show_error(self, message + "。审核日志在保存之后被改动过：请保留数据库文件，报告主管领导和技术人员。",
                       "审核日志不完整")

    def open_verify_only(self) -> None:
        self.ctx.windows.open_verify()

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        rows = list_rows(self.db)
        self.filters.offer(rows)
        self.model.set_rows(rows)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.apply(self.filters.current())
        total, shown = len(self.model.all_rows), len(self.model.rows)
        problems = sum(r.verdict != "完整" for r in self.model.all_rows)
        waiting = sum(r.state == "已收件" for r in self.model.all_rows)
        self.summary.show_state("error" if problems else "", f"共收件 {total} 份，其中校验有问题 {problems} 份、"
                                f"待审核 {waiting} 份；当前列出 {shown} 份")
        self._show_selected()

    def selected_rows(self) -> list[Row]:
        return selected_of(self.table, self.model.rows)

    def _show_selected(self, *_args) -> None:
        rows = self.selected_rows()
        for button in (*self.decision_buttons.values(), self.comment_button, self.view_button):
            button.setEnabled(bool(rows))
        if len(rows) != 1:
            self.detail.setHtml(f"<p>已选择 {len(rows)} 份材料。</p>" if rows else
                                "<p>在上面的列表中选择材料（可按住 Ctrl 或 Shift 多选），这里显示详情。</p>")
            return
        self.detail.setHtml(detail_html(self.db, rows[0]))

    # ------------------------------------------------------------ receiving
    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择光盘或存放数据包的文件夹", str(Path.home()))
        if chosen:
            self.receive([Path(chosen)])

    def choose_images(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "选择光盘映像", str(Path.home()), "光盘映像 (*.iso)")
        if names:
            self.receive([Path(n) for n in names])

    def receive(self, paths: list[Path]) -> None:
        from desktop.desk.receive import Batch, receive_paths

        if self._task is not None and not self._task.finished:
            return
        self.run_row.begin("正在校验并登记……")
        job = partial(receive_paths, self.db, paths, batch=Batch(ems_no=self.ems.text().strip()[:40]))
        self._task = self.ctx.tasks.run(self, job, on_success=self._received,
                                        on_failure=partial(self.task_failed, RECEIVE_NOT_DONE),
                                        progress_bar=self.run_row.bar, cancel_button=self.run_row.cancel)
        self.run_row.track(self._task)

    def _received(self, results) -> None:
        counts = {}
        for result in results:
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
        self.run_row.end("收件完成")
        broken = sum(not r.verdict.complete for r in results)
        text = "、".join(f"{k} {v} 份" for k, v in counts.items()) or "没有找到数据包"
        self.note.show_state("error" if broken else "ok", f"收件完成：{text}" + (f"；其中 {broken} 份有问题" if broken else ""))
        self.reload()

    def task_failed(self, meaning: str, error: BaseException) -> None:
        """A long job (receiving, forwarding) that did not finish: what that means, and why unless cancelled."""
        cancelled = self.run_row.failed(error)
        self.note.show_state("error", meaning)
        if not cancelled:
            show_error(self, error)
        self.reload()

    # ------------------------------------------------------------ review
    def decide_selected(self, decision: str) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        reason = ""
        if decision in (CORRECT, REJECTED):
            reason, ok = QInputDialog.getMultiLineText(self, decision, f"请写明“{decision}”的理由（将告知报送单位）：")
            if not ok:
                return
        if len(rows) > 1 and not self.confirm_count(decision, len(rows)):
            return
        self.run_decision([r.id for r in rows], decision, reason, {r.id: r.state_version for r in rows})

    def confirm_count(self, decision: str, count: int) -> bool:
        answer = QMessageBox.question(self, "确认决定", f"确定将选中的 {count} 份材料标记为“{decision}”吗？")
        return answer == QMessageBox.StandardButton.Yes

    def run_decision(self, ids: list[int], decision: str, reason: str, expected: dict[int, int]) -> None:
        from desktop.desk.review import decide

        try:
            done = decide(self.db, ids, decision, reason, expected=expected, confirm_count=len(ids))
        except DeskError as error:
            self.note.show_state("error", str(error))
            self.reload()
            return
        self.note.show_state("ok", f"已记录：{len(done)} 份材料 → {decision}")
        self.reload()

    def comment_selected(self) -> None:
        """Comments are written in 查看内容 by clicking the field they are about."""
        if desk_actions.view_content(self):
            self.note.show_state("", "在打开的查看窗口中点击要提意见的填写项，在右侧写意见；意见显示在该填写项旁。")

    def comment_added(self) -> None:
        self._show_selected()

    def ask_paper_code(self) -> None:
        typed, ok = QInputDialog.getText(self, "核对纸质材料", "输入或扫描纸质材料页脚的装订码：")
        if ok and typed.strip():
            self.check_paper(typed)

    def check_paper(self, typed: str) -> None:
        from desktop.desk.review import paper_check

        try:
            package_id, matched = paper_check(self.db, typed)
        except DeskError as error:
            self.note.show_state("error", str(error))
            return
        self.note.show_state("ok" if matched else "error", f"#{package_id}：纸质材料与光盘"
                             + ("一致，已记录" if matched else "不一致，请核对"))
        self.reload()

    def export_xlsx(self, which: str) -> None:
        """Written on a worker thread (10,000 rows take seconds): the window stays usable meanwhile."""
        if self._export is not None and not self._export.finished:
            self.note.show_state("warning", "上一个表格还在导出，请稍候")
            return
        name, _ = QFileDialog.getSaveFileName(self, f"导出{which}", str(Path.home() / f"{which}.xlsx"), "Excel (*.xlsx)")
        if not name:
            return
        self.note.show_state("", f"正在导出{which}（当前列出的 {len(self.model.rows)} 份材料）……")
        self._export = self.ctx.tasks.run(self, _write_listing, self.db, which, Path(name), [r.id for r in self.model.rows],
                                          on_success=lambda count: self.note.show_state(
                                              "ok", f"已导出{which}：{name}（{count} 行）"),
                                          on_failure=self._export_failed)

    def _export_failed(self, error: BaseException) -> None:
        self.note.show_state("error", "表格没有导出，已列出的材料不受影响")
        show_error(self, error)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self.ctx.windows.close_desk_pages()
        self.db.close()
        self.ctx.open_windows.pop(WINDOW_KEY, None)
        event.accept()


def _write_listing(db: DeskDB, which: str, path: Path, ids: list[int]) -> int:
    """收件清单 or 需求汇总表 of the packages listed in the window; the number of rows written."""
    from desktop.desk import xlsx_out

    if which == "收件清单":
        return xlsx_out.write_receipts(db, path, PackageFilter(ids=tuple(ids)))
    return xlsx_out.write_needs(db, path, ids)
