"""The export page: draft print always, final export only without errors, recorded revisions."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.samples import sample_raw
from desktop.ui.drafts_panel import COLUMNS

from .helpers import editor, open_wizard, type_chinese


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
    assert page.code.text() == f"装订码  {page.outcome.binding_code}"
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
