"""Steps derived from a form: one per section, one per row of a row-per-page table."""

from __future__ import annotations

from desktop.engine.declare import text
from desktop.engine.model import ERROR, WARNING, Form, Problem, Section, Table
from desktop.ui.problems import ProblemIndex, ack_key
from desktop.ui.steps import (DONE, NOT_YET, PROBLEMS, ROW, build_steps, row_label, row_noun, step_for_path,
                              step_state)

ITEMS = Table("items", "条目", columns=(text("name", "名称", 10),), min_rows=1, max_rows=3, page_per_row=True,
              row_label="条目{n}", row_title_field="name")
FORM = Form(id="t", edition="1", title="测试表", attachment_no="附件9", sections=(
    Section("who", "单位", scope="org", items=(text("name", "单位名称", 20, required=True),)),
    Section("items", "条目列表", items=(ITEMS,)),
))


def test_a_row_table_adds_one_step_per_row_after_its_list():
    steps = build_steps(FORM, {"items": [{"name": "甲"}, {}]})
    assert [s.key for s in steps] == ["section:who", "section:items", "row:items:0", "row:items:1", "review", "export"]
    row = steps[3]
    assert (row.kind, row.title, row.scope, row.parent) == (ROW, "条目2", ("items", 1), "section:items")


def test_a_problem_path_finds_the_most_specific_step():
    steps = build_steps(FORM, {"items": [{}, {}]})
    assert step_for_path(steps, "items[1].name").key == "row:items:1"
    assert step_for_path(steps, "items").key == "section:items"
    assert step_for_path(steps, "org.name").key == "section:who"
    assert step_for_path(steps, "") is None


def test_states_done_problems_and_not_yet():
    raw = {"items": [{"name": "甲"}, {}]}
    steps = build_steps(FORM, raw)
    index = ProblemIndex((Problem("org.name", ERROR, "required", "请填写单位名称"),
                          Problem("items[0].name", WARNING, "x", "提醒")))
    by_key = {s.key: s for s in steps}
    assert step_state(by_key["section:who"], steps, index, raw, visited=False) == (NOT_YET, 1)
    assert step_state(by_key["section:who"], steps, index, raw, visited=True) == (PROBLEMS, 1)
    assert step_state(by_key["row:items:0"], steps, index, raw, visited=False) == (PROBLEMS, 1)
    assert step_state(by_key["row:items:1"], steps, index, raw, visited=True) == (DONE, 0)
    acknowledged = ProblemIndex(index.problems, frozenset({ack_key(index.problems[1])}))
    assert step_state(by_key["row:items:0"], steps, acknowledged, raw, visited=True) == (DONE, 0)


def test_row_labels_and_nouns():
    assert row_label(ITEMS, 2, {"name": "丙"}) == "条目3"
    assert row_noun(ITEMS) == "条目"
    years = Table("fin", "财务", columns=(), row_label="第{n}行")
    assert row_noun(years) == "行" and row_label(years, 0, {}) == "第1行"
