"""Catalogue workbooks that are small on disk and huge in openpyxl: refused in seconds, in bounded memory.

Each bomb is a valid workbook with one XML part swapped for a crafted one
(compressed, every file here is well under the 20 MB file cap).  The limits
are checked by a streaming count before openpyxl parses anything, so every
case is refused by name; the memory test loads them all in a fresh
interpreter and reads its peak resident size from the OS.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.catalogue import CatalogueError, load_catalogue

PEAK_MB = 300
SECONDS = 10.0
HEADER = ["需求编号", "需求名称", "发榜企业"]
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _base(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "需求目录"
    sheet.append(HEADER)
    sheet.append(["2023-FJ-0001", "高精度伺服电机国产化", "澜岳精工装备制造股份有限公司（样例）"])
    workbook.save(path)
    return path


def _swap(base: Path, target: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            out.writestr(name, parts.pop(name, None) or source.read(name))
        for name, data in parts.items():
            out.writestr(name, data)
    return target


def _styles(xfs: int = 1, fonts: int = 1) -> bytes:
    font = b'<font><sz val="11"/><name val="Calibri"/></font>'
    xf = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    return (f'<styleSheet {NS}><fonts count="{fonts}">'.encode() + font * fonts +
            b'</fonts><fills count="1"><fill><patternFill/></fill></fills><borders count="1"><border/></borders>'
            b'<cellStyleXfs count="1">' + xf + f'</cellStyleXfs><cellXfs count="{xfs}">'.encode() + xf * xfs +
            b"</cellXfs></styleSheet>")


def _sheet(rows: bytes) -> bytes:
    header = b"".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>'.encode() for h in HEADER)
    return f"<worksheet {NS}><sheetData><row>".encode() + header + b"</row>" + rows + b"</sheetData></worksheet>"


def _shared(count: int) -> bytes:
    return f'<sst {NS} count="{count}" uniqueCount="{count}">'.encode() + b"<si><t>ab</t></si>" * count + b"</sst>"


BOMBS = {
    "styles-100000-xf": ({"xl/styles.xml": _styles(xfs=100_000)}, "单元格格式"),
    "fonts-20000": ({"xl/styles.xml": _styles(fonts=20_000)}, "字体"),
    "wide-row-50000-cells": ({"xl/worksheets/sheet1.xml": _sheet(b"<row>" + b"<c/>" * 50_000 + b"</row>")},
                             "超过 16384 个单元格"),
    "cells-1000000": ({"xl/worksheets/sheet1.xml": _sheet((b"<row>" + b"<c/>" * 100 + b"</row>") * 10_000)},
                      "单元格"),
    "elements-1300000": ({"xl/worksheets/sheet1.xml": _sheet(b"<row>" + b"<x/>" * 1_300_000 + b"</row>")},
                         "XML 元素超过"),
    "rows-300000": ({"xl/worksheets/sheet1.xml": _sheet(b"<row/>" * 300_000)}, "<row>"),
    "shared-strings-600000": ({"xl/sharedStrings.xml": _shared(600_000)}, "共享字符串"),
    "styles-70-mb": ({"xl/styles.xml": _styles() + b" " * (17 << 20)}, "解压后有"),
    # two cells far apart: the fast reader would hold the rectangle between them (2.4 billion cells)
    "far-corners": ({"xl/worksheets/sheet1.xml": _sheet(b'<row r="150000"><c r="XFD150000" t="inlineStr">'
                                                         b"<is><t>x</t></is></c></row>")}, "范围"),
    "cell-below-excel": ({"xl/worksheets/sheet1.xml": _sheet(b'<row r="2"><c r="A2000000"><v>1</v></c></row>')},
                         "超出 Excel 的范围"),
    "row-number-not-a-number": ({"xl/worksheets/sheet1.xml": _sheet(b'<row r="1e9"><c><v>1</v></c></row>')},
                                "行号"),
    "entity-in-styles": ({"xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "x">]>' + _styles()},
                         "声明了实体"),
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    root = tmp_path_factory.mktemp("xlsx-bombs")
    base = _base(root / "base.xlsx")
    return {name: (_swap(base, root / f"{name}.xlsx", dict(parts)), expected)
            for name, (parts, expected) in BOMBS.items()}


def test_the_base_workbook_loads(tmp_path):
    assert [n.code for n in load_catalogue(_base(tmp_path / "ok.xlsx")).needs] == ["2023-FJ-0001"]


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_each_bomb_is_refused_quickly_by_name(bombs, name):
    path, expected = bombs[name]
    assert path.stat().st_size < 20 * 1024 * 1024
    started = time.monotonic()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert time.monotonic() - started < SECONDS
    assert expected in str(caught.value)


def test_all_bombs_stay_within_the_memory_target(bombs):
    """A fresh interpreter loads every bomb; its peak resident size (VmHWM) stays under the target."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc")
    script = (
        "import json, sys\n"
        "from desktop.catalogue import CatalogueError, load_catalogue\n"
        "for path in json.loads(sys.argv[1]):\n"
        "    try:\n"
        "        load_catalogue(path)\n"
        "    except CatalogueError:\n"
        "        pass\n"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
    )
    paths = json.dumps([str(path) for path, _ in bombs.values()])
    result = subprocess.run([sys.executable, "-c", script, paths], capture_output=True, text=True, timeout=120,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 0, result.stderr
    peak_mb = int(result.stdout.split()[-1]) / 1024  # kilobytes on Linux
    assert peak_mb < PEAK_MB
