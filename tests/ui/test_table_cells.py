"""Grid cells show values as the documents print them, and keep what was typed."""

from desktop.engine.declare import date, money, text
from desktop.ui.table_cells import ShownDelegate
from desktop.ui.widgets import delegate_for


def shown(field, value, qapp):
    delegate = delegate_for(field, None)
    return delegate.displayText(value, None) if delegate else value


def test_money_and_dates_are_shown_in_print_form(qapp):
    assert shown(money("m", "金额"), "1280.5", qapp) == "1,280.50"
    assert shown(date("d", "日期"), "2023-04-20", qapp) == "2023年4月20日"


def test_values_that_do_not_parse_are_shown_as_typed(qapp):
    assert shown(money("m", "金额"), "约120万", qapp) == "约120万"
    assert shown(date("d", "日期"), "2023-02-30", qapp) == "2023-02-30"


def test_plain_text_has_no_display_delegate(qapp):
    assert not isinstance(delegate_for(text("t", "名称", 10), None), ShownDelegate)
