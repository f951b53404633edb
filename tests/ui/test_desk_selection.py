"""揭榜企业遴选 through the real widgets: candidates side by side, scores and weights saved and audited,
the live ranking against a hand computation, 0 or 4 chosen refused with the reason, the sheet written."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.desk import outputs
from desktop.desk.audit import check_chain
from desktop.desk.db import DeskDB
from desktop.desk.review import set_setting
from desktop.desk.tables import DeskAudit, DeskSelectionScore
from desktop.ui.desk_selection import SCORE_ROW, SelectionWindow
from desktop.ui.desk_window import DeskWindow
from tests.desk.helpers import pdf_text, squeeze
from tests.package.sample_package import write_package

NEED = {"need_code": "2023-35-0007", "need_title": "高精度轴承寿命检测工艺与寿命预测模型的联合攻关及示范应用",
        "need_owner": "晟璞微电材料科技股份有限公司（样例）"}
OTHER = {"need_code": "2023-35-0011", "need_title": "船用柴油机排放后处理", "need_owner": "闽江重工有限公司（样例）"}


@pytest.fixture
def page(ctx, qtbot, tmp_path):
    db = DeskDB.open(str(tmp_path / "desk.db"))
    set_setting(db, "officer", "王评审")
    set_setting(db, "workspace", str(tmp_path / "ws"))
    for seed in (31, 32, 33, 34):
        write_package(tmp_path / "in" / f"a3_{seed}", seed=seed, form_id="2023-a3-application",
                      companions=("2023-a2-match",), edit=lambda d: d.update(NEED))
    write_package(tmp_path / "in" / "a3_35", seed=35, form_id="2023-a3-application",
                  companions=("2023-a2-match",), edit=lambda d: d.update(OTHER))
    desk = DeskWindow(ctx, db=db)
    qtbot.addWidget(desk)
    desk.receive([tmp_path / "in"])
    window = ctx.windows.open_selection(db)
    assert isinstance(window, SelectionWindow)
    return window


def _score(window, column: int, values) -> None:
    for offset, value in enumerate(values):
        box = window.grid.cellWidget(SCORE_ROW + offset, column)
        box.setValue(value)


def test_every_need_with_jiebang_packages_is_offered_and_candidates_sit_side_by_side(page):
    assert page.need_box.count() == 2
    assert NEED["need_code"] in page.need_box.itemText(0) and "揭榜 4 家" in page.need_box.itemText(0)
    assert page.grid.columnCount() == 4
    names = [page.grid.item(0, c).text() for c in range(4)]
    assert len(set(names)) == 4 and all(names)
    assert page.grid.cellWidget(SCORE_ROW, 0).text() == "未评分"
    assert "4 家尚未评完四项" in page.ranking.text()


def test_scores_and_weights_rank_live_and_are_saved_with_the_audit_chain(page):
    code = NEED["need_code"]
    hand = [[80, 70, 90, 85], [60, 65, 70, 75], [95, 90, 85, 90], [50, 50, 50, 50]]
    for column, values in enumerate(hand):
        _score(page, column, values)
    page.weight_boxes["plan"].setValue(2)
    # by hand: (80+70+2·90+85)/5 = 83, (60+65+140+75)/5 = 68, (95+90+170+90)/5 = 89, 50
    weighted = [page.grid.item(SCORE_ROW + 4, c).text() for c in range(4)]
    assert weighted == ["83.00", "68.00", "89.00", "50.00"]
    assert [page.grid.item(SCORE_ROW + 5, c).text() for c in range(4)] == ["第 2 名", "第 3 名", "第 1 名", "第 4 名"]
    assert page.ranking.text() == ("当前排名：第1名 候选 3（89.00）　第2名 候选 1（83.00）　第3名 候选 2（68.00）"
                                   "　第4名 候选 4（50.00）")
    ids = page.loaded.package_ids
    saved = outputs.saved_scores(page.db, code)
    assert [[saved[i][k] for k in ("team", "rd", "plan", "match")] for i in ids] == hand
    assert outputs.saved_weights(page.db, code) == {"team": 1, "rd": 1, "plan": 2, "match": 1}
    with page.db.reading() as session:
        assert session.query(DeskAudit).filter_by(action="遴选评分").count() == 16
        assert check_chain(session).ok
    page.close()
    again = page.ctx.windows.open_selection(page.db)           # reopened: the scores and weights come back
    assert [again.grid.item(SCORE_ROW + 4, c).text() for c in range(4)] == weighted


def test_finalising_with_none_or_four_chosen_is_refused_with_the_reason(page, monkeypatch):
    for column in range(4):
        _score(page, column, [70 + column, 70, 70, 70])
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: asked.append(1) or "")
    page.finish_button.click()
    assert "还没有选择揭榜企业：每项需求应选择 1 至 3 家揭榜企业" in page.note.text()
    for box in page.chosen_boxes.values():
        box.setChecked(True)
    assert "已选 4 家" in page.chosen_label.text()
    page.finish_button.click()
    assert "超过上限：每项需求最多选择 3 家，请减少 1 家" in page.note.text()
    assert asked == []                                           # refused before any folder was asked
    with page.db.reading() as session:
        assert not session.query(DeskSelectionScore).filter_by(chosen=True).count()


def test_an_unscored_candidate_is_named_when_finalising(page):
    _score(page, 0, [80, 80, 80, 80])
    page.chosen_boxes[page.loaded.package_ids[0]].setChecked(True)
    page.finish_button.click()
    assert "的团队水平还没有评分" in page.note.text()


def test_the_result_sheet_is_written_and_the_chosen_are_recorded(page, monkeypatch, tmp_path):
    for column, values in enumerate([[80, 70, 90, 85], [60, 65, 70, 75], [95, 90, 85, 90], [50, 50, 50, 50]]):
        _score(page, column, values)
    ids = page.loaded.package_ids
    page.chosen_boxes[ids[2]].setChecked(True)
    page.chosen_boxes[ids[0]].setChecked(True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "结果"))
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    page.finish_button.click()
    pdf = tmp_path / "结果" / f"遴选结果_{NEED['need_code']}.pdf"
    text = squeeze(pdf_text(pdf.read_bytes()))
    assert squeeze(NEED["need_title"]) in text and "90.00" in text and "81.25" in text and "2023年4月20日" in text
    cells = [c.text for t in docx.Document(str(pdf.with_suffix(".docx"))).tables for r in t.rows for c in r.cells]
    assert "90.00" in cells
    assert "入选 2 家" in page.note.text() and shown and "打印后由发榜企业盖章" in shown[0]
    with page.db.reading() as session:
        chosen = {r.package_id for r in session.query(DeskSelectionScore).filter_by(chosen=True)}
        assert chosen == {ids[0], ids[2]}
        assert session.query(DeskAudit).filter_by(action="遴选结果").one().new_value == f"入选：#{ids[0]}、#{ids[2]}"
        assert check_chain(session).ok
    page.close()
    again = page.ctx.windows.open_selection(page.db)          # reopened: the chosen ones are ticked
    assert {pid for pid, box in again.chosen_boxes.items() if box.isChecked()} == {ids[0], ids[2]}


def test_choosing_another_need_shows_its_own_candidates(page):
    page.need_box.setCurrentIndex(1)
    assert page.grid.columnCount() == 1 and page.loaded.need.code == OTHER["need_code"]


def test_no_jiebang_packages_yet_says_so(ctx, qtbot, tmp_path):
    db = DeskDB.open(str(tmp_path / "empty.db"))
    window = SelectionWindow(ctx, db)
    qtbot.addWidget(window)
    assert "还没有收到揭榜申请书" in window.note.text() and not window.finish_button.isEnabled()
    db.close()
