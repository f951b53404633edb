"""需求筛选 and 生成需求目录 through the real widgets: scores and 入选 land in the store and the audit chain,
several needs only after the exact count, 不公开 needs marked, catalogues built off the UI thread."""

from __future__ import annotations

import json

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop.desk.audit import check_chain
from desktop.desk.db import DeskDB
from desktop.desk.review import decide, set_setting
from desktop.desk.screening import screenable_needs
from desktop.desk.tables import DeskAudit
from desktop.ui import desk_catalogue, desk_widgets
from desktop.ui.desk_screening import ScreeningWindow
from desktop.ui.desk_window import DeskWindow
from tests.desk.helpers import pdf_text, squeeze
from tests.package.sample_package import write_package

LONG = "面向新能源汽车动力电池包的高精度激光焊接在线质量检测与智能工艺参数自适应优化关键技术攻关"


def _hide_second(data: dict) -> None:
    """The second need is 不公开; every 不公开 title is the enterprise's own (samples repeat titles)."""
    needs = data.get("needs") or []
    if len(needs) > 1:
        needs[1]["is_public"] = "不公开"
    if needs:
        needs[0]["title"], needs[0]["is_public"] = LONG, "公开"
    mark = (data.get("profile") or {}).get("uscc", "")[-6:]
    for number, need in enumerate(needs):
        if need.get("is_public") == "不公开":
            need["title"] = f"{need['title'][:12]}内{mark}{number}"


@pytest.fixture
def desk(ctx, qtbot, tmp_path):
    """A desk window with three 附件1 packages received and passed (the second need of each not public)."""
    db = DeskDB.open(str(tmp_path / "desk.db"))
    set_setting(db, "officer", "李经办")
    set_setting(db, "workspace", str(tmp_path / "ws"))
    for seed in (41, 42, 43):
        write_package(tmp_path / "in" / f"a1_{seed}", seed=seed, edit=_hide_second)
    window = DeskWindow(ctx, db=db)
    qtbot.addWidget(window)
    window.receive([tmp_path / "in"])
    ids = [r.id for r in window.model.rows]
    decide(db, ids, "初核通过", confirm_count=len(ids))
    window.reload()
    return window


@pytest.fixture
def page(desk):
    window = desk.ctx.windows.open_screening(desk.db)
    assert isinstance(window, ScreeningWindow)
    return window


def _select(table, rows) -> None:
    table.clearSelection()
    selection = table.selectionModel()
    for row in rows:
        selection.select(table.model().index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows)


def test_the_page_lists_passed_needs_and_marks_hidden_ones(page):
    rows = page.model.rows
    assert len(rows) == len(screenable_needs(page.db)) >= 6
    hidden = [n for n, r in enumerate(rows) if not r.public]
    assert hidden, "every second need was made 不公开"
    index = page.model.index(hidden[0], 6)
    assert page.model.data(index) == "不公开"
    assert page.model.data(index, Qt.ItemDataRole.BackgroundRole).color().name() == "#fdecea"
    assert "只编入内部目录" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "未筛选" in page.summary.text()


def test_filters_narrow_the_list(page):
    first = page.model.rows[0]
    page.sector_box.setCurrentText(first.sector)
    assert page.model.rows and all(r.sector == first.sector for r in page.model.rows)
    page.sector_box.setCurrentIndex(0)
    page.province_box.setCurrentText(first.province)
    assert all(r.province == first.province for r in page.model.rows)
    page.province_box.setCurrentIndex(0)
    page.text_filter.setText(first.code)
    assert [r.code for r in page.model.rows] == [first.code]
    page.text_filter.setText("激光焊接在线质量")
    assert len(page.model.rows) == 3


def test_one_need_scored_and_selected_is_in_the_store_and_the_audit_log(page):
    code = page.model.rows[0].code
    _select(page.table, [0])
    page.urgency_box.setCurrentIndex(4)
    page.feasibility_box.setCurrentIndex(3)
    page.select_button.click()
    stored = {r.code: r for r in screenable_needs(page.db)}[code]
    assert (stored.selected, stored.urgency, stored.feasibility) == (True, 4, 3)
    assert "已记录：1 项需求 → 入选（迫切性 4 分，可行性 3 分）" in page.note.text()
    with page.db.reading() as session:
        last = session.query(DeskAudit).order_by(DeskAudit.id.desc()).first()
        assert (last.action, last.subject, last.old_value, last.new_value) == (
            "需求筛选", code, "未筛选 迫切性 - 可行性 -", "入选 迫切性 4 可行性 3")
        assert check_chain(session).ok


def test_selecting_without_scores_is_refused_before_anything_is_saved(page):
    _select(page.table, [0, 1])
    page.select_button.click()
    assert "还没有评分" in page.note.text()
    assert all(r.selected is None for r in screenable_needs(page.db))


