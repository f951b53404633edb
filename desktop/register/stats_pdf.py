"""附件6 as a sealed-ready PDF: A4 landscape, the same columns, header rows and totals as the XLSX.

Built on the documents package (bundled CJK font embedded, CJK line breaking,
reproducible bytes with the time taken from the caller); ends with the
填报人 line and an empty seal area for the 填报单位's seal, kept together.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.engine.kinds import kind_of
from desktop.documents import layout as L
from desktop.documents.fonts import register_fonts
from desktop.documents.pdf import FixedTimestamp
from desktop.documents.pdf_blocks import paragraph, paragraph_style
from desktop.rules.formats import format_date_cn, format_money

from .stats import COLUMNS, FIGURE_COLUMNS, TOTAL_LABEL, StatsTable

PAGE = landscape(A4)
MARGIN = 12 * mm
TEXT_WIDTH = PAGE[0] - 2 * MARGIN
CELL_PT = 7.5
WEIGHTS = {"text": 3.2, "date": 1.9, "choice": 1.5, "int": 1.15, "money": 1.5}
SEAL = L.SEAL_SIZE_MM * mm
GRID = colors.black
HEADER_BACKGROUND = colors.Color(0.9, 0.93, 0.97)
FIXED_BACKGROUND = colors.Color(1, 0.95, 0.8)


def render_stats_pdf(table: StatsTable, unit: str, created_at: dt.datetime) -> tuple[bytes, int]:
    """(the PDF, its page count)."""
    fonts = register_fonts()
    styles = _styles(fonts)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=16 * mm, invariant=1, initialFontName=fonts.regular, title=table.title,
                            author=L.AUTHOR, creator=L.AUTHOR, producer=L.AUTHOR, lang="zh-CN")
    pages = [0]

    def footer(canvas, document) -> None:
        canvas._doc._timeStamp = FixedTimestamp(created_at)
        pages[0] = document.page
        canvas.saveState()
        canvas.setFont(fonts.regular, L.FOOTER_PT)
        canvas.drawCentredString(PAGE[0] / 2, 8 * mm, f"{table.title}　第 {document.page} 页")
        canvas.restoreState()

    story = [paragraph(table.title, styles["title"]),
             paragraph(f"填报单位（盖章）：{unit}；报送期：{table.period.label}；{table.scope_note}", styles["note"]),
             Spacer(1, 4), _grid(table, styles), Spacer(1, 10), _signature(styles)]
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue(), pages[0]


def _styles(fonts) -> dict:
    leading = CELL_PT * 1.3
    return {
        "title": paragraph_style(fonts, "a6title", 16, 24, bold=True, alignment=TA_CENTER, spaceAfter=4),
        "note": paragraph_style(fonts, "a6note", 10, 15),
        "cell": paragraph_style(fonts, "a6cell", CELL_PT, leading),
        "number": paragraph_style(fonts, "a6number", CELL_PT, leading, alignment=TA_RIGHT),
        "header": paragraph_style(fonts, "a6header", CELL_PT, leading, bold=True, alignment=TA_CENTER),
        "seal": paragraph_style(fonts, "a6seal", 10, 15, alignment=TA_CENTER),
    }


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money":
        return format_money(value)
    if kind == "int":
        return f"{value:,}"
    if isinstance(value, dt.date):
        return format_date_cn(value)
    return str(value)


def _grid(table: StatsTable, styles: dict) -> Table:
    header_top, header_bottom, spans = _header_rows(styles)
    data = [header_top, header_bottom]
    commands = list(spans)
    for n, row in enumerate(table.rows, start=1):
        line = [str(n)]
        for index, column in enumerate(COLUMNS, start=1):
            text = _text(row.values[column.id], column.kind)
            line.append(paragraph(text, styles["cell"]) if not kind_of(column).number else text)
            if column.id in row.fixes:
                commands.append(("BACKGROUND", (index, len(data)), (index, len(data)), FIXED_BACKGROUND))
        data.append(line)
    data.append([TOTAL_LABEL, f"共 {len(table.rows)} 项"] + [
        _text(table.totals[c.id], c.kind) if c in FIGURE_COLUMNS else "" for c in COLUMNS[1:]])
    weights = [0.8] + [WEIGHTS.get(c.kind, 1.2) for c in COLUMNS]
    widths = [TEXT_WIDTH * w / sum(weights) for w in weights]
    grid = LongTable(data, colWidths=widths, repeatRows=2)  # reportlab's table for many rows
    first_figure = 1 + COLUMNS.index(FIGURE_COLUMNS[0])
    grid.setStyle(TableStyle(commands + [
        ("FONT", (0, 0), (-1, -1), styles["cell"].fontName, CELL_PT, CELL_PT * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_BACKGROUND),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (first_figure, 2), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("FONT", (0, -1), (-1, -1), styles["header"].fontName, CELL_PT, CELL_PT * 1.3),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return grid


def _header_rows(styles: dict) -> tuple[list, list, list]:
    top, bottom, spans = [paragraph("序号", styles["header"])], [""], [("SPAN", (0, 0), (0, 1))]
    parts = {c.option("subset_of") for c in COLUMNS if c.option("subset_of")}
    for index, column in enumerate(COLUMNS, start=1):
        label = paragraph(column.label, styles["header"])
        if column.option("subset_of"):
            top.append("")
            bottom.append(label)
        elif column.id in parts:
            width = sum(1 for c in COLUMNS if c.option("subset_of") == column.id)
            top.append(label)
            bottom.append(paragraph("小计", styles["header"]))
            spans.append(("SPAN", (index, 0), (index + width, 0)))
        else:
            top.append(label)
            bottom.append("")
            spans.append(("SPAN", (index, 0), (index, 1)))
    return top, bottom, spans


def _signature(styles: dict) -> Table:
    """填报人, 联系电话 and 填报日期 lines to write on at the left, the empty seal area at the right."""
    font = styles["note"].fontName
    lines = Table([["填报人：", ""], ["联系电话：", ""], ["填报日期：", "　　　　年　　月　　日"]],
                  colWidths=[22 * mm, 60 * mm], rowHeights=[12 * mm] * 3)
    lines.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 10), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                               ("LINEBELOW", (1, 0), (1, 1), 0.5, colors.black)]))
    seal = Table([[""], [paragraph("填报单位（盖章）", styles["seal"])]], colWidths=[SEAL], rowHeights=[SEAL, 18])
    seal.setStyle(TableStyle([("BOX", (0, 0), (0, 0), 0.6, colors.Color(0.45, 0.45, 0.45)),
                              ("FONT", (0, 0), (-1, -1), font, 10)]))
    ending = Table([[lines, "", seal]], colWidths=[90 * mm, TEXT_WIDTH - 90 * mm - SEAL - 4, SEAL + 4])
    ending.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), font, 10)]))
    return ending
