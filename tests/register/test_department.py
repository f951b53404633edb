"""The department template: written, filled, read back; malformed or hostile sheets import nothing."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from desktop.register import department as dep
from desktop.register.department import read_department_file, write_department_template
from desktop.register.samples import make_year
from desktop.register.sheet import SheetError

DEPARTMENT = "某省知识产权局"


def test_round_trip_gives_back_the_same_activities(campaign, tmp_path):
    rows = make_year(60, 0, 0).reports["某省国资委"]
    path = tmp_path / "t.xlsx"
    write_department_template(path, "某省国资委", campaign, rows)
    name, back, warnings = read_department_file(path, campaign)
    assert name == "某省国资委" and warnings == []
    assert [replace(a, co_hosts=()) for a in back] == rows


def test_a_year_of_10000_rows_comes_back_value_for_value(campaign, tmp_path):
    """The fast reader on a year's sheet: every text, date and figure (ints and two-decimal money) as written."""
    rows = [a for department in make_year(10_000, 0, 0, seed=7).reports.values() for a in department][:10_000]
    rows = [replace(a, lead=DEPARTMENT, co_hosts=()) for a in rows]
    path = tmp_path / "year.xlsx"
    write_department_template(path, DEPARTMENT, campaign, rows)
    name, back, _ = read_department_file(path, campaign)
    assert name == DEPARTMENT and len(back) == 10_000
    assert back == rows


def test_template_names_its_columns_and_department(campaign, tmp_path):
    path = tmp_path / "t.xlsx"
    write_department_template(path, DEPARTMENT, campaign)
    workbook = load_workbook(path)
    header = [c.value for c in workbook["活动登记"][1]]
    assert header[:7] == ["活动名称*", "开始日期*", "结束日期", "举办地点*", "线上/线下*", "活动级别*", "活动类型*"]
    assert "其中专精特新“小巨人”" in header and "签约金额（万元）" in header
    assert dict(workbook["填报信息"].iter_rows(values_only=True, max_row=1))["填报部门"] == DEPARTMENT


def filled(path, campaign, *rows):
    write_department_template(path, DEPARTMENT, campaign)
    workbook = load_workbook(path)
    for row in rows:
        workbook["活动登记"].append(row)
    workbook.save(path)
    return path


GOOD = ["专利转化对接会（样例）", dt.date(2024, 4, 2), None, "岳川市科技大厦", "线下", "省级", "专利转化", "新材料",
        None, "工商联", None, 3, 80, 5, 20, 4, 10, 12, 6, 320.5, 9]


def test_a_sheet_with_bad_rows_imports_nothing_and_lists_each_row(campaign, register, tmp_path):
    bad = list(GOOD)
    bad[0:2] = ["另一场对接会（样例）", "2024-02-30"]
    bad[12], bad[13] = 10, 11                    # 小巨人 11 > 中小企业 10
    late = list(GOOD)
    late[0:2] = ["年后对接会（样例）", dt.date(2025, 3, 1)]
    path = filled(tmp_path / "bad.xlsx", campaign, GOOD, bad, late, GOOD)
    with pytest.raises(SheetError) as caught:
        read_department_file(path, campaign)
    problems = caught.value.problems
    assert any(p.startswith("第 3 行：开始日期有误") for p in problems)
    assert any(p.startswith("第 3 行：其中专精特新“小巨人”（11）不能多于参与中小企业数（10）") for p in problems)
    assert any(p.startswith("第 4 行：") and "不在本次活动期" in p for p in problems)
    assert any(p.startswith("第 5 行：与第 2 行是同一项活动") for p in problems)
    assert register.activities() == []


def test_signed_over_intentions_is_a_warning_only(campaign, tmp_path):
    row = list(GOOD)
    row[17], row[18] = 2, 5                        # 签约 5 > 意向 2
    _, activities, warnings = read_department_file(filled(tmp_path / "w.xlsx", campaign, row), campaign)
    assert len(activities) == 1 and warnings == ["第 2 行：签约项目数（5）多于达成合作意向数（2），请核实"]
    assert activities[0].level == "省" and activities[0].departments == (DEPARTMENT, "工商联")


def test_an_old_excel_file_is_refused_with_advice(campaign, tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(SheetError, match="另存为 .xlsx"):
        read_department_file(path, campaign)


def test_a_zip_bomb_is_refused_before_the_reader_opens_it(campaign, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(SheetError, match="解压后超过"):
        read_department_file(path, campaign)


def test_too_many_rows_are_refused(campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(dep, "MAX_ROWS", 3)
    rows = [[f"对接会{n}（样例）", *GOOD[1:]] for n in range(5)]
    with pytest.raises(SheetError, match="超过 3 行"):
        read_department_file(filled(tmp_path / "many.xlsx", campaign, *rows), campaign)


def test_a_department_reporting_again_updates_its_own_figures_and_logs_it(campaign, register, tmp_path):
    path = filled(tmp_path / "a.xlsx", campaign, GOOD)
    register.merge(read_department_file(path, campaign)[1], DEPARTMENT)
    changed = list(GOOD)
    changed[12] = 95
    register.merge(read_department_file(filled(tmp_path / "b.xlsx", campaign, changed), campaign)[1], DEPARTMENT)
    (activity,) = register.activities()
    assert activity.figure("smes") == 95 and activity.conflicts == ()
    log = register.changes(activity.id)
    assert [c.action for c in log] == ["新增", "合并"] and "参与中小企业数 80 → 95" in log[1].detail
    assert all(c.by == DEPARTMENT and c.at.tzinfo is not None for c in log)


def test_texts_that_look_like_formulas_or_links_stay_texts(campaign, tmp_path):
    """The template is written as text: a name starting with “=” is not turned into a formula."""
    first = make_year(3, 0, 0).reports["某省工业和信息化厅"][0]
    odd = replace(first, name="=SUM(A1:A3)对接会", place="www.example.com 会议中心")
    path = tmp_path / "odd.xlsx"
    write_department_template(path, DEPARTMENT, campaign, [odd])
    cell = load_workbook(path)["活动登记"]["A2"]
    assert cell.value == "=SUM(A1:A3)对接会" and cell.data_type == "s"
    _, back, _ = read_department_file(path, campaign)
    assert (back[0].name, back[0].place, back[0].figures) == (odd.name, odd.place, odd.figures)
