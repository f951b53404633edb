"""Editing the register cell by cell, deciding conflicts, evidence files: what is saved, refused and logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop.attachments import AttachmentStore
from desktop.register.activity import Activity
from desktop.register.conflicts import TYPED, DecideError, decide_conflict, disputed
from desktop.register.edit import EditError, delete, figures_by, save_cells
from desktop.register.evidence import EvidenceError
from desktop.register.evidence_edit import add_file, files_in_use, remove_file, set_figures, unsupported

COMPLETE = {"name": "集成电路供需对接会（样例）", "start": "2024年5月20日", "place": "澜江市会展中心", "mode": "线下",
            "level": "省级", "kind": "产业链专场", "lead": "某省工业和信息化厅", "co_hosts": "某省国资委，某省知识产权局"}


def seeded(register, **figures) -> Activity:
    base = {"smes": 100, "little_giants": 5, "intentions": 20, "projects_signed": 8}
    activity = Activity(name="新材料对接会（样例）", start=dt.date(2024, 3, 5), end=dt.date(2024, 3, 5),
                        place="衡州市科技大厦", mode="线下", level="省", kind="地方自办", lead="某省国资委",
                        figures={**base, **figures})
    register.merge([activity], "某省国资委")
    return register.activities()[0]


def test_a_new_row_is_saved_once_complete_and_logged_with_who(register, campaign):
    partial = save_cells(register, campaign, None, {"name": COMPLETE["name"]}, "王晓红")
    assert partial.activity is None and "举办地点" in partial.missing and register.activities() == []
    done = save_cells(register, campaign, None, {**COMPLETE, "smes": "１２０", "amount_signed": "1,234.5"}, "王晓红")
    stored = register.get(done.activity.id)
    assert (stored.start, stored.end, stored.level) == (dt.date(2024, 5, 20), dt.date(2024, 5, 20), "省")
    assert stored.co_hosts == ("某省国资委", "某省知识产权局")
    assert stored.figures["smes"] == 120 and stored.figures["amount_signed"] == Decimal("1234.50")
    (change,) = register.changes(stored.id)
    assert (change.by, change.action) == ("王晓红", "新增")


def test_an_unreadable_cell_is_refused_and_the_others_of_the_row_saved(register, campaign):
    activity = seeded(register)
    outcome = save_cells(register, campaign, activity.id, {"smes": "一百二十", "place": "岳川市产业园区"}, "王晓红")
    assert "不是整数" in outcome.refused["smes"] and outcome.saved == ("place",)
    stored = register.get(activity.id)
    assert stored.place == "岳川市产业园区" and stored.figures["smes"] == 100
    assert "举办地点：衡州市科技大厦 → 岳川市产业园区" in register.changes(activity.id)[-1].detail


def test_a_subset_above_the_smes_is_refused_at_the_cell_that_made_it(register, campaign):
    activity = seeded(register)
    outcome = save_cells(register, campaign, activity.id, {"smes": "3"}, "王晓红")
    assert outcome.refused["smes"] == "其中专精特新“小巨人”（5）不能多于参与中小企业数（3）"
    assert register.get(activity.id).figures["smes"] == 100
    outcome = save_cells(register, campaign, activity.id, {"smes": "3", "little_giants": "2"}, "王晓红")
    assert outcome.refused == {} and register.get(activity.id).figures["little_giants"] == 2


def test_dates_outside_the_year_are_refused_and_signed_above_intentions_is_saved(register, campaign):
    activity = seeded(register)
    outcome = save_cells(register, campaign, activity.id, {"start": "2025-01-02", "projects_signed": "30"}, "王晓红")
    assert "不在本次活动期" in outcome.refused["start"]
    stored = register.get(activity.id)
    assert stored.start == dt.date(2024, 3, 5) and stored.figures["projects_signed"] == 30   # a warning only


def test_a_one_day_activity_moves_as_a_whole_and_an_end_before_start_is_refused(register, campaign):
    activity = seeded(register)
    save_cells(register, campaign, activity.id, {"start": "2024/4/1"}, "王晓红")
    assert (register.get(activity.id).start, register.get(activity.id).end) == (dt.date(2024, 4, 1),) * 2
    outcome = save_cells(register, campaign, activity.id, {"end": "2024-03-30"}, "王晓红")
    assert "早于开始日期" in outcome.refused["end"]


def test_a_required_cell_emptied_keeps_its_value(register, campaign):
    activity = seeded(register)
    outcome = save_cells(register, campaign, activity.id, {"name": "  "}, "王晓红")
    assert outcome.refused == {"name": "活动名称不能为空"} and register.get(activity.id).name == activity.name


def test_the_same_name_date_and_place_as_another_activity_is_refused(register, campaign):
    activity = seeded(register)
    other = save_cells(register, campaign, None, COMPLETE, "王晓红").activity
    outcome = save_cells(register, campaign, other.id, {"name": activity.name, "start": "2024-03-05",
                                                        "place": activity.place}, "王晓红")
    assert set(outcome.refused) == {"name", "start", "place"}
    assert f"与编号 {activity.id} 的" in outcome.refused["name"]


def test_typed_figures_become_the_officers_so_a_later_import_differing_is_a_conflict(register, campaign):
    activity = seeded(register)
    save_cells(register, campaign, activity.id, {"smes": "150"}, "王晓红")
    assert figures_by(register, activity.id) == "王晓红"
    register.merge([Activity(**{**_plain(activity), "figures": {**activity.figures, "smes": 100}})], "某省国资委")
    stored = register.get(activity.id)
    assert stored.figures["smes"] == 150 and stored.conflicts[0]["figures"] == {"smes": 100}


def _plain(activity: Activity) -> dict:
    return {k: getattr(activity, k) for k in ("name", "start", "end", "place", "mode", "level", "kind", "lead")}


def test_deleting_logs_what_the_activity_was(register, campaign):
    activity = seeded(register)
    delete(register, activity.id, "王晓红")
    assert register.get(activity.id) is None
    gone = register.changes()[-1]
    assert (gone.by, gone.action, gone.activity_id) == ("王晓红", "删除", None)
    assert activity.name in gone.detail and "参与中小企业数 100" in gone.detail
    with pytest.raises(EditError):
        save_cells(register, campaign, activity.id, {"smes": "1"}, "王晓红")


def conflicted(register):
    activity = seeded(register)
    register.merge([Activity(**{**_plain(activity), "figures": {**activity.figures, "smes": 130, "patents": 4}})],
                   "某省知识产权局")
    return register.get(activity.id)


def test_disputed_figures_list_each_departments_value(register):
    activity = conflicted(register)
    holder, disputes = disputed(register, activity)
    assert holder == "某省国资委" and activity.figures["patents"] == 4    # an empty figure is filled, not disputed
    assert [(d.figure.id, d.reported) for d in disputes] == [("smes", (("某省国资委", 100), ("某省知识产权局", 130)))]


def test_taking_one_department_goes_through_decide_with_the_reason(register, campaign):
    activity = conflicted(register)
    with pytest.raises(DecideError, match="理由"):
        decide_conflict(register, campaign, activity.id, {"smes": "130"}, {"smes": "某省知识产权局"}, " ", "王晓红")
    decide_conflict(register, campaign, activity.id, {"smes": "130"}, {"smes": "某省知识产权局"}, "以签到表为准", "王晓红")
    stored = register.get(activity.id)
    assert stored.figures["smes"] == 130 and stored.conflicts == ()
    assert figures_by(register, activity.id) == "某省知识产权局"
    last = register.changes(activity.id)[-1]
    assert (last.by, last.action) == ("王晓红", "裁定") and "采用某省知识产权局" in last.detail
    assert "理由：以签到表为准" in last.detail


def test_a_typed_value_decides_as_the_officers_own(register, campaign):
    activity = conflicted(register)
    with pytest.raises(DecideError, match="不能多于"):
        decide_conflict(register, campaign, activity.id, {"smes": "2"}, {"smes": TYPED}, "核实", "王晓红")
    decide_conflict(register, campaign, activity.id, {"smes": "118"}, {"smes": TYPED}, "电话核实", "王晓红")
    stored = register.get(activity.id)
    assert stored.figures["smes"] == 118 and not stored.conflicts and figures_by(register, activity.id) == "王晓红"
    assert "参与中小企业数 采用 118（经办人填写）；理由：电话核实" in register.changes(activity.id)[-1].detail


def pdf_file(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "签到表.pdf"
    page = canvas.Canvas(str(path))
    page.drawString(72, 720, "sign-in sheet")
    page.save()
    return path


def test_evidence_files_mark_figures_and_are_kept_by_the_cleanup(register, tmp_path):
    activity = seeded(register)
    store = AttachmentStore(tmp_path / "attachments")
    stored = store.add(pdf_file(tmp_path), accept=("pdf", "jpg", "png"), max_mb=50).to_value()
    add_file(register, activity.id, stored, [], "王晓红")
    assert "参与中小企业数" in unsupported(register.get(activity.id))
    set_figures(register, activity.id, 0, ["smes", "签约项目数"], "王晓红")
    stored_activity = register.get(activity.id)
    assert stored_activity.evidence["smes"] and stored_activity.evidence["projects_signed"]
    assert unsupported(stored_activity) == ["其中专精特新“小巨人”", "达成合作意向数"]
    assert files_in_use(register) == {stored["sha256"]}
    with pytest.raises(EvidenceError, match="不认识"):
        set_figures(register, activity.id, 0, ["参会人数"], "王晓红")
    remove_file(register, activity.id, 0, "王晓红")
    assert register.get(activity.id).evidence["smes"] is False and files_in_use(register) == set()
    actions = [(c.by, c.action) for c in register.changes(activity.id)][-3:]
    assert actions == [("王晓红", "佐证材料")] * 3


def test_the_attachment_cleanup_of_drafts_keeps_the_registers_files(tmp_path):
    import time

    from desktop.register.store import Register
    from desktop.store.store import Store
    from desktop.ui.attachments_files import remove_unused_files

    path = tmp_path / "xieshou.db"
    files = AttachmentStore(tmp_path / "attachments")
    with Store.open(path) as store, Register.open(str(path)) as register:
        activity = seeded(register)
        kept = files.add(pdf_file(tmp_path), accept=("pdf",), max_mb=50).to_value()
        (tmp_path / "other.pdf").write_bytes(pdf_file(tmp_path).read_bytes().replace(b"sign-in", b"sign-up"))
        loose = files.add(tmp_path / "other.pdf", accept=("pdf",), max_mb=50).to_value()
        add_file(register, activity.id, kept, ["smes"], "王晓红")
        removed = remove_unused_files(store, files, [], since=time.time() + 3600)
    assert loose["sha256"] in removed and kept["sha256"] not in removed
