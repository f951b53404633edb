"""A 附件2 and a 附件3 for the same need of the same enterprise: common fields typed once."""

from __future__ import annotations

from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.samples import sample_raw
from desktop.ui.draft_dialogs import NewDraftDialog, initial_raw

from .helpers import editor, open_wizard, type_chinese

MATCH = get_form("2023-a2-match")
APPLICATION = get_form("2023-a3-application")


def create(ctx, form, profile, **values) -> int:
    raw = initial_raw(form)
    raw.update(profile=dict(profile), **values)
    return ctx.store.create_draft(form.id, form.edition, form_hash(form), raw)


def profile() -> dict:
    return sample_raw(MATCH, seed=1)["profile"]


def test_typing_in_a_match_reaches_the_application_of_the_same_need(ctx, qtbot):
    match_id = create(ctx, MATCH, profile(), need_code="2023-FJ-0012")
    application_id = create(ctx, APPLICATION, profile(), need_code="2023-FJ-0012", project_title="轴承寿命检测")
    other_need = create(ctx, APPLICATION, profile(), need_code="2023-FJ-0099")
    _, wizard = open_wizard(ctx, qtbot, match_id)
    page = wizard.open_step("section:need")
    type_chinese(editor(page, "need_title"), "高精度轴承寿命检测工艺")
    # the autosave after the pause in typing carries it over (in the same store task)
    qtbot.waitUntil(lambda: ctx.store.get_draft(application_id).data.get("need_title") == "高精度轴承寿命检测工艺",
                    timeout=3000)
    application = ctx.store.get_draft(application_id).data
    assert application["project_title"] == "轴承寿命检测"
    assert ctx.store.get_draft(other_need).data.get("need_title") is None
    wizard.close()


def test_an_open_partner_takes_the_values_in_memory_and_shows_them(ctx, qtbot):
    match_id = create(ctx, MATCH, profile(), need_code="2023-FJ-0012")
    application_id = create(ctx, APPLICATION, profile(), need_code="2023-FJ-0012")
    _, application = open_wizard(ctx, qtbot, application_id)
    cover = application.open_step("section:cover")
    _, match = open_wizard(ctx, qtbot, match_id)
    page = match.open_step("section:need")
    type_chinese(editor(page, "need_owner"), "澜岳精工装备制造股份有限公司（样例）")
    match.session.save_now()
    assert application.session.raw["need_owner"] == "澜岳精工装备制造股份有限公司（样例）"
    assert editor(cover, "need_owner").text() == "澜岳精工装备制造股份有限公司（样例）"
    type_chinese(editor(cover, "recommender"), "福建省工业和信息化厅")  # and back the other way
    application.session.save_now()
    assert match.session.raw["recommender"] == "福建省工业和信息化厅"
    match.close()
    application.close()
    assert ctx.store.get_draft(match_id).data["recommender"] == "福建省工业和信息化厅"


def test_a_new_application_starts_from_the_match_of_the_same_need(ctx, qtbot):
    match_id = create(ctx, MATCH, profile(), need_code="2023-FJ-0012", need_title="高精度轴承寿命检测工艺",
                      need_owner="澜岳精工装备制造股份有限公司（样例）")
    dialog = NewDraftDialog(ctx, ctx.forms)
    qtbot.addWidget(dialog)
    dialog.forms.setCurrentIndex(next(i for i in range(dialog.forms.count())
                                      if dialog.forms.itemData(i).id == APPLICATION.id))
    assert dialog.sources.isVisibleTo(dialog) and dialog.sources.count() == 2
    assert "2023-FJ-0012 高精度轴承寿命检测工艺" in dialog.sources.itemText(1)
    dialog.sources.setCurrentIndex(1)
    assert not dialog.enterprises.isEnabled()
    draft = ctx.store.get_draft(dialog.create())
    assert draft.form_id == APPLICATION.id
    assert (draft.data["need_code"], draft.data["need_title"], draft.data["need_owner"]) == (
        "2023-FJ-0012", "高精度轴承寿命检测工艺", "澜岳精工装备制造股份有限公司（样例）")
    assert draft.data["profile"] == profile() and len(draft.data["finance"]) == 3
    assert ctx.store.get_draft(match_id).data["need_code"] == "2023-FJ-0012"
    dialog.forms.setCurrentIndex(next(i for i in range(dialog.forms.count())
                                      if not dialog.forms.itemData(i).shared_fields))
    assert not dialog.sources.isVisibleTo(dialog)  # 附件1 shares nothing
