import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
import segno
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table

from desktop.documents import layout as L
from desktop.documents.fonts import register_fonts
from desktop.documents.glyphs import printed_values
from desktop.documents.pdf import render_pdf
from desktop.documents.pdf_blocks import memo_chunks, styles_for
from desktop.documents.values import display_value
from desktop.engine.declare import text
from desktop.engine.model import Form, Section
from desktop.engine.submission import make_submission

from .doc_samples import (BINDING_CODE, CREATED_AT, assert_seal_area_blank, grey_page, long_text, memo_form,
                          memo_submission, meta, needs_form, needs_pdf, needs_submission, pdftotext, squeezed,
                          without_continued)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm, pdffonts) not installed")


def page_texts(data: bytes) -> list[str]:
    return pdftotext(data).split("\f")[:-1]


def test_every_printed_value_of_the_sample_is_in_the_text():
    text = squeezed(pdftotext(needs_pdf().data))
    needs = needs_submission()["data"]["needs"]
    text = without_continued(text, needs_form())
    titles = [f"需求{n}：{need['title']}" for n, need in enumerate(needs, start=1)]
    for title in titles:
        assert title in text
    for title in titles:
        text = text.replace(title, "")  # the title row repeats above continued parts of a need
    for path, field, value in printed_values(needs_form(), needs_submission()["data"]):
        if re.fullmatch(r"needs\[\d+\]\.title", path):
            continue  # printed in the need's heading, checked above
        shown = "".join(display_value(field, value).split())
        assert shown in text, f"{path} ({field.label}) missing from the PDF"


def test_names_dates_and_money_are_printed_the_chinese_way():
    text = squeezed(pdftotext(needs_pdf().data))
    profile = needs_submission()["data"]["profile"]
    assert profile["name"] in text and profile["uscc"] in text and profile["legal_rep"] in text
    assert "填报日期2023年4月20日" in text
    founded = dt.date.fromisoformat(profile["founded"])
    assert "268,500.00" in text and "412,300.50" in text and f"{founded.year}年{founded.month}月{founded.day}日" in text


def test_every_font_is_embedded():
    result = subprocess.run(["pdffonts", "-"], input=needs_pdf().data, capture_output=True, check=True)
    rows = result.stdout.decode().splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert "XieshouSerif" in row and row.split()[-5] == "yes", row


def test_same_input_gives_the_same_bytes_and_dates_come_from_the_export_record():
    first = render_pdf(needs_form(), needs_submission(), meta())
    again = render_pdf(needs_form(), needs_submission(), meta())
    assert first.data == again.data
    reader = PdfReader(io.BytesIO(first.data))
    assert reader.metadata.creation_date == CREATED_AT
    assert reader.metadata.title == "附件1 大企业技术创新需求表"
    assert reader.metadata.author == needs_submission()["data"]["profile"]["name"]
    later = render_pdf(needs_form(), needs_submission(), meta(created_at=CREATED_AT.replace(hour=11)))
    assert later.data != first.data


def test_every_page_has_its_number_the_total_the_binding_code_and_revision():
    rendered = needs_pdf()
    pages = page_texts(rendered.data)
    assert len(pages) == rendered.pages == len(PdfReader(io.BytesIO(rendered.data)).pages) > 20
    for number, page in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {rendered.pages} 页" in page
        assert f"装订码 {BINDING_CODE}" in page and "第 2 版" in page


def test_signature_lines_seal_caption_and_qr_are_on_the_last_page():
    rendered = needs_pdf()
    last = "".join(page_texts(rendered.data)[-1].split())
    for words in ("填报人：", "单位负责人（签字）：", "企业（盖章）", "年月日", "装订码"):
        assert words in last
    assert rendered.seal_box.page == rendered.qr_box.page == rendered.pages


def test_seal_area_is_large_enough_inside_the_text_area_and_blank():
    rendered = needs_pdf()
    assert_seal_area_blank(rendered)


