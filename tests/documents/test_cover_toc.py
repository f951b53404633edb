"""The 附件3 申请书: cover page, 目录 with the right page numbers, chapters as given, 承诺书 as its own part."""

import copy
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from desktop.documents import layout as L
from desktop.documents.pdf import render_pdf
from desktop.documents.glyphs import printed_values
from desktop.documents.values import display_value
from desktop.documents.word import render_docx
from desktop.engine.declare import date, text
from desktop.engine.model import Form, Section, Signature
from desktop.engine.submission import make_submission
from desktop.forms.a2023_application import PROMISE

from .doc_samples import (application_docx, application_form, application_pdf, application_submission,
                          assert_seal_area_blank, meta, pdftotext, squeezed, without_continued)

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed")
MM = 72 / 25.4
CHAPTERS = ["一、企业基本情况", "二、需求理解与分析", "三、攻关方案",
            "四、团队水平", "五、研发能力", "六、进度安排", "七、经费预算", "八、预期成果与效益", "九、风险分析与保障措施",
            "十、附件材料", "承诺书"]


def layout() -> L.Document:
    return L.build_layout(application_form(), application_submission(), meta())


def page_lines() -> list[list[str]]:
    """Each page's text lines (pdftotext -raw: one line per printed line, paragraphs in reading order)."""
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in pdftotext(application_pdf().data).split("\f")[:-1]]


def data() -> dict:
    return application_submission()["data"]


# --- layout -------------------------------------------------------------------------------------------------

def test_cover_lists_the_form_cover_fields_with_the_label_override_and_the_date_at_the_foot():
    cover = layout().cover
    assert cover.attachment_no == "附件3"
    assert cover.title_lines == ("大中小企业融通创新项目", "中小企业“揭榜”申请书")  # even lines, none left over
    labels = [line.label for line in cover.lines]
    assert labels == ["项目名称", "揭榜需求编号", "需求名称", "发榜企业名称", "申报单位（盖章）", "推荐单位",
                      "项目开始日期", "项目结束日期"]
    values = {line.label: line.value for line in cover.lines}
    assert values["申报单位（盖章）"] == data()["profile"]["name"]
    assert values["揭榜需求编号"] == "2023-FJ-0012"
    assert cover.foot == L.CoverLine("申报日期", "2023年4月20日")


def test_chapters_keep_the_form_numbering_and_the_contents_list_them_with_the_commitment_last():
    document = layout()
    headings = [b.text for b in document.blocks if isinstance(b, L.Heading) and b.level == 1]
    assert headings == CHAPTERS[:-1]
    assert document.contents.title == "目录" and list(document.contents.entries) == CHAPTERS
    captions = [b.text for b in document.blocks if isinstance(b, L.Heading) and b.level == 2]
    assert "经费预算" not in captions and "附件材料" not in captions  # named like their chapter: no caption


def test_the_profile_prints_inside_chapter_one_before_its_own_items():
    blocks = layout().blocks
    titles = [(b.level, b.text) for b in blocks if isinstance(b, L.Heading)]
    start = titles.index((1, "一、企业基本情况"))
    assert titles[start + 1:start + 6] == [(2, "企业基本信息"), (2, "经营规模与创新能力"), (2, "联系人"),
                                          (2, "企业简介与主营业务"), (2, "近三年经营情况")]
    assert titles[start + 6] == (1, "二、需求理解与分析")
    first_table = next(i for i, b in enumerate(blocks) if not isinstance(b, L.Heading))
    assert isinstance(blocks[first_table - 1], L.Heading) and blocks[first_table - 1].text == "企业基本信息"


def test_progress_rows_are_titled_by_their_declared_label_never_by_row_number():
    records = [b for b in layout().blocks if isinstance(b, L.RecordBlock)]
    milestones = data()["milestones"]
    assert [r.title for r in records] == [f"阶段{n}：{m['name']}" for n, m in enumerate(milestones, start=1)]


