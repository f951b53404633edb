"""寄送材料清单 — the packing list and mailing sheet (docs/package.md §4): one printable A4 page.

Who it goes to (the campaign's fixed recipient for the form's channel, or the
provincial authority as the user entered it, with blank lines for its
address), who sends it, the deadline, the paper documents with their pages
and copies, the disc (volume label, files, size, binding code), boxes to tick
while packing and a line for the person who packed it.  Rows are roomy so a
blank one can be filled in by hand; when long values would push the sheet
onto a second page the rows are tightened until it fits.  Same input → same
bytes: reportlab's invariant mode, document dates from the manifest.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle

from desktop.rules.campaign import Deadline, Recipient, days_left
from desktop.rules.formats import format_date_cn

from . import layout as L
from .fonts import FontNames, register_fonts
from .pdf import FixedTimestamp
from .pdf_text import ChineseParagraph

SHEET_TITLE = "寄送材料清单"
BOX = "□"                        # a tick box (the print font has □, not ☐)
MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
GAP = 5 * mm                     # between the 收件 and 寄件 boxes
HALF = (WIDTH - GAP) / 2
LABEL = 20 * mm
# (row padding, table text size) in points, roomiest first: a blank row leaves room to write by hand,
# and very long names or many documents still fit on the one page
FITS = ((7.0, L.TABLE_PT + 0.5), (4.5, L.TABLE_PT + 0.5), (2.5, L.TABLE_PT), (1.5, 9.0), (1.0, 7.5))
CAPTION_FILL = colors.Color(0.92, 0.92, 0.92)
RULE = 0.6
MB = 1024 * 1024
WRITE_LINE = "＿" * 5             # a line to write on by hand


def render_packing_list(manifest: dict, *, recipient: Recipient | None, recipient_entered: str,
                        deadline: Deadline | None, documents: list[tuple[str, int | None, int]], disc: dict | None,
                        today: dt.date, sender: dict) -> bytes:
    """The sheet as PDF bytes.

    ``recipient``: the campaign's fixed recipient for the channel, or None for the provincial
    authority named ``recipient_entered``; ``documents``: (title, pages, copies) of every form printed
    for this package (pages None: left blank to count by hand);
    ``disc``: volume_label, volume_id (optional), file_count, total_size (bytes), binding_code;
    ``sender``: name, address, postcode, contact, phone, mobile (missing keys print blank).
    """
    fonts = register_fonts()
    code = str((disc or {}).get("binding_code") or manifest.get("binding_code") or "")
    parts = _Parts(manifest, recipient, recipient_entered, deadline, documents, disc, today, sender, code)
    for padding, size in FITS:
        data, pages = _build(manifest, parts, _Styles(fonts, padding, size), code)
        if pages == 1:
            break
    return data


def deadline_text(deadline: Deadline | None, today: dt.date) -> str:
    """2023年4月27日（已截止）, …（今天截止）, …（还有 7 天）, or 另行通知 when no date is set."""
    if deadline is None or deadline.date is None:
        return "另行通知（以主管部门通知为准）"
    left = days_left(deadline.date, today)
    state = "已截止" if left < 0 else "今天截止" if left == 0 else f"还有 {left} 天"
    return f"{format_date_cn(deadline.date)}（{state}）"


class _Parts:
    """The sheet's texts, worked out once from the inputs."""

    def __init__(self, manifest, recipient, entered, deadline, documents, disc, today, sender, code):
        self.title = f"{SHEET_TITLE}（草稿，不得寄送）" if manifest.get("draft") else SHEET_TITLE
        self.subtitle = _subtitle(manifest)
        self.recipient = _recipient_rows(recipient, entered)
        self.sender = _sender_rows(sender, manifest)
        self.deadline = [("寄出截止", deadline_text(deadline, today))]
        if deadline and deadline.what:
            self.deadline.append(("说明", deadline.what))
        self.documents = [(title, f"{pages} 页" if pages else "", f"{copies} 份") for title, pages, copies in documents]
        self.disc = _disc_values(disc, code)


class _Styles:
    def __init__(self, fonts: FontNames, padding: float, size: float):
        def style(name: str, size: float, bold: bool = False, **kw) -> ParagraphStyle:
            kw.setdefault("leading", size * 1.45)
            return ParagraphStyle(name, fontName=fonts.bold if bold else fonts.regular, fontSize=size,
                                  wordWrap="CJK", **kw)

        self.fonts, self.padding = fonts, padding
        self.title = style("sheet_title", L.TITLE_PT, bold=True, alignment=TA_CENTER, spaceAfter=6)
        self.subtitle = style("sheet_subtitle", L.TABLE_PT, alignment=TA_CENTER)
        self.caption = style("sheet_caption", L.BODY_PT, bold=True)
        self.label = style("sheet_label", size, alignment=TA_CENTER)
        self.value = style("sheet_value", size)
        self.centre = style("sheet_centre", size, alignment=TA_CENTER)
        self.check = style("sheet_check", L.BODY_PT)


