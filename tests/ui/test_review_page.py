"""The review page: every problem with page and field; a click opens the field; warnings can be acknowledged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.samples import sample_raw
from desktop.ui.review_page import ACK, FIELD, MESSAGE, PAGE

from .helpers import activate, editor, open_wizard


def click(qtbot, table, item) -> None:
    table.scrollToItem(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(item).center())


def rows_by_field(review) -> dict:
    return {(row[PAGE].text(), row[FIELD].text()): row for row in review.problem_rows()}


def test_problems_are_listed_and_a_click_focuses_the_field(ctx, qtbot, new_draft, needs_form):
    raw = sample_raw(needs_form)
    raw["profile"]["uscc"] = "91350100M000100Y44"
    raw["needs"][2]["budget"] = "十万"
    _, wizard = open_wizard(ctx, qtbot, new_draft(raw))
    activate(qtbot, wizard)
    review = wizard.open_step("review")
    rows = rows_by_field(review)
    assert set(rows) >= {("企业基本信息", "统一社会信用代码"), ("需求3", "拟投入资金（万元）")}
    assert rows[("需求3", "拟投入资金（万元）")][MESSAGE].text().startswith("✖ 拟投入资金（万元）：")
    click(qtbot, review.tree, rows[("需求3", "拟投入资金（万元）")][MESSAGE])
    assert wizard.current == "row:needs:2"
    assert QApplication.focusWidget() is editor(wizard.pages["row:needs:2"], "needs[2].budget")
    wizard.open_step("review")
    click(qtbot, review.tree, rows_by_field(review)[("企业基本信息", "统一社会信用代码")][PAGE])
    assert QApplication.focusWidget() is editor(wizard.pages["section:profile_basic"], "profile.uscc")


def test_a_warning_can_be_acknowledged_but_an_error_cannot(ctx, qtbot, new_draft, needs_form):
    raw = sample_raw(needs_form)
    raw["profile"]["employees"] = "150"
    raw["profile"]["revenue"] = "9000.00"
    raw["profile"].update(rd_staff="30", rd_spend="400.00")  # consistent with the smaller enterprise
    raw["profile"]["postcode"] = "12345"
    _, wizard = open_wizard(ctx, qtbot, new_draft(raw))
    review = wizard.open_step("review")
    rows = {row[FIELD].text(): row for row in review.problem_rows()}
    warning, error = rows["企业规模"][ACK], rows["邮政编码"][ACK]
    assert not error.flags() & Qt.ItemFlag.ItemIsUserCheckable and error.text() == "须改正"
    assert wizard.problems_label.text() == "还有 2 处需要修改"
    warning.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: wizard.problems_label.text() == "还有 1 处需要修改", timeout=2000)
    refreshed = {row[FIELD].text(): row for row in review.problem_rows()}
    assert refreshed["企业规模"][ACK].checkState() == Qt.CheckState.Checked
    wizard.close()
    assert ctx.store.get_draft(wizard.session.draft_id).problem_count == 1
