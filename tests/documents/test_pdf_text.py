import shutil

import pytest

from desktop.documents.pdf_text import CANNOT_END, CANNOT_START, break_lines

from .doc_samples import needs_pdf, pdftotext


def lines_of(text: str, chars_per_line: int) -> list[str]:
    """Every character 10 pt wide, lines ``chars_per_line`` characters long."""
    return [line for _, line in break_lines(text, [10.0] * len(text), [10.0 * chars_per_line])]


def test_closing_mark_never_starts_a_line():
    assert lines_of("甲乙丙丁戊，己庚辛。", 5) == ["甲乙丙丁", "戊，己庚", "辛。"]
    assert lines_of("甲乙丙丁戊”。己", 5) == ["甲乙丙丁", "戊”。己"]


def test_opening_mark_never_ends_a_line():
    lines = lines_of("甲乙丙丁（戊己）庚", 5)
    assert lines == ["甲乙丙丁", "（戊己）庚"]


def test_latin_run_is_kept_whole_when_it_fits():
    assert lines_of("邮箱ab@cd.com", 9) == ["邮箱", "ab@cd.com"]
    assert lines_of("电话 010-12345678 转", 14) == ["电话 ", "010-12345678 转"]


def test_run_longer_than_a_line_is_cut():
    assert lines_of("x" * 12, 5) == ["xxxxx", "xxxxx", "xx"]
    assert lines_of("电话0591-87654321", 8) == ["电话", "0591-876", "54321"]


def test_lines_joined_give_back_the_text():
    text = "Noto Serif 与 GB/T 9704-2012 规定的版心，“中文”（括号）；以及很长的一段说明文字。" * 3
    for width in (3, 7, 11, 20):
        assert "".join(lines_of(text, width)) == text


def test_a_line_of_only_marks_still_makes_progress():
    assert "".join(lines_of("。。。。。。", 2)) == "。。。。。。"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_printed_line_of_the_sample_starts_or_ends_badly():
    lines = [line.strip() for line in pdftotext(needs_pdf().data).splitlines() if line.strip()]
    assert len(lines) > 1000
    assert [line for line in lines if line[0] in CANNOT_START] == []
    assert [line for line in lines if line[-1] in CANNOT_END] == []


def em(text: str) -> list[float]:
    from desktop.documents.linebreak import em_widths

    return em_widths(text)


def test_a_unit_in_brackets_is_never_broken():
    text = "营业收入（万元）"
    assert [line for _, line in break_lines(text, em(text), [6])] == ["营业收入", "（万元）"]
    text = "研发投入占比（%）"
    assert [line for _, line in break_lines(text, em(text), [7])] == ["研发投入占比", "（%）"]


def test_an_enterprise_name_breaks_before_its_legal_form_never_inside_a_word():
    from desktop.documents.linebreak import balanced_lines

    for name in ("嵘锋动力工业技术股份有限公司（样例）", "澜岳精工科技有限责任公司", "华东重型机械集团有限公司（样例）"):
        lines = balanced_lines(name, 10)
        assert len(lines) == 2 and "".join(lines) == name, lines
        assert lines[1][:2] in ("股份", "有限", "集团"), lines


def test_a_long_bracket_group_may_still_be_broken():
    text = "说明（" + "很长的括号内说明文字" * 3 + "）"
    lines = break_lines(text, em(text), [12])
    assert "".join(line for _, line in lines) == text and len(lines) >= 3
