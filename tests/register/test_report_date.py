"""活动信息和成效: the 报送日期 printed is the officer's, else the export's day — never the computer's clock."""

from __future__ import annotations

import datetime as dt

from desktop.register.report import report_raw
from desktop.register.samples import make_year


def activity():
    year = make_year(30, 2, 1)
    return next(a for department in year.reports.values() for a in department)


def test_the_export_day_is_the_report_day_when_the_officer_wrote_none():
    raw = report_raw(activity(), {"title": "某市举办对接活动"}, dt.date(2024, 7, 8))
    assert raw["filled_on"] == "2024-07-08" != dt.date.today().isoformat()


def test_the_officer_s_own_report_day_is_kept():
    raw = report_raw(activity(), {"filled_on": "2024-07-05"}, dt.date(2024, 7, 8))
    assert raw["filled_on"] == "2024-07-05"
