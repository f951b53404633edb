"""Grids of the 附件3 申请书: paste from Excel/WPS, limits, row buttons, live totals, money shown with separators."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.ui.draft_dialogs import initial_raw

from .helpers import activate, message, open_wizard

APPLICATION = get_form("2023-a3-application")

# As Excel writes it: CRLF rows, a quoted cell holding a line break and a doubled quote, a trailing CRLF.
INDICATORS_TSV = ('检测周期\t≤ 30 天\t≤ 20 天\r\n'
                  '"寿命预测""误差""\n（高温工况）"\t≤ 15%\t≤ 10%\r\n'
                  '数据追溯\t全流程\t全流程、可查询\r\n')
BUDGET_TSV = "设备费\t12,345.6\t采购加速寿命试验台\n材料费\t1000\t\n测试化验加工费\t200.5\t外协检测\n"


def open_application(ctx, qtbot, data: dict | None = None):
    raw = initial_raw(APPLICATION) if data is None else data
    draft_id = ctx.store.create_draft(APPLICATION.id, APPLICATION.edition, form_hash(APPLICATION), raw)
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    return wizard


def grid_on(wizard, step: str, table_id: str):
    page = wizard.open_step(step)
    return page, next(t for t in page.tables if t.table.id == table_id)


def paste(grid, text: str, row: int = 0, col: int = 0) -> None:
    QGuiApplication.clipboard().setText(text)
    grid.grid.setCurrentCell(row, col)
    grid.paste()


def test_three_rows_from_excel_fill_the_indicators_with_quoted_line_breaks(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    _, indicators = grid_on(wizard, "section:ch3", "indicators")
    paste(indicators, INDICATORS_TSV)
    rows = wizard.session.raw["indicators"]
    assert len(rows) == 3 and indicators.grid.rowCount() == 3
    assert rows[1] == {"name": '寿命预测"误差"\n（高温工况）', "required": "≤ 15%", "target": "≤ 10%"}
    assert rows[2]["target"] == "全流程、可查询"
    assert "已粘贴 3 行（新增 2 行）" in indicators.notice.text()
    indicators.grid.selectAll()
    QGuiApplication.clipboard().clear()
    indicators.copy()  # and back to Excel the same way
    assert QGuiApplication.clipboard().text() == INDICATORS_TSV
    wizard.session.validate_now()
    assert not any(p.path.startswith("indicators") for p in wizard.session.index.problems)


def test_a_pasted_budget_shows_money_with_separators_and_the_total_follows(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    page, budget = grid_on(wizard, "section:ch7", "budget")
    paste(budget, BUDGET_TSV)
    wizard.session.validate_now()
    assert [r["amount"] for r in wizard.session.raw["budget"]] == ["12,345.6", "1000", "200.5"]  # kept as typed
    money = budget.grid.itemDelegateForColumn(1)
    shown = [money.displayText(budget.grid.item(r, 1).text(), QLocale()) for r in range(3)]
    assert shown == ["12,345.60", "1,000.00", "200.50"]
    assert page.rows["budget_total"][1].editor.label.text() == "13,546.10"
    assert "应等于预算合计 13,546.10 万元" in message(page, "funding_other")
    page.rows["funding_self"][1].editor.line.setText("13,000")
    page.rows["funding_partner"][1].editor.line.setText("546.1")
    wizard.session.validate_now()
    assert message(page, "funding_other") == ""


def test_a_cell_with_a_problem_is_marked_and_listed_with_its_row(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    _, budget = grid_on(wizard, "section:ch7", "budget")
    paste(budget, "设备费\t十万\n差旅费\t20\n")
    wizard.session.validate_now()
    cell = budget.grid.item(0, 1)
    assert "不是有效的金额" in cell.toolTip() and cell.background().color().name() == "#fdecea"
    assert budget.grid.itemDelegateForColumn(1).displayText("十万", QLocale()) == "十万"
    assert "第1行：金额（万元）：“十万”不是有效的金额" in budget.message.text()
    assert "第2行：科目只能从列表中选择，“差旅费”不在其中" in budget.message.text()
    budget.grid.item(0, 1).setText("100000")
    wizard.session.validate_now()
    assert "第1行" not in budget.message.text() and budget.grid.item(0, 1).toolTip() == ""


def test_rows_beyond_the_limit_are_not_pasted_and_the_clerk_is_told(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    _, indicators = grid_on(wizard, "section:ch3", "indicators")
    paste(indicators, "".join(f"指标{n}\t要求{n}\t目标{n}\textra\r\n" for n in range(23)))
    assert len(wizard.session.raw["indicators"]) == 20
    assert "本表最多 20 行，另有 3 行没有粘贴" in indicators.notice.text()
    assert "超出表格右边的 20 个单元格没有粘贴" in indicators.notice.text()
    assert not indicators.buttons["add"].isEnabled()
    paste(indicators, "改18\n改19\n改20\n", row=18)
    rows = wizard.session.raw["indicators"]
    assert len(rows) == 20 and rows[18]["name"] == "改18" and rows[19]["name"] == "改19"
    assert "另有 1 行没有粘贴" in indicators.notice.text()


def test_rows_are_added_moved_and_removed_down_to_the_minimum(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    _, team = grid_on(wizard, "section:ch4", "team")
    paste(team, "王伟\t组长\n李娜\t成员\n")
    click = lambda name: qtbot.mouseClick(team.buttons[name], Qt.MouseButton.LeftButton)  # noqa: E731
    click("add")
    assert len(wizard.session.raw["team"]) == 3 and team.grid.currentRow() == 2
    team.grid.setCurrentCell(0, 0)
    click("down")
    assert [r.get("name") for r in wizard.session.raw["team"]] == ["李娜", "王伟", None]
    assert team.grid.currentRow() == 1 and team.grid.item(1, 0).text() == "王伟"
    click("up")
    assert [r.get("name") for r in wizard.session.raw["team"]][:2] == ["王伟", "李娜"]
    assert not team.buttons["up"].isEnabled()
    team.grid.setCurrentCell(2, 0)
    click("remove")
    team.grid.setCurrentCell(1, 0)
    click("remove")
    assert [r.get("name") for r in wizard.session.raw["team"]] == ["王伟"]
    assert not team.buttons["remove"].isEnabled()  # 项目团队 needs at least one row


def test_fixed_year_rows_cannot_be_added_or_removed_and_the_ratio_is_live(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    _, finance = grid_on(wizard, "section:ch1", "finance")
    assert finance.grid.rowCount() == 3
    assert set(finance.buttons) == {"paste"}
    paste(finance, "".join(f"{2020 + n}\t{1000 * (n + 1)}\t100\t{50 * (n + 1)}\t99\n" for n in range(5)))
    assert len(wizard.session.raw["finance"]) == 3
    assert "本表最多 3 行，另有 2 行没有粘贴" in finance.notice.text()
    assert "“研发投入占比（%）”由程序填写" in finance.notice.text()
    assert "rd_ratio" not in wizard.session.raw["finance"][0]
    wizard.session.validate_now()
    assert finance.grid.item(0, 4).text() == "5.00"
    assert not finance.grid.item(0, 4).flags() & Qt.ItemFlag.ItemIsEditable
    finance.grid.item(0, 3).setText("100")
    wizard.session.validate_now()
    assert finance.grid.item(0, 4).text() == "10.00"
    assert [finance.grid.verticalHeaderItem(r).text() for r in range(3)] == ["前年", "上年", "本年（截至上月末）"]


def test_the_keyboard_pastes_edits_clears_and_leaves_the_grid(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    activate(qtbot, wizard)
    page, indicators = grid_on(wizard, "section:ch3", "indicators")
    grid = indicators.grid
    QGuiApplication.clipboard().setText("指标甲\t≥ 1\t≥ 2\n")
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert wizard.session.raw["indicators"][0] == {"name": "指标甲", "required": "≥ 1", "target": "≥ 2"}
    grid.setCurrentCell(0, 1)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert wizard.session.raw["indicators"][0]["required"] == ""
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert grid.state() == grid.State.EditingState
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit) and grid.isAncestorOf(cell_editor)
    qtbot.keyClicks(cell_editor, ">= 3")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)  # Qt commits a cell on the next event loop pass
    assert wizard.session.raw["indicators"][0]["required"] == ">= 3"
    grid.setCurrentCell(0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert not grid.hasFocus()  # Tab after the last cell moves on to the buttons


def test_a_long_text_column_opens_in_the_side_editor(ctx, qtbot):
    wizard = open_application(ctx, qtbot)
    activate(qtbot, wizard)
    page, milestones = grid_on(wizard, "section:ch6", "milestones")
    milestones.grid.setFocus()
    milestones.grid.setCurrentCell(0, 3)
    qtbot.keyClick(milestones.grid, Qt.Key.Key_Return)
    assert milestones.side.box.hasFocus() and "阶段1 · 工作内容" in milestones.side.label.text()
    milestones.side.box.setPlainText("完成试验台设计、加工和安装调试。" * 3)
    assert wizard.session.raw["milestones"][0]["work"].startswith("完成试验台设计")
    assert milestones.side.counter.text() == "48/200"
    wizard.session.validate_now()
    assert milestones.grid.item(0, 3).text().endswith("…")
