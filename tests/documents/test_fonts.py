from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.documents import fonts
from desktop.documents.fonts import FontNames, missing_characters, register_fonts
from desktop.resources import resource_path

# Ext-B ideographs the bundled face lacks (checked against its cmap) …
ABSENT_EXT_B = ("\U00020000", "\U0002A6A5")  # 𠀀 𪚥
# … and ones it has, used in names (𠮷) or rare words (𬌗).
PRESENT_EXT_B = "\U00020BB7\U0002C317"
ORDINARY = (
    "大企业技术创新需求表 福建示例科技有限公司 91350203MA2Y8K3C79 ABC abc 0123 "
    "，。、；：？！“”‘’（）《》【】—…％￥·〇 一二三"
)


def test_register_is_idempotent_and_names_the_two_faces():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    first = register_fonts()
    assert register_fonts() is first
    assert first == FontNames(regular="XieshouSerif", bold="XieshouSerif-Bold")
    assert isinstance(pdfmetrics.getFont(first.regular), TTFont)
    assert isinstance(pdfmetrics.getFont(first.bold), TTFont)


def make_pdf(path: Path, body: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    names = register_fonts()
    doc = SimpleDocTemplate(str(path), pagesize=A4, initialFontName=names.regular, invariant=1)
    title = ParagraphStyle("title", fontName=names.bold, fontSize=22, leading=30)
    text = ParagraphStyle("text", fontName=names.regular, fontSize=12, leading=18)
    doc.build([Paragraph("大企业技术创新需求表", title), Paragraph(body, text)])


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fonts") / "样例.pdf"
    make_pdf(path, f"{ORDINARY} <b>加粗：融通创新</b> 生僻字 {PRESENT_EXT_B}")
    return path


def compact(text: str) -> str:
    return "".join(text.split())


def test_pypdf_extracts_the_chinese_text_including_ext_b(sample_pdf: Path):
    text = compact(PdfReader(sample_pdf).pages[0].extract_text())
    assert "大企业技术创新需求表" in text
    assert compact(ORDINARY) in text
    assert "加粗：融通创新" in text
    assert PRESENT_EXT_B in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdftotext_extracts_the_chinese_text(sample_pdf: Path):
    out = subprocess.run(
        ["pdftotext", str(sample_pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert compact(ORDINARY) in compact(out)
    assert PRESENT_EXT_B in out


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (pdffonts)")
def test_pdffonts_lists_only_embedded_subsets_of_our_fonts(sample_pdf: Path):
    out = subprocess.run(
        ["pdffonts", str(sample_pdf)], capture_output=True, check=True, text=True
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert {row[0].split("+", 1)[1] for row in rows} == {
        "XieshouSerif-Regular", "XieshouSerif-Bold",
    }
    for row in rows:
        name, emb, sub, uni = row[0], row[-5], row[-4], row[-3]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), name


def test_missing_characters_reports_absent_ext_b_once_in_order():
    text = f"张{ABSENT_EXT_B[1]}明\n{ABSENT_EXT_B[0]}，{ABSENT_EXT_B[1]}\t{PRESENT_EXT_B}"
    assert missing_characters(text) == [ABSENT_EXT_B[1], ABSENT_EXT_B[0]]


def test_missing_characters_accepts_ordinary_text_and_layout_whitespace():
    assert missing_characters(ORDINARY + "\r\n\t" + PRESENT_EXT_B) == []
    assert missing_characters("") == []


def test_missing_characters_reports_hangul_and_emoji():
    assert missing_characters("韩国한국😀") == ["한", "국", "😀"]


def test_bold_face_covers_the_same_characters_as_regular():
    from reportlab.pdfbase import pdfmetrics

    names = register_fonts()
    regular = pdfmetrics.getFont(names.regular).face.charToGlyph.keys()
    bold = pdfmetrics.getFont(names.bold).face.charToGlyph.keys()
    assert set(regular) == set(bold)


def test_missing_characters_is_fast_enough_for_every_field():
    missing_characters("预热")
    fields = [f"{ORDINARY}{i}" for i in range(2000)]
    started = time.perf_counter()
    for field in fields:
        missing_characters(field)
    assert time.perf_counter() - started < 0.5


def test_to_unicode_map_writes_surrogate_pairs_for_ext_b():
    from reportlab.pdfbase import ttfonts

    register_fonts()
    cmap = ttfonts.makeToUnicodeCMap("probe", [0x4E00, 0x20BB7])
    assert "<00> <4E00>" in cmap.splitlines()
    assert "<01> <D842DFB7>" in cmap.splitlines()


def test_bundled_files_are_truetype_with_full_common_han_coverage():
    from fontTools.ttLib import TTFont

    for name in ("XieshouSerif-Regular.ttf", "XieshouSerif-Bold.ttf"):
        font = TTFont(str(resource_path("fonts", name)), lazy=True)
        assert font.sfntVersion == "\x00\x01\x00\x00"
        assert "glyf" in font and "CFF " not in font
        assert font["name"].getDebugName(1) == "Xieshou Serif"
        assert "SIL Open Font License" in font["name"].getDebugName(13)
        cmap = font.getBestCmap()
        # CJK Unified Ideographs through Unicode 10 (GB 18030 needs ≤ U+9FBB),
        # and Ext-A through Unicode 12.
        assert all(code in cmap for code in range(0x4E00, 0x9FEB))
        assert all(code in cmap for code in range(0x3400, 0x4DB6))
        font.close()


def test_missing_characters_uses_the_regular_font_cmap():
    from fontTools.ttLib import TTFont

    font = TTFont(str(resource_path(*fonts.REGULAR_FONT_FILE)), lazy=True)
    cmap = font.getBestCmap()
    font.close()
    assert all(ord(char) not in cmap for char in ABSENT_EXT_B)
    assert all(ord(char) in cmap for char in PRESENT_EXT_B)


# --- scripts/make_fonts.py, run on a tiny stand-in for the Noto collections ---

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_fonts.py"


def load_script():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fonts", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being defined.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def tiny_cff_face(family: str, style: str, chars: dict[int, str]):
    """A CFF-outline face with one curved square per character."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    order = [".notdef", *chars.values()]
    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder(order)
    fb.setupCharacterMap(chars)
    outlines = {}
    for name in order:
        pen = T2CharStringPen(1000, None)
        pen.moveTo((100, 100))
        pen.curveTo((100, 500), (400, 800), (900, 800))
        pen.lineTo((900, 100))
        pen.closePath()
        outlines[name] = pen.getCharString()
    ps_name = family.replace(" ", "") + "-" + style
    fb.setupCFF(ps_name, {"FullName": f"{family} {style}"}, outlines, {})
    fb.setupHorizontalMetrics({name: (1000, 100) for name in order})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({
        "copyright": "© 2017-2022 Adobe (http://www.adobe.com/).",
        "familyName": family, "styleName": style, "version": "Version 2.001",
        "psName": ps_name, "licenseDescription": "SIL Open Font License, Version 1.1.",
    })
    fb.setupOS2()
    fb.setupPost()
    return fb.font


def write_collections(folder: Path) -> None:
    from fontTools.ttLib import TTCollection

    chars = {0x41: "A", 0x4E00: "uni4E00", 0xAC00: "uniAC00", 0x20BB7: "u20BB7"}
    for style in ("Regular", "Bold"):
        collection = TTCollection()
        # The SC face is not the first one: the script must find it by name.
        collection.fonts = [
            tiny_cff_face("Noto Serif CJK JP", style, {0x41: "A"}),
            tiny_cff_face("Noto Serif CJK SC", style, chars),
        ]
        collection.save(str(folder / f"NotoSerifCJK-{style}.ttc"))


def test_make_fonts_converts_renames_and_is_deterministic(tmp_path: Path, capsys):
    from fontTools.ttLib import TTFont

    script = load_script()
    write_collections(tmp_path)
    outputs = []
    for run in ("first", "second"):
        args = ["--source-dir", str(tmp_path), "--out-dir", str(tmp_path / run), "--jobs", "1"]
        assert script.main(args) == 0
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / run).glob("*.ttf")})
    assert sorted(outputs[0]) == ["XieshouSerif-Bold.ttf", "XieshouSerif-Regular.ttf"]
    assert outputs[0] == outputs[1]

    font = TTFont(str(tmp_path / "first" / "XieshouSerif-Bold.ttf"))
    assert font.sfntVersion == "\x00\x01\x00\x00" and "CFF " not in font
    assert font["maxp"].tableVersion == 0x00010000 and font["post"].formatType == 3.0
    assert sorted(font.getBestCmap()) == [0x41, 0x4E00, 0x20BB7]  # Hangul left out
    glyph = font["glyf"][font.getBestCmap()[0x4E00]]
    assert glyph.numberOfContours == 1
    assert not all(glyph.flags)  # the cubic curve became off-curve quadratic points
    names = font["name"]
    assert (names.getDebugName(1), names.getDebugName(2)) == ("Xieshou Serif", "Bold")
    assert names.getDebugName(6) == "XieshouSerif-Bold"
    assert names.getDebugName(0).startswith("© 2017-2022 Adobe")


def test_the_coverage_file_lists_exactly_the_characters_of_the_font():
    from desktop.documents.fonts import covered_characters, font_characters, format_ranges, parse_ranges

    assert covered_characters() == font_characters()
    text = format_ranges(font_characters())
    assert format_ranges(frozenset(chr(c) for a, b in parse_ranges(text) for c in range(a, b + 1))) == text


def test_checking_characters_does_not_load_the_font(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from desktop.documents.fonts import missing_characters; "
            "assert missing_characters('王𪚥') == ['𪚥']; "
            "assert 'reportlab.pdfbase.ttfonts' not in sys.modules")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
