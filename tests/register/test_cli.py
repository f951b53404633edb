"""``xieshou register …`` as real processes: exit codes, messages, JSON lines, the report package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.attachments.samples import make_sample_files

AT = "2024-07-05T10:00:00+08:00"
FORMS_2024 = ("2024-a1-chain-events", "2024-a2-provincial-events", "2024-a3-private-events", "2024-a4-expo-events",
              "2024-a6-stats", "2024-report")


def xs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "r.db")


@pytest.mark.parametrize("form_id", FORMS_2024)
def test_every_2024_form_has_a_valid_sample(form_id, tmp_path):
    path = tmp_path / "s.json"
    assert xs("sample", form_id, "-o", str(path)).returncode == 0
    checked = xs("validate", str(path))
    assert checked.returncode == 0, checked.stdout


def department_sheet(tmp_path, db, department, rows) -> Path:
    path = tmp_path / f"{department}.xlsx"
    assert xs("register", "template", "--department", department, "-o", str(path), "--db", db).returncode == 0
    workbook = load_workbook(path)
    for row in rows:
        workbook["活动登记"].append(row)
    workbook.save(path)
    return path


ROW = ["央企走进专场（样例）", "2024-05-20", "2024-05-21", "澜江市会展中心", "线下", "省", "央企专场", "工业母机", None, None,
       None, 12, 150, 10, 40, 5, 30, 25, 20, 1234.5, 2]


def test_two_departments_one_activity_then_stats_and_report(tmp_path, db):
    first = department_sheet(tmp_path, db, "某省国资委", [ROW])
    other = list(ROW)
    other[0], other[12] = " 央企走进专场（样例）", 160
    second = department_sheet(tmp_path, db, "某省工商联", [other])
    assert xs("register", "import", str(first), "--db", db).returncode == 0
    merged = xs("register", "import", str(second), "--db", db)
    assert merged.returncode == 0 and "数据不一致待裁定 1 项" in merged.stdout
    (line,) = xs("register", "list", "--json", "--db", db).stdout.splitlines()
    activity = json.loads(line)
    assert activity["lead"] == "某省国资委" and activity["co_hosts"] == ["某省工商联"]
    assert activity["conflicts"][0]["figures"] == {"smes": 160}
    assert xs("register", "decide", "1", "--take", "某省工商联", "--db", db, "--by", "审核人",
              "--reason", "以工商联签到表为准").returncode == 0
    assert "理由：以工商联签到表为准" in xs("register", "show", "1", "--db", db).stdout

    stats = xs("register", "stats", "--period", "2024H1", "--json", "-o", str(tmp_path / "out"), "--unit", "某省工信厅",
               "--at", AT, "--db", db)
    assert stats.returncode == 0
    rows = [json.loads(x) for x in stats.stdout.splitlines()]
    assert rows[0]["smes"] == 160 and rows[0]["host"] == "某省国资委、某省工商联"
    assert rows[-1]["totals"]["smes"] == 160 and rows[-1]["activities"] == 1
    folder = next((tmp_path / "out").iterdir())
    assert sorted(p.suffix for p in folder.iterdir()) == [".pdf", ".txt", ".xlsx"]

    photos = make_sample_files(tmp_path / "photos")
    texts = tmp_path / "photos" / "texts.json"
    texts.write_text(json.dumps({
        "标题": "澜江市举办央企走进专场对接活动", "地区": "某省澜江市", "报送单位": "某省工信厅", "报送日期": "2024-07-05",
        "主要做法": "会前摸排大企业需求，组织预对接。", "取得成效": "达成合作意向 25 项。", "经验启示": "精准匹配。",
        "照片": [{"文件": photos[1].name, "图片说明": "签约仪式现场"}, {"文件": photos[2].name, "图片说明": "洽谈"}]},
        ensure_ascii=False), "utf-8")
    report = xs("register", "report", "1", "-o", str(tmp_path / "rep"), "--texts", str(texts), "--at", AT, "--db", db)
    assert report.returncode == 0, report.stderr
    documents = next((tmp_path / "rep").iterdir()) / "documents"
    pdf = PdfReader(next(documents.glob("*.pdf")))
    text = "".join("".join(page.extract_text() for page in pdf.pages).split())
    assert "澜江市举办央企走进专场对接活动" in text and "图1签约仪式现场" in text and "图2洽谈" in text
    assert "160" in text    # the decided figure, from the register
    assert sum(len(page.images) for page in pdf.pages) == 2
    word = Document(next(documents.glob("*.docx")))
    assert len(word.inline_shapes) == 3    # the two photos and the QR code by the seal area
    assert any(p.text == "图1　签约仪式现场" for p in word.paragraphs)
    again = xs("register", "report", "1", "-o", str(tmp_path / "rep2"), "--at", AT, "--db", db)
    assert again.returncode == 0    # the texts were kept with the activity


def test_errors_exit_with_chinese_messages(tmp_path, db):
    missing = xs("register", "import", str(tmp_path / "none.xlsx"), "--db", db)
    assert missing.returncode == 2 and "无法读取" in missing.stderr
    bad = department_sheet(tmp_path, db, "某省国资委", [[*ROW[:6], "未知类型", *ROW[7:]]])
    refused = xs("register", "import", str(bad), "--db", db)
    assert refused.returncode == 1 and "第 2 行：活动类型只能是" in refused.stderr
    assert xs("register", "stats", "--period", "2025", "--db", db).returncode == 2
    nothing = xs("register", "report", "9", "-o", str(tmp_path / "r"), "--db", db)
    assert nothing.returncode == 2 and "没有找到活动" in nothing.stderr
    assert xs("register", "correct", "1", "smes", "5", "--period", "2024H1", "--db", db).returncode == 2


def test_schedule_template_import_and_list(tmp_path, db):
    path = tmp_path / "a2.xlsx"
    assert xs("register", "schedule-template", "2024-a2-provincial-events", "-o", str(path), "--db", db).returncode == 0
    workbook = load_workbook(path)
    workbook.active.append(["某省", "新材料融通对接活动（样例）", "新材料", "2024-09-12", "璟湖市", "某省工信厅", None])
    workbook.save(path)
    imported = xs("register", "import-schedule", str(path), "--db", db)
    assert imported.returncode == 0 and "新增 1 项" in imported.stdout
    assert xs("register", "join", "1", "--db", db).returncode == 0
    (line,) = xs("register", "schedules", "--joined", "--json", "--db", db).stdout.splitlines()
    assert json.loads(line)["joined"] is True and json.loads(line)["type"] == "省份全国性活动"
