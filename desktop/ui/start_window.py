"""The start window: one large choice per role, the drafts, and the campaign in force (docs/workflow.md “开始窗口”)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from desktop.rules.campaign import Campaign, CampaignError, current_campaign, deadline_text
from desktop.errorlog import reason

from .context import AppContext
from .draft_dialogs import NewDraftDialog
from .drafts_panel import DraftsPanel
from .file_dialogs import choose_file
from .help_menu import add_help_menu, campaigns_dir
from .learning_offer import LearningOffer
from .messages import show_error
from .notice_open import add_notice_menu
from .submission_io import add_submission_menu


class RoleButton(QPushButton):
    """A large button with a bold title and a line saying who it is for."""

    def __init__(self, title: str, line: str, parent: QWidget):
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setMinimumHeight(86)
        heading = QLabel(f"<b>{title}</b>", self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)
        self.line = QLabel(line, self)
        self.line.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        for label in (heading, self.line):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)


class StartWindow(QMainWindow):
    def __init__(self, ctx: AppContext, early_drafts: list | None = None):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("携手填报")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(self._campaign_box(central))
        layout.addLayout(self._roles(central))
        self.learning = LearningOffer(ctx, self.open_sample_draft, central)
        layout.addWidget(self.learning)
        self.officer_entries = self._officer_entries(central, layout)
        self.drafts = DraftsPanel(ctx, self.open_draft, self.new_draft, central)
        layout.addWidget(self.drafts, 1)
        self.setCentralWidget(central)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("新建草稿(&N)…", QKeySequence.StandardKey.New, self.new_draft)
        add_submission_menu(menu, ctx, self, on_created=self._created)
        add_notice_menu(menu, ctx, self, self._open_answering)
        menu.addAction("回收站…", self.drafts.recycle_bin)
        menu.addAction("导入活动文件(&A)…", self.import_campaign)
        menu.addSeparator()
        menu.addAction("退出(&X)", QKeySequence.StandardKey.Quit, self.close)
        add_help_menu(self, ctx, self.open_sample_draft)
        self.resize(1200, 720)
        if ctx.store is not None:
            self.store_ready()
        else:
            # the list may be shown already (read without the store); acting on it waits for the store
            self.centralWidget().setEnabled(False)
            self.menuBar().setEnabled(False)
            if early_drafts is not None:
                self.drafts.reload(drafts=early_drafts)
            else:
                self.drafts.empty.setText("正在打开草稿库……")

    def store_ready(self) -> None:
        """The store is open: list the drafts and let the user act."""
        self.centralWidget().setEnabled(True)
        self.menuBar().setEnabled(True)
        self.drafts.reload()
        self.learning.refresh()

    # ------------------------------------------------------------ pieces
    def _roles(self, parent: QWidget) -> QHBoxLayout:
        self.fill_button = RoleButton("填报材料（企业）", "新建本次活动的表格，或继续填写下面的草稿", parent)
        self.burn_button = RoleButton("刻录与校验光盘", "把导出的材料刻成光盘，或检查一张光盘是否完好", parent)
        self.verify_button = RoleButton("收件与审核（主管部门）", "打开收到的光盘，核对材料是否完整、与纸质件一致", parent)
        self.fill_button.clicked.connect(self.new_draft)
        self.burn_button.clicked.connect(self.open_burn_window)
        self.verify_button.clicked.connect(self.open_verify_window)
        row = QHBoxLayout()
        row.setSpacing(14)
        for button in (self.fill_button, self.burn_button, self.verify_button):
            row.addWidget(button, 1)
        return row

    def _campaign_box(self, parent: QWidget) -> QLabel:
        self.campaign_label = QLabel(parent)
        self.campaign_label.setWordWrap(True)
        self.campaign_label.setTextFormat(Qt.TextFormat.RichText)
        self.show_campaign()
        return self.campaign_label

    def _officer_entries(self, parent: QWidget, layout: QVBoxLayout) -> list:
        """Campaigns for officers (2024 百场万企), each with its deadlines and its register."""
        from .campaign_entries import CampaignEntry, officer_campaigns

        entries = [CampaignEntry(c, self.ctx.today(), self.open_register, parent)
                   for c in officer_campaigns(self.campaigns_dir())]
        for entry in entries:
            layout.addWidget(entry)
        return entries

    def open_register(self, campaign: Campaign | None = None) -> QMainWindow:
        from .register_window import RegisterWindow

        window = self.ctx.open_windows.get("register")
        if window is None:
            window = RegisterWindow(self.ctx, campaign)
            self.ctx.open_windows["register"] = window
        window.show()
        window.raise_()
        return window

    def campaigns_dir(self) -> Path:
        return campaigns_dir(self.ctx)

    def show_campaign(self) -> Campaign | None:
        try:
            campaign = current_campaign(self.campaigns_dir())
        except Exception as error:  # a damaged installation still lets drafts be filled
            self.campaign_label.setText(f"无法读取本次活动的信息：{reason(error)}。草稿照常可以填写。")
            return None
        self.campaign_label.setText(self.campaign_text(campaign))
        return campaign

    def campaign_text(self, campaign: Campaign) -> str:
        today = self.ctx.today()
        lines = [f"<span style='font-size:large'><b>{campaign.name}</b></span>　{campaign.notice}"]
        for deadline in campaign.deadlines:
            names = [f.attachment_no for f in (self.ctx.form(i) for i in deadline.forms) if f is not None]
            who = "、".join(names) or "、".join(deadline.forms)
            lines.append(f"{who}：<b>{deadline_text(deadline, today)}</b>　{deadline.what}")
        return "<br>".join(lines)

    # ------------------------------------------------------------ actions
    def campaign_forms(self) -> tuple:
        try:
            wanted = current_campaign(self.campaigns_dir()).forms
        except Exception:  # without campaign data every known form is offered
            wanted = ()
        forms = tuple(f for f in self.ctx.forms if f.id in wanted)
        return forms or self.ctx.forms

    def new_draft(self) -> None:
        dialog = NewDraftDialog(self.ctx, self.campaign_forms(), self)
        if dialog.exec():
            draft_id = dialog.create()
            if draft_id is not None:
                self._created(draft_id)

    def _created(self, draft_id: int) -> None:
        self.drafts.reload(select=draft_id)
        self.learning.refresh()
        self.open_draft(draft_id)

    def _open_answering(self, draft_id: int) -> QMainWindow | None:
        """A draft that has just taken a 补正通知: listed afresh, then opened."""
        self.drafts.reload(select=draft_id)
        return self.open_draft(draft_id)

    def open_draft(self, draft_id: int) -> QMainWindow | None:
        def watch(window: QMainWindow) -> None:
            window.closed.connect(lambda _id: self.drafts.reload())
            window.session.saved.connect(lambda _record: self.drafts.reload())

        try:
            return self.ctx.windows.open_draft(draft_id, on_new=watch)
        except Exception as error:  # purged meanwhile, an unknown form, an unreadable store
            show_error(self, error, "无法打开草稿")
            self.drafts.reload()
            return None

    def open_sample_draft(self) -> None:
        """The sample draft to learn on: the one made before if it is still there, else a new one."""
        from desktop.learning import SAMPLE_TITLE, create_sample_draft

        existing = [d.id for d in self.ctx.store.list_drafts() if d.title == SAMPLE_TITLE]
        try:
            draft_id = existing[0] if existing else create_sample_draft(self.ctx.store)
        except Exception as error:  # a store failure is told, never raised at the clerk
            show_error(self, error, "无法打开样例草稿")
            return
        self.learning.hide()
        self._created(draft_id)

    def import_campaign(self) -> None:
        name = choose_file(self, "导入活动文件", Path.home(), "活动文件 (*.json)")
        if name:
            self.import_campaign_file(Path(name))

    def import_campaign_file(self, path: Path) -> bool:
        """Take in a newer campaign file (docs/rules.md §4); a file that cannot be used changes nothing."""
        from .disc_jobs import import_campaign_file

        try:
            imported = import_campaign_file(path, self.campaigns_dir())
        except CampaignError as error:
            show_error(self, f"{reason(error)}。\n当前的活动信息没有改变。", "无法导入活动文件")
            return False
        except OSError as error:
            show_error(self, error, "无法导入活动文件")
            return False
        shown = self.show_campaign()
        note = f"已导入活动文件：{imported.name}（{imported.notice}）。"
        if shown is not None and shown.id != imported.id:
            note += f"\n它早于“{shown.name}”，开始窗口仍显示较新的活动。"
        QMessageBox.information(self, "导入活动文件", note)
        return True

    def open_burn_window(self) -> None:
        self.ctx.windows.open_burn()

    def open_verify_window(self) -> None:
        self.ctx.windows.open_desk()  # 收件与审核: the register; it also offers the verify-only window

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.ctx.windows.close_all():
            event.ignore()
            return
        event.accept()
