"""Made-up supporting files for samples and tests: a one-page PDF, a PNG and a JPEG.

Each is small, valid, marked （样例） and the same bytes on every run (the PDF
is written in reportlab's invariant mode).  The file stem is the 材料名称 a
sample row uses.  Pillow comes with reportlab, which needs it.
"""

from __future__ import annotations

from pathlib import Path

SAMPLE_NOTE = "样例文件，内容虚构，不是真实证照"


def make_sample_files(folder: Path) -> list[Path]:
    """Write the three sample files into ``folder``; returns their paths (PDF, PNG, JPEG)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / "营业执照（样例）.pdf"
    png = folder / "资质证书（样例）.png"
    jpg = folder / "知识产权证书（样例）.jpg"
    _write_pdf(pdf, "营业执照（样例）")
    _image("资质证书（样例）", (176, 32, 32)).save(png, format="PNG", optimize=True)
    _image("知识产权证书（样例）", (32, 64, 160)).convert("RGB").save(jpg, format="JPEG", quality=80)
    return [pdf, png, jpg]


def _write_pdf(path: Path, title: str) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desktop.documents.fonts import register_fonts

    fonts = register_fonts()
    canvas = Canvas(str(path), pagesize=A4, invariant=1, initialFontName=fonts.regular)
    width, height = A4
    canvas.setTitle(title)
    canvas.rect(20 * mm, 20 * mm, width - 40 * mm, height - 40 * mm)
    canvas.setFont(fonts.bold, 26)
    canvas.drawCentredString(width / 2, height - 60 * mm, title)
    canvas.setFont(fonts.regular, 12)
    for line, text in enumerate(("名称：澜岳精工科技有限公司（样例）", "类型：有限责任公司", SAMPLE_NOTE)):
        canvas.drawString(35 * mm, height - (90 + 12 * line) * mm, text)
    canvas.showPage()
    canvas.save()


def _image(title: str, colour: tuple[int, int, int]):
    from PIL import Image, ImageDraw, ImageFont

    from desktop.documents.fonts import REGULAR_FONT_FILE
    from desktop.resources import resource_path

    image = Image.new("RGB", (480, 320), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 471, 311), outline=colour, width=6)
    font_file = str(resource_path(*REGULAR_FONT_FILE))
    draw.text((240, 120), title, fill=colour, font=ImageFont.truetype(font_file, 36), anchor="mm")
    draw.text((240, 220), SAMPLE_NOTE, fill=(64, 64, 64), font=ImageFont.truetype(font_file, 18), anchor="mm")
    return image
