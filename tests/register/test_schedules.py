"""附件1–4: import from XLSX or JSON, re-import lists what changed, malformed sheets import nothing."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from desktop.register.schedules import (import_schedule, list_rows, mark_joined, read_schedule_file, schedule,
                                        write_schedule_template)
from desktop.register.sheet import SheetError

ROWS = [["工业母机", "工业母机产业链对接活动（样例）", "澜岳机床（样例）", "2024-06-18", "澜江市", "装备工业一司", "王伟 010-6620"],
        ["新能源汽车", "新能源汽车产业链对接活动（样例）", None, "2024-07-18", "岳川市", "装备工业一司", None],
        ["集成电路", "集成电路产业链对接活动（样例）", None, "2024-09-03", "衡州市", "电子信息司", None]]


def sheet(tmp_path, name, rows, form_id="2024-a1-chain-events"):
    path = tmp_path / name
    write_schedule_template(schedule(form_id), path)
    workbook = load_workbook(path)
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def test_the_schedule_is_recognised_by_its_header(tmp_path):
    info, rows = read_schedule_file(sheet(tmp_path, "a1.xlsx", ROWS))
    assert info.form.id == "2024-a1-chain-events" and len(rows) == 3
    assert rows[0] == {"chain": "工业母机", "name": "工业母机产业链对接活动（样例）", "leader": "澜岳机床（样例）",
                       "held_on": "2024-06-18", "place": "澜江市", "organiser": "装备工业一司", "contact": "王伟 010-6620"}
    expo = sheet(tmp_path, "a4.xlsx", [["中国国际中小企业博览会", "专场对接（样例）", "2024-06-25", "广州", "某部门"]],
                 "2024-a4-expo-events")
    assert read_schedule_file(expo)[0].form.id == "2024-a4-expo-events"


def test_a_reimport_lists_moved_dates_new_places_and_cancellations(register, tmp_path):
    info, rows = read_schedule_file(sheet(tmp_path, "v1.xlsx", ROWS))
    first = import_schedule(register, info, rows, "经办人")
    assert len(first.added) == 3 and not first.changed and not first.cancelled
    changed = [list(r) for r in ROWS[:2]]
    changed[0][3], changed[1][4] = "2024-06-25", "嵘山市"
    changed.append(["生物医药", "生物医药产业链对接活动（样例）", None, "2024-10-10", "翊阳市", "消费品工业司", None])
    info, rows = read_schedule_file(sheet(tmp_path, "v2.xlsx", changed))
    second = import_schedule(register, info, rows, "经办人")
    assert second.changed == ["工业母机产业链对接活动（样例）：时间改期：2024年6月18日 → 2024年6月25日",
                              "新能源汽车产业链对接活动（样例）：地点变更：岳川市 → 嵘山市"]
    assert second.cancelled == ["集成电路产业链对接活动（样例）（2024年9月3日，衡州市）"]
    assert second.added == ["生物医药产业链对接活动（样例）（2024年10月10日，翊阳市）"]
    listed = list_rows(register)
    assert len(listed) == 4 and [r.data["name"] for r in listed if r.cancelled] == ["集成电路产业链对接活动（样例）"]
    assert "时间改期" in register.changes()[-1].detail


def test_a_malformed_sheet_gets_a_row_by_row_report_and_imports_nothing(tmp_path):
    bad = [list(ROWS[0]), ["集成电路", None, None, "2024-02-30", "衡州市", None, None], list(ROWS[0])]
    with pytest.raises(SheetError) as caught:
        read_schedule_file(sheet(tmp_path, "bad.xlsx", bad))
    problems = caught.value.problems
    assert "第 3 行：请填写活动名称" in problems and "第 3 行：请填写承办单位" in problems
    assert any(p.startswith("第 3 行：举办时间") for p in problems)
    assert "第 4 行：活动名称与第 2 行相同，请删去重复的一行" in problems


def test_json_schedules_are_read_and_checked_the_same_way(tmp_path):
    path = tmp_path / "a3.json"
    path.write_text(json.dumps({"form": "2024-a3-private-events", "rows": [
        {"name": "民营企业专场（样例）", "firm": "璟珩智造（样例）", "held_on": "2024-08-08", "place": "嵘山市"},
        {"name": "缺地点（样例）", "firm": "x", "held_on": "2024-08-09"}]}, ensure_ascii=False), "utf-8")
    with pytest.raises(SheetError, match="第 2 项：请填写举办地点"):
        read_schedule_file(path)
    path.write_text("[" * 100 + "]" * 100, "utf-8")
    with pytest.raises(SheetError, match="嵌套"):
        read_schedule_file(path)


def test_rows_filter_and_are_marked_joined(register, tmp_path):
    info, rows = read_schedule_file(sheet(tmp_path, "a1.xlsx", ROWS))
    import_schedule(register, info, rows, "经办人")
    assert [r.data["name"] for r in list_rows(register, month=7)] == ["新能源汽车产业链对接活动（样例）"]
    assert len(list_rows(register, kind="附件1", chain="集成电路")) == 1
    assert len(list_rows(register, organiser="装备工业一司")) == 2 and list_rows(register, place="北京") == []
    target = list_rows(register, chain="工业母机")[0]
    assert mark_joined(register, target.id, True, "经办人").joined
    assert [r.id for r in list_rows(register, joined=True)] == [target.id]


def test_an_activity_naming_an_unknown_schedule_row_is_reported(register, tmp_path):
    from dataclasses import replace

    from desktop.register.samples import make_year
    from desktop.register.schedules import unknown_schedule_refs

    info, rows = read_schedule_file(sheet(tmp_path, "a1.xlsx", ROWS))
    import_schedule(register, info, rows, "经办人")
    first, second = make_year(2, 0, 0).reports["某省工业和信息化厅"] + make_year(4, 0, 0).reports["某省国资委"][:1]
    linked = [replace(first, schedule_ref=" 工业母机产业链对接活动（样例） "), replace(second, schedule_ref="没有这项活动")]
    assert unknown_schedule_refs(register, linked) == [f"“{second.name}”的对应日程“没有这项活动”不在已导入的附件1–4 日程中，请核对名称"]
