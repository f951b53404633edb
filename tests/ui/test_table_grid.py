"""A form the wizard has never seen: a group, a grid table with fixed rows and one with free rows."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from desktop.engine.declare import choice, memo, money, text
from desktop.engine.model import Form, Group, Section, Table
from desktop.engine.schema import form_hash
from desktop.ui.wizard import WizardWindow

FINANCE = Table("finance", "近三年财务", fixed_rows=("2020年", "2021年", "2022年"), columns=(
    money("revenue", "营业收入（万元）", required=True), money("profit", "利润（万元）")))
TEAM = Table("team", "团队成员", min_rows=1, max_rows=4, row_label="第{n}行", columns=(
    text("name", "姓名", 10, required=True), choice("role", "分工", ("负责人", "成员")),
    memo("resume", "简历", 200)))
FORM = Form(id="test-grid", edition="1", title="测试表", attachment_no="附件9", sections=(
    Section("lead", "项目", items=(Group("leader", "项目负责人", (text("name", "姓名", 10, required=True),)),)),
    Section("numbers", "财务与团队", items=(FINANCE, TEAM)),
))


def open_grid_form(ctx, qtbot, data):
    ctx.forms = ctx.forms + (FORM,)
    draft_id = ctx.store.create_draft(FORM.id, FORM.edition, form_hash(FORM), data)
    window = WizardWindow(ctx, ctx.store.get_draft(draft_id))
    qtbot.addWidget(window)
    return window


def test_groups_are_framed_and_stored_under_their_id(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {})
    page = window.open_step("section:lead")
    page.rows["leader.name"][1].editor.line.setText("王伟")
    assert window.session.raw["leader"] == {"name": "王伟"}


def test_a_grid_takes_typed_cells_a_paste_from_excel_and_long_texts_in_a_side_editor(ctx, qtbot):
    window = open_grid_form(ctx, qtbot, {"team": [{}]})
    page = window.open_step("section:numbers")
    finance, team = page.tables
    assert finance.grid.rowCount() == 3 and "add" not in finance.buttons
    finance.grid.item(0, 0).setText("1200.5")
    assert window.session.raw["finance"][0] == {"revenue": "1200.5"}
    QGuiApplication.clipboard().setText("1300\t80\n1400\t90\n")
    finance.grid.setCurrentCell(1, 0)
    finance.paste()
    assert [r.get("revenue") for r in window.session.raw["finance"]] == ["1200.5", "1300", "1400"]
    team.grid.setCurrentCell(0, 2)
    assert team.side.isVisibleTo(page)
    team.side.setPlainText("二十年精密加工经验")
    assert window.session.raw["team"][0]["resume"] == "二十年精密加工经验"
    team._add()
    assert team.grid.rowCount() == 2
    window.session.validate_now()
    assert "请填写姓名" in team.message.text()