@needs_poppler
def test_no_row_of_any_form_prints_as_a_numbered_line():
    from .doc_samples import ALL_FORM_IDS, form_pdf

    for form_id in ALL_FORM_IDS:
        assert not re.search(r"第\d+行", squeezed(pdftotext(form_pdf(form_id).data))), form_id


def test_the_commitment_section_becomes_the_signature_part():
    signature = layout().signature
    assert signature.heading == "承诺书" and signature.statement == PROMISE
    assert signature.pairs == (("法定代表人", data()["legal_rep_sign"]),)
    assert signature.date_line == "2023年4月20日"
    assert signature.lines == ("法定代表人（签字）",) and signature.seal_caption == "企业（盖章）"


def test_attachments_print_as_a_numbered_list_with_pages_or_size():
    grid = next(b for b in layout().blocks if isinstance(b, L.GridTable) and "材料名称" in b.header)
    assert grid.header == ("序号", "材料名称", "文件") and grid.numbered
    assert [row[0] for row in grid.rows] == ["1", "2", "3"]
    assert grid.rows[0][2] == "营业执照（样例）.pdf（1 页）"
    assert re.fullmatch(r"资质证书（样例）\.png（\d+ KB）", grid.rows[1][2])


def small_form(**changes) -> Form:
    values = dict(id="cover-test", edition="1", title="测试申请书", attachment_no="附件8", sections=(
        Section("head", "封面", items=(text("project", "项目名称", 40), text("unit", "单位名称", 40),
                                       date("day", "申报日期")), printed=False),
        Section("main", "基本情况", items=(text("note", "说明", 40),)),
        Section("promise", "承诺书", items=(text("who", "法定代表人", 20), date("signed", "承诺日期"))),
    ), signature=Signature(statement="本单位承诺所填内容真实。"), sign_date_field="signed",
        cover_fields=("project", ("unit", "申报单位（盖章）"), "missing.path", "day"), table_of_contents=True)
    values.update(changes)
    return Form(**values)


def build(form: Form, raw: dict) -> L.Document:
    submission, _ = make_submission(form, raw)
    return L.build_layout(form, submission, meta())


def test_a_form_without_cover_fields_or_contents_has_neither():
    document = build(small_form(cover_fields=(), table_of_contents=False), {})
    assert document.cover is None and document.contents is None


def test_unknown_cover_paths_are_left_out_and_empty_values_print_blank_lines():
    cover = build(small_form(), {"project": "样例项目"}).cover
    assert cover.lines == (L.CoverLine("项目名称", "样例项目"), L.CoverLine("申报单位（盖章）", ""))
    assert cover.foot == L.CoverLine("申报日期", "")


def test_unnumbered_chapter_titles_are_numbered_by_the_renderer():
    document = build(small_form(), {"note": "说明"})
    assert [b.text for b in document.blocks if isinstance(b, L.Heading)] == ["一、基本情况"]
    assert document.contents.entries == ("一、基本情况", "承诺书")
    assert document.signature.date_line == L.DATE_LINE  # no date typed: written by hand


# --- PDF ----------------------------------------------------------------------------------------------------

@needs_poppler
def test_page_one_is_the_cover_with_the_cover_values():
    pages = page_lines()
    cover = "".join(pages[0])
    profile = data()["profile"]
    for words in ("附件3", "大中小企业融通创新项目", "中小企业“揭榜”申请书", f"项目名称：{data()['project_title']}",
                  f"揭榜需求编号：{data()['need_code']}", f"需求名称：{data()['need_title']}",
                  f"发榜企业名称：{data()['need_owner']}", f"申报单位（盖章）：{profile['name']}",
                  "申报日期：2023年4月20日"):
        assert words.replace(" ", "") in cover.replace(" ", ""), words
    assert not any(line in CHAPTERS for line in pages[0])


@needs_poppler
def test_page_two_lists_every_chapter_with_the_page_where_it_starts():
    pages = page_lines()
    assert pages[1][0] == "目录"
    listed = dict(re.fullmatch(r"(.+?) (\d+)", line).groups() for line in pages[1][1:len(CHAPTERS) + 1])
    assert list(listed) == CHAPTERS
    for title, number in listed.items():
        found = next(n for n, lines in enumerate(pages[2:], start=3) if title in lines)
        assert int(number) == found, title
    assert int(listed["承诺书"]) == len(pages)  # the commitment is the last part


