"""The filter bar of 收件与审核: text, state, verdict, form, region, channel, 产业链, 领域 and arrival dates.

``changed`` fires on every edit; ``current()`` is the filter as the core takes it
(``desktop.desk.query.PackageFilter``), so the window's table and its XLSX
exports list exactly the same packages.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.desk.query import PackageFilter, Row
from desktop.desk.tables import STATES

from .desk_widgets import DateRange, chosen, filter_combo, refill

CHANNELS = ("省级中小企业主管部门组织", "工业和信息化部行业司局组织")


class DeskFilters(QWidget):
    changed = Signal()

    def __init__(self, form_ids: list[str], parent: QWidget):
        super().__init__(parent)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("查找：企业名称、信用代码、需求名称、装订码")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(220)
        self.text_filter.textChanged.connect(self.changed)
        self.state_box = filter_combo(self, "状态", STATES)
        self.verdict_box = filter_combo(self, "校验", ("完整", "有问题"))
        self.form_box = filter_combo(self, "表格", form_ids)
        self.province_box = filter_combo(self, "地区", ())
        self.channel_box = filter_combo(self, "渠道", CHANNELS)
        self.sector_box = filter_combo(self, "产业链", ())
        self.domain_box = filter_combo(self, "领域", ())
        self.arrival = DateRange("到达日期", self)
        self.arrival.changed.connect(self.changed)
        row = QHBoxLayout()
        row.addWidget(self.text_filter, 3)
        for box in self.boxes():
            box.currentIndexChanged.connect(self.changed)
            row.addWidget(box, 1)
        dates = QHBoxLayout()                 # its own line: the window stays as narrow as an office laptop
        dates.addWidget(self.arrival)
        dates.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(row)
        rows.addLayout(dates)

    def boxes(self) -> tuple[QComboBox, ...]:
        return (self.state_box, self.verdict_box, self.form_box, self.province_box, self.channel_box,
                self.sector_box, self.domain_box)

    def offer(self, rows: list[Row]) -> None:
        """The regions, 产业链 and 领域 of the packages received, keeping what is chosen."""
        refill(self.province_box, {r.province for r in rows if r.province})
        refill(self.sector_box, {s for r in rows for s in r.sectors.split("|") if s})
        refill(self.domain_box, {s for r in rows for s in r.domains.split("|") if s})

    def current(self) -> PackageFilter:
        state, verdict, form, province, channel, sector, domain = (chosen(box) for box in self.boxes())
        start, end = self.arrival.days()
        return PackageFilter(province=province, channel=channel, form=form, verdict=verdict, state=state,
                             sector=sector, domain=domain, arrived_from=start, arrived_to=end,
                             text=self.text_filter.text())
