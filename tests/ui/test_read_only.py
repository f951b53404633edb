"""查看内容: a received package's data in the form's own pages, read-only, nothing written anywhere."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QPushButton

from desktop.package.iso import build_iso
from desktop.ui.verify_window import VerifyWindow
from tests.package.sample_package import write_package

from .helpers import editor


@pytest.fixture
def package(tmp_path):
    return write_package(tmp_path / "disc", seed=4)


def submission_of(package) -> dict:
    return json.loads((package / "data" / "submission.json").read_text("utf-8"))


def open_view(ctx, qtbot, source):
    window = VerifyWindow(ctx)
    qtbot.addWidget(window)
    window.open_paths([source])
    window.table.selectRow(0)
    window.view_content()
    return window, ctx.open_windows[("view", window.verdicts[0].source, "2023-a1-needs")]


def test_the_received_data_is_shown_in_locked_pages(ctx, qtbot, package):
    data = submission_of(package)["data"]
    _, view = open_view(ctx, qtbot, package)
    assert "只读" in view.windowTitle() and data["profile"]["name"] in view.windowTitle()
    assert "export" not in [s.key for s in view.steps] and "review" in [s.key for s in view.steps]
    page = view.open_step("section:profile_basic")
    name = editor(page, "profile.name")
    assert isinstance(name, QLineEdit) and name.isReadOnly() and name.text() == data["profile"]["name"]
    QTest.keyClicks(name, "abc")
    # a read-only line takes no keys, and input methods are switched off for it (so no 拼音 commits arrive)
    assert name.text() == data["profile"]["name"]
    assert not name.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    combos = page.findChildren(QComboBox)
    assert combos and not any(c.isEnabled() for c in combos)
    needs = view.open_step("section:needs")
    shown = [b.text() for b in needs.findChildren(QPushButton) if not b.isHidden()]
    assert shown == ["查看此需求"]
    row = view.open_step("row:needs:0")
    memos = row.findChildren(QPlainTextEdit)
    assert memos and all(m.isReadOnly() for m in memos)
    assert editor(row, "needs[0].title").text() == data["needs"][0]["title"]


def test_nothing_is_written_to_the_store_or_the_source(ctx, qtbot, package, data_dir):
    source_before = {p: p.read_bytes() for p in package.rglob("*") if p.is_file()}
    verify, view = open_view(ctx, qtbot, package)
    view.session.set_value(("profile",), "name", "别的名字")
    view.session.save_soon()
    view.open_step("section:profile_basic")
    view.close()
    assert ctx.store.list_drafts(include_deleted=True) == [] and ctx.store.list_enterprises() == []
    assert ("view", verify.verdicts[0].source, "2023-a1-needs") not in ctx.open_windows
    assert {p: p.read_bytes() for p in package.rglob("*") if p.is_file()} == source_before


def test_the_data_inside_an_image_is_read_through_its_manifest(ctx, qtbot, package, tmp_path):
    iso = build_iso(package, tmp_path / "disc.iso").path
    _, view = open_view(ctx, qtbot, iso)
    page = view.open_step("section:profile_basic")
    assert editor(page, "profile.uscc").text() == submission_of(package)["data"]["profile"]["uscc"]


def test_a_package_changed_after_the_check_is_not_shown(ctx, qtbot, package):
    window = VerifyWindow(ctx)
    qtbot.addWidget(window)
    window.open_paths([package])
    window.table.selectRow(0)
    submission = package / "data" / "submission.json"
    submission.write_bytes(submission.read_bytes().replace(b"\"format\"", b"\"format\" "))
    window.view_content()
    assert window.note.level == "error" and "数据包可能在校验后被更换" in window.note.text()
    assert not any(key[0] == "view" for key in ctx.open_windows if isinstance(key, tuple))


def test_each_form_of_an_sme_package_opens_in_its_own_window(ctx, qtbot, tmp_path):
    import datetime as dt

    from desktop.forms.registry import get_form
    from desktop.package.export import export_package
    from desktop.samples import sample_raw

    application, match = get_form("2023-a3-application"), get_form("2023-a2-match")
    result = export_package(application, sample_raw(application, 2), tmp_path / "out",
                            created_at=dt.datetime(2023, 4, 20, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8))),
                            companions=[(match, sample_raw(match, 2))])
    window = VerifyWindow(ctx)
    qtbot.addWidget(window)
    window.open_paths([result.folder])
    window.table.selectRow(0)
    window.view_content()
    source = window.verdicts[0].source
    views = {form_id: ctx.open_windows[("view", source, form_id)] for form_id in (application.id, match.id)}
    assert all(v.read_only for v in views.values())
    page = views[match.id].open_step("section:need")
    assert editor(page, "need_code").text() == sample_raw(match, 2)["need_code"]
