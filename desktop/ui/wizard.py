"""The form wizard of one draft: steps on the left, the page, and the bottom bar (docs/workflow.md “填报向导”).

With ``read_only=True`` the same pages show a received package's data
(收件审核 → 查看内容): no export step, no file menu imports, editors locked,
no autosave and nothing written to the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QPushButton, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from desktop.engine.schema import form_hash
from desktop.store import DraftRecord
from desktop.store.records import enterprise_name_of

from .context import AppContext
from .export_page import ExportPage
from .help_menu import add_help_menu
from .messages import show_error
from .notice_bar import NoticeBar
from .notice_open import banner_text, notice_banner
from .page import FormPage
from .review_page import ReviewPage
from .revisions import new_revision_text
from .session import DraftSession
from .step_list import StepList
from .steps import EXPORT, REVIEW, ROW, Step, build_steps, step_for_path, step_state
from .submission_io import add_submission_menu
from .text import clock, problems_left
from .verify_readonly import READ_ONLY_NOTE, ReadOnlySession, lock_page, row_openers


# Row pages (one per need) kept built at once; older ones are rebuilt from the
# session when reopened, so a 20-need draft does not hold 20 pages of widgets.
KEPT_ROW_PAGES = 6
KEPT_STEPS = 200  # drafts whose last step is remembered (the most recently closed)


class WizardWindow(QMainWindow):
    closed = Signal(int)
    read_only_session = ReadOnlySession   # a subclass may show more beside the fields (the desk's comments)

    def __init__(self, ctx: AppContext, record: DraftRecord, parent: QWidget | None = None, *,
                 read_only: bool = False, window_key: object = None):
        super().__init__(parent)
        self.ctx = ctx
        self.read_only = read_only
        self.window_key = window_key if window_key is not None else ("draft", record.id)
        self.form = ctx.form(record.form_id, record.edition)
        self.session = (self.read_only_session if read_only else DraftSession)(ctx, record, self.form)
        self._revision_seen = record.revision
        if read_only:
            self.session.attention.reveal_all()  # a received package is reviewed, not filled
        self.steps: list[Step] = self._build_steps()
        self.pages: dict[str, QWidget] = {}
        self.visited: set[str] = set()
        self.recent_rows: list[str] = []  # row page keys, least recently opened first
        self.current = self._step_left_at()
        self.save_note = READ_ONLY_NOTE if read_only else "已打开"
        self._build()
        self.session.validated.connect(self._validated)
        self.session.saved.connect(self._saved)
        self.session.save_failed.connect(self._save_failed)
        self.session.rows_changed.connect(self._rows_changed)
        self.session.filled.connect(self._filled)
        self.open_step(self.current)
        self.resize(1200, 720)
        if record.form_hash != form_hash(self.form):
            # a later program changed this edition's definition: say so, never reinterpret silently
            self.definition_note = QLabel(
                f"这份草稿是按另一版本的表格定义填写的（{record.form_hash}，现为 {form_hash(self.form)}），"
                "请逐页核对后再导出，特别是“检查问题”页列出的内容。", self)
            self.statusBar().addWidget(self.definition_note, 1)  # stays while other messages come and go

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.step_list = StepList(self)
        self.step_list.setMinimumWidth(170)
        self.step_list.step_chosen.connect(lambda key: self.open_step(key, focus_page=False))
        self.stack = QStackedWidget(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 980])
        splitter.setChildrenCollapsible(False)
        self.problems_label = QLabel(self)
        self.review_button = QPushButton("查看", self)
        self.review_button.clicked.connect(lambda: self.open_step("review"))
        self.prev_button = QPushButton("上一步  Ctrl+PgUp", self)
        self.next_button = QPushButton("下一步  Ctrl+PgDn", self)
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(1))
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 6, 12, 6)
        if self.read_only:
            note = QLabel(f"<b>{READ_ONLY_NOTE}</b>", self)
            bar.addWidget(note)
            bar.addSpacing(16)
        bar.addWidget(self.problems_label)
        bar.addSpacing(8)
        bar.addWidget(self.review_button)
        bar.addStretch(1)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.next_button)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.revision_notice = NoticeBar(self)
        layout.addWidget(self.revision_notice)
        self.notice_banner = None if self.read_only else notice_banner(
            self.session.raw, self.form.id, central, sealed=self.session.sealed, revision=self.session.revision)
        if self.notice_banner is not None:  # the draft is answering a 补正通知
            layout.addWidget(self.notice_banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(bar)
        self.setCentralWidget(central)
        QShortcut(QKeySequence("Ctrl+PgUp"), self, lambda: self.go(-1))
        QShortcut(QKeySequence("Ctrl+PgDown"), self, lambda: self.go(1))
        menu = self.menuBar().addMenu("文件(&F)")
        if not self.read_only:
            QShortcut(QKeySequence.StandardKey.Save, self, self._confirm_saved)
            add_submission_menu(menu, self.ctx, self, session=self.session)
            menu.addSeparator()
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        if not self.read_only:
            self._edit_menu()
        add_help_menu(self, self.ctx)

    def _edit_menu(self) -> None:
        menu = self.menuBar().addMenu("编辑(&E)")
        self.undo_action = self.session.undo_stack.createUndoAction(self, "撤销")
        self.redo_action = self.session.undo_stack.createRedoAction(self, "重做")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo, QKeySequence("Ctrl+Y")])
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)

    def _build_steps(self) -> list[Step]:
        steps = build_steps(self.form, self.session.raw)
        return [s for s in steps if s.kind != EXPORT] if self.read_only else steps

    # -------------------------------------------------------- navigation
    def _step_left_at(self) -> str:
        """Where the user left this draft last time (the first step for a new one, or if it is gone)."""
        key = None if self.read_only else self.ctx.settings.draft_steps.get(str(self.session.draft_id))
        return key if isinstance(key, str) and self.step(key) is not None else self.steps[0].key

    def _remember_step(self) -> None:
        if self.read_only:
            return
        steps = {k: v for k, v in self.ctx.settings.draft_steps.items() if k != str(self.session.draft_id)}
        steps[str(self.session.draft_id)] = self.current
        self.ctx.update_settings(draft_steps=dict(list(steps.items())[-KEPT_STEPS:]))

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    def open_step(self, key: str, focus_page: bool = True) -> QWidget | None:
        step = self.step(key)
        if step is None:
            return None
        if step.kind == REVIEW:
            self.session.reveal_problems()  # from now on every field shows what it lacks
        page = self.pages.get(key) or self._make_page(step)
        self.visited.add(key)
        self.current = key
        self.stack.setCurrentWidget(page)
        self._keep_recent_rows(key)
        self._refresh_page(page)
        self._show_states()
        if focus_page:
            target = page.first_focus() if isinstance(page, FormPage) else page
            (target or page).setFocus(Qt.FocusReason.OtherFocusReason)
        return page

    def _make_page(self, step: Step) -> QWidget:
        if step.kind == REVIEW:
            page = ReviewPage(self.session, lambda: self.steps, self.open_path, self)
        elif step.kind == EXPORT:
            page = ExportPage(self.ctx, self.session, lambda: self.open_step("review"), self)
        else:
            page = FormPage(self.session, step, lambda row: self._open_row(step, row), self)
        if self.read_only and isinstance(page, FormPage):
            lock_page(page, keep=row_openers(page))
        self.pages[step.key] = page
        self.stack.addWidget(page)
        self._fix_tab_order(page)
        return page

    def _keep_recent_rows(self, key: str) -> None:
        """Drop the least recently opened row pages beyond KEPT_ROW_PAGES (their values live in the session)."""
        self.recent_rows = [k for k in self.recent_rows if k != key and k in self.pages]
        if self.step(key).kind == ROW:
            self.recent_rows.append(key)
        while len(self.recent_rows) > KEPT_ROW_PAGES:
            page = self.pages.pop(self.recent_rows.pop(0))
            self.stack.removeWidget(page)
            page.deleteLater()

    def _fix_tab_order(self, page: QWidget) -> None:
        """Reading order for Tab: the steps, then the page, then the bottom bar."""
        inside: list[QWidget] = []
        widget = page.nextInFocusChain()
        while widget is not page:  # Qt's chain holds the page's widgets in creation (= reading) order
            if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                inside.append(widget)
            widget = widget.nextInFocusChain()
        chain = [self.step_list, *inside, self.review_button, self.prev_button, self.next_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _open_row(self, step: Step, row: int) -> None:
        section = step.section.id
        self.open_step(f"row:{section}:{row}")

    def go(self, delta: int) -> None:
        keys = [s.key for s in self.steps]
        index = keys.index(self.current) + delta
        if 0 <= index < len(keys):
            self.open_step(keys[index])

    def open_path(self, path: str) -> None:
        """Open the page that shows ``path`` and put the cursor in that field (the review page's jump)."""
        step = step_for_path(self.steps, path)
        if step is None:
            return
        page = self.open_step(step.key, focus_page=False)
        if isinstance(page, FormPage) and not page.focus_path(path):
            target = page.first_focus()
            if target is not None:
                target.setFocus()

    # ------------------------------------------------------------- state
    def _validated(self) -> None:
        self._sync_steps()  # row labels may quote values, and rows may have come or gone
        page = self.pages.get(self.current)
        if page is not None:
            self._refresh_page(page)
        self._show_states()

    def _sync_steps(self) -> None:
        self.steps = self._build_steps()
        keys = {s.key for s in self.steps}
        for key in [k for k in self.pages if k not in keys]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        if self.current not in keys:
            # the row shown was removed: back to its list
            self.open_step("section:" + self.current.split(":")[1], focus_page=False)

    def _refresh_page(self, page: QWidget) -> None:
        if isinstance(page, FormPage):
            page.show_state()
        elif isinstance(page, (ReviewPage, ExportPage)):
            page.refresh()

    def _show_states(self) -> None:
        index, raw = self.session.index, self.session.raw
        states = {s.key: step_state(s, self.steps, index, raw, s.key in self.visited) for s in self.steps}
        self.step_list.show_steps(self.steps, states, self.current)
        count = len(index.outstanding)
        self.problems_label.setText(problems_left(count))
        self.review_button.setVisible(count > 0)
        keys = [s.key for s in self.steps]
        position = keys.index(self.current)
        self.prev_button.setEnabled(position > 0)
        self.next_button.setEnabled(position < len(keys) - 1)
        self._show_title()

    def _show_title(self) -> None:
        name = enterprise_name_of(self.session.raw) or "未填写企业名称"
        self.setWindowTitle(f"{self.form.attachment_no} {self.form.title} · {name} — {self.save_note}")

    def _rows_changed(self, path: str) -> None:
        self._sync_steps()
        for page in self.pages.values():
            # "" = every value was replaced (an imported file): reload every page
            if isinstance(page, FormPage) and (page.step.kind == ROW or not path):
                page.load()
        self._show_states()

    def _filled(self, paths: list[str]) -> None:
        for page in self.pages.values():
            if isinstance(page, FormPage):
                page.refresh(paths)

    def _saved(self, record: DraftRecord) -> None:
        self.save_note = f"已自动保存 {clock(self.session.saved_at)}"
        self._show_title()
        if record.revision > self._revision_seen and not record.sealed:
            self._new_revision(record.revision)
        self._revision_seen = record.revision
        if self.notice_banner is not None:  # exported: the banner says this revision answers the notice
            self.notice_banner.setText(banner_text(self.session.raw, self.form.id, sealed=self.session.sealed,
                                                   revision=self.session.revision) or "")
        export = self.pages.get("export")
        if isinstance(export, ExportPage):
            export.refresh()

    def _new_revision(self, revision: int) -> None:
        """An edit of an exported draft started the next revision: say so once, plainly, until dismissed."""
        try:
            exports = self.ctx.store.list_exports(self.session.draft_id)
        except Exception:  # the notice is a courtesy; the title bar and export page say it too
            exports = []
        self.revision_notice.show_text(new_revision_text(exports, revision))

    def _save_failed(self, message: str) -> None:
        self.save_note = "自动保存没有成功，将在下次修改时重试"
        self._show_title()
        self.statusBar().showMessage(message, 15_000)

    def _confirm_saved(self) -> None:
        self.session.save_soon()
        self.statusBar().showMessage("已保存。携手填报在每次修改后都会自动保存，不需要手动保存。", 4000)

    # ------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        export = self.pages.get("export")
        if isinstance(export, ExportPage):
            export.stop()
        try:
            self.session.close()
        except Exception as error:  # the clerk must hear why, and may retry
            show_error(self, error, "保存没有完成")
            event.ignore()
            return
        self._remember_step()
        self.ctx.open_windows.pop(self.window_key, None)
        self.closed.emit(self.session.draft_id)
        event.accept()
