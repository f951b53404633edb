"""Data measured against the form before cleaning: each limit in a small inline form."""

from __future__ import annotations

import time

from desktop.engine.bounds import EXTRA_KEYS, MAX_NUMBER_CHARS, MAX_TEXT_CHARS, shape_problems
from desktop.engine.model import Field, Table

ITEMS = (
    Field("name", "名称", "text", max_len=20),
    Field("amount", "金额", "money"),
    Field("ways", "方式", "multi", choices=("甲", "乙")),
    Field("file", "附件", "file"),
    Table("rows", "明细", columns=(Field("note", "说明", "text"),), max_rows=3),
)


def codes(data) -> list[str]:
    return [p.code for p in shape_problems(ITEMS, data)]


def test_data_within_the_form_passes():
    assert codes({"name": "x" * 50, "amount": "12.50", "ways": ["甲"], "file": {"name": "a.pdf", "sha256": "0"},
                  "rows": [{"note": "a"}] * 3, "unknown": 1}) == []


def test_each_limit_is_one_problem():
    assert codes({"rows": [{}] * 4}) == ["table.max_rows"]
    assert codes({"name": "x" * (MAX_TEXT_CHARS + 1)}) == ["limit.text"]
    assert codes({"amount": "9" * (MAX_NUMBER_CHARS + 1)}) == ["limit.text"]
    assert codes({"amount": 10 ** 45}) == ["limit.number"]
    assert codes({"ways": ["甲"] * 3}) == ["limit.value"]
    assert codes({"name": ["x"]}) == ["limit.value"]
    assert codes({"name": {"a": 1}}) == ["limit.value"]
    assert codes({"file": {"name": ["nested"]}}) == ["limit.value"]
    assert codes({f"k{i}": 0 for i in range(len(ITEMS) + EXTRA_KEYS + 1)}) == ["limit.keys"]
    assert codes({"rows": [{f"k{i}": 0 for i in range(1 + EXTRA_KEYS + 1)}]}) == ["limit.keys"]


def test_a_million_rows_cost_nothing():
    started = time.monotonic()
    problems = shape_problems(ITEMS, {"rows": [{}] * 1_000_000})
    assert time.monotonic() - started < 0.5
    assert problems[0].message == "明细最多 3 行，现有 1000000 行，请删除 999997 行"