def test_qr_code_carries_the_full_binding_digest():
    rendered = needs_pdf()
    box, dpi = rendered.qr_box, 300
    width, height, pixels = grey_page(rendered.data, box.page, dpi)
    matrix = segno.make(f"XSBIND:{BINDING_CODE}:{'3f' * 32}", error="m", micro=False).matrix
    module = (box.x1 - box.x0) / (len(matrix) + 4)  # 2-module quiet zone each side
    scale = dpi / 72
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            x = (box.x0 + (c + 2.5) * module) * scale
            y = height - (box.y1 - (r + 2.5) * module) * scale
            assert (pixels[int(y) * width + int(x)] < 128) == bool(dark), (r, c)


def test_draft_watermark_only_on_drafts():
    # pypdf keeps the rotated watermark's characters together (pdftotext splits rotated text)
    draft = PdfReader(io.BytesIO(needs_pdf(draft=True).data))
    assert all("草稿" in page.extract_text() for page in draft.pages)
    assert "草" not in pdftotext(needs_pdf().data)


def test_seam_guide_on_every_page_only_when_asked_and_longer_than_one_page():
    assert all("骑缝章" in "".join(page.split()) for page in page_texts(needs_pdf(seam_guide=True).data))
    assert "骑缝章" not in "".join(pdftotext(needs_pdf().data).split())
    one_page = render_pdf(memo_form(), memo_submission("简短说明。"), meta(seam_guide=True))
    assert one_page.pages == 1 and "骑缝章" not in "".join(pdftotext(one_page.data).split())


@pytest.mark.parametrize("length", [1000, 2000])
def test_long_memo_continues_on_the_next_page_and_nothing_is_clipped(length):
    story = long_text(length)
    rendered = render_pdf(memo_form(), memo_submission(story), meta())
    text = without_continued(squeezed(pdftotext(rendered.data)), memo_form())
    assert story in text
    assert "1,234,567.80" in text and "澜岳精工科技股份有限公司（样例）" in text
    if length == 2000:
        assert rendered.pages >= 2


def test_a_text_split_across_pages_is_closed_on_each_page_and_its_label_says_continued():
    rendered = render_pdf(memo_form(), memo_submission(long_text(2000)), meta())
    pages = page_texts(rendered.data)
    assert "".join(pages[0].split()).count("情况说明") == 1
    assert "".join(pages[1].split()).startswith("情况说明（续）")
    # the lowest full-width rule of page 1 closes the table: nothing but paper below it, above the footer
    width, height, pixels = grey_page(rendered.data, 1, 72)
    left, right = round(L.MARGIN_LEFT_MM * mm) + 2, round((L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM) * mm) - 2

    def ruled(y: int) -> bool:
        return sum(pixels[y * width + x] < 128 for x in range(left, right)) > 0.95 * (right - left)

    bottom = round(height - L.MARGIN_BOTTOM_MM * mm)
    rules = [y for y in range(bottom - 60, bottom + 2) if ruled(y)]
    assert rules, "the part on page 1 has no bottom rule"
    below = [y for y in range(rules[-1] + 2, bottom + 2) for x in range(left, right) if pixels[y * width + x] < 128]
    assert below == []


def test_thousand_character_memo_at_12_pt_in_a_narrow_column_is_cut_into_short_chunks(tmp_path):
    styles = styles_for(register_fonts())
    style = ParagraphStyle("memo12", parent=styles.value, fontSize=12, leading=18)
    story, width = long_text(1000), 50 * mm
    chunks = memo_chunks(story, style, width)
    assert len(chunks) > 10
    for chunk in chunks:
        assert chunk.wrap(width, 10_000)[1] <= 4 * style.leading + 0.01
    out = io.BytesIO()
    table = Table([[chunk] for chunk in chunks], colWidths=[width + 8])
    SimpleDocTemplate(out, initialFontName=styles.fonts.regular).build([table])
    assert story in squeezed(pdftotext(out.getvalue()))


