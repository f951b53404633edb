"""Offscreen Qt, a store in tmp_path, background work run inline (the task runner's test mode)."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from desktop.engine.schema import form_hash  # noqa: E402
from desktop.forms.registry import get_form  # noqa: E402

BEIJING = dt.timezone(dt.timedelta(hours=8))
FIXED_NOW = dt.datetime(2023, 4, 20, 10, 32, 15, tzinfo=BEIJING)


@pytest.fixture(scope="session")
def qapp():
    """The application as the program makes it (Fusion, CJK font), once per session."""
    from desktop.ui.app import make_application

    return make_application([])


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    directory = tmp_path / "data"
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def ctx(qapp, data_dir):
    from desktop.ui.app import open_context

    context = open_context(data_dir, synchronous=True)
    context.now = lambda: FIXED_NOW
    context.update_settings(last_export_dir=str(data_dir.parent / "exports"))
    yield context
    for window in list(context.open_windows.values()):
        window.close()
    context.tasks.wait()
    context.store.close()


@pytest.fixture
def needs_form():
    return get_form("2023-a1-needs")


@pytest.fixture
def new_draft(ctx, needs_form):
    """Create a 附件1 draft as the 新建 dialog does; returns its id."""
    from desktop.ui.draft_dialogs import initial_raw

    def create(data: dict | None = None) -> int:
        raw = initial_raw(needs_form) if data is None else data
        return ctx.store.create_draft(needs_form.id, needs_form.edition, form_hash(needs_form), raw)
    return create


@pytest.fixture
def desk_window(ctx, qtbot, tmp_path):
    """收件与审核 on its own SQLite store in the test's folder."""
    from desktop.desk.db import DeskDB
    from desktop.ui.desk_window import DeskWindow

    shown = DeskWindow(ctx, db=DeskDB.open(str(tmp_path / "desk.db")))
    qtbot.addWidget(shown)
    return shown


@pytest.fixture
def quiet(monkeypatch):
    """Information and warning boxes recorded instead of waiting for a click."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown
