"""Field editors: one per kind, raw values in and out, counters, pickers."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QDate
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from desktop.engine.declare import boolean, calc, choice, date, file, memo, money, multi, text, uscc
from desktop.engine.kinds import KINDS
from desktop.ui.widgets import EDITORS, editor_for


@pytest.fixture
def make(qtbot):
    parents: list[QWidget] = []  # held here: an editor lives only as long as its parent widget

    def build(field):
        parents.append(QWidget())
        qtbot.addWidget(parents[-1])
        return editor_for(field, parents[-1])
    return build


def test_every_field_kind_has_an_editor():
    assert set(EDITORS) == set(KINDS)


def test_a_limited_text_counts_characters_and_turns_red_when_over(make, qtbot):
    editor = make(text("title", "需求名称", 5))
    changes = []
    editor.changed.connect(lambda: changes.append(editor.raw()))
    qtbot.keyClicks(editor.line, "abc")
    assert editor.counter.text() == "3/5" and changes[-1] == "abc"
    qtbot.keyClicks(editor.line, "def")
    assert editor.counter.text() == "6/5" and "c62828" in editor.counter.styleSheet()


def test_showing_a_stored_value_is_not_a_change(make, qtbot):
    for field in (text("a", "甲", 10), memo("b", "乙", 100), money("c", "丙"), choice("d", "丁", ("一", "二"))):
        editor = make(field)
        changes = []
        editor.changed.connect(lambda: changes.append(1))
        editor.set_raw("一")
        assert changes == [] and editor.raw() == "一"


def test_numbers_are_never_refused_while_typing(make, qtbot):
    editor = make(money("budget", "拟投入资金（万元）"))
    qtbot.keyClicks(editor.line, "1,234.5x")
    assert editor.raw() == "1,234.5x"


def test_a_choice_starts_with_please_choose_and_keeps_unknown_imported_values(make, qtbot):
    editor = make(choice("kind", "需求类型", ("技术攻关", "其他")))
    assert editor.combo.itemText(0) == "请选择" and editor.raw() == ""
    editor.set_raw("旧版选项")
    assert editor.combo.currentText() == "旧版选项" and editor.raw() == "旧版选项"


def test_multi_and_bool_speak_raw_values(make, qtbot):
    several = make(multi("out", "预期成果形式", ("样机/样品", "产品", "专利")))
    several.boxes[2].setChecked(True)
    several.boxes[0].setChecked(True)
    assert several.raw() == ["样机/样品", "专利"]
    yes_no = make(boolean("public", "是否公开"))
    assert yes_no.raw() is None
    yes_no.set_raw(False)
    assert yes_no.combo.currentText() == "否" and yes_no.raw() is False


def test_a_date_can_be_picked_from_the_calendar(make, qtbot):
    editor = make(date("deadline", "期望完成时间"))
    assert editor.line.placeholderText() == "如 2023-04-27"
    editor.calendar.clicked.emit(QDate(2024, 3, 9))
    assert editor.raw() == "2024-03-09"


def test_a_credit_code_is_shown_in_capitals_but_kept_as_typed(make, qtbot):
    editor = make(uscc("uscc", "统一社会信用代码"))
    qtbot.keyClicks(editor.line, "91350100m000100y43")
    assert editor.line.font().capitalization() == QFont.Capitalization.AllUppercase
    assert editor.raw() == "91350100m000100y43"


def test_a_calculated_value_is_rendered(make, qtbot):
    editor = make(calc("size", "企业规模", lambda s, r: None, lambda v: f"{v['class']}（{v['reason']}）", reads=("x",)))
    assert editor.label.text() == editor.EMPTY
    editor.set_computed({"class": "大型", "reason": "从业人员 3860 人"})
    assert editor.label.text() == "大型（从业人员 3860 人）"


def test_a_file_is_copied_into_the_attachment_store_and_kept_by_digest(make, ctx, qtbot, tmp_path):
    editor = make(file("licence", "营业执照", accept=("pdf",), max_mb=1))
    assert not editor.button.isEnabled()  # no attachment store before the page hands over the context
    editor.use_context(ctx)
    wrong = tmp_path / "执照.pdf"
    wrong.write_bytes(b"not a pdf at all")
    editor.add([wrong])
    assert editor.raw() is None and "执照.pdf" in editor.problem.text() and not editor.problem.isHidden()
    right = tmp_path / "执照2.pdf"
    right.write_bytes(b"%PDF-1.4 sample")
    editor.add([right])
    digest = hashlib.sha256(b"%PDF-1.4 sample").hexdigest()
    assert editor.raw() == {"name": "执照2.pdf", "sha256": digest, "size": 15, "kind": "pdf", "pages": None}
    assert (ctx.data_dir / "attachments" / digest).read_bytes() == b"%PDF-1.4 sample"
    assert editor.problem.isHidden() and editor.label.text() == "执照2.pdf · PDF · 1 KB"