@needs_poppler
def test_no_chapter_is_numbered_twice():
    text = squeezed(pdftotext(application_pdf().data))
    assert not re.search("[一二三四五六七八九十]+、[一二三四五六七八九十]+、", text)


def test_chapters_are_pdf_bookmarks_and_the_contents_lines_link_to_them():
    rendered = application_pdf()
    reader = PdfReader(io.BytesIO(rendered.data))
    outline = [(item.title, reader.get_destination_page_number(item) + 1) for item in reader.outline
               if not isinstance(item, list)]  # a list holds the record titles under a chapter
    assert [title for title, _ in outline] == CHAPTERS
    assert outline[-1][1] == rendered.pages and outline[3][1] > 2
    links = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    assert len([a for a in links if a["/Subtype"] == "/Link"]) == len(CHAPTERS)


@needs_poppler
def test_the_commitment_is_its_own_last_page_with_signature_date_and_a_blank_seal_area():
    rendered = application_pdf()
    pages = page_lines()
    last = "".join("".join(pages[-1]).split())
    assert pages[-1][0] == "承诺书"
    for words in (PROMISE, f"法定代表人：{data()['legal_rep_sign']}", "法定代表人（签字）：", "企业（盖章）",
                  "2023年4月20日", "装订码"):
        assert words in last, words
    assert PROMISE[:12] not in "".join(pages[-2])
    assert rendered.seal_box.page == rendered.qr_box.page == rendered.pages
    assert_seal_area_blank(rendered)


@needs_poppler
def test_every_printed_value_of_the_sample_is_in_the_text_whole():
    text = without_continued(squeezed(pdftotext(application_pdf().data)), application_form())
    for path, field, value in printed_values(application_form(), data()):
        shown = "".join(display_value(field, value).split())
        assert shown in text, f"{path} ({field.label}) missing from the PDF"
    assert "营业执照（样例）.pdf（1页）" in text


@needs_poppler
def test_nothing_is_printed_outside_the_text_area_but_the_footer():
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=application_pdf().data, capture_output=True,
                          check=True).stdout.decode("utf-8")
    left, right = L.MARGIN_LEFT_MM * MM - 0.5, (L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM) * MM + 0.5
    top, bottom = L.MARGIN_TOP_MM * MM - 0.5, (L.PAGE_HEIGHT_MM - L.MARGIN_BOTTOM_MM) * MM + 0.5
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', html)
    assert len(words) > 500
    for x0, y0, x1, y1, word in ((*map(float, w[:4]), w[4]) for w in words):
        assert left <= x0 and x1 <= right, word
        footer = y0 > bottom and abs(y1 - (L.PAGE_HEIGHT_MM - L.FOOTER_BASELINE_MM) * MM) < 12
        assert (top <= y0 and y1 <= bottom) or footer, word


@needs_poppler
def test_a_grid_continued_on_the_next_page_repeats_its_header_row():
    submission = copy.deepcopy(application_submission())
    team = submission["data"]["team"]
    team += [{**row, "name": f"{row['name']}{n}"} for n, row in enumerate((team * 3)[:30 - len(team)])]
    pdf = render_pdf(application_form(), submission, meta())
    pages = ["".join(page.split()) for page in pdftotext(pdf.data).split("\f")[:-1]]
    header = "序号姓名职务职称学历专业项目分工"
    team_pages = [n for n, page in enumerate(pages) if any(row["name"] in page for row in team)]
    assert len(team_pages) >= 2  # a team of 30 (the most the form allows) does not fit on one page
    assert all(header in pages[n] for n in team_pages)


def test_same_input_gives_the_same_pdf_bytes():
    again = render_pdf(application_form(), application_submission(), meta())
    assert again.data == application_pdf().data


# --- Word ---------------------------------------------------------------------------------------------------

