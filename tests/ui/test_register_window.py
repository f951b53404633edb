"""The 2024 register window: the start window's entry, the activities page and the 附件6 page."""

from __future__ import annotations

import pytest

from desktop.register.department import write_department_template
from desktop.register.samples import make_year
from desktop.register.stats import compute
from desktop.rules.campaign import campaign_by_id
from desktop.rules.formats import format_money


@pytest.fixture
def window(ctx, qtbot, quiet):
    from desktop.ui.start_window import StartWindow

    start = StartWindow(ctx)
    qtbot.addWidget(start)
    (entry,) = start.officer_entries
    assert "2024年上半年附件6 统计表" in entry.label.text() and "已截止" not in entry.label.text()
    entry.button.click()
    return ctx.open_windows["register"]


def import_year(window, tmp_path, quiet):
    campaign = campaign_by_id("2024-baichang")
    for department, rows in make_year(45, 6, 3).reports.items():
        path = tmp_path / f"{department}.xlsx"
        write_department_template(path, department, campaign, rows)
        window.activities.import_file(path)
    return campaign


def test_imported_departments_are_listed_once_per_activity(window, tmp_path, quiet):
    import_year(window, tmp_path, quiet)
    table = window.activities.table
    assert table.rowCount() == 45 - 6
    assert "其中 6 项由几个部门共同举办" in window.activities.summary.text()
    assert "3 项数据不一致待裁定" in window.activities.summary.text()
    assert any("某省国资委" in q for q in quiet)


def test_the_statistics_page_shows_the_computed_totals_for_each_period(window, tmp_path, quiet):
    campaign = import_year(window, tmp_path, quiet)
    page = window.stats
    for index, period_id in enumerate(("2024H1", "2024")):
        page.period.setCurrentIndex(index)
        expected = compute(window.register, campaign, period_id)
        last = page.table.rowCount() - 1
        assert last == len(expected.rows) and page.table.item(last, 0).text() == "合计"
        header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
        assert page.table.item(last, header.index("参与中小企业数")).text() == f"{expected.totals['smes']:,}"
        assert page.table.item(last, header.index("签约金额（万元）")).text() == format_money(
            expected.totals["amount_signed"])
    assert "全年累计" in page.note.text()


def test_export_needs_a_unit_then_writes_the_folder(window, tmp_path, quiet):
    import_year(window, tmp_path, quiet)
    window.stats.export_to(tmp_path / "out")
    assert "请先填写填报单位" in quiet[-1]
    window.stats.unit.setText("某省工业和信息化厅（样例）")
    window.stats.export_to(tmp_path / "out")
    assert (window.stats.last_export.folder / "报送说明.txt").is_file()


def test_schedules_are_imported_filtered_and_marked_joined(window, tmp_path, quiet):
    from openpyxl import load_workbook

    from desktop.register.schedules import schedule, write_schedule_template

    path = tmp_path / "a1.xlsx"
    write_schedule_template(schedule("2024-a1-chain-events"), path)
    workbook = load_workbook(path)
    workbook.active.append(["工业母机", "工业母机对接活动（样例）", None, "2024-06-18", "澜江市", "装备工业一司", None])
    workbook.active.append(["集成电路", "集成电路对接活动（样例）", None, "2024-09-03", "衡州市", "电子信息司", None])
    workbook.save(path)
    page = window.schedules
    page.import_file(path)
    assert "新增 2 项" in quiet[-1] and page.table.rowCount() == 2
    page.month.setCurrentIndex(9)                      # 9月
    assert page.table.rowCount() == 1 and page.table.item(0, 3).text() == "集成电路对接活动（样例）"
    page.table.setCurrentCell(0, 0)
    page.toggle_joined()
    assert page.table.item(0, 7).text() == "是" and "本省参加 1 项" in page.summary.text()


def test_a_figure_cell_is_corrected_with_a_reason(window, tmp_path, quiet, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    import_year(window, tmp_path, quiet)
    page = window.stats
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    column = header.index("参与中小企业数")
    registered = page.table_data.rows[0].cell("smes").register
    answers = iter([(str(registered + 5), True), ("会后补报", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    page.ask_correction(0, column)
    item = page.table.item(0, column)
    assert item.text() == f"{registered + 5:,}（+5）" and "差额 5" in item.toolTip() and "会后补报" in item.toolTip()
    assert "手工修改 1 处" in page.note.text()
    assert f"登记 {registered} → 报送 {registered + 5}（差额 5），理由：会后补报" in page.fixes.text()
    answers = iter([(str(registered + 9), True), ("  ", True)])
    page.ask_correction(0, column)
    assert "理由" in quiet[-1] and page.table.item(0, column).text() == f"{registered + 5:,}（+5）"


def test_the_deadline_counts_the_days_left_then_says_closed(window, tmp_path, quiet):
    import datetime as dt

    from tests.ui.conftest import BEIJING

    page = window.stats
    for now, expected in ((dt.datetime(2024, 6, 20, 9, 0, tzinfo=BEIJING),
                           f"距截止还有 {(dt.date(2024, 7, 10) - dt.date(2024, 6, 20)).days} 天（2024年7月10日）"),
                          (dt.datetime(2024, 7, 10, 9, 0, tzinfo=BEIJING), "今天截止（2024年7月10日）"),
                          (dt.datetime(2024, 7, 11, 9, 0, tzinfo=BEIJING), "已截止（2024年7月10日）")):
        window.ctx.now = lambda moment=now: moment
        page.recompute()
        assert page.deadline.text() == f"报送期限：{expected}"
    page.period.setCurrentIndex(1)
    assert page.deadline.text() == f"报送期限：距截止还有 {(dt.date(2025, 1, 10) - dt.date(2024, 7, 11)).days} 天（2025年1月10日）"


def test_the_email_folder_comes_from_the_button_with_the_correction_and_its_difference(window, tmp_path, quiet,
                                                                                      monkeypatch):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    import_year(window, tmp_path, quiet)
    page = window.stats
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    column = header.index("签约项目数")
    first = page.table_data.rows[0]
    registered = first.cell("projects_signed").register
    answers = iter([(str(registered + 2), True), ("补录会后签约项目", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    page.ask_correction(0, column)
    last = window.register.changes(first.activity.id)[-1]
    assert (last.action, last.by) == ("手工修改", window.officer()) and "补录会后签约项目" in last.detail
    page.unit.setText("某省工业和信息化厅（样例）")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(tmp_path / "mail"))
    page.export_button.click()
    folder = page.last_export.folder
    readme = (folder / "报送说明.txt").read_text(encoding="utf-8-sig")
    assert "cxfwc@miit.gov.cn" in readme and "手工修改：1 处" in readme
    sheet = load_workbook(page.last_export.xlsx).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    heading = next(r for r in rows if "签约项目数" in r)
    written = next(r for r in rows if first.activity.name in r)
    assert written[heading.index("签约项目数")] == registered + 2
    assert page.last_export.pdf.read_bytes().startswith(b"%PDF")
