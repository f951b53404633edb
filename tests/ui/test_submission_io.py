"""Submission JSON from the 文件 menu: import into a new draft or the open one, export of the open one."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox

from desktop.engine.submission import canonical_bytes, make_submission
from desktop.samples import sample_raw, sample_submission
from desktop.ui.start_window import StartWindow
from desktop.ui import submission_io
from desktop.ui.submission_io import export_submission, import_submission

from .helpers import editor, open_wizard


def choose_file(monkeypatch, path) -> None:
    monkeypatch.setattr(submission_io, "choose_file", lambda *a, **k: str(path))  # the dialogs of file_dialogs.py
    monkeypatch.setattr(submission_io, "choose_save_file", lambda *a, **k: str(path))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_importing_a_file_on_the_start_window_creates_and_opens_a_draft(ctx, qtbot, needs_form, tmp_path,
                                                                          monkeypatch):
    source = tmp_path / "需求.json"
    submission = sample_submission(needs_form, seed=3)
    source.write_bytes(canonical_bytes(submission))
    choose_file(monkeypatch, source)
    window = StartWindow(ctx)
    qtbot.addWidget(window)
    import_submission(ctx, window, on_created=window._created)
    (draft,) = ctx.store.list_drafts()
    wizard = ctx.open_windows[("draft", draft.id)]
    assert wizard.session.raw["profile"]["name"] == submission["data"]["profile"]["name"]
    assert not wizard.session.index.problems


def test_a_damaged_file_is_refused_in_words(ctx, qtbot, tmp_path, monkeypatch):
    source = tmp_path / "坏.json"
    source.write_text("{不是 JSON", encoding="utf-8")
    choose_file(monkeypatch, source)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    import_submission(ctx, None)
    assert shown and "不是有效的填报数据：不是有效的 JSON（第 1 行第 2 列附近格式不对）" in shown[0]
    assert ctx.store.list_drafts() == []


def test_the_open_draft_is_exported_and_can_be_replaced_by_an_import(ctx, qtbot, new_draft, needs_form, tmp_path,
                                                                     monkeypatch):
    raw = sample_raw(needs_form)
    _, wizard = open_wizard(ctx, qtbot, new_draft(raw))
    target = tmp_path / "导出.json"
    choose_file(monkeypatch, target)
    export_submission(ctx, wizard, wizard.session)
    assert json.loads(target.read_text(encoding="utf-8")) == make_submission(needs_form, raw)[0]
    page = wizard.open_step("section:profile_basic")
    editor(page, "profile.city").setText("另一个城市")
    import_submission(ctx, wizard, wizard.session)
    assert editor(page, "profile.city").text() == raw["profile"].get("city", "")
