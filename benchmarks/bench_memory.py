"""Peak memory of the GUI with the 20-need 附件1 draft open and every page built.

Target (foundation issue): peak RSS ≤ 200 MB.  Runs in a fresh process per
measurement (median of 5) and, as the reference, a bare QApplication with one
QMainWindow shown in the same way.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile

from _util import PYTHON

OURS = r"""
import resource, sys
from PySide6.QtWidgets import QApplication
from desktop.forms.registry import get_form
from desktop.engine.schema import form_hash
from desktop.samples import sample_raw
from desktop.ui.app import make_application, open_context
from desktop.ui.start_window import StartWindow

app = make_application(sys.argv)
ctx = open_context(synchronous=True)
form = get_form("2023-a1-needs")
draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), sample_raw(form, 0))
start = StartWindow(ctx)
start.show()
wizard = start.open_draft(draft_id)
app.processEvents()
opened = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
from PySide6.QtCore import QEvent
for step in list(wizard.steps):
    wizard.open_step(step.key)
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # as the running event loop does
print(opened, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""

BARE = r"""
import resource, sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1366, 768); window.show(); app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def peak_mb(code: str, env: dict) -> list[int]:
    result = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, **env})
    return [int(x) for x in result.stdout.strip().splitlines()[-1].split()]


def main() -> None:
    data = tempfile.mkdtemp(prefix="xs-bench-mem-")
    env = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    try:
        ours = []
        for _ in range(5):
            shutil.rmtree(data, ignore_errors=True)
            ours.append(peak_mb(OURS, {**env, "XIESHOU_DATA_DIR": data}))
        bare = statistics.median(peak_mb(BARE, env)[0] for _ in range(5))
        for label, index in (("draft open", 0), ("after visiting every page", 1)):
            median = statistics.median(run[index] for run in ours)
            print(f"peak RSS, GUI with the 20-need draft, {label}: {median:.0f} MB (median of 5)"
                  f"  target ≤ 200 MB {'OK' if median <= 200 else 'MISSED'}  | bare QMainWindow: {bare:.0f} MB,"
                  f" ratio {median / bare:.2f}×")
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
