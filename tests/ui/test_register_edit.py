"""The register window's editable activities: typed and pasted cells, new rows, deletion, conflicts decided,
evidence attached, reports exported — each checked in the store afterwards, change log included."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from desktop.register.activity import Activity
from desktop.register.edit import GRID_COLUMNS

from .helpers import activate, type_chinese

OFFICER = "王晓红"
COLUMN = {c.id: n for n, c in enumerate(GRID_COLUMNS)}


def set_officer(ctx, name: str) -> None:
    from desktop.desk.db import OFFICER as KEY, DeskDB
    from desktop.desk.review import set_setting
    from desktop.ui.register_window import desk_target

    with DeskDB.open(desk_target(ctx)) as desk:
        set_setting(desk, KEY, name)


def sample(n: int, **figures) -> Activity:
    base = {"smes": 100 + n, "little_giants": 5, "intentions": 20, "projects_signed": 8}
    return Activity(name=f"新材料产业链对接会（样例{n:02d}）", start=dt.date(2024, 3, 1 + n), end=dt.date(2024, 3, 1 + n),
                    place="衡州市科技大厦", mode="线下", level="省", kind="地方自办", lead="某省国资委",
                    figures={**base, **figures})


def open_window(ctx, qtbot, activities=(), department="某省国资委"):
    from desktop.ui.start_window import StartWindow

    set_officer(ctx, OFFICER)
    start = StartWindow(ctx)
    qtbot.addWidget(start)
    start.officer_entries[0].button.click()
    window = ctx.open_windows["register"]
    if activities:
        window.register.merge(list(activities), department)
        window.activities.reload()
    window.tabs.setCurrentWidget(window.activities)
    return window


def row_of(window, activity_id: int) -> int:
    return next(r for r, row in enumerate(window.activities.grid.rows) if row.activity and row.activity.id == activity_id)


def type_in_cell(qtbot, grid, row: int, column_id: str, text: str) -> None:
    """Select the cell, Enter, type (Chinese as an input-method commit), Enter — as the officer does."""
    view = grid.grid
    view.setFocus()
    view.setCurrentCell(row, COLUMN[column_id])
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.isAncestorOf(editor)
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_chinese(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState)


def test_a_typed_figure_is_saved_at_once_with_the_officer_in_the_change_log(ctx, qtbot, quiet):
    window = open_window(ctx, qtbot, [sample(1), sample(2)])
    activate(qtbot, window)
    grid = window.activities.grid
    first = window.register.activities()[0]
    type_in_cell(qtbot, grid, row_of(window, first.id), "smes", "250")
    assert window.register.get(first.id).figures["smes"] == 250
    last = window.register.changes(first.id)[-1]
    assert (last.by, last.action) == (OFFICER, "修改") and "参与中小企业数：101 → 250" in last.detail
    type_in_cell(qtbot, grid, row_of(window, first.id), "place", "岳川市产业园区")
    assert window.register.get(first.id).place == "岳川市产业园区"
    window.activities.actions["log"].click()
    log = window.activities.log_text.toPlainText().splitlines()
    assert len(log) == 3 and f"{OFFICER}　修改：举办地点：衡州市科技大厦 → 岳川市产业园区" in log[-1]


def test_a_refused_value_stays_in_its_cell_with_its_message_and_survives_reopening(ctx, qtbot, quiet):
    window = open_window(ctx, qtbot, [sample(1)])
    activate(qtbot, window)
    grid = window.activities.grid
    (activity,) = window.register.activities()
    r = row_of(window, activity.id)
    type_in_cell(qtbot, grid, r, "little_giants", "900")
    item = grid.grid.item(r, COLUMN["little_giants"])
    assert item.text() == "900" and "不能多于参与中小企业数（101）" in item.toolTip() and "未保存" in item.toolTip()
    assert "其中专精特新“小巨人”（900）不能多于参与中小企业数（101）" in grid.message.text()
    assert window.register.get(activity.id).figures["little_giants"] == 5
    window.close()
    window = open_window(ctx, qtbot)
    activate(qtbot, window)
    grid = window.activities.grid
    assert grid.grid.item(row_of(window, activity.id), COLUMN["little_giants"]).text() == "900"
    type_in_cell(qtbot, grid, row_of(window, activity.id), "smes", "1000")
    stored = window.register.get(activity.id)
    assert (stored.figures["smes"], stored.figures["little_giants"]) == (1000, 900)   # the kept text saved now
    assert grid.message.isHidden() and not grid.rows[row_of(window, activity.id)].typed


PASTED = ("集成电路供需对接会（样例）\t2024年5月20日\t2024年5月21日\t澜江市会展中心\t线下\t省级\t产业链专场\t集成电路\t"
          "某省工业和信息化厅\t某省国资委、某省知识产权局\t3\t１２０\t10\t20\t5\t30\t25\t30\t1,234.5\t2\r\n"
          "生物医药专场对接会（样例）\t2024/6/3\t\t岳川市产业园区\t线上\t市\t央企专场\t生物医药\t某省国资委\t\t"
          "1\t80\t2\t9\t1\t4\t12\t3\t88\t0\r\n")


def test_a_block_pasted_from_excel_becomes_new_activities(ctx, qtbot, quiet):
    window = open_window(ctx, qtbot, [sample(1)])
    activate(qtbot, window)
    grid = window.activities.grid
    grid.buttons["add"].click()
    QGuiApplication.clipboard().setText(PASTED)
    grid.grid.setCurrentCell(len(grid.rows) - 1, 0)
    qtbot.keyClick(grid.grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    added = {a.name: a for a in window.register.activities()}
    chip = added["集成电路供需对接会（样例）"]
    assert (chip.start, chip.end, chip.level, chip.co_hosts) == (
        dt.date(2024, 5, 20), dt.date(2024, 5, 21), "省", ("某省国资委", "某省知识产权局"))
    assert chip.figures["smes"] == 120 and chip.figures["amount_signed"] == Decimal("1234.50")
    pharma = added["生物医药专场对接会（样例）"]
    assert pharma.end == pharma.start == dt.date(2024, 6, 3) and pharma.figures["patents"] == 0
    assert "已粘贴 2 行（新增 1 行）" in grid.notice.text()
    warned = grid.grid.item(row_of(window, chip.id), COLUMN["projects_signed"])
    assert "签约项目数（30）多于达成合作意向数（25）" in warned.toolTip()       # a warning: saved and shown
    logged = [(c.by, c.action) for c in window.register.changes(chip.id)]
    assert logged == [(OFFICER, "新增")]


def test_a_new_row_waits_for_what_it_needs_then_is_saved(ctx, qtbot, quiet):
    window = open_window(ctx, qtbot)
    activate(qtbot, window)
    grid = window.activities.grid
    grid.buttons["add"].click()
    r = len(grid.rows) - 1
    type_in_cell(qtbot, grid, r, "name", "绿色低碳专场对接会（样例）")
    assert window.register.activities() == []
    assert grid.grid.verticalHeaderItem(r).text() == "新（未保存）" and "还需填写开始日期" in grid.message.text()
    for column_id, text in (("start", "2024年7月2日"), ("place", "璟湖市会展中心"), ("mode", "线下"), ("level", "省"),
                            ("kind", "地方自办"), ("lead", "某省工业和信息化厅")):
        grid.grid.item(r, COLUMN[column_id]).setText(text)      # a pick list writes the cell like this
    (saved,) = window.register.activities()
    assert saved.name == "绿色低碳专场对接会（样例）" and saved.start == dt.date(2024, 7, 2)
    assert grid.grid.verticalHeaderItem(r).text() == str(saved.id)


def test_deleting_asks_first_and_is_logged(ctx, qtbot, quiet, monkeypatch):
    window = open_window(ctx, qtbot, [sample(1), sample(2)])
    grid = window.activities.grid
    first = window.register.activities()[0]
    grid.grid.setCurrentCell(row_of(window, first.id), 0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    grid.buttons["remove"].click()
    assert first.name in asked[0] and window.register.get(first.id) is not None
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    grid.buttons["remove"].click()
    assert window.register.get(first.id) is None and len(grid.rows) == 1
    gone = window.register.changes()[-1]
    assert (gone.by, gone.action) == (OFFICER, "删除") and first.name in gone.detail


def conflicted_window(ctx, qtbot):
    window = open_window(ctx, qtbot, [sample(1)])
    (activity,) = window.register.activities()
    other = replace(activity, id=None, lead="某省知识产权局", figures={**activity.figures, "smes": 140, "intentions": 26})
    window.register.merge([other], "某省知识产权局")
    window.activities.reload()
    window.activities.grid.grid.setCurrentCell(row_of(window, activity.id), 0)
    return window, window.register.get(activity.id)


def test_a_conflict_is_shown_side_by_side_and_decided_with_a_reason(ctx, qtbot, quiet):
    from desktop.ui.register_conflict import ConflictDialog

    window, activity = conflicted_window(ctx, qtbot)
    page = window.activities
    assert page.actions["decide"].isEnabled()
    page.actions["decide"].click()
    dialog = page.findChild(ConflictDialog)
    assert dialog.departments == ["某省国资委", "某省知识产权局"]
    shown = {f: [b.text() for b in dialog.groups[f].buttons() if b.text()] for f in dialog.groups}
    assert shown == {"smes": ["101", "140"], "intentions": ["20", "26"]}
    dialog.take_all("某省知识产权局")
    dialog.decide_button.click()
    assert "理由" in dialog.message.text() and window.register.get(activity.id).conflicts
    dialog.groups["intentions"].button(0).setChecked(True)
    qtbot.keyClicks(dialog.typed["intentions"], "24")
    type_chinese(dialog.reason, "与两部门核对签到表")
    dialog.decide_button.click()
    stored = window.register.get(activity.id)
    assert stored.conflicts == () and (stored.figures["smes"], stored.figures["intentions"]) == (140, 24)
    last = window.register.changes(activity.id)[-1]
    assert (last.by, last.action) == (OFFICER, "裁定") and "理由：与两部门核对签到表" in last.detail
    assert "参与中小企业数 采用 140（某省知识产权局）" in last.detail and "达成合作意向数 采用 24（经办人填写）" in last.detail
    assert not page.actions["decide"].isEnabled()


def test_taking_one_department_throughout_goes_through_the_cores_decide(ctx, qtbot, quiet):
    from desktop.register.edit import figures_by
    from desktop.ui.register_conflict import ConflictDialog

    window, activity = conflicted_window(ctx, qtbot)
    dialog = ConflictDialog(window, activity, window.activities)
    dialog.take_all("某省知识产权局")
    dialog.reason.setText("知识产权局的数据有签到表")
    dialog.decide()
    assert figures_by(window.register, activity.id) == "某省知识产权局"
    assert "采用某省知识产权局报送的数据" in window.register.changes(activity.id)[-1].detail


def png_file(path):
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7ebb"))
    assert image.save(str(path), "PNG")
    return path


def test_evidence_is_attached_marked_and_the_stats_page_shows_what_is_unsupported(ctx, qtbot, quiet, tmp_path,
                                                                                 monkeypatch):
    from desktop.ui.register_evidence import EvidenceDialog

    window = open_window(ctx, qtbot, [sample(1)])
    (activity,) = window.register.activities()
    window.activities.grid.grid.setCurrentCell(0, 0)
    window.activities.actions["evidence"].click()
    dialog = window.activities.findChild(EvidenceDialog)
    fake = tmp_path / "签到表.pdf"
    fake.write_bytes(b"not a pdf at all")
    dialog.add_paths([png_file(tmp_path / "现场照片.png"), fake])
    assert "签到表.pdf" in dialog.message.text()                     # refused by content, said beside the list
    assert dialog.table.rowCount() == 1 and "现场照片.png" in dialog.table.item(0, 0).text()
    smes = 1 + [f.id for f in __import__("desktop.register.activity", fromlist=["FIGURES"]).FIGURES].index("smes")
    dialog.table.item(0, smes).setCheckState(Qt.CheckState.Checked)
    stored = window.register.get(activity.id)
    assert stored.evidence["smes"] and not stored.evidence["intentions"] and len(stored.files) == 1
    assert "有佐证（1 项）：参与中小企业数" in dialog.state.text()
    assert [c.action for c in window.register.changes(activity.id)][-2:] == ["佐证材料", "佐证材料"]
    window.tabs.setCurrentWidget(window.stats)
    stats = window.stats
    header = [stats.table.horizontalHeaderItem(c).text() for c in range(stats.table.columnCount())]
    evidence = stats.table.item(0, header.index("佐证情况")).text()
    assert evidence == "无佐证：其中专精特新“小巨人”、达成合作意向数、签约项目数"
    assert "无佐证" in stats.table.item(0, header.index("签约项目数")).toolTip()
    assert "无佐证" not in stats.table.item(0, header.index("参与中小企业数")).toolTip()
    assert "无佐证的数字 3 个，涉及 1 项活动" in stats.note.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.table.setCurrentCell(0, 0)
    dialog.remove_button.click()
    assert window.register.get(activity.id).files == () and dialog.table.rowCount() == 0


def test_a_report_is_typed_kept_and_exported_as_pdf_and_word(ctx, qtbot, quiet, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    from desktop.ui.register_report import ReportDialog

    window = open_window(ctx, qtbot, [sample(1)])
    (activity,) = window.register.activities()
    window.activities.grid.grid.setCurrentCell(0, 0)
    window.activities.actions["report"].click()
    dialog = window.activities.findChild(ReportDialog)
    for key, text in (("title", "新材料产业链对接会成效显著"), ("region", "某省"), ("practice", "会前梳理需求清单，逐一对接。"),
                      ("results", "现场达成合作意向二十项。"), ("lessons", "精准匹配是关键。")):
        type_chinese(dialog.editors[key], text)
    qtbot.waitUntil(lambda: window.register.report_texts(activity.id).get("lessons") == "精准匹配是关键。", timeout=3000)
    dialog.add_photos([png_file(tmp_path / "会场.png")])
    dialog.photo_table.item(0, 1).setText("对接会现场")
    dialog.save()
    assert window.register.report_texts(activity.id)["photos"][0]["caption"] == "对接会现场"
    assert window.register.changes(activity.id)[-1].by == OFFICER
    dialog.export_to(tmp_path / "out")
    result = dialog.last_export
    pdf = next(result.folder.rglob("*.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace(" ", "").replace("\n", "")
    assert "新材料产业链对接会成效显著" in text and "精准匹配是关键" in text and "对接会现场" in text
    assert "101" in text                                   # 参与中小企业数 pulled from the register
    word = Document(next(result.folder.rglob("*.docx")))
    body = "\n".join(p.text for p in word.paragraphs) + "".join(c.text for t in word.tables for r in t.rows
                                                               for c in r.cells)
    assert "新材料产业链对接会成效显著" in body and "现场达成合作意向二十项。" in body
    assert "已导出" in dialog.message.text()


def test_a_report_missing_its_texts_is_refused_with_what_to_fill(ctx, qtbot, quiet, tmp_path):
    from desktop.ui.register_report import ReportDialog

    window = open_window(ctx, qtbot, [sample(1)])
    (activity,) = window.register.activities()
    dialog = ReportDialog(window, activity, window.activities)
    dialog.export_to(tmp_path / "out")
    assert "主要做法" in dialog.message.text() and dialog.buttons["export"].isEnabled()


def test_cancelling_the_report_export_says_so_and_leaves_no_folder(ctx, qtbot, quiet, tmp_path):
    from desktop.ui.register_report import ReportDialog

    window = open_window(ctx, qtbot, [sample(1)])
    (activity,) = window.register.activities()
    dialog = ReportDialog(window, activity, window.activities)
    dialog.editors["region"].setText("某省")
    dialog.editors["practice"].setPlainText("逐一对接。")
    dialog.editors["results"].setPlainText("达成意向。")
    dialog.progress.valueChanged.connect(lambda _value: dialog.cancel.click())   # the officer cancels at once
    dialog.export_to(tmp_path / "out")
    assert dialog.message.text() == "已取消导出。" and dialog.buttons["export"].isEnabled()
    assert not any((tmp_path / "out").rglob("*.pdf"))


def test_a_year_of_activities_fills_in_passes_and_every_row_arrives_and_edits_save(ctx, qtbot, quiet):
    """3,000 activities (10 with conflicting figures) from a real register: the first rows at once, the rest on
    later passes; afterwards every row shows its stored texts, name and tint, Qt holds the cells (no Python item
    per cell, which made each full garbage collection stall the window), and typing and deleting still save."""
    import gc

    from PySide6.QtWidgets import QTableWidgetItem

    from desktop.register.edit import cells_of
    from desktop.register.samples import make_year
    from desktop.ui import register_cells, register_grid
    from desktop.ui.table_grid import WARNING_TINT

    window = open_window(ctx, qtbot)
    activate(qtbot, window)
    grid = window.activities.grid
    total = 3000
    for department, activities in make_year(total, 20, 10).reports.items():
        window.register.merge(activities, department)
    stored = {a.id: a for a in window.register.activities()}
    rows = len(stored)
    items_before = sum(isinstance(o, QTableWidgetItem) for o in gc.get_objects())   # other windows' own
    window.activities.reload()
    assert grid.grid.rowCount() == rows and grid.grid.item(register_grid.FIRST_ROWS - 1, 0) is not None
    assert grid.grid.item(rows - 1, 0) is None                    # the rest follows on later passes
    qtbot.waitUntil(lambda: grid.grid.item(rows - 1, 0) is not None, timeout=30000)
    assert sum(isinstance(o, QTableWidgetItem) for o in gc.get_objects()) - items_before < 100
    for r, row in enumerate(grid.rows):
        activity = stored[row.activity.id]
        expected = cells_of(activity)
        assert [grid.grid.item(r, c).text() for c in range(len(GRID_COLUMNS))] == [expected[c.id] for c in GRID_COLUMNS]
        assert grid.grid.verticalHeaderItem(r).text() == (f"{activity.id} 待裁定" if activity.conflicts else str(activity.id))
        tint = grid.grid.item(r, COLUMN["name"]).background()
        assert (tint.color().name() == register_cells.CONFLICT_TINT) == bool(activity.conflicts)
    assert sum(bool(a.conflicts) for a in stored.values()) == 10

    last = grid.rows[-1].activity
    type_in_cell(qtbot, grid, rows - 1, "smes", "4321")
    assert window.register.get(last.id).figures["smes"] == 4321
    assert grid.grid.item(rows - 1, COLUMN["smes"]).text() == cells_of(window.register.get(last.id))["smes"] == "4321"
    conflicted = next(r for r, row in enumerate(grid.rows) if row.activity.conflicts)
    type_in_cell(qtbot, grid, conflicted, "projects_signed", "9999")            # more than the intentions: a warning
    warned = grid.grid.item(conflicted, COLUMN["projects_signed"])
    assert warned.background().color().name() == WARNING_TINT and "⚠" in warned.toolTip()

    grid.delete_rows([grid.rows[0]])                       # the rest move up one row: nothing of row 0 stays behind
    qtbot.waitUntil(lambda: grid.grid.rowCount() == rows - 1 and len(window.register.activities()) == rows - 1)
    qtbot.waitUntil(lambda: grid.grid.item(conflicted - 1, COLUMN["name"]).text() == grid.rows[conflicted - 1].text("name"))
    qtbot.wait(200)
    moved = grid.grid.item(conflicted - 1, COLUMN["projects_signed"])
    assert moved.text() == "9999" and "⚠" in moved.toolTip()
    assert not grid.grid.item(conflicted, COLUMN["projects_signed"]).toolTip()
