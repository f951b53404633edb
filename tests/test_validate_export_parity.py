"""``validate`` reports everything ``export`` would refuse, without loading the PDF machinery."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

AT = "2023-04-20T10:15:00+08:00"
RARE = "\U00020000"  # CJK Ext-B 𠀀: the print font has no glyph for it


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "data"))


def xs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_a_character_the_font_lacks_fails_validate_as_it_fails_export(tmp_path):
    path = tmp_path / "a1.json"
    assert xs("sample", "2023-a1-needs", "-o", str(path)).returncode == 0
    obj = json.loads(path.read_text("utf-8"))
    obj["data"]["profile"]["address"] += RARE
    path.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    validated = xs("validate", str(path), "--json")
    assert validated.returncode == 1
    problems = [json.loads(line) for line in validated.stdout.splitlines()]
    assert [(p["path"], p["code"]) for p in problems] == [("profile.address", "font.missing_glyph")]
    exported = xs("export", str(path), "-o", str(tmp_path / "out"), "--at", AT)
    assert exported.returncode == 1 and "通讯地址" in exported.stderr


def test_validate_does_not_load_reportlab(tmp_path):
    code = ("import sys; from desktop.engine.submission import validate_submission, make_submission;"
            "from desktop.forms.registry import get_form; from desktop.samples import sample_raw;"
            "form = get_form('2023-a3-application');"
            "problems = validate_submission(make_submission(form, sample_raw(form, 0))[0]);"
            "assert problems == [], problems;"
            "assert not [m for m in sys.modules if m.startswith(('reportlab', 'docx', 'PySide6'))], 'heavy'")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_attached_file_gone_from_the_store_fails_validate_as_it_fails_export(tmp_path):
    path = tmp_path / "a3.json"
    assert xs("sample", "2023-a3-application", "-o", str(path)).returncode == 0
    assert xs("validate", str(path)).returncode == 0
    obj = json.loads(path.read_text("utf-8"))
    obj["data"]["attachments"][1]["file"]["sha256"] = "0" * 64  # a file this computer never stored
    path.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    validated = xs("validate", str(path), "--json")
    assert validated.returncode == 1
    problems = [json.loads(line) for line in validated.stdout.splitlines()]
    assert [(p["path"], p["code"]) for p in problems] == [("attachments[1].file", "file.missing")]
    exported = xs("export", str(path), "-o", str(tmp_path / "out"), "--at", AT)
    assert exported.returncode == 1 and "在本机附件库中找不到了" in exported.stderr