def word_xml() -> str:
    with zipfile.ZipFile(io.BytesIO(application_docx())) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_word_contents_list_every_chapter_linked_to_its_heading_and_print_no_page_number():
    """No number is better than a wrong or a blank one: Word, WPS and LibreOffice paginate differently."""
    document = Document(io.BytesIO(application_docx()))
    body = document.element.body
    codes = [t.text for t in body.iter(qn("w:instrText"))]
    assert codes[0].strip() == 'TOC \\o "1-1" \\h \\z \\u'
    assert not any("PAGEREF" in code for code in codes)
    assert all(f.get(qn("w:dirty")) is None for f in body.iter(qn("w:fldChar")))
    assert document.settings.element.find(qn("w:updateFields")) is None  # no prompt when the file opens
    links = list(body.iter(qn("w:hyperlink")))
    entries = ["".join(t.text for t in link.iter(qn("w:t"))) for link in links]
    assert entries == CHAPTERS
    assert not any(link.iter(qn("w:tab")) for link in links if next(link.iter(qn("w:tab")), None) is not None)
    marks = {m.get(qn("w:name")): m.getparent() for m in body.iter(qn("w:bookmarkStart"))}
    for link, title in zip(links, CHAPTERS):
        heading = marks[link.get(qn("w:anchor"))]
        assert "".join(t.text for t in heading.iter(qn("w:t"))) == title
        assert heading.pPr.pStyle.val == document.styles["Heading 1"].style_id


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils not installed")
def test_libreoffice_shows_the_contents_complete(tmp_path):
    source = tmp_path / "a3.docx"
    source.write_bytes(application_docx())
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pages = pdftotext((tmp_path / "a3.pdf").read_bytes()).split("\f")
    contents = next(page for page in pages if "目录" in page.split("\n")[0])
    lines = [line.strip() for line in contents.splitlines() if line.strip()][1:]
    assert lines[:len(CHAPTERS)] == CHAPTERS  # each chapter whole, no leader dots waiting for a number


def test_word_cover_title_once_and_the_commitment_starts_a_page():
    document = Document(io.BytesIO(application_docx()))
    text = "".join("".join(t.text for t in document.element.body.iter(qn("w:t"))).split())
    assert text.startswith("附件3大中小企业融通创新项目中小企业“揭榜”申请书项目名称：")
    assert text.count("大中小企业融通创新项目中小企业“揭榜”申请书") == 1
    assert f"申报单位（盖章）：{data()['profile']['name']}" in text and "申报日期：2023年4月20日" in text
    promise = next(p for p in document.paragraphs if p.text == "承诺书" and p.style.name != "toc 1")
    assert promise.paragraph_format.page_break_before and promise.style.name == "Heading 1"
    first_chapter = next(p for p in document.paragraphs if p.text == CHAPTERS[0] and p.style.name == "Heading 1")
    assert first_chapter.paragraph_format.page_break_before
    assert PROMISE in text and "2023年4月20日" in text


def test_word_attachment_list_and_grids_are_numbered():
    document = Document(io.BytesIO(application_docx()))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号"
                 and [c.text for c in t.rows[0].cells] == ["序号", "材料名称", "文件"])
    assert [row.cells[2].text for row in table.rows[1:]][0] == "营业执照（样例）.pdf（1 页）"


def test_same_input_gives_the_same_word_bytes():
    assert render_docx(application_form(), application_submission(), meta()) == application_docx()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) or poppler-utils not installed")
def test_libreoffice_shows_cover_contents_and_chapters(tmp_path):
    source = tmp_path / "申请书.docx"
    source.write_bytes(application_docx())
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    pages = pdftotext((tmp_path / "申请书.pdf").read_bytes()).split("\f")[:-1]
    assert "申报日期" in pages[0] and "目录" not in pages[0]
    contents = "".join(pages[1].split())
    assert contents.startswith("目录") and all(title in contents for title in CHAPTERS)
    assert "承诺书" in pages[-1] and "企业（盖章）" in pages[-1]
    shown = display_value(application_form().section("ch1").items[0], data()["intro"])
    assert "".join(shown.split())[:30] in squeezed("".join(pages))
