"""Data for 企业规模划型: the threshold tables per edition and the GB/T 4754-2017 门类.

A later edition of the standard is a new entry in TABLES, not new code.
Indicators: "E" 从业人员（人）, "Y" 营业收入（万元）, "Z" 资产总额（万元）.
"""

from __future__ import annotations

from dataclasses import dataclass

Bound = tuple[str, int]  # (indicator, limit)


@dataclass(frozen=True)
class SizeRow:
    name: str
    ceilings: tuple[Bound, ...]  # SME when the value is below ANY of these
    medium: tuple[Bound, ...]  # 中型 needs ALL of these (value ≥ limit)
    small: tuple[Bound, ...]  # 小型 needs ALL of these (value ≥ limit)

    def indicators(self) -> tuple[str, ...]:
        """The indicators this row reads, in E, Y, Z order."""
        used = {i for i, _ in self.ceilings + self.medium + self.small}
        return tuple(i for i in "EYZ" if i in used)


def _row(name: str, ceilings: str, medium: str, small: str) -> SizeRow:
    """Build a row from compact text such as "E1000 Y40000" (read as the table in docs/rules.md §1)."""
    def bounds(text: str) -> tuple[Bound, ...]:
        return tuple((item[0], int(item[1:])) for item in text.split())
    return SizeRow(name, bounds(ceilings), bounds(medium), bounds(small))


# 工信部联企业〔2011〕300号, as tabulated in docs/rules.md §1.
TABLES: dict[str, tuple[SizeRow, ...]] = {
    "2011": (
        _row("农、林、牧、渔业", "Y20000", "Y500", "Y50"),
        _row("工业", "E1000 Y40000", "E300 Y2000", "E20 Y300"),
        _row("建筑业", "Y80000 Z80000", "Y6000 Z5000", "Y300 Z300"),
        _row("批发业", "E200 Y40000", "E20 Y5000", "E5 Y1000"),
        _row("零售业", "E300 Y20000", "E50 Y500", "E10 Y100"),
        _row("交通运输业", "E1000 Y30000", "E300 Y3000", "E20 Y200"),
        _row("仓储业", "E200 Y30000", "E100 Y1000", "E20 Y100"),
        _row("邮政业", "E1000 Y30000", "E300 Y2000", "E20 Y100"),
        _row("住宿业", "E300 Y10000", "E100 Y2000", "E10 Y100"),
        _row("餐饮业", "E300 Y10000", "E100 Y2000", "E10 Y100"),
        _row("信息传输业", "E2000 Y100000", "E100 Y1000", "E10 Y100"),
        _row("软件和信息技术服务业", "E300 Y10000", "E100 Y1000", "E10 Y50"),
        _row("房地产开发经营", "Y200000 Z10000", "Y1000 Z5000", "Y100 Z2000"),
        _row("物业管理", "E1000 Y5000", "E300 Y1000", "E100 Y500"),
        _row("租赁和商务服务业", "E300 Z120000", "E100 Z8000", "E10 Z100"),
        _row("其他未列明行业", "E300", "E100", "E10"),
    ),
}

# GB/T 4754-2017 门类 (letter, name).
GB_SECTIONS: tuple[tuple[str, str], ...] = (
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
)

# 门类 → rows the user picks from (first = pre-selected); one row means no question.
# The 大类 codes in comments decide which row applies (docs/rules.md §1).
_SECTION_ROWS: dict[str, tuple[str, ...]] = {
    "A": ("农、林、牧、渔业",),
    "B": ("工业",),
    "C": ("工业",),
    "D": ("工业",),
    "E": ("建筑业",),
    "F": ("批发业", "零售业"),  # 51 / 52
    "G": ("交通运输业", "仓储业", "邮政业"),  # 53–58 / 59 / 60
    "H": ("住宿业", "餐饮业"),  # 61 / 62
    "I": ("信息传输业", "软件和信息技术服务业"),  # 63, 64 / 65
    "K": ("房地产开发经营", "物业管理"),  # 701 / 702
    "L": ("租赁和商务服务业",),
}
_OTHER = "其他未列明行业"


def default_size_industry(letter: str) -> tuple[str, tuple[str, ...]]:
    """(pre-selected 划型行业, rows to ask about — empty when there is nothing to ask)."""
    key = letter.strip().upper()
    if key not in dict(GB_SECTIONS):
        raise ValueError(f"“{letter}”不是国民经济行业门类代码（应为 A–T 之一）")
    rows = _SECTION_ROWS.get(key, (_OTHER,))
    return rows[0], rows if len(rows) > 1 else ()
