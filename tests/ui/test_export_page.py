"""The export page: draft print always, final export only without errors, recorded revisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.engine.schema import form_hash
from desktop.engine.submission import canonical_bytes, make_submission
from desktop.forms.registry import get_form
from desktop.package.verify import COMPLETE, verify_paths
from desktop.samples import sample_raw
from desktop.ui.drafts_panel import COLUMNS

from desktop.ui.text import when

from .conftest import FIXED_NOW
from .helpers import editor, open_wizard, type_chinese

MATCH, APPLICATION = get_form("2023-a2-match"), get_form("2023-a3-application")


def test_a_draft_with_errors_prints_a_draft_but_refuses_the_final_export(ctx, qtbot, new_draft, data_dir):
    draft_id = new_draft()
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("export")
    assert not page.final_button.isEnabled()
    assert "处错误，改正后才能导出正式材料" in page.blockers.text() and "请选择组织渠道" in page.blockers.text()
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    folder = page.outcome.folder
    assert folder.parent == Path(ctx.settings.last_export_dir) and folder.name.endswith("_草稿")
    assert (folder / "manifest.json").is_file()
    assert (folder / "documents" / "附件1_大企业技术创新需求表.pdf").is_file()
    assert page.code.text() == f"装订码  草稿-{page.outcome.binding_code[:4]}（草稿，不能报送）"
    assert [e.kind for e in ctx.store.list_exports(draft_id)] == ["draft"]
    if shutil.which("pdftoppm"):
        assert not page.preview.page().isNull() and page.preview.page().width() > page.preview.page().height() / 2
    page.export(draft=False)  # even when asked directly, nothing final is written
    assert [e.kind for e in ctx.store.list_exports(draft_id)] == ["draft"]


def test_a_final_export_seals_the_revision_and_a_later_edit_starts_the_next(ctx, qtbot, new_draft, needs_form):
    start, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("export")
    assert page.final_button.isEnabled() and page.revision.text() == "当前为第 1 版。"
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)
    code = page.outcome.binding_code
    assert "已导出第 1 版正式材料" in page.status.text()
    assert "之后再修改将成为第 2 版" in page.revision.text()
    start.drafts.reload()
    row = start.drafts.tree.topLevelItem(0)
    assert row.text(COLUMNS.index("导出情况")) == f"已导出 第 1 版 · 装订码 {code}"
    signature = wizard.open_step("section:signature")
    type_chinese(editor(signature, "signed_by"), "改")
    qtbot.waitUntil(lambda: wizard.session.revision == 2, timeout=3000)
    wizard.open_step("export")
    assert page.revision.text() == "当前为第 2 版。"
    start.drafts.reload()
    assert start.drafts.tree.topLevelItem(0).text(COLUMNS.index("导出情况")).endswith("第 2 版修改中")


def test_after_an_edit_nothing_of_the_first_revision_is_shown_as_current(ctx, qtbot, new_draft, needs_form):
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("export")
    page.disc.iso_check.setChecked(False)
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)
    first = page.outcome
    assert page.code.isVisibleTo(page) and page.disc.burn_button.isVisibleTo(page)
    assert wizard.revision_notice.isHidden(), "exporting is not editing"
    signature = wizard.open_step("section:signature")
    type_chinese(editor(signature, "signed_by"), "改")
    qtbot.waitUntil(lambda: wizard.session.revision == 2, timeout=3000)
    wizard.open_step("export")
    assert page.outcome is None and page.status.text() == ""
    for widget in (page.code, page.open_pdf, page.disc.burn_button, page.disc.build_button,
                   page.disc.packing_button):
        assert not widget.isVisibleTo(page), widget
    assert page.preview.page().isNull() and page.preview.text() == "导出后在这里显示 PDF 第一页"
    assert first.binding_code not in page.code.text() + page.status.text()
    assert "第 1 版（旧版本，不能用于当前版本）" in page.history.text()
    assert first.binding_code in page.history.text() and str(first.folder) in page.history.text()
    assert first.folder.is_dir(), "the 第1版 files stay"
    notice = wizard.revision_notice
    assert not notice.isHidden()
    assert notice.label.text().startswith(f"这份草稿已于 {when(FIXED_NOW)} 导出为第 1 版（装订码 {first.binding_code}）")
    assert "你刚才的修改开始了第 2 版：第 1 版导出的文件保持不变" in notice.label.text()
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    type_chinese(editor(signature, "signed_by"), "再")
    wizard.session.save_now()
    assert notice.isHidden(), "said once"


def create(ctx, form, raw: dict, title: str = "") -> int:
    return ctx.store.create_draft(form.id, form.edition, form_hash(form), raw, title=title)


def test_an_application_is_exported_with_the_match_of_the_same_need(ctx, qtbot):
    match_id = create(ctx, MATCH, sample_raw(MATCH, 2), "轴承对接表")
    sealed = make_submission(MATCH, sample_raw(MATCH, 2))[0]
    ctx.store.record_export(match_id, "7KQ2-M9XD-4TBE-Q1W8", "earlier", sealed)  # exported alone before: still taken
    create(ctx, MATCH, {**sample_raw(MATCH, 2), "need_code": "2023-FJ-0099"})  # another need: stays out
    application_id = create(ctx, APPLICATION, sample_raw(APPLICATION, 2))
    _, wizard = open_wizard(ctx, qtbot, application_id)
    page = wizard.open_step("export")
    assert page.together.isVisibleTo(page) and page.together.text().startswith(
        "将一并导出：<br>· 附件2 中小企业“揭榜”对接表（草稿“轴承对接表”，第 1 版，")
    assert [c.record.id for c in page.companions] == [match_id] and page.final_button.isEnabled()
    qtbot.mouseClick(page.final_button, Qt.MouseButton.LeftButton)
    folder = page.outcome.folder
    assert "，含附件2 中小企业“揭榜”对接表，保存在" in page.status.text()
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert [f["id"] for f in manifest["forms"]] == [APPLICATION.id, MATCH.id]
    stored = ctx.store.get_draft(match_id).data
    assert (folder / "data/2023-a2-match.json").read_bytes() == canonical_bytes(make_submission(MATCH, stored, 1)[0])
    assert [path for path, _ in page.outcome.pdf_pages] == [
        f"documents/{APPLICATION.document_name}.pdf", f"documents/{MATCH.document_name}.pdf"]
    assert page.outcome.pdf == folder / page.outcome.pdf_pages[0][0]
    image = folder.with_name(folder.name + ".iso")
    assert page.disc.iso is not None and page.disc.iso.path == image
    for source in (folder, image):
        verdict = verify_paths([source])[0]
        assert (verdict.verdict, verdict.problems, verdict.binding_code) == (COMPLETE, (), page.outcome.binding_code)
    # the 对接表's own draft lists the package it went out in, sealed like the 申请书
    assert page.outcome.binding_code in [e.binding_code for e in ctx.store.list_exports(match_id)]
    assert ctx.store.get_draft(match_id).sealed


def test_the_matchs_errors_hold_back_the_final_export_and_the_newest_match_is_taken(ctx, qtbot):
    newer = create(ctx, MATCH, sample_raw(MATCH, 2), "后来改过的对接表")
    create(ctx, MATCH, sample_raw(MATCH, 2), "没再改过的对接表")
    ctx.store.save_draft(newer, {**sample_raw(MATCH, 2), "need_owner": ""}, 1)  # the most recently updated
    application_id = create(ctx, APPLICATION, sample_raw(APPLICATION, 2))
    _, wizard = open_wizard(ctx, qtbot, application_id)
    page = wizard.open_step("export")
    assert [c.record.id for c in page.companions] == [newer]
    assert not page.final_button.isEnabled() and "· 附件2：请填写发榜企业名称" in page.blockers.text()
    page.export(draft=False)  # even when asked directly, nothing is written
    assert page.outcome is None and ctx.store.list_exports(application_id) == []
    qtbot.mouseClick(page.draft_button, Qt.MouseButton.LeftButton)
    data = json.loads((page.outcome.folder / "data/2023-a2-match.json").read_text("utf-8"))
    assert data["data"]["need_owner"] is None and page.outcome.folder.name.endswith("_草稿")
    ctx.store.save_draft(newer, {**ctx.store.get_draft(newer).data, "need_owner": sample_raw(MATCH, 2)["need_owner"]}, 0)
    page.refresh()
    assert page.final_button.isEnabled() and page.blockers.isHidden()


def test_the_seam_seal_guide_setting_is_on_the_export_page_and_remembered(ctx, qtbot, new_draft):
    _, wizard = open_wizard(ctx, qtbot, new_draft())
    page = wizard.open_step("export")
    assert not page.seam_check.isChecked()
    page.seam_check.setChecked(True)
    assert ctx.settings.seam_seal_guide
    from desktop.settings import load_settings
    assert load_settings(ctx.settings_path).seam_seal_guide


def test_a_match_disagreeing_on_the_enterprise_holds_back_the_final_export(ctx, qtbot):
    disagreeing = sample_raw(MATCH, 2)
    disagreeing["profile"]["employees"] = "366"
    create(ctx, MATCH, disagreeing, "人数不同的对接表")
    application_id = create(ctx, APPLICATION, sample_raw(APPLICATION, 2))
    _, wizard = open_wizard(ctx, qtbot, application_id)
    page = wizard.open_step("export")
    assert not page.final_button.isEnabled()
    assert "· 附件2与附件3的“从业人员（人，上年末）”（profile.employees）不一致：附件3为 186，附件2为 366" in page.blockers.text()


def test_the_save_location_takes_a_typed_or_pasted_path(ctx, qtbot, new_draft, needs_form, tmp_path):
    from desktop.ui.export_page import export_folder

    assert export_folder(' "~/文档/申报" ') == Path.home() / "文档" / "申报"
    assert export_folder("申报材料") is None and export_folder("  ") is None
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("export")
    assert not page.folder.isReadOnly()
    page.folder.setText("相对路径")
    page.export(draft=True)
    assert page.outcome is None and page.status.text().startswith("保存位置要填写完整的文件夹路径")
    typed = tmp_path / "粘贴的位置"
    page.folder.setText(f"“{typed}”")
    page.folder.editingFinished.emit()
    assert ctx.settings.last_export_dir == str(typed)
    page.export(draft=True)
    assert page.outcome.folder.parent == typed and (page.outcome.folder / "manifest.json").is_file()
