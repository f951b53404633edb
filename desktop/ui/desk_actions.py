"""收件与审核 → 补正通知 and 报送: the window's buttons for two outputs (the same core as the command line).

Both run on a worker thread: the letter is typeset, and forwarding copies every
accepted package, may build an image and then verifies the folder (progress and
cancel); when every package is complete, they become 已报部.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.desk import outputs
from desktop.desk.db import DeskError
from desktop.package.manifest import CHINA_TZ

from .messages import show_error

FORWARD_NOT_DONE = "报送材料没有生成完整，请勿使用该文件夹；材料状态未改变，可重新报送。"


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA_TZ).replace(microsecond=0)


def issue_notice(window) -> None:
    """The 补正通知 (letter PDF and notice file) of the one selected 需补正 package."""
    rows = window.selected_rows()
    if len(rows) != 1:
        window.note.show_state("warning", "请只选择一份“需补正”的材料，再出具补正通知。")
        return
    try:
        given = outputs.notice_inputs(window.db, rows[0].id)
        issuer = outputs.issuer(window.db)
    except DeskError as error:
        window.note.show_state("error", str(error))
        return
    chosen = QFileDialog.getExistingDirectory(window, "选择补正通知的保存文件夹", str(Path.home()))
    if not chosen or _busy(window):
        return
    window.note.show_state("", "正在生成补正通知……")
    window._task = window.ctx.tasks.run(window, _write_notice, given, issuer, _now(), Path(chosen),
                                        on_success=lambda done: _notice_written(window, rows[0].id, chosen, *done),
                                        on_failure=lambda error: _notice_failed(window, error))


def _write_notice(given: dict, issuer, issued_at: dt.datetime, folder: Path):
    """The letter (PDF) and the notice file of one package (on a worker thread: the letter is typeset)."""
    from desktop.desk.notice import build_notice, make_notice_id, write_notice
    from desktop.desk.package_read import read_package

    package = read_package(given["folder"])
    notice = build_notice(package, notice_id=make_notice_id(package.binding_code, issued_at), issued_at=issued_at,
                          issuer=issuer, reason=given["reason"], problems=given["problems"], comments=given["comments"])
    return notice, write_notice(notice, folder)


def _notice_written(window, package_id: int, chosen: str, notice, files) -> None:
    outputs.record(window.db, "补正通知", str(chosen), notice.notice_id, package_id=package_id)
    window.note.show_state("ok", f"已生成补正通知 {notice.notice_id}：{files.pdf_path.name}（盖章后寄送）和 "
                                 f"{files.json_path.name}（发给企业）")


def _notice_failed(window, error: BaseException) -> None:
    from desktop.desk.notice import NoticeRefused
    from desktop.desk.package_read import PackageUnreadable

    if isinstance(error, (PackageUnreadable, NoticeRefused, OSError)):
        window.note.show_state("error", f"补正通知未生成：{error}")
    else:
        window.note.show_state("error", "补正通知未生成")
        show_error(window, error)


def _busy(window) -> bool:
    """One job of the window at a time (receiving, a notice, forwarding)."""
    if window._task is not None and not window._task.finished:
        window.note.show_state("warning", "请等当前的工作完成后再试")
        return True
    return False


def forward_accepted(window) -> None:
    """Every 初核通过 package, the 需求汇总表 and the cover letter into a new folder (and an image)."""
    from desktop.desk.forward import forward
    from desktop.package.progress import stage
    from desktop.package.verify import verify_paths

    try:
        packages, ids = outputs.forward_selection(window.db, None)
        issuer = outputs.issuer(window.db)
    except DeskError as error:
        window.note.show_state("error", str(error))
        return
    chosen, _ = QFileDialog.getSaveFileName(window, "报送文件夹（将新建）", str(Path.home() / "报送材料"))
    if not chosen or _busy(window):
        return
    iso = QMessageBox.question(window, "报送", f"将报送 {len(ids)} 份初核通过的材料。同时生成光盘映像（ISO）吗？"
                               ) == QMessageBox.StandardButton.Yes

    def job(progress=None, cancel=None):
        result = forward(packages, Path(chosen), issuer=issuer, recipient="工业和信息化部中小企业局",
                         created_at=_now(), iso=iso, progress=stage(progress, 0, 2), cancel=cancel)
        return result, verify_paths([result.folder], progress=stage(progress, 1, 2), cancel=cancel)

    window.run_row.begin("正在复制材料、生成汇总表，然后逐份核验……")
    window._task = window.ctx.tasks.run(window, job, on_success=lambda done: _forwarded(window, *done, ids),
                                        on_failure=partial(window.task_failed, FORWARD_NOT_DONE),
                                        progress_bar=window.run_row.bar,
                                        cancel_button=window.run_row.cancel)
    window.run_row.track(window._task)


def _forwarded(window, result, verdicts, ids: list[int]) -> None:
    window.run_row.end("报送材料已生成")
    if len(verdicts) != len(ids) or not all(v.complete for v in verdicts):
        window.note.show_state("error", f"报送文件夹 {result.folder} 中有材料核验不通过，请勿报送；材料状态未改变。")
        return
    outputs.mark_forwarded(window.db, ids, str(result.folder))
    where = f"，光盘映像 {result.iso_path.name}" if result.iso_path else ""
    window.note.show_state("ok", f"已生成报送材料：{result.folder}{where}；{len(ids)} 份材料已标为已报部")
    window.reload()


def view_content(window) -> list:
    """Each form of the selected package read-only; a click on a field there writes a comment beside it."""
    from desktop.desk.package_read import PackageUnreadable, read_package
    from desktop.desk.tables import DeskPackage

    rows = window.selected_rows()
    if len(rows) != 1:
        window.note.show_state("warning", "请选择一份材料再查看内容。")
        return []
    row = rows[0]
    try:
        with window.db.reading() as session:
            package_row = session.get(DeskPackage, row.id)
        package = read_package(outputs.package_folder(window.db, package_row))
    except (DeskError, PackageUnreadable) as error:
        window.note.show_state("error", str(error))
        return []
    title = f"{row.submitter}（收件 #{row.id}）"
    return [window.ctx.windows.open_desk_view(window.db, row.id, form_data.form, form_data.data, package.revision,
                                              title, on_comment=window.comment_added)
            for form_data in package.forms if form_data.form is not None]
