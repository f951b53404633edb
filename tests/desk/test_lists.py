"""Filters over the register and the XLSX exports (收件清单, 需求汇总表), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from desktop.desk.query import PackageFilter, list_rows
from desktop.desk.receive import Batch, receive_paths
from desktop.desk.xlsx_out import NEED_COLUMNS, RECEIPT_COLUMNS, write_needs, write_receipts
from desktop.package.manifest import CHINA_TZ
from tests.package.sample_package import write_package

DAY1 = dt.datetime(2023, 4, 24, 23, 50, tzinfo=CHINA_TZ)
DAY2 = dt.datetime(2023, 4, 25, 0, 10, tzinfo=CHINA_TZ)


@pytest.fixture
def register(desk, tmp_path):
    folders = {seed: write_package(tmp_path / "in" / f"p{seed}", seed=seed) for seed in (1, 2, 3, 4)}
    receive_paths(desk, [folders[1], folders[2]], batch=Batch("EMS1", DAY1))
    receive_paths(desk, [folders[3], folders[4]], batch=Batch("EMS2", DAY2))
    data = {seed: json.loads((f / "data/submission.json").read_text("utf-8"))["data"] for seed, f in folders.items()}
    return desk, data


def _names(rows) -> set[str]:
    return {r.submitter for r in rows}


def test_filters_agree_with_the_submissions(register):
    desk, data = register
    everyone = {d["profile"]["name"] for d in data.values()}
    assert _names(list_rows(desk)) == everyone
    province = data[2]["profile"]["province"]
    assert _names(list_rows(desk, PackageFilter(province=province))) == {
        d["profile"]["name"] for d in data.values() if d["profile"]["province"] == province}
    sector = data[3]["needs"][0]["sector"]
    assert _names(list_rows(desk, PackageFilter(sector=sector))) == {
        d["profile"]["name"] for d in data.values() if any(n["sector"] == sector for n in d["needs"])}
    domain = data[1]["needs"][0]["domain"]
    assert _names(list_rows(desk, PackageFilter(domain=domain))) == {
        d["profile"]["name"] for d in data.values() if any(n["domain"] == domain for n in d["needs"])}
    title = data[4]["needs"][1]["title"][:8]
    assert _names(list_rows(desk, PackageFilter(text=title))) == {
        d["profile"]["name"] for d in data.values() if any(title in n["title"] for n in d["needs"])}
    uscc = data[1]["profile"]["uscc"].lower()                      # case does not matter
    assert _names(list_rows(desk, PackageFilter(text=uscc))) == {data[1]["profile"]["name"]}
    # dates are the officer's (China) dates: 23:50 on the 24th and 00:10 on the 25th
    assert _names(list_rows(desk, PackageFilter(arrived_to=dt.date(2023, 4, 24)))) == {
        data[1]["profile"]["name"], data[2]["profile"]["name"]}
    assert _names(list_rows(desk, PackageFilter(arrived_from=dt.date(2023, 4, 25)))) == {
        data[3]["profile"]["name"], data[4]["profile"]["name"]}
    assert list_rows(desk, PackageFilter(text="100%_不存在")) == []
    assert [r.id for r in list_rows(desk, sort="arrived", descending=True)][:2] == [4, 3]


def test_receipt_list_xlsx(register, tmp_path):
    desk, data = register
    path = tmp_path / "收件清单.xlsx"
    assert write_receipts(desk, path) == 4
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "收件清单" and sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in RECEIPT_COLUMNS] and headers[-3:] == ["盖章", "签字", "份数"]
    assert sheet.column_dimensions["E"].width == RECEIPT_COLUMNS[4].width
    arrived = sheet.cell(row=2, column=headers.index("到达时间") + 1)
    assert arrived.is_date and arrived.value == DAY1.replace(tzinfo=None)
    assert [sheet.cell(row=r, column=5).value for r in range(2, 6)] == [data[s]["profile"]["name"] for s in (1, 2, 3, 4)]
    assert [sheet.cell(row=r, column=10).value for r in range(2, 6)] == ["EMS1", "EMS1", "EMS2", "EMS2"]


def test_needs_summary_xlsx(register, tmp_path):
    desk, data = register
    path = tmp_path / "需求汇总表.xlsx"
    expected = [(d["profile"]["name"], n) for d in data.values() for n in d["needs"]]
    assert write_needs(desk, path) == len(expected)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.freeze_panes == "A2"
    headers = [c.value for c in sheet[1]]
    assert headers == [c.header for c in NEED_COLUMNS]
    col = {h: i for i, h in enumerate(headers)}
    rows = list(sheet.iter_rows(min_row=2))
    money = [(r[col["发榜企业"]].value, r[col["需求名称"]].value, r[col["拟投入资金（万元）"]]) for r in rows]
    assert sorted((name, title, Decimal(str(cell.value))) for name, title, cell in money) == sorted(
        (name, n["title"], Decimal(n["budget"])) for name, n in expected)
    assert all(isinstance(cell.value, (int, float)) and cell.number_format == "#,##0.00" for _n, _t, cell in money)
    deadline = rows[0][col["期望完成时间"]]
    assert deadline.is_date and deadline.number_format == 'yyyy"年"m"月"d"日"'
    assert {r[col["是否公开"]].value for r in rows} <= {"公开", "不公开"}
    assert {r[col["状态"]].value for r in rows} == {"已收件"}
    codes = [r[0].value for r in rows]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)


def test_the_windows_filter_agrees_with_the_sql_filter(register):
    from desktop.desk.query import matches

    desk, data = register
    everything = list_rows(desk)
    sector = data[3]["needs"][0]["sector"]
    for flt in (PackageFilter(), PackageFilter(province=data[1]["profile"]["province"]), PackageFilter(sector=sector),
                PackageFilter(text=data[2]["needs"][0]["title"][:6]), PackageFilter(arrived_to=dt.date(2023, 4, 24)),
                PackageFilter(arrived_from=dt.date(2023, 4, 25), verdict="完整"), PackageFilter(text="ＥＭＳ"),
                PackageFilter(text=everything[0].binding_code[:9].lower())):
        assert [r.id for r in everything if matches(r, flt)] == [r.id for r in list_rows(desk, flt)], flt
