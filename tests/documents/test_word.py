import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from desktop.documents.fonts import DOCX_EAST_ASIA_FONT, DOCX_HEADING_FONT, DOCX_TITLE_FONT
from desktop.documents.glyphs import printed_values
from desktop.documents.values import display_value
from desktop.documents.word import render_docx

from .doc_samples import (BINDING_CODE, CREATED_AT, long_text, memo_form, memo_submission, meta, needs_docx,
                          needs_form, needs_submission, pdftotext, squeezed)

THEME_ATTRIBUTES = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]


def read(data: bytes):
    return Document(io.BytesIO(data))


def texts(element) -> str:
    """The w:t texts under an element (lxml's itertext repeats run texts of python-docx elements)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def body_text(document) -> str:
    return "".join(texts(document.element.body).split())


def test_every_printed_value_and_need_title_is_in_the_document():
    text = body_text(read(needs_docx()))
    for n, need in enumerate(needs_submission()["data"]["needs"], start=1):
        assert f"需求{n}：{need['title']}" in text
    for path, field, value in printed_values(needs_form(), needs_submission()["data"]):
        assert "".join(display_value(field, value).split()) in text, path
    assert "填报日期2023年4月20日" in text and "268,500.00" in text


def test_values_sit_in_real_bordered_tables():
    document = read(needs_docx())
    data_tables = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(data_tables) == 3 + 20  # profile sections, one per need (the signature section is in the block)
    first = data_tables[0]
    assert [c.text for c in first.rows[0].cells] == ["企业名称", needs_submission()["data"]["profile"]["name"],
                                                     "统一社会信用代码", needs_submission()["data"]["profile"]["uscc"]]
    layout = first._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_record_title_rows_repeat_on_each_page():
    document = read(needs_docx())
    titled = [t for t in document.tables if t.rows[0].cells[0].text.startswith("需求")]
    assert len(titled) == 20
    for table in titled:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_east_asian_font_is_set_on_defaults_normal_title_and_headings():
    document = read(needs_docx())
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    checks = [(defaults, DOCX_EAST_ASIA_FONT)]
    for name, font in (("Normal", DOCX_EAST_ASIA_FONT), ("Title", DOCX_TITLE_FONT),
                       ("Heading 1", DOCX_HEADING_FONT), ("Heading 2", DOCX_HEADING_FONT),
                       ("表格文字", DOCX_EAST_ASIA_FONT)):
        checks.append((document.styles[name].element.rPr, font))
    for rpr, font in checks:
        rfonts = rpr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == font
        assert not any(rfonts.get(attribute) for attribute in THEME_ATTRIBUTES)


def test_page_is_a4_with_the_official_margins_and_a_footer_with_fields():
    document = read(needs_docx())
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    footer = section.footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    text = texts(footer)
    assert f"装订码 {BINDING_CODE}" in text and "第 2 版" in text and "页 共" in text


def test_seal_area_is_an_empty_dashed_48_mm_cell_kept_with_the_signature_lines():
    document = read(needs_docx())
    container = document.tables[-1]
    assert container.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    carried, lines_table, seal_table = container.rows[0].cells[0].tables
    assert "填报日期" in texts(carried._tbl)  # the last section's table, so the block never stands alone
    assert carried.style.name == "Table Grid"
    assert texts(lines_table._tbl) == "填报人：单位负责人（签字）："
    seal_row = seal_table.rows[0]
    seal = seal_row.cells[2]
    assert seal.text == "" and not seal._tc.xpath(".//w:drawing")
    assert abs(seal.width - Mm(48)) < Mm(0.1) and abs(seal_row.height - Mm(48)) < Mm(0.1)
    assert seal_row._tr.trPr.find(qn("w:trHeight")).get(qn("w:hRule")) == "exact"
    borders = seal._tc.tcPr.find(qn("w:tcBorders"))
    assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {
        "top": "dashed", "left": "dashed", "bottom": "dashed", "right": "dashed"}
    assert seal_row.cells[0]._tc.xpath(".//w:drawing")  # the QR code, beside the seal area
    assert [c.text for c in seal_table.rows[1].cells][2] == "企业（盖章）"


def test_draft_watermark_only_on_drafts():
    def header_xml(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "".join(package.read(n).decode() for n in package.namelist() if n.startswith("word/header"))

    assert re.search(r'<v:textpath [^>]*string="草稿"', header_xml(needs_docx(draft=True)))
    assert "textpath" not in header_xml(needs_docx())


def test_same_input_gives_the_same_bytes_with_dates_from_the_export_record():
    first = render_docx(needs_form(), needs_submission(), meta())
    assert first == render_docx(needs_form(), needs_submission(), meta())
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(2023, 4, 20, 10, 15, 0)}
        assert package.namelist()[0] == "[Content_Types].xml"
    props = read(first).core_properties
    assert props.created == props.modified == CREATED_AT
    assert props.title == "附件1 大企业技术创新需求表" and props.revision == 2
    assert props.author == needs_submission()["data"]["profile"]["name"] and props.last_modified_by == "携手填报"
    later = render_docx(needs_form(), needs_submission(), meta(created_at=CREATED_AT + dt.timedelta(hours=1)))
    assert later != first


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils not installed")
def test_libreoffice_lays_it_out_with_page_numbers_and_the_whole_memo(tmp_path):
    story = long_text(2000)
    source = tmp_path / "form.docx"
    source.write_bytes(render_docx(memo_form(), memo_submission(story), meta(draft=True)))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pages = pdftotext((tmp_path / "form.pdf").read_bytes()).split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in "".join(page.split())
    text = squeezed("".join(pages))
    assert story in text.replace("草稿", "")
    assert "企业（盖章）" in text and "法定代表人（签字）：" in text


def test_word_amounts_are_right_aligned_and_header_units_stay_whole():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .doc_samples import form_docx, form_submission

    document = read(form_docx("2023-a3-application"))
    finance = next(t for t in document.tables if "年度" in texts(t.rows[0]._tr))
    header = finance.rows[0].cells
    shown = ["\n".join(t.text for t in c._tc.iter(qn("w:t"))) for c in header]
    assert "营业收入\n（万元）" in shown or "营业收入（万元）" in shown
    assert not any(line.startswith("元）") for text in shown for line in text.split("\n"))
    revenue = [h for h in shown].index(next(h for h in shown if h.startswith("营业收入")))
    for row in finance.rows[1:]:
        assert row.cells[revenue].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    name = form_submission("2023-a3-application")["data"]["profile"]["name"]
    cell = next(c for t in document.tables for r in t.rows for c in r.cells if c.text == name)
    assert cell.paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT


def docx_part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def test_the_font_table_declares_song_and_hei_and_nothing_japanese():
    from lxml import etree

    data = needs_docx()
    table = etree.fromstring(docx_part(data, "word/fontTable.xml").encode())
    fonts = {font.get(qn("w:name")): font for font in table.iter(qn("w:font"))}
    assert {"宋体", "黑体", "Times New Roman", "Arial"} <= set(fonts)
    assert fonts["宋体"].find(qn("w:altName")).get(qn("w:val")) == "SimSun"
    assert fonts["黑体"].find(qn("w:altName")).get(qn("w:val")) == "SimHei"
    assert fonts["宋体"].find(qn("w:charset")).get(qn("w:val")) == "86"   # GB2312: a Chinese font
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                text = package.read(name).decode("utf-8")
                assert "ＭＳ" not in text and "Jpan" not in text, name
    used = set()
    for part in ("word/styles.xml", "word/document.xml", "word/numbering.xml", "word/footer1.xml"):
        for rfonts in etree.fromstring(docx_part(data, part).encode()).iter(qn("w:rFonts")):
            used |= {rfonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} - {None}
            assert not any(rfonts.get(attribute) for attribute in THEME_ATTRIBUTES), part
    assert used <= set(fonts), used - set(fonts)
    document = read(data)
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "黑体"


def test_the_code_under_the_qr_never_wraps():
    from .doc_samples import form_docx

    for draft in (False, True):
        from docx.table import _Cell

        document = read(form_docx("2023-a2-match", draft))
        cell = next(_Cell(tc, None) for tc in document.element.body.iter(qn("w:tc"))
                    if texts(tc).startswith("装订码") and tc.find(qn("w:tbl")) is None)
        assert cell._tc.tcPr.find(qn("w:noWrap")) is not None
        code = cell.text.split("\n")[-1]
        assert code == (f"草稿-{BINDING_CODE[:4]}" if draft else BINDING_CODE)
        # wide enough for the code even in a wide Latin face (0.7 em a character at 9 pt)
        assert cell.width >= Mm(len(code) * 9 * 0.7 * 25.4 / 72)


def test_bordered_tables_line_up_with_the_text_margin():
    document = read(needs_docx())
    for table in document.tables:
        if table.style is None or table.style.name != "Table Grid":
            continue
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        left = int(margins.find(qn("w:left")).get(qn("w:w")))
        indent = table._tbl.tblPr.find(qn("w:tblInd"))
        assert indent is not None and int(indent.get(qn("w:w"))) == left and indent.get(qn("w:type")) == "dxa"


@pytest.mark.parametrize("form_id", ["2023-a1-needs", "2023-a2-match"])
def test_the_last_section_is_kept_with_the_signature_block(form_id):
    """Its short table goes into the unsplittable signature row; the table above keeps with it (Word)."""
    from .doc_samples import form_docx

    document = read(form_docx(form_id))
    body = document.element.body
    container = next(t for t in body.findall(qn("w:tbl")) if "企业（盖章）" in texts(t))
    first_cell = container.find(qn("w:tr")).find(qn("w:tc"))
    assert "填报日期" in texts(first_cell.find(qn("w:tbl")))
    before = [e for e in container.itersiblings(preceding=True)]
    last_table = next(e for e in before if e.tag == qn("w:tbl"))
    between = [Paragraph(e, None) for e in before[:before.index(last_table)]]  # nearest first
    heading = next(i for i, p in enumerate(between) if p.text)
    assert between[heading].text.endswith("填报人与签字")  # the section heading
    for p in between[:heading + 1]:  # the heading and the lead-in keep with the block
        assert p.paragraph_format.keep_with_next or document.styles.get_by_id(
            p._p.pPr.pStyle.val, WD_STYLE_TYPE.PARAGRAPH).paragraph_format.keep_with_next


def test_a_long_last_table_keeps_its_last_row_with_the_signature_block():
    document = read(render_docx(memo_form(), memo_submission(long_text(800)), meta()))
    container = next(t for t in document.element.body.findall(qn("w:tbl")) if "企业（盖章）" in texts(t))
    assert "情况说明" not in texts(container)  # a long table stays in the body ...
    before = [e for e in container.itersiblings(preceding=True)]
    last_table = before[[e.tag for e in before].index(qn("w:tbl"))]
    paragraphs = [*last_table.findall(qn("w:tr"))[-1].iter(qn("w:p"))]
    paragraphs += [e for e in before if e.tag == qn("w:p") and before.index(e) < before.index(last_table)]
    for p in paragraphs:  # ... and its last row keeps with the block
        assert p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None


def test_narrow_column_headers_never_break_inside_a_short_word(tmp_path):
    """A grid as the desk's selection sheet lays it out: 名次 in 7 % of the width broke as 名 / 次."""
    import dataclasses

    from desktop.documents import layout as L
    from desktop.documents.word import render_layout_docx
    from desktop.documents.header_fit import header_need_mm
    from desktop.documents.word_tables import CELL_SIDE_MM

    from .doc_samples import needs_form, needs_submission

    header = ("名次", "企业名称", "技术先进性", "市场前景", "团队", "加权得分", "结果", "统一社会信用代码")
    weights = (0.06, 0.22, 0.09, 0.09, 0.09, 0.12, 0.12, 0.21)
    rows = (("1", "福州示例精密制造有限公司", "90", "85", "80", "85.00", "入选", "91350100M000100Y43"),)
    grid = L.GridTable(header, rows, weights, numbered=True)
    document = dataclasses.replace(L.build_layout(needs_form(), needs_submission(), meta()), blocks=(grid,),
                                   cover=None, contents=None)
    from docx.table import Table

    word = read(render_layout_docx(document))
    table = next(Table(t, word) for t in word.element.body.iter(qn("w:tbl"))
                 if texts(Table(t, word).rows[0].cells[0]._tc) == "名次")
    shown = ["\n".join(t.text for t in c._tc.iter(qn("w:t"))) for c in table.rows[0].cells]
    assert shown[:7] == list(header[:7])  # each short header on one line
    assert "".join(shown[7].split("\n")) == header[7] and min(map(len, shown[7].split("\n"))) >= 2
    widths = [column.width for column in table.columns]
    assert abs(sum(widths) - sum(Mm(L.TEXT_WIDTH_MM * w) for w in weights)) < Mm(0.1)  # the table keeps its width
    assert widths[0] >= Mm(header_need_mm("名次", 2 * CELL_SIDE_MM)) - Mm(0.01) > Mm(L.TEXT_WIDTH_MM * weights[0])
