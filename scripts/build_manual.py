"""Typeset the user's manual (docs/manual/*.md) into resources/manual/携手填报用户手册.pdf with reportlab.

    .venv/bin/python scripts/build_manual.py           # write the PDF
    .venv/bin/python scripts/build_manual.py --check   # exit 1 when the PDF is older than its sources

The Markdown is the small subset the manual uses: # / ## / ### headings, paragraphs, "- " and "1. "
lists, **bold**, `code`, tables of | cells |, and ![caption](../screenshots/x.png) pictures. Each part
starts on a new page; a contents page follows the cover. The PDF is written in reportlab's invariant
mode and records a digest of its sources, so --check (run by installer/build.sh and the tests) can tell
a stale PDF without typesetting it again.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SOURCES = ROOT / "docs" / "manual"
OUTPUT = ROOT / "resources" / "manual" / "携手填报用户手册.pdf"
PARTS = ("README.md", "01-企业填报人.md", "02-刻录人员.md", "03-主管部门.md")
DIGEST_PREFIX = "sources-sha256:"
IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)]+)\)\s*$")


def image_paths(text: str) -> list[Path]:
    return [(SOURCES / m.group(2)).resolve() for m in map(IMAGE.match, text.splitlines()) if m]


def sources_digest() -> str:
    """SHA-256 over the Markdown parts, the pictures they show and this script."""
    digest = hashlib.sha256()
    files = [SOURCES / name for name in PARTS]
    for part in list(files):
        files += image_paths(part.read_text(encoding="utf-8"))
    for path in [*files, Path(__file__).resolve()]:
        digest.update(path.name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def recorded_digest(pdf: Path) -> str | None:
    from pypdf import PdfReader

    if not pdf.is_file():
        return None
    keywords = (PdfReader(str(pdf)).metadata or {}).get("/Keywords", "")
    return keywords[len(DIGEST_PREFIX):] if keywords.startswith(DIGEST_PREFIX) else None


# ---------------------------------------------------------------- Markdown → flowables
def inline(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"`([^`]+)`", r"<font color='#7a2e0e'>\1</font>", text)
    return re.sub(r"\[([^\]]+)\]\([^)]+\.md\)", r"\1", text)  # links between parts: the PDF is one document


class Builder:
    def __init__(self, fonts):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=17, wordWrap="CJK",
                              spaceAfter=5)
        self.styles = {
            "body": base,
            "h1": ParagraphStyle("h1", base, fontName=fonts.bold, fontSize=20, leading=28, spaceAfter=14, keepWithNext=1),
            "h2": ParagraphStyle("h2", base, fontName=fonts.bold, fontSize=14, leading=22, spaceBefore=10,
                                 spaceAfter=6, textColor=colors.HexColor("#8e1b1b"), keepWithNext=1),
            "h3": ParagraphStyle("h3", base, fontName=fonts.bold, fontSize=11.5, leading=18, spaceBefore=6,
                                 keepWithNext=1),  # a heading never ends a page
            "item": ParagraphStyle("item", base, leftIndent=18, bulletIndent=4, spaceAfter=3, bulletFontName=fonts.regular),
            "caption": ParagraphStyle("caption", base, fontSize=9, leading=13, alignment=1,
                                      textColor=colors.HexColor("#555555"), spaceAfter=10),
            "cell": ParagraphStyle("cell", base, fontSize=9.5, leading=14, spaceAfter=0),
        }
        self.fonts = fonts
        self.story: list = []

    def part(self, text: str, first: bool) -> None:
        from reportlab.platypus import PageBreak

        if not first:
            self.story.append(PageBreak())
        lines = text.splitlines()
        index = 0
        while index < len(lines):
            index = self._block(lines, index)

    def _block(self, lines: list[str], index: int) -> int:
        line = lines[index].rstrip()
        if not line.strip():
            return index + 1
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            self._heading(len(heading.group(1)), heading.group(2))
            return index + 1
        if IMAGE.match(line):
            match = IMAGE.match(line)
            self._image((SOURCES / match.group(2)).resolve(), match.group(1))
            return index + 1
        if line.startswith("|"):
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                cells = [c.strip() for c in lines[index].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                index += 1
            self._table(rows)
            return index
        item = re.match(r"^(\s*)(-|\d+\.)\s+(.*)$", line)
        if item:
            text = item.group(3)
            index += 1
            while index < len(lines) and lines[index].startswith("  ") and lines[index].strip():
                text += lines[index].strip()
                index += 1
            bullet = "•" if item.group(2) == "-" else item.group(2)
            self._para(inline(text), "item", bullet=bullet)
            return index
        text = line.strip()
        index += 1
        while index < len(lines) and lines[index].strip() and not re.match(r"^(#|!\[|\||\s*(-|\d+\.)\s)", lines[index]):
            text += lines[index].strip()
            index += 1
        self._para(inline(text), "body")
        return index

    def _para(self, markup: str, style: str, bullet: str | None = None) -> None:
        from reportlab.platypus import Paragraph

        self.story.append(Paragraph(markup, self.styles[style], bulletText=bullet))

    def _heading(self, level: int, text: str) -> None:
        from reportlab.platypus import Paragraph

        paragraph = Paragraph(inline(text), self.styles[f"h{level}"])
        paragraph.toc_level = level - 1 if level <= 2 else None
        paragraph.toc_text = text
        self.story.append(paragraph)

    def _image(self, path: Path, caption: str) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import Image, KeepTogether, Paragraph
        from reportlab.lib.utils import ImageReader

        width, height = ImageReader(str(path)).getSize()
        frame_width = 160 * mm
        scale = min(frame_width / width, 110 * mm / height)
        picture = Image(str(path), width=width * scale, height=height * scale)
        kept = [picture, Paragraph(inline(caption), self.styles["caption"])]
        if self.story and getattr(self.story[-1], "toc_text", None):
            kept.insert(0, self.story.pop())      # a heading right above a picture goes with it
        self.story.append(KeepTogether(kept))

    def _table(self, rows: list[list[str]]) -> None:
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

        data = [[Paragraph(inline(c), self.styles["cell"]) for c in row] for row in rows]
        widths = [62 * mm, 98 * mm] if len(rows[0]) == 2 else None
        table = Table(data, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), self.fonts.regular),  # else Helvetica is listed
                                   ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1e4e4")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.story += [table, Spacer(1, 8)]


# ---------------------------------------------------------------- the document
def missing_glyphs(texts: list[str], font_file: Path) -> set[str]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    cmap = TTFontFile(str(font_file)).charToGlyph
    return {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in cmap}


def build(output: Path = OUTPUT) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, TableStyle
    from reportlab.platypus.doctemplate import SimpleDocTemplate
    from reportlab.platypus.tableofcontents import TableOfContents

    from desktop import __version__
    from desktop.documents.fonts import REGULAR_FONT_FILE, register_fonts
    from desktop.resources import resource_path

    fonts = register_fonts()
    texts = [(SOURCES / name).read_text(encoding="utf-8") for name in PARTS]
    missing = missing_glyphs(texts, resource_path(*REGULAR_FONT_FILE))
    if missing:
        raise SystemExit(f"the document font lacks: {''.join(sorted(missing))}")
    builder = Builder(fonts)
    styles = builder.styles
    toc = TableOfContents()
    toc.tableStyle = TableStyle([("FONT", (0, 0), (-1, -1), fonts.regular), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    toc.levelStyles = [styles["h3"].clone("toc0", leftIndent=0, spaceBefore=6),
                       styles["body"].clone("toc1", leftIndent=16, spaceAfter=1)]
    builder.story += [Spacer(1, 60 * mm), Paragraph("携手填报", styles["h1"].clone("cover", fontSize=34, leading=44)),
                      Paragraph("用户手册", styles["h1"].clone("cover2", fontSize=22, leading=32)),
                      Paragraph(f"适用于携手填报 {__version__}　·　企业填报人、刻录人员、主管部门工作人员", styles["body"]),
                      PageBreak(), Paragraph("目录", styles["h2"]), toc, PageBreak()]
    for number, text in enumerate(texts):
        builder.part(text, first=number == 0)

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8.5)
        canvas.drawString(25 * mm, 12 * mm, f"携手填报用户手册（{__version__}）")
        canvas.drawRightString(A4[0] - 25 * mm, 12 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    class Doc(SimpleDocTemplate):
        def afterFlowable(self, flowable) -> None:  # noqa: N802 (reportlab API)
            level = getattr(flowable, "toc_level", None)
            if level is not None:
                self.notify("TOCEntry", (level, flowable.toc_text, self.page))

    output.parent.mkdir(parents=True, exist_ok=True)
    doc = Doc(str(output), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=20 * mm,
              bottomMargin=22 * mm, title="携手填报用户手册", author="携手填报", subject="用户手册",
              keywords=DIGEST_PREFIX + sources_digest(), invariant=1, initialFontName=fonts.regular)
    doc.multiBuild(builder.story, onFirstPage=footer, onLaterPages=footer)
    return output


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if recorded_digest(OUTPUT) != sources_digest():
            print(f"{OUTPUT} is older than docs/manual/: run scripts/build_manual.py", file=sys.stderr)
            return 1
        return 0
    print(build())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
