"""Import and export of the submission JSON (xieshou-submission) from the windows' 文件 menu."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop.engine.schema import form_hash
from desktop.engine.submission import (SubmissionError, canonical_bytes, load_submission_file, make_submission,
                                       parse_submission, raw_from_json, validate_submission)
from desktop.store.records import enterprise_name_of

from .file_dialogs import choose_file, choose_save_file
from .messages import describe_error, show_error

FILTER = "填报数据 (*.json)"


def add_submission_menu(menu: QMenu, ctx, parent: QWidget, session=None,
                        on_created: Callable[[int], None] | None = None) -> None:
    menu.addAction("导入填报数据（JSON）…", lambda: import_submission(ctx, parent, session, on_created))
    if session is not None:
        menu.addAction("导出填报数据（JSON）…", lambda: export_submission(ctx, parent, session))


def _read(parent: QWidget, ctx) -> tuple | None:
    name = choose_file(parent, "导入填报数据", Path.home(), FILTER)
    if not name:
        return None
    try:
        obj = load_submission_file(name)
        form, data = parse_submission(obj)
    except SubmissionError as error:
        show_error(parent, error, "无法导入")
        return None
    notes = [p.message for p in validate_submission(obj) if p.code == "submission.form_hash"]
    return form, raw_from_json(form, data), notes


def import_submission(ctx, parent: QWidget, session=None, on_created: Callable[[int], None] | None = None) -> None:
    read = _read(parent, ctx)
    if read is None:
        return
    form, raw, notes = read
    if session is not None:
        if form.id != session.form.id:
            show_error(parent, f"这个文件是“{form.attachment_no} {form.title}”的数据，不能导入到"
                               f"“{session.form.attachment_no} {session.form.title}”。请在开始窗口导入，"
                               "程序会为它新建草稿。", "无法导入")
            return
        answer = QMessageBox.question(parent, "导入填报数据", "导入后，当前草稿中已填写的内容将全部被文件中的内容替换。继续吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        session.replace_raw(raw)
    else:
        try:
            draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), raw)
        except Exception as error:  # a store failure is told, never raised at the clerk
            show_error(parent, error, "无法导入")
            return
        if on_created is not None:
            on_created(draft_id)
    if notes:
        QMessageBox.information(parent, "导入填报数据", "\n".join(notes))


def export_submission(ctx, parent: QWidget, session) -> None:
    name = enterprise_name_of(session.raw) or "未填写企业名称"
    default = Path.home() / f"{session.form.attachment_no}_{name}_填报数据.json"
    target = choose_save_file(parent, "导出填报数据", default, FILTER)
    if not target:
        return
    submission, _cleaned = make_submission(session.form, session.raw, session.revision)
    try:
        Path(target).write_bytes(canonical_bytes(submission))
    except OSError as error:
        show_error(parent, describe_error(error), "导出没有完成")
        return
    QMessageBox.information(parent, "导出填报数据", f"已导出到：{target}")
