"""The real program, typed into and killed with SIGKILL: nothing typed more than a second ago is lost.

The child runs the GUI with its normal event loop and background autosave,
types three needs into the wizard like a clerk, reports each keystroke batch
and keeps typing until it is killed.  The next start must find the data, the
database must pass integrity_check, and the unclean end must be reported.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from desktop.store import Store

CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.ui.app import make_application, open_context
from desktop.ui.draft_dialogs import initial_raw
from desktop.ui.start_window import StartWindow

app = make_application(sys.argv)
ctx = open_context()
form = get_form("2023-a1-needs")
draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), initial_raw(form))
start = StartWindow(ctx)
start.show()
wizard = start.open_draft(draft_id)
wizard.open_step("section:needs")
needs_table = form.section("needs").items[0]
while len(wizard.session.raw.get("needs") or []) < 3:
    wizard.session.add_row((), needs_table)
step = [0]

def type_next():
    n = step[0]
    key = f"row:needs:{n % 3}"
    page = wizard.open_step(key, focus_page=False)
    widget = page.rows[f"needs[{n % 3}].title"][1].editor.focus_target
    widget.selectAll()
    event = QInputMethodEvent()
    event.setCommitString(f"需求{n % 3 + 1}第{n}次修改")
    QApplication.sendEvent(widget, event)
    print(f"typed {n}", flush=True)
    step[0] += 1
    QTimer.singleShot(100, type_next)

QTimer.singleShot(200, type_next)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_kill_minus_nine_while_typing_loses_at_most_the_last_second(tmp_path):
    env = {**os.environ, "XIESHOU_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=env)
    typed: list[tuple[int, float]] = []
    deadline = time.monotonic() + 30
    while len(typed) < 25 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith("typed "):
            typed.append((int(line.split()[1]), time.monotonic()))
    os.kill(child.pid, signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait()
    assert len(typed) >= 25, "the child did not get to type"
    with Store.open(tmp_path / "xieshou.db") as store:
        assert store.integrity_ok()
        assert store.recovery is not None and len(store.recovery.drafts) == 1
        (summary,) = store.list_drafts()
        titles = [n.get("title", "") for n in store.get_draft(summary.id).data["needs"]]
    # every batch typed more than a second before the kill is saved (autosave ≤ 0.5 s after the last change)
    settled = [n for n, at in typed if killed_at - at > 1.0]
    last_settled = max(settled)
    saved = max(int(t.split("第")[1].split("次")[0]) for t in titles if "第" in t)
    assert saved >= last_settled
    assert len(titles) == 3
