"""打开补正通知: the notice file opens the matching draft, each comment at its field, all on the review page."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.correction.drafts import NOTICE_KEY
from desktop.correction.notice_file import notice_bytes
from desktop.desk.model import FieldComment, Issuer
from desktop.desk.notice import build_notice, make_notice_id
from desktop.desk.package_read import read_package
from desktop.engine.schema import form_hash
from desktop.samples import sample_raw
from desktop.ui.attachments_files import attachment_store
from desktop.ui.export_job import run_export
from desktop.ui.notice_open import choose_notice
from desktop.ui.start_window import StartWindow

from tests.desk.helpers import EXPORTED_AT, ISSUED_AT, export_sample

COMMENTS = (FieldComment("profile.contact_phone", "请补充办公电话（区号-号码）。"),
            FieldComment("needs[0].budget", "拟投入资金与需求内容不符，请核实。"))


def exported_draft(ctx, form, data_dir, tmp_path):
    raw = sample_raw(form, 7)
    draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), raw)
    result = export_sample(tmp_path / "first", raw=raw, store=attachment_store(data_dir))
    ctx.store.record_export(draft_id, result.binding_code, result.folder, result.submission, exported_at=EXPORTED_AT)
    return draft_id, read_package(result.folder)


def notice_file(package, path):
    notice = build_notice(package, notice_id=make_notice_id(package.binding_code, ISSUED_AT), issued_at=ISSUED_AT,
                          issuer=Issuer("福建省工业和信息化厅"), reason="联系方式不全，预算需核实。", comments=COMMENTS,
                          problems=("纸质材料未盖章",))
    path.write_bytes(notice_bytes(notice))
    return notice


def choose(monkeypatch, path, shown: list[str]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))


def test_notice_opens_the_draft_with_every_comment_shown(ctx, qtbot, needs_form, data_dir, tmp_path, monkeypatch):
    draft_id, package = exported_draft(ctx, needs_form, data_dir, tmp_path)
    notice = notice_file(package, tmp_path / "通知.json")
    shown: list[str] = []
    choose(monkeypatch, tmp_path / "通知.json", shown)
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    choose_notice(ctx, start, start._open_answering)
    assert shown == []
    wizard = ctx.open_windows[("draft", draft_id)]
    assert wizard.session.raw[NOTICE_KEY]["notice_id"] == notice.notice_id
    assert wizard.session.revision == 2                         # the answer is the next revision
    assert notice.notice_id in wizard.notice_banner.text() and "3 条意见" in wizard.notice_banner.text()
    # the first comment's field is open, its comment under it
    page = wizard.stack.currentWidget()
    _, row = page.rows["profile.contact_phone"]
    assert row.message.isVisible() and "请补充办公电话（区号-号码）。" in row.message.text()
    review = wizard.open_step("review")
    texts = [" ".join(cell.text() for cell in cells) for cells in review.problem_rows()]
    for expected in ("请补充办公电话（区号-号码）。", "拟投入资金与需求内容不符，请核实。", "纸质材料未盖章"):
        assert sum(expected in t for t in texts) == 1, expected
    assert any("办公电话" in t and "请补充办公电话" in t for t in texts)   # listed with its field's label

    result = run_export(ctx.store, needs_form, draft_id, wizard.session.raw, 0, tmp_path / "second", draft=False,
                        now=ISSUED_AT, data_dir=data_dir)
    manifest = json.loads((result.folder / "manifest.json").read_text("utf-8"))
    assert manifest["answers_notice"] == notice.notice_id
    assert result.export.revision == 2
    wizard.session.exported(result.draft)                     # as the export page tells the session
    assert f"第 2 版已按补正通知 {notice.notice_id} 导出" in wizard.notice_banner.text()


def test_grab_wizard_with_a_comment(ctx, qtbot, needs_form, data_dir, tmp_path, monkeypatch):
    """Screenshot for a person to look at (written only when XIESHOU_SHOTS names a folder)."""
    import os

    draft_id, package = exported_draft(ctx, needs_form, data_dir, tmp_path)
    notice_file(package, tmp_path / "通知.json")
    choose(monkeypatch, tmp_path / "通知.json", [])
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    choose_notice(ctx, start, start._open_answering)
    wizard = ctx.open_windows[("draft", draft_id)]
    folder = os.environ.get("XIESHOU_SHOTS")
    if folder:
        wizard.resize(1200, 760)
        wizard.grab().save(f"{folder}/notice_field.png")
        wizard.open_step("review")
        wizard.grab().save(f"{folder}/notice_review.png")
    assert wizard.notice_banner.isVisibleTo(wizard)


def test_a_notice_without_a_matching_draft_is_explained(ctx, qtbot, needs_form, data_dir, tmp_path, monkeypatch):
    _, package = exported_draft(ctx, needs_form, data_dir, tmp_path)
    for draft in ctx.store.list_drafts():
        ctx.store.purge_draft(draft.id)
    notice_file(package, tmp_path / "通知.json")
    shown: list[str] = []
    choose(monkeypatch, tmp_path / "通知.json", shown)
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    choose_notice(ctx, start, start._open_answering)
    assert len(shown) == 1 and "导入填报数据" in shown[0] and package.binding_code in shown[0]
    assert not ctx.open_windows


def test_a_hostile_notice_is_refused_in_words(ctx, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "坏.json"
    path.write_bytes(b"[" * 100 + b"]" * 100)
    shown: list[str] = []
    choose(monkeypatch, path, shown)
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    choose_notice(ctx, start, start._open_answering)
    assert len(shown) == 1 and "不是有效的补正通知文件" in shown[0]


def test_comments_on_fields_the_draft_no_longer_has_are_still_listed(ctx, qtbot, needs_form, data_dir, tmp_path,
                                                                     monkeypatch):
    draft_id, package = exported_draft(ctx, needs_form, data_dir, tmp_path)
    notice = build_notice(package, notice_id=make_notice_id(package.binding_code, ISSUED_AT), issued_at=ISSUED_AT,
                          issuer=Issuer("福建省工业和信息化厅"), reason="",
                          comments=(FieldComment("needs[99].title", "第100项需求名称有误。"),
                                    FieldComment("signed_by", "请填写单位负责人。")))
    (tmp_path / "通知.json").write_bytes(notice_bytes(notice))
    choose(monkeypatch, tmp_path / "通知.json", [])
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    choose_notice(ctx, start, start._open_answering)
    wizard = ctx.open_windows[("draft", draft_id)]
    review = wizard.open_step("review")
    texts = [" ".join(cell.text() for cell in cells) for cells in review.problem_rows()]
    assert any("第100项需求名称有误。" in t for t in texts) and any("请填写单位负责人。" in t for t in texts)
