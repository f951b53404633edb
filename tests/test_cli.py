"""The headless command line, run as a real process (no Qt may be imported)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

AT = "2023-04-20T10:15:00+08:00"


@pytest.fixture(autouse=True, scope="module")
def private_data_dir(tmp_path_factory):
    """Samples with attachments put files into the data folder: keep them out of the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XIESHOU_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield


def xs(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "a1.json"
    assert xs("sample", "2023-a1-needs", "-o", str(path)).returncode == 0
    return path


def test_sample_is_valid_and_seeds_differ(sample, tmp_path):
    other = tmp_path / "other.json"
    xs("sample", "2023-a1-needs", "--seed", "7", "-o", str(other))
    a, b = json.loads(sample.read_text("utf-8")), json.loads(other.read_text("utf-8"))
    assert a["data"]["profile"]["uscc"] != b["data"]["profile"]["uscc"]
    assert xs("validate", str(sample)).returncode == 0


def test_validate_reports_problems_as_json_lines(sample, tmp_path):
    obj = json.loads(sample.read_text("utf-8"))
    obj["data"]["profile"]["uscc"] = "91350100M000100Y42"
    obj["data"]["needs"][1]["title"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    result = xs("validate", str(bad), "--json")
    assert result.returncode == 1
    problems = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(p["path"], p["level"]) for p in problems} >= {("profile.uscc", "error"), ("needs[1].title", "error")}
    assert all(p["message"] for p in problems)


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe\x00", b"[1,2]"])
def test_validate_unreadable_file_exits_2_or_1_with_chinese_message(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    result = xs("validate", str(path))
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr + result.stdout)


def test_validate_missing_file_exits_2():
    result = xs("validate", "/nonexistent/x.json")
    assert result.returncode == 2 and "无法读取" in result.stderr


def test_export_refuses_invalid_data_unless_draft(sample, tmp_path):
    obj = json.loads(sample.read_text("utf-8"))
    obj["data"]["filled_by"] = None
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    refused = xs("export", str(bad), "-o", str(tmp_path / "out"), "--at", AT)
    assert refused.returncode == 1 and "请填写填报人" in refused.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    draft = xs("export", str(bad), "-o", str(tmp_path / "out"), "--at", AT, "--draft")
    assert draft.returncode == 0, draft.stderr
    code = json.loads(next((tmp_path / "out").glob("*/manifest.json")).read_text("utf-8"))["binding_code"]
    assert f"装订码：草稿-{code[:4]}（草稿" in draft.stdout and code not in draft.stdout
    verified = xs("verify", str(next((tmp_path / "out").iterdir())))
    assert verified.returncode == 1 and verified.stdout.startswith("【有问题·草稿】")
    assert f"装订码：草稿-{code[:4]}" in verified.stdout and code not in verified.stdout


def test_export_twice_gives_byte_identical_packages(sample, tmp_path):
    for name in ("one", "two"):
        result = xs("export", str(sample), "-o", str(tmp_path / name), "--at", AT)
        assert result.returncode == 0, result.stderr
    one = sorted(p for p in (tmp_path / "one").rglob("*") if p.is_file())
    two = sorted(p for p in (tmp_path / "two").rglob("*") if p.is_file())
    assert [p.relative_to(tmp_path / "one") for p in one] == [p.relative_to(tmp_path / "two") for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two))


def test_uscc_json_lines():
    result = xs("uscc", "91350100M000100Y43", "91350100m000100y42", "--json")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["valid"] and first["province"] == "福建省"
    assert not second["valid"] and second["normalized"] == "91350100M000100Y42"
    assert "校验位应为 3" in second["errors"][0]


def test_size_from_flags_and_from_stdin():
    flags = xs("size", "--industry", "工业", "--employees", "1000", "--revenue", "40000", "--json")
    assert json.loads(flags.stdout)["class"] == "大型"
    lines = "\n".join(json.dumps(row, ensure_ascii=False) for row in (
        {"industry": "零售业", "employees": 8, "revenue": 5000},
        {"industry": "租赁和商务服务业", "employees": 150, "assets": 90}))
    result = xs("size", "--json", stdin=lines)
    assert [json.loads(line)["class"] for line in result.stdout.splitlines()] == ["微型", "微型"]


def test_size_with_missing_indicator_says_what_to_fill():
    result = xs("size", "--industry", "工业", "--employees", "10")
    assert result.returncode == 1 and "营业收入" in result.stderr


