"""The user's manual: built from docs/manual/, up to date, every part and picture in it, fonts embedded."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("build_manual", ROOT / "scripts" / "build_manual.py")
build_manual = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_manual)


def test_the_shipped_pdf_is_built_from_the_current_sources():
    assert build_manual.recorded_digest(build_manual.OUTPUT) == build_manual.sources_digest(), \
        "run .venv/bin/python scripts/build_manual.py"


def test_every_part_and_picture_is_in_the_pdf():
    reader = PdfReader(str(build_manual.OUTPUT))
    text = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    for title in ("第一部分企业填报人", "第二部分刻录人员", "第三部分主管部门工作人员", "第一次使用：样例草稿"):
        assert title in text
    pictures = sum(len(page.images) for page in reader.pages)
    sources = [build_manual.SOURCES / name for name in build_manual.PARTS]
    expected = sum(len(build_manual.image_paths(p.read_text(encoding="utf-8"))) for p in sources)
    assert expected >= 12 and pictures == expected
    outline = reader.metadata
    assert outline["/Title"] == "携手填报用户手册"


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_every_font_is_embedded():
    listing = subprocess.run(["pdffonts", str(build_manual.OUTPUT)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), listing.stdout


def test_a_stale_pdf_is_told(tmp_path, monkeypatch):
    monkeypatch.setattr(build_manual, "OUTPUT", tmp_path / "missing.pdf")
    assert build_manual.main(["--check"]) == 1


def test_characters_outside_the_font_are_found():
    from desktop.documents.fonts import REGULAR_FONT_FILE
    from desktop.resources import resource_path

    assert build_manual.missing_glyphs(["样例 ✔ 草稿"], resource_path(*REGULAR_FONT_FILE)) == {"✔"}