def _build(manifest: dict, parts: _Parts, text: _Styles, code: str) -> tuple[bytes, int]:
    story = [_para(parts.title, text.title), _para(parts.subtitle, text.subtitle), Spacer(1, 8),
             _side_by_side(_box("收件", parts.recipient, text, HALF), _box("寄件", parts.sender, text, HALF), text),
             _box("截止时间", parts.deadline, text, WIDTH), _documents_table(parts.documents, text),
             _disc_table(parts.disc, text), _checks(text)]
    out = io.BytesIO()
    pages: list[int] = []
    _template(out, manifest, text.fonts).build(story, canvasmaker=_canvas_maker(manifest, code, text.fonts, pages))
    return out.getvalue(), len(pages)


def _para(value: str, style: ParagraphStyle) -> ChineseParagraph:
    return ChineseParagraph(escape(value), style)


def _subtitle(manifest: dict) -> str:
    campaign = manifest.get("campaign") if isinstance(manifest.get("campaign"), dict) else {}
    forms = manifest.get("forms") if isinstance(manifest.get("forms"), list) else []
    titles = "、".join(str(f.get("title", "")) for f in forms if isinstance(f, dict))
    return "　".join(p for p in (str(campaign.get("notice") or ""), titles) if p)


def _recipient_rows(recipient: Recipient | None, entered: str) -> list[tuple[str, str]]:
    if recipient is not None:
        return [("收件单位", recipient.name), ("地址", recipient.address), ("邮编", recipient.postcode)]
    # the provincial authority: its name as entered, its address written by hand from its notice
    return [("收件单位", entered.strip()), ("地址", ""), ("邮编", ""),
            ("说明", "寄省级中小企业主管部门，地址和邮编以其通知为准，请手工填写")]


def _sender_rows(sender: dict, manifest: dict) -> list[tuple[str, str]]:
    submitter = manifest.get("submitter") if isinstance(manifest.get("submitter"), dict) else {}

    def value(key: str) -> str:
        found = sender.get(key)
        return "" if found is None else str(found).strip()

    phones = "，".join(p for p in (value("phone"), value("mobile")) if p)
    return [("寄件单位", value("name") or str(submitter.get("name") or "")), ("地址", value("address")),
            ("邮编", value("postcode")), ("联系人", value("contact")), ("电话", phones)]


def _disc_values(disc: dict | None, code: str) -> dict[str, str]:
    if not disc:  # no disc yet: the lines are left blank to fill in by hand
        return {"卷标": "", "文件数": "", "总大小": "", "装订码": code}
    label = str(disc.get("volume_label") or "")
    if disc.get("volume_id"):
        label = f"{label}（{disc['volume_id']}）" if label else str(disc["volume_id"])
    size, count = disc.get("total_size"), disc.get("file_count")
    return {"卷标": label, "文件数": f"{count} 个" if isinstance(count, int) else "",
            "总大小": f"{size / MB:.2f} MB" if isinstance(size, int) else "",
            "装订码": str(disc.get("binding_code") or code)}


def _style(text: _Styles, columns: int) -> list[tuple]:
    """Ruled grid with a shaded caption row across all ``columns``."""
    last = columns - 1
    return [("FONTNAME", (0, 0), (-1, -1), text.fonts.regular), ("GRID", (0, 0), (-1, -1), RULE, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5), ("TOPPADDING", (0, 1), (-1, -1), text.padding),
            ("BOTTOMPADDING", (0, 1), (-1, -1), text.padding), ("SPAN", (0, 0), (last, 0)),
            ("BACKGROUND", (0, 0), (last, 0), CAPTION_FILL)]


def _box(caption: str, rows: list[tuple[str, str]], text: _Styles, width: float) -> Table:
    """A bordered block: caption row, then label | value rows (a blank value leaves room to write)."""
    data = [[_para(caption, text.caption), ""]] + [[_para(k, text.label), _para(v, text.value)] for k, v in rows]
    return Table(data, colWidths=[LABEL, width - LABEL], style=TableStyle(_style(text, 2)))