def test_markup_characters_blank_lines_and_long_words_print_as_typed():
    url = "https://example.com/" + "a1b2c3d4" * 40
    story = f"第一段<b>粗体</b> & 符号\n\n第二段：{url}\n第三段。"
    rendered = render_pdf(memo_form(), memo_submission(story), meta())
    text = squeezed(pdftotext(rendered.data))
    for part in ("第一段<b>粗体</b>&符号", "第二段：", url, "第三段。"):
        assert part in text


def test_an_item_taller_than_a_page_is_refused_with_a_chinese_message():
    form = Form(id="huge", edition="1", title="超长标签表", attachment_no="附件9", sections=(
        Section("a", "基本情况", items=(text("x", "很长的栏目名称" * 600, 20),)),))
    submission, _ = make_submission(form, {"x": "值"})
    with pytest.raises(L.DocumentError, match="一页放不下"):
        render_pdf(form, submission, meta())


def test_amounts_in_a_grid_are_right_aligned_and_the_unit_in_the_header_stays_whole():
    from desktop.engine.declare import money
    from desktop.engine.model import Table

    form = Form(id="grid-test", edition="1", title="金额表", attachment_no="附件9", sections=(
        Section("main", "经费", items=(Table("rows", "经费明细", columns=(
            text("item", "科目", 20), money("amount", "金额（万元）", width=4), text("note", "说明", 60, width=22))),)),))
    submission, cleaned = make_submission(form, {"rows": [{"item": "设备费", "amount": "1", "note": "甲"},
                                                          {"item": "材料费", "amount": "9345", "note": "乙"}]})
    assert not cleaned.errors
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=render_pdf(form, submission, meta()).data,
                         capture_output=True, check=True).stdout.decode()
    words = {m.group(5): (float(m.group(1)), float(m.group(3)))
             for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', out)}
    assert abs(words["1.00"][1] - words["9,345.00"][1]) < 0.5      # same right edge
    assert words["1.00"][0] - words["9,345.00"][0] > 10             # the shorter amount starts further right
    assert "（万元）" in words and "金额" in words                  # the unit on a line of its own, whole


def test_a_record_title_says_continued_only_on_the_pages_after_its_first():
    pages = ["".join(page.split()) for page in page_texts(needs_pdf().data)]
    for n, need in enumerate(needs_submission()["data"]["needs"], start=1):
        title = f"需求{n}：{need['title']}"
        on = [i for i, page in enumerate(pages) if title in page]
        assert f"{title}（续）" not in pages[on[0]], n
        assert all(f"{title}（续）" in pages[i] for i in on[1:]), n


def test_narrow_grid_headers_keep_their_short_words_on_one_line():
    """名次 in 6 % of the width printed as 名 / 次, 技术先进性 as 技术先 / 进性 (the same grid as in Word)."""
    import dataclasses

    from desktop.documents import layout as L
    from desktop.documents.pdf import render_layout_pdf

    from .doc_samples import needs_form, needs_submission

    header = ("名次", "企业名称", "技术先进性", "市场前景", "团队", "加权得分", "结果", "统一社会信用代码")
    weights = (0.06, 0.22, 0.09, 0.09, 0.09, 0.12, 0.12, 0.21)
    rows = (("1", "福州示例精密制造有限公司", "90", "85", "80", "85.00", "入选", "91350100M000100Y43"),)
    document = dataclasses.replace(L.build_layout(needs_form(), needs_submission(), meta()),
                                   blocks=(L.GridTable(header, rows, weights, numbered=True),), cover=None,
                                   contents=None)
    lines = [line.strip() for line in PdfReader(io.BytesIO(render_layout_pdf(document).data)).pages[0]
             .extract_text().splitlines()]
    for text in header[:7]:
        assert text in lines, lines