def test_many_needs_need_the_exact_count(page, monkeypatch):
    asked = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or answer[0])
    _select(page.table, [0, 1, 2])
    page.drop_button.click()
    assert asked == ["确定将选中的 3 项需求标为“不入选”吗？"]
    assert all(r.selected is None for r in screenable_needs(page.db))      # said no: nothing saved
    answer[0] = QMessageBox.StandardButton.Yes
    page.urgency_box.setCurrentIndex(2)
    page.drop_button.click()
    assert asked[-1] == "确定将选中的 3 项需求标为“不入选”吗？（迫切性 2 分）"
    dropped = [r for r in screenable_needs(page.db) if r.selected is False]
    assert len(dropped) == 3 and {r.urgency for r in dropped} == {2}
    assert len(page.selected_rows()) == 3                                   # the same needs stay selected


def _select_all_scored(page, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    page.table.selectAll()
    page.urgency_box.setCurrentIndex(5)
    page.feasibility_box.setCurrentIndex(4)
    page.select_button.click()


def test_catalogues_are_built_in_the_chosen_folder_and_the_public_one_hides_what_must_stay_hidden(
        page, monkeypatch, tmp_path):
    _select_all_scored(page, monkeypatch)
    offered = []
    monkeypatch.setattr(desk_widgets, "open_path", lambda path: offered.append(path) or True)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: offered.append(box.text()) or 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])

    def accept(dialog):
        assert dialog.public.isChecked() and dialog.internal.isChecked()
        assert "不含不公开需求" in dialog.findChildren(desk_catalogue.QLabel)[1].text()
        dialog.folder.setText(str(tmp_path / "目录"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(desk_catalogue.CatalogueDialog, "exec", accept)
    desk_catalogue.ask_and_build(page)
    out = tmp_path / "目录"
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"需求目录_{s}.{e}" for s in ("公开", "内部") for e in ("json", "xlsx", "pdf"))
    assert offered[-1] == out and "（内部，不得公开）" in offered[0]
    hidden = [r for r in screenable_needs(page.db) if not r.public]
    internal = json.loads((out / "需求目录_内部.json").read_text("utf-8"))
    public = json.loads((out / "需求目录_公开.json").read_text("utf-8"))
    assert len(internal["needs"]) == len(screenable_needs(page.db))
    assert len(public["needs"]) == len(internal["needs"]) - len(hidden)
    texts = [json.dumps(public, ensure_ascii=False), pdf_text((out / "需求目录_公开.pdf").read_bytes())]
    texts += [str(c) for row in openpyxl.load_workbook(out / "需求目录_公开.xlsx").worksheets[0].iter_rows(values_only=True)
              for c in row if c is not None]
    published = squeeze("".join(texts))
    assert all(squeeze(r.title) not in published for r in hidden)
    assert squeeze(LONG) in published
    assert "已生成：公开目录" in page.note.text()
    with page.db.reading() as session:
        assert session.query(DeskAudit).filter_by(action="需求目录").count() == 1
        assert check_chain(session).ok


def test_only_the_public_catalogue_when_asked(page, monkeypatch, tmp_path):
    _select_all_scored(page, monkeypatch)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    desk_catalogue.start(page, desk_catalogue.Choice(tmp_path / "pub", internal=False, public=True))
    assert sorted(p.name for p in (tmp_path / "pub").iterdir()) == [f"需求目录_公开.{e}" for e in ("json", "pdf", "xlsx")]


@pytest.mark.parametrize("after", [0, 3, 4, 5])
def test_a_cancelled_run_leaves_no_file_in_the_folder(page, monkeypatch, tmp_path, after):
    """取消 pressed while reading (0), after reading (3 packages read), between the two catalogues."""
    _select_all_scored(page, monkeypatch)
    monkeypatch.setattr(page.ctx.tasks, "run", _cancelling(page.ctx.tasks.run, after))
    desk_catalogue.start(page, desk_catalogue.Choice(tmp_path / "gone", internal=True, public=True))
    assert not (tmp_path / "gone").exists() or list((tmp_path / "gone").iterdir()) == []
    assert "已取消" in page.note.text()


def _cancelling(run, after: int):
    """The task runner with the officer's 取消 pressed once the work has asked ``after`` times."""
    asked = []

    def wrapped(parent, fn, *args, **kwargs):
        def cancel():
            asked.append(1)
            return len(asked) > after
        return run(parent, lambda progress=None, **_: fn(*args, progress=progress, cancel=cancel), **kwargs)
    return wrapped


def test_nothing_selected_yet_says_what_to_do(page):
    assert desk_catalogue.ask_and_build(page) is None
    assert "还没有入选的需求" in page.note.text()


def test_the_desk_window_opens_the_pages_through_the_registry(desk):
    menu = next(a.menu() for a in desk.menuBar().actions() if a.text().startswith("需求与遴选"))
    labels = [a.text() for a in menu.actions()]
    assert labels == ["需求筛选(&S)…", "生成需求目录(&G)…", "揭榜企业遴选(&X)…"]
    menu.actions()[0].trigger()
    assert isinstance(desk.ctx.open_windows["DeskScreeningWindow"], ScreeningWindow)
    desk.close()
    assert "DeskScreeningWindow" not in desk.ctx.open_windows