def _side_by_side(left: Table, right: Table, text: _Styles) -> Table:
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), text.fonts.regular)]
    style += [(name, (0, 0), (-1, -1), 0) for name in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
    return Table([[left, "", right]], colWidths=[HALF, GAP, HALF], style=TableStyle(style), spaceAfter=7)


def _documents_table(documents: list[tuple[str, str, str]], text: _Styles) -> Table:
    narrow = 18 * mm
    widths = [12 * mm, WIDTH - 12 * mm - 3 * narrow, narrow, narrow, narrow]
    data = [[_para("纸质材料", text.caption), "", "", "", ""],
            [_para(h, text.label) for h in ("序号", "名称", "页数", "份数", "盖章")]]
    for n, (title, pages, copies) in enumerate(documents, start=1):
        data.append([_para(str(n), text.centre), _para(title, text.value), _para(pages, text.centre),
                     _para(copies, text.centre), _para(BOX, text.centre)])
    return Table(data, colWidths=widths, style=TableStyle(_style(text, 5)), spaceBefore=7, spaceAfter=7)


def _disc_table(values: dict[str, str], text: _Styles) -> Table:
    value_width = (WIDTH - 2 * LABEL) / 2
    data = [[_para("光盘", text.caption), "", "", ""],
            [_para("卷标", text.label), _para(values["卷标"], text.value), "", ""],
            [_para("文件数", text.label), _para(values["文件数"], text.value),
             _para("总大小", text.label), _para(values["总大小"], text.value)],
            [_para("装订码", text.label), _para(values["装订码"], text.value), "", ""]]
    style = _style(text, 4) + [("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 3), (3, 3))]
    return Table(data, colWidths=[LABEL, value_width, LABEL, value_width], style=TableStyle(style), spaceAfter=7)


def _checks(text: _Styles) -> Table:
    """Boxes to tick while packing, a line for the EMS number, and who packed it when."""
    data = [[_para("核对", text.caption), "", ""],
            [_para(f"{BOX} 纸质材料已盖章", text.check), _para(f"{BOX} 光盘已校验", text.check),
             _para(f"{BOX} EMS 单号：{WRITE_LINE * 2}", text.check)],
            [_para(f"装袋人：{WRITE_LINE}", text.check), "", _para(f"日期：{WRITE_LINE}", text.check)]]
    style = [("FONTNAME", (0, 0), (-1, -1), text.fonts.regular), ("BOX", (0, 0), (-1, -1), RULE, colors.black),
             ("LINEBELOW", (0, 0), (-1, 0), RULE, colors.black), ("SPAN", (0, 0), (2, 0)), ("SPAN", (0, 2), (1, 2)),
             ("BACKGROUND", (0, 0), (2, 0), CAPTION_FILL), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
             ("LEFTPADDING", (0, 0), (-1, -1), 5), ("TOPPADDING", (0, 1), (-1, -1), 2 * text.padding + 2),
             ("BOTTOMPADDING", (0, 1), (-1, -1), text.padding + 2)]
    return Table(data, colWidths=[48 * mm, 38 * mm, WIDTH - 86 * mm], style=TableStyle(style))


def _template(out: io.BytesIO, manifest: dict, fonts: FontNames) -> BaseDocTemplate:
    code = str(manifest.get("binding_code") or "")
    template = BaseDocTemplate(
        out, pagesize=A4, invariant=1, initialFontName=fonts.regular, initialFontSize=L.BODY_PT,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 6 * mm,
        title=SHEET_TITLE, author=L.AUTHOR, creator=L.AUTHOR, producer=L.AUTHOR,
        subject=f"装订码 {code}" if code else SHEET_TITLE, lang="zh-CN")
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="sheet")
    template.addPageTemplates([PageTemplate(id="sheet", frames=[frame], pagesize=A4)])
    return template


def _created_at(manifest: dict) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(str(manifest.get("created_at") or ""))
    except ValueError:  # a manifest without a usable date still gives a fixed one, never the clock
        moment = dt.datetime(2000, 1, 1)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _canvas_maker(manifest: dict, code: str, fonts: FontNames, pages: list[int]):
    created_at = _created_at(manifest)

    class SheetCanvas(Canvas):
        """Document dates from the manifest; the binding code at the foot; counts its pages."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = FixedTimestamp(created_at)

        def showPage(self) -> None:
            pages.append(self.getPageNumber())
            self.saveState()
            self.setFont(fonts.regular, L.FOOTER_PT)
            if code:
                self.drawString(MARGIN, MARGIN, f"装订码 {code}")
            self.drawRightString(A4[0] - MARGIN, MARGIN, f"{L.AUTHOR} 生成")
            self.restoreState()
            super().showPage()

    return SheetCanvas
