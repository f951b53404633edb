"""Bounded JSON: size and depth refused before parsing, duplicates and odd values refused."""

from __future__ import annotations

import json
import random
import re

import pytest

from desktop.package.safe_json import JsonRefused, _outside_strings, loads_limited, nesting_depth_exceeds, printable

MB = 1024 * 1024


def test_valid_json_and_bom_are_accepted():
    assert loads_limited(b'\xef\xbb\xbf{"a": ["[{", 1]}', max_bytes=MB) == {"a": ["[{", 1]}


@pytest.mark.parametrize("depth, exceeds", [(64, False), (65, True), (10_000, True)])
def test_depth_is_measured_before_parsing(depth: int, exceeds: bool):
    raw = b"[" * depth + b"]" * depth
    assert nesting_depth_exceeds(raw, 64) is exceeds


def test_brackets_inside_strings_do_not_count():
    raw = b'{"text": "' + b"[" * 500 + b'\\"' + b"{" * 500 + b'"}'
    assert not nesting_depth_exceeds(raw, 64)
    assert loads_limited(raw, max_bytes=MB)["text"].startswith("[[")


def test_what_lies_outside_strings_is_what_a_tokenising_reader_sees():
    # the reader's view, written independently: a regular expression over whole JSON strings
    string = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
    rng = random.Random(7)
    pieces = ['"', "\\", "[", "]", "{", "}", ",", ":", "a", "好", "\\\"", "\\\\"]
    for _ in range(2000):
        value = {"".join(rng.choices(pieces, k=rng.randint(0, 6))):
                 ["".join(rng.choices(pieces, k=rng.randint(0, 12))) for _ in range(rng.randint(0, 4))]}
        raw = json.dumps(value, ensure_ascii=rng.random() < 0.5).encode("utf-8")
        assert _outside_strings(raw) == string.sub(b"", raw), raw


@pytest.mark.parametrize("raw, reason", [
    (b"[" * 100_000 + b"]" * 100_000, "嵌套超过 64 层"),
    (b" " * (MB + 1), "文件过大"),
    ('{"a": "质"}'.encode("gbk"), "不是 UTF-8 编码"),
    (b'{"a": 1, "a": 2}', "键 a 重复出现"),
    (b'{"a": NaN}', "非标准的数值 NaN"),
    (b'{"a": "\\ud800"}', "孤立的代理项"),
    (b'{"a": ' + b"9" * 5000 + b"}", "超过 400 位的数字"),
    (b'{"a": 1e' + b"9" * 500 + b"}", "超过 400 位的数字"),
    (b'{"a": ', "不是有效的 JSON（第 1 行第 7 列"),
])
def test_hostile_json_is_refused_with_a_reason(raw: bytes, reason: str):
    with pytest.raises(JsonRefused, match=reason):
        loads_limited(raw, max_bytes=MB)


def test_many_small_values_are_refused_before_parsing():
    """Ten million two-byte values would be ten million Python objects: counted on the bytes first."""
    with pytest.raises(JsonRefused, match="数值超过 1000 个"):
        loads_limited(b"[" + b"[]," * 1001 + b"[]]", max_bytes=MB, max_items=1000)
    assert len(loads_limited(b"[" + b"[]," * 999 + b"[]]", max_bytes=MB, max_items=1000)) == 1000


def test_printable_escapes_what_could_break_a_report_line():
    assert printable("a\nb\x1b\u202e\udcff") == "a\\x0ab\\x1b\\u202e\\udcff"
    assert len(printable("x" * 500)) == 120