def test_cli_does_not_import_qt(sample):
    code = ("import sys, runpy; sys.argv=['xieshou','validate',%r]\n"
            "try:\n runpy.run_module('desktop.cli', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'PySide6 imported'" % str(sample))
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso not installed (apt-get install xorriso)")
def test_export_iso_burn_to_pseudo_drive_and_verify(sample, tmp_path):
    assert xs("export", str(sample), "-o", str(tmp_path), "--iso", "--at", AT).returncode == 0
    iso = next(tmp_path.glob("*.iso"))
    burned = xs("burn", str(iso), "--device", f"stdio:{tmp_path / 'disc.iso'}")
    assert burned.returncode == 0 and "光盘校验通过" in burned.stdout, burned.stdout + burned.stderr
    code = json.loads((next(p for p in tmp_path.iterdir() if p.is_dir()) / "manifest.json").read_text("utf-8"))[
        "binding_code"]
    verified = xs("verify", str(tmp_path / "disc.iso"), "--code", code.lower().replace("-", " "), "--json")
    assert verified.returncode == 0 and json.loads(verified.stdout)["verdict"] == "完整"
    wrong = xs("verify", str(tmp_path / "disc.iso"), "--code", "0000-0000-0000-0000")
    assert wrong.returncode == 1 and "不是同一份" in wrong.stdout


def test_a3_sample_with_attachments_exports_and_verifies(tmp_path):
    sample = tmp_path / "a3.json"
    assert xs("sample", "2023-a3-application", "-o", str(sample)).returncode == 0
    attached = json.loads(sample.read_text("utf-8"))["data"]["attachments"]
    assert [a["file"]["kind"] for a in attached] == ["pdf", "png", "jpg"]
    assert xs("export", str(sample), "-o", str(tmp_path / "out"), "--at", AT).returncode == 0
    package = next((tmp_path / "out").iterdir())
    assert sorted(p.name for p in (package / "attachments").iterdir())[0].startswith("01_")
    assert xs("verify", str(package)).returncode == 0


def test_verify_nothing_readable_exits_2(tmp_path):
    (tmp_path / "junk.iso").write_bytes(b"not an iso")
    assert xs("verify", str(tmp_path / "empty-missing")).returncode == 2


def test_export_with_the_match_of_the_same_need_and_verify_the_package_and_image(tmp_path):
    match, application = tmp_path / "a2.json", tmp_path / "a3.json"
    assert xs("sample", "2023-a2-match", "--seed", "7", "-o", str(match)).returncode == 0
    assert xs("sample", "2023-a3-application", "--seed", "7", "-o", str(application)).returncode == 0
    exported = xs("export", str(application), "-o", str(tmp_path / "out"), "--with", str(match), "--iso", "--at", AT)
    assert exported.returncode == 0, exported.stderr
    package = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert [f["id"] for f in manifest["forms"]] == ["2023-a3-application", "2023-a2-match"]
    assert (package / "data" / "2023-a2-match.json").is_file()
    assert (package / "documents" / "附件2_中小企业“揭榜”对接表.pdf").is_file()
    verified = xs("verify", str(package), str(package.with_name(package.name + ".iso")))
    assert verified.returncode == 0 and verified.stdout.count("【完整】") == 2, verified.stdout
    assert "一并报送：2023-a2-match（2023 版）" in verified.stdout


def test_export_refuses_a_companion_answering_another_need(tmp_path):
    match, application = tmp_path / "a2.json", tmp_path / "a3.json"
    assert xs("sample", "2023-a2-match", "--seed", "7", "-o", str(match)).returncode == 0
    assert xs("sample", "2023-a3-application", "--seed", "7", "-o", str(application)).returncode == 0
    other = json.loads(match.read_text("utf-8"))
    other["data"]["need_code"] = "2023-FJ-0099"
    match.write_text(json.dumps(other, ensure_ascii=False), "utf-8")
    refused = xs("export", str(application), "-o", str(tmp_path / "out"), "--with", str(match), "--at", AT)
    assert refused.returncode == 2 and not (tmp_path / "out").exists()
    assert "附件2的揭榜需求编号“2023-FJ-0099”与附件3的“2023-FJ-0012”不同：只有回答同一需求的表格才能一并导出" in refused.stderr


def test_building_the_parser_loads_no_database_or_document_library():
    """Every start (the GUI's too) builds the whole parser first: no subcommand may pull in SQLAlchemy,
    Alembic, reportlab, python-docx or openpyxl at that point (start-up time, issue of the start window)."""
    code = ("import sys\nfrom desktop.cli import build_parser\nbuild_parser()\n"
            "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'alembic', 'reportlab', 'docx', 'openpyxl', 'xlsxwriter', 'pycdlib', 'PySide6'})\n"
            "assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
