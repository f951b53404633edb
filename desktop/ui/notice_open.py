"""打开补正通知: a notice file from the reviewing office opens the draft it is about.

The file is checked as hostile input (``desktop.correction.load_notice``); the
matching draft takes the notice, opens, and goes to the first commented field.
Every comment then shows at its field and on the review page (the session
counts them as warnings), and a banner above the pages says which notice the
draft is answering until it is exported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QWidget

from desktop.correction import CorrectionNotice, NoticeError, load_notice
from desktop.correction.drafts import apply_notice, find_drafts, stored_notice
from desktop.rules.formats import format_date_cn

from .messages import show_error

FILTER = "补正通知 (*.json)"
BANNER_STYLE = "background: #fff4e5; color: #7a4100; padding: 8px 12px; border-bottom: 1px solid #f0c36d;"


def add_notice_menu(menu: QMenu, ctx, parent: QWidget, open_draft: Callable[[int], object]) -> None:
    menu.addAction("打开补正通知…", lambda: choose_notice(ctx, parent, open_draft))


def choose_notice(ctx, parent: QWidget, open_draft: Callable[[int], object]) -> None:
    name, _ = QFileDialog.getOpenFileName(parent, "打开补正通知", str(Path.home()), FILTER)
    if name:
        open_notice_file(ctx, parent, Path(name), open_draft)


def open_notice_file(ctx, parent: QWidget, path: Path, open_draft: Callable[[int], object]):
    """The wizard window of the draft that now holds the notice, or None (the user was told why)."""
    try:
        notice = load_notice(path)
    except NoticeError as error:
        show_error(parent, str(error), "无法打开补正通知")
        return None
    if ctx.form(notice.form_id) is None:
        show_error(parent, f"补正通知针对的表格（{notice.form_id}）本程序不认识，请升级携手填报后再打开。",
                   "无法打开补正通知")
        return None
    matches = find_drafts(ctx.store, notice)
    if not matches:
        show_error(parent, _no_draft_message(notice), "没有找到对应的草稿")
        return None
    draft_id = matches[0].draft_id
    _close_windows(ctx, draft_id)  # an open window would save its own copy over the notice
    try:
        for changed in apply_notice(ctx.store, notice, draft_id, ctx.forms):
            _close_windows(ctx, changed)
    except Exception as error:  # a store failure is told, never raised at the clerk
        show_error(parent, error, "无法打开补正通知")
        return None
    window = open_draft(draft_id)
    first = next((c.path for c in notice.comments_for(notice.form_id) if c.path), None)
    if window is not None and first:
        window.open_path(first)
    return window


def _no_draft_message(notice: CorrectionNotice) -> str:
    return (f"本机没有与这份补正通知对应的草稿（《{notice.form_title or notice.form_id}》，"
            f"{notice.enterprise_name or '未写明企业'}，第 {notice.revision} 版，装订码 {notice.binding_code}）。"
            f"请先用“文件 → 导入填报数据”导入该版数据包中的 data/submission.json，再打开补正通知。")


def _close_windows(ctx, draft_id: int) -> None:
    window = ctx.open_windows.get(("draft", draft_id))
    if window is not None:
        window.close()  # closing flushes what is left to save


def notice_banner(raw: dict, form_id: str, parent: QWidget, *, sealed: bool = False,
                  revision: int = 1) -> QLabel | None:
    """The line above the wizard's pages while the draft holds a notice; None otherwise."""
    text = banner_text(raw, form_id, sealed=sealed, revision=revision)
    if text is None:
        return None
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(BANNER_STYLE)
    return label


def banner_text(raw: dict, form_id: str, *, sealed: bool, revision: int) -> str | None:
    """What the banner says: the notice being answered, or, once exported, that this revision answers it."""
    notice = stored_notice(raw)
    if notice is None:
        return None
    deadline = f"，请于 {format_date_cn(_date(notice.reply_by))} 前" if notice.reply_by else "，请"
    if sealed:
        return (f"第 {revision} 版已按补正通知 {notice.notice_id} 导出{deadline}打印、盖章后连同新光盘重新报送；"
                f"如再修改，将成为第 {revision + 1} 版。")
    count = len(notice.comments_for(form_id)) + (len(notice.problems) if form_id == notice.form_id else 0)
    parts = [f"正在按补正通知 {notice.notice_id} 修改（{notice.issuer or '审核单位'}）"]
    if notice.reason:
        parts.append(f"补正原因：{notice.reason.rstrip('。；;. ')}")
    parts.append(f"共 {count} 条意见，已显示在相应填写项旁，“检查问题”页列出全部")
    if notice.reply_by:
        parts.append(f"请于 {format_date_cn(_date(notice.reply_by))} 前重新报送")
    parts.append("导出的新版本将注明本通知编号")
    return "；".join(parts) + "。"


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)
