"""The cover page and the contents page of a long document (e.g. the 附件3 申请书), as plain values.

Everything comes from the form definition: ``Form.cover_fields`` names the
values on the cover (a path, or ``(path, printed label)`` where the cover calls
a value differently, such as 申报单位（盖章） for the enterprise name), and
``Form.table_of_contents`` asks for a 目录 page listing the chapters.  A date
named last is printed on its own at the foot of the cover, where a Chinese
申请书 carries its 申报日期.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.engine.kinds import kind_of
from desktop.engine.model import Form
from desktop.engine.schema import iter_fields, record_items

from .linebreak import balanced_lines
from .values import display_value, value_at

COVER_TITLE_PT = 24.0            # 一号 is 26 pt; 24 pt keeps a 22-character title on two lines
COVER_TEXT_PT = 15.0             # 小三
CONTENTS_TITLE = "目录"
CONTENTS_TITLE_PT = 18.0
CONTENTS_ENTRY_PT = 14.0         # 四号
POINTS_PER_MM = 72 / 25.4

@dataclass(frozen=True)
class CoverLine:
    label: str
    value: str                   # "" prints an empty line to fill in by hand


@dataclass(frozen=True)
class Cover:
    attachment_no: str           # 附件3, top left
    title_lines: tuple[str, ...]  # the title, broken into even lines
    lines: tuple[CoverLine, ...]  # "label：value" on an underline
    foot: CoverLine | None       # the date at the foot of the page


@dataclass(frozen=True)
class Contents:
    title: str
    entries: tuple[str, ...]     # the chapter headings in print order (level-1 headings, then the 承诺书)


def cover_title_lines(title: str, text_width_mm: float) -> tuple[str, ...]:
    return balanced_lines(title, int(text_width_mm * POINTS_PER_MM / COVER_TITLE_PT))


def build_cover(form: Form, data: dict, text_width_mm: float) -> Cover | None:
    if not form.cover_fields:
        return None
    fields = dict(iter_fields(record_items(form)))
    lines = []
    for entry in form.cover_fields:
        path, label = (entry, None) if isinstance(entry, str) else entry
        field = fields.get(path)
        if field is None:
            continue  # a path the form no longer has: its cover line is left out, not invented
        lines.append((field, CoverLine(label or field.label, display_value(field, value_at(data, path)))))
    foot = None
    if lines and kind_of(lines[-1][0]).calendar_day:
        foot = lines.pop()[1]
    return Cover(form.attachment_no, cover_title_lines(form.title, text_width_mm),
                 tuple(line for _, line in lines), foot)
