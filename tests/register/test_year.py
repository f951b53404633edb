"""A year of made-up activities from three departments → 附件6 for both periods, checked independently.

The expected figures are computed here without the register: activities are
matched by their name and place with all white space removed (the duplicates
were typed with extra spaces), the first department to report one gives its
figures, and a period counts the activities starting inside it.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.register.department import read_department_file, write_department_template
from desktop.register.stats import compute
from desktop.register.stats_pdf import render_stats_pdf
from desktop.register.stats_xlsx import stats_xlsx_bytes
from desktop.register.submit import write_submission

FIGURES = ("large_firms", "smes", "little_giants", "specialised", "service_orgs", "needs_published", "intentions",
           "projects_signed", "amount_signed", "patents")
UNIT = "某省工业和信息化厅（样例）"
AT = dt.datetime(2025, 1, 6, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def expected(year, first: dt.date, last: dt.date) -> tuple[dict, dict]:
    """(activity key → (figures, departments)) of the period and its totals, computed from the raw reports."""
    seen: dict = {}
    for department, rows in year.reports.items():       # the order the test imports them in
        for a in rows:
            key = ("".join(a.name.split()), a.start, "".join(a.place.split()))
            figures, departments = seen.get(key, (dict(a.figures), []))
            for d in (a.lead, *a.co_hosts, department):
                if d not in departments:
                    departments.append(d)
            seen[key] = (figures, departments)
    inside = {k: v for k, v in seen.items() if first <= k[1] <= last}
    totals = {f: sum((v[0][f] for v in inside.values()), Decimal(0) if f == "amount_signed" else 0) for f in FIGURES}
    return inside, totals


@pytest.fixture
def filled(register, campaign, year, tmp_path):
    """The three departments' sheets written by the program, filled, read back and merged."""
    for department, rows in year.reports.items():
        path = tmp_path / f"{department}.xlsx"
        write_department_template(path, department, campaign, rows)
        name, activities, _ = read_department_file(path, campaign)
        assert name == department and len(activities) == len(rows)
        register.merge(activities, name)
    return register


@pytest.mark.parametrize("period_id", ["2024H1", "2024"])
def test_both_periods_match_an_independent_computation(filled, campaign, year, period_id):
    period = campaign.period(period_id)
    inside, totals = expected(year, period.start, period.end)
    table = compute(filled, campaign, period_id)
    assert len(table.rows) == len(inside)
    assert table.totals == totals
    by_key = {("".join(r.activity.name.split()), r.activity.start, "".join(r.activity.place.split())): r
              for r in table.rows}
    for key, (figures, departments) in inside.items():
        row = by_key[key]
        assert {f: row.values[f] for f in FIGURES} == {f: figures[f] for f in FIGURES}
        assert set(row.activity.departments) == set(departments)


def test_the_whole_year_is_cumulative_and_says_so(filled, campaign):
    half, whole = compute(filled, campaign, "2024H1"), compute(filled, campaign, "2024")
    assert {r.activity.id for r in half.rows} < {r.activity.id for r in whole.rows}
    assert "全年累计" in whole.scope_note and "累计" not in half.scope_note


def test_co_hosted_activities_count_once_with_both_departments(filled, year):
    activities = filled.activities()
    assert len(activities) == 300 - year.duplicates
    assert sum(len(a.departments) == 2 for a in activities) == year.duplicates
    assert sum(bool(a.conflicts) for a in activities) == year.conflicts


def test_conflicting_figures_are_kept_side_by_side_until_decided(filled, campaign):
    disputed = next(a for a in filled.activities() if a.conflicts)
    other = disputed.conflicts[0]
    assert set(other["figures"]) == {"smes"}     # the duplicates differ in 参与中小企业数 only, by 7
    assert abs(other["figures"]["smes"] - disputed.figure("smes")) == 7
    decided = filled.decide(disputed.id, other["by"], "审核人")
    assert decided.figure("smes") == other["figures"]["smes"] and decided.conflicts == ()
    assert filled.get(disputed.id).figure("smes") == other["figures"]["smes"]
    log = filled.changes(disputed.id)
    assert [c.action for c in log][-1] == "裁定" and log[-1].by == "审核人"
    assert {c.by for c in log} >= {other["by"], "审核人"}


def test_xlsx_reads_back_with_values_totals_formats_and_layout(filled, campaign, year):
    table = compute(filled, campaign, "2024H1")
    inside, totals = expected(year, campaign.period("2024H1").start, campaign.period("2024H1").end)
    ws = load_workbook(io.BytesIO(stats_xlsx_bytes(table, UNIT)))["附件6统计表"]
    assert ws["A1"].value == "2024年上半年“百场万企”大中小企业融通对接活动统计表"
    assert UNIT in ws["A2"].value and "2024年上半年" in ws["A2"].value
    assert [ws.cell(3, c).value for c in (1, 2, 8)] == ["序号", "活动名称", "参与中小企业数"]
    assert [ws.cell(4, c).value for c in (8, 9, 10)] == ["小计", "其中专精特新“小巨人”", "其中专精特新中小企业"]
    assert ws.freeze_panes == "C5"
    total_row = 5 + len(inside)
    assert ws.cell(total_row, 1).value == "合计"
    headers = {ws.cell(3, c).value or ws.cell(4, c).value: c for c in range(1, 18)}
    smes_column, money_column = headers["参与中小企业数"], headers["签约金额（万元）"]
    assert ws.cell(total_row, smes_column).value == totals["smes"]
    assert ws.cell(total_row, money_column).value == pytest.approx(float(totals["amount_signed"]))
    numbers = [ws.cell(r, smes_column).value for r in range(5, total_row)]
    assert all(isinstance(v, int) for v in numbers) and sum(numbers) == totals["smes"]
    assert ws.cell(5, smes_column).number_format == "#,##0"
    assert ws.cell(5, money_column).number_format == "#,##0.00"
    assert isinstance(ws.cell(5, 3).value, dt.datetime)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_area == f"'附件6统计表'!$A$1:$P${total_row + 2}"
    assert ws.print_title_rows == "$3:$4"
    assert "签约金额（万元）" in headers


def test_pdf_reads_back_with_title_seal_and_totals(filled, campaign, year):
    table = compute(filled, campaign, "2024")
    _, totals = expected(year, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    data, pages = render_stats_pdf(table, UNIT, AT)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages > 1
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height   # landscape
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert "2024年全年" in first and "全年累计" in first
    assert "合计" in last and "填报单位（盖章）" in last
    assert f"{totals['smes']:,}" in last and f"{totals['amount_signed']:,.2f}" in last
    assert render_stats_pdf(table, UNIT, AT)[0] == data   # same data, same time → same bytes


def test_email_folder_names_the_recipient_and_the_deadline(filled, campaign, tmp_path):
    table = compute(filled, campaign, "2024H1")
    result = write_submission(table, UNIT, tmp_path / "out", AT)
    readme = result.readme.read_bytes()
    assert readme.startswith(b"\xef\xbb\xbf") and b"\r\n" in readme
    text = readme.decode("utf-8-sig")
    assert "cxfwc@miit.gov.cn" in text and "2024年7月10日" in text and "已截止" in text
    assert result.xlsx.name in text and result.pdf.name in text
    assert result.open_conflicts == sum(bool(r.activity.conflicts) for r in table.rows)
