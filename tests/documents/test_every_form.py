"""Checks every form's PDF and Word documents must pass, run on the sample of each registered form."""

import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from desktop.documents import layout as L
from desktop.forms.registry import all_forms, get_form

from .doc_samples import ALL_FORM_IDS, ENTERPRISE_FORM_IDS, BINDING_CODE, form_pdf, form_submission, pdftotext

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdffonts, pdftotext) not installed")


def test_the_list_covers_every_registered_form():
    assert set(ALL_FORM_IDS) == {form.id for form in all_forms()}


@needs_poppler
@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("form_id", ALL_FORM_IDS)
def test_pdffonts_lists_only_embedded_fonts(form_id, draft):
    out = subprocess.run(["pdffonts", "-"], input=form_pdf(form_id, draft).data, capture_output=True,
                         check=True).stdout.decode()
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows
    for row in rows:
        assert row[-5] == "yes", f"{row[0]} is not embedded"
        assert "XieshouSerif" in row[0], row


@pytest.mark.parametrize("draft", [False, True])
@pytest.mark.parametrize("form_id", ENTERPRISE_FORM_IDS)
def test_pdf_metadata_names_the_enterprise_and_says_draft(form_id, draft):
    info = PdfReader(io.BytesIO(form_pdf(form_id, draft).data)).metadata
    form = get_form(form_id)
    assert info.author == form_submission(form_id)["data"]["profile"]["name"]
    assert form.title in info.title
    assert ("草稿" in info.title) is draft


@pytest.mark.parametrize("form_id", ENTERPRISE_FORM_IDS)  # (the 2024 tables have no numbered chapters)
def test_every_pdf_has_bookmarks_for_its_chapters(form_id):
    reader = PdfReader(io.BytesIO(form_pdf(form_id).data))
    top = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in top]
    assert len(titles) >= 4, titles
    assert titles[0].startswith("一、")
    pages = [reader.get_destination_page_number(item) for item in top]
    assert pages == sorted(pages)
    for item, page in zip(top, pages):  # each bookmark opens the page that prints its heading
        assert "".join(item.title.split()) in "".join(reader.pages[page].extract_text().split())


@needs_poppler
@pytest.mark.parametrize("form_id", ALL_FORM_IDS)
def test_the_qr_caption_says_binding_code_one_name_for_one_thing(form_id):
    last = pdftotext(form_pdf(form_id).data).split("\f")[-2]
    assert "光盘核对码" not in last
    caption = last.index(L.QR_CAPTION + "\n")  # under the QR: 装订码, then the code itself
    assert last[caption:].split("\n")[1] == BINDING_CODE


@needs_poppler
@pytest.mark.parametrize("form_id", ALL_FORM_IDS)
def test_a_draft_prints_a_draft_code_never_the_full_binding_code(form_id):
    rendered = form_pdf(form_id, True)
    text = "".join(pdftotext(rendered.data).split())
    assert BINDING_CODE not in text and BINDING_CODE.replace("-", "") not in text
    # the footer of each page, and under the QR
    assert text.count(f"草稿-{BINDING_CODE[:4]}") == rendered.pages + 1
    assert not L.DocMeta(BINDING_CODE, "3f" * 32, 1, rendered_at(), draft=True).binding_payload.startswith("XSBIND:")


def rendered_at():
    from .doc_samples import CREATED_AT

    return CREATED_AT


SIGNATURE_WORDS = re.compile(r"装订码|草稿-\w+|[0-9A-Z]{4}(-[0-9A-Z]{4}){3}|第\d+页共\d+页|第\d+版|企业（盖章）|"
                             r"年月日|\d{4}年\d{1,2}月\d{1,2}日")


def last_page_content(data: bytes, form_id: str) -> str:
    """What the last page prints besides the signature block and the footer."""
    pages = pdftotext(data).split("\f")[:-1]
    text = "".join(pages[-1].split())
    for line in get_form(form_id).signature.lines:
        text = text.replace(f"{line}：", "")
    text = text.replace(L.QR_CAPTION, "")
    return SIGNATURE_WORDS.sub("", text)


@needs_poppler
@pytest.mark.parametrize("form_id", ALL_FORM_IDS)
def test_the_signature_block_never_stands_alone_on_the_last_page(form_id):
    assert last_page_content(form_pdf(form_id).data, form_id)


@pytest.mark.parametrize("form", all_forms(), ids=lambda f: f.id)
def test_subsections_name_printed_sections_of_the_same_form_once(form):
    named = [sub for section in form.sections for sub in section.subsections]
    assert len(named) == len(set(named))
    for section in form.sections:
        for sub in section.subsections:
            inner = form.section(sub)
            assert inner.printed and not inner.subsections and inner is not section


@needs_poppler
@pytest.mark.parametrize("form_id", ENTERPRISE_FORM_IDS)
def test_the_size_class_prints_as_a_class_with_its_reason_in_words(form_id):
    from desktop.rules.size_class import classify

    from .doc_samples import form_docx, meta

    profile = form_submission(form_id)["data"]["profile"]
    expected = classify(profile["size_industry"], profile["employees"], profile["revenue"], profile["total_assets"])
    document = L.build_layout(get_form(form_id), form_submission(form_id), meta())
    cell = next(c for b in document.blocks if isinstance(b, L.KeyValueTable) for r in b.rows for c in r.cells
                if c.label == "企业规模")
    assert cell.value == expected.size_class and cell.note == expected.note
    assert f"{profile['employees']}人" in cell.note
    for text in (pdftotext(form_pdf(form_id).data), form_docx_text(form_docx(form_id))):
        squeezed_text = "".join(text.split())
        assert f"企业规模{expected.size_class}依据《中小企业划型标准规定》" in squeezed_text
        size_part = squeezed_text[squeezed_text.index(f"企业规模{expected.size_class}"):][:160]
        assert not set(size_part) & set("≥≤→")  # (indicator tables may use ≥ legitimately)


def form_docx_text(data: bytes) -> str:
    from docx import Document
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in Document(io.BytesIO(data)).element.body.iter(qn("w:t")))


def match_with_texts_of(extra: int) -> dict:
    """The 附件2 sample with its two long texts lengthened, so its end falls at another place on the page."""
    import copy

    from .doc_samples import long_text

    submission = copy.deepcopy(form_submission("2023-a2-match"))
    submission["data"]["advantages"] = long_text(100 + extra)
    submission["data"]["expected_results"] = long_text(20 + extra)[:300]
    return submission


@needs_poppler
def test_wherever_the_form_ends_the_last_pdf_page_carries_form_content():
    from desktop.documents.pdf import render_pdf

    from .doc_samples import meta

    for extra in range(0, 500, 25):
        data = render_pdf(get_form("2023-a2-match"), match_with_texts_of(extra), meta()).data
        assert last_page_content(data, "2023-a2-match"), extra


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (libreoffice-writer-nogui) or poppler-utils not installed")
def test_wherever_the_form_ends_libreoffice_prints_the_signature_with_form_content(tmp_path):
    from desktop.documents.word import render_docx

    from .doc_samples import meta

    lengths = (0, 100, 200, 300, 450)  # before the fix, 0–200 left the signature alone on page 4
    for extra in lengths:
        (tmp_path / f"m{extra:03d}.docx").write_bytes(render_docx(get_form("2023-a2-match"),
                                                                  match_with_texts_of(extra), meta()))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    for extra in lengths:
        assert last_page_content((tmp_path / f"m{extra:03d}.pdf").read_bytes(), "2023-a2-match"), extra
