"""Shared inputs for the document tests: the 20-need and 附件3 samples, export metadata, small inline forms.

Rendering the sample takes a fraction of a second; results are cached so the
many checks on one document read the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from desktop.engine.declare import date, memo, money, text
from desktop.engine.model import Form, Section, Signature
from desktop.engine.submission import make_submission
from desktop.forms.registry import all_forms, get_form
from desktop.samples import sample_submission

CREATED_AT = dt.datetime(2023, 4, 20, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))
BINDING_CODE = "7KQ2-M9XD-4TBE-Q1W8"
BINDING_SHA256 = "3f" * 32
FOOTER_RE = re.compile(r"装订码(?:草稿-)?[0-9A-Z]{4}(?:-[0-9A-Z]{4}){0,3}第\d+页共\d+页第\d+版")


def meta(**changes):
    from desktop.documents.layout import DocMeta

    values = dict(binding_code=BINDING_CODE, binding_sha256=BINDING_SHA256, revision=2, created_at=CREATED_AT)
    values.update(changes)
    return DocMeta(**values)


def needs_form() -> Form:
    return get_form("2023-a1-needs")


@lru_cache(maxsize=None)
def needs_submission() -> dict:
    """The 20-need sample (shared: tests copy it before changing anything)."""
    return sample_submission(needs_form(), 0)


@lru_cache(maxsize=None)
def needs_pdf(draft: bool = False, seam_guide: bool = False):
    from desktop.documents.pdf import render_pdf

    return render_pdf(needs_form(), needs_submission(), meta(draft=draft, seam_guide=seam_guide))


@lru_cache(maxsize=None)
def needs_docx(draft: bool = False) -> bytes:
    from desktop.documents.word import render_docx

    return render_docx(needs_form(), needs_submission(), meta(draft=draft))


def application_form() -> Form:
    return get_form("2023-a3-application")


@lru_cache(maxsize=None)
def application_submission() -> dict:
    """The 附件3 sample with its three made-up attachments (kept in a throw-away attachment store)."""
    from desktop.attachments import AttachmentStore, make_sample_files

    with tempfile.TemporaryDirectory() as folder:
        store = AttachmentStore(Path(folder) / "store")
        files = [store.add(path).to_value() for path in make_sample_files(Path(folder) / "made")]
    return sample_submission(application_form(), 0, files)


@lru_cache(maxsize=None)
def application_pdf():
    from desktop.documents.pdf import render_pdf

    return render_pdf(application_form(), application_submission(), meta())


@lru_cache(maxsize=None)
def application_docx() -> bytes:
    from desktop.documents.word import render_docx

    return render_docx(application_form(), application_submission(), meta())


def memo_form(max_len: int = 3000) -> Form:
    """A one-section form with a long memo, to check that long texts continue instead of being clipped."""
    return Form(id="memo-test", edition="1", title="长文本测试表", attachment_no="附件9", sections=(
        Section("main", "基本情况", items=(
            text("name", "单位名称", 50, required=True),
            memo("story", "情况说明", max_len),
            money("amount", "金额（万元）"),
            date("day", "日期"),
        )),
    ), signature=Signature(lines=("填报人", "法定代表人（签字）", "单位负责人（签字）")))


def long_text(length: int) -> str:
    """Distinct sentences, numbered, so a missing or repeated piece is noticed."""
    parts, n = [], 0
    while sum(map(len, parts)) < length:
        n += 1
        parts.append(f"第{n}句说明企业在关键工艺上的现有基础与存在问题，")
    return "".join(parts)[: length - 1] + "。"


def memo_submission(story: str) -> dict:
    submission, cleaned = make_submission(memo_form(), {"name": "澜岳精工科技股份有限公司（样例）", "story": story,
                                                        "amount": "1234567.8", "day": "2023-04-20"})
    assert not cleaned.errors, cleaned.errors
    return submission


def pdftotext(data: bytes, *args: str) -> str:
    """Text of a PDF in content-stream order (-raw): each paragraph comes out whole."""
    result = subprocess.run(["pdftotext", "-raw", *args, "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def squeezed(text_out: str) -> str:
    """Without white space and footers: values that wrap or continue on the next page read whole."""
    return FOOTER_RE.sub("", re.sub(r"\s+", "", text_out))


def grey_page(data: bytes, page: int, dpi: int) -> tuple[int, int, bytes]:
    """The page rasterised by pdftoppm as an 8-bit grey PGM: (width, height, pixels)."""
    pgm = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-"],
                         input=data, capture_output=True, check=True).stdout
    magic, size, depth, pixels = pgm.split(b"\n", 3)
    assert magic == b"P5" and depth == b"255"
    width, height = map(int, size.split())
    return width, height, pixels[: width * height]


def assert_seal_area_blank(rendered) -> None:
    """The seal area is ≥ 45 mm, inside the text area, beside the QR code, and nothing is printed inside it."""
    from reportlab.lib.units import mm

    from desktop.documents import layout as L

    box = rendered.seal_box
    assert box.x1 - box.x0 >= 45 * mm and box.y1 - box.y0 >= 45 * mm
    assert box.y0 >= L.MARGIN_BOTTOM_MM * mm and box.x1 <= (L.PAGE_WIDTH_MM - L.MARGIN_RIGHT_MM) * mm + 0.01
    assert box.x0 >= rendered.qr_box.x1 + 10 * mm  # the QR code sits beside the area, not inside it
    width, height, pixels = grey_page(rendered.data, box.page, 72)
    inset = 3  # pixels: the dashed border itself is drawn, everything inside must be paper white
    dark = [(x, y) for y in range(round(height - box.y1) + inset, round(height - box.y0) - inset)
            for x in range(round(box.x0) + inset, round(box.x1) - inset) if pixels[y * width + x] < 250]
    assert dark == []
    top = round(height - box.y1)  # the dashed top border is drawn (on this row or the next, by rounding)
    assert any(pixels[row * width + x] < 200 for row in (top - 1, top, top + 1) for x in range(round(box.x0), round(box.x1)))


ENTERPRISE_FORM_IDS = ("2023-a1-needs", "2023-a2-match", "2023-a3-application")  # the forms with a profile
ALL_FORM_IDS = ENTERPRISE_FORM_IDS + tuple(form.id for form in all_forms() if form.id not in ENTERPRISE_FORM_IDS)


@lru_cache(maxsize=None)
def form_submission(form_id: str) -> dict:
    """The seed-7 sample of any form (the 附件3 one with its attachments)."""
    if form_id == "2023-a3-application":
        return application_submission()
    return sample_submission(get_form(form_id), 7)


@lru_cache(maxsize=None)
def form_pdf(form_id: str, draft: bool = False):
    from desktop.documents.pdf import render_pdf

    return render_pdf(get_form(form_id), form_submission(form_id), meta(draft=draft))


@lru_cache(maxsize=None)
def form_docx(form_id: str, draft: bool = False) -> bytes:
    from desktop.documents.word import render_docx

    return render_docx(get_form(form_id), form_submission(form_id), meta(draft=draft))


def without_continued(text_out: str, form: Form) -> str:
    """Squeezed text without the marks that open a continued part (主营业务（续）, 需求3：…（续）)."""
    from desktop.engine.schema import iter_fields, record_items

    labels = sorted({field.label for _, field in iter_fields(record_items(form))}, key=len, reverse=True)
    for label in labels:
        text_out = text_out.replace(f"{label}（续）", "")
    return text_out.replace("（续）", "")  # what is left: a repeated record title's mark
