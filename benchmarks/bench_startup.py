"""Cold start to a painted main window, against a bare PySide6 QMainWindow in the same run.

Targets: painted ≤ 0.6 s and ≤ 2.5× the bare window; drafts listed ≤ 2.5×
the bare window.  Each figure is the median of 5 fresh processes
(QT_QPA_PLATFORM=offscreen unless a DISPLAY is set, e.g. under Xvfb), on a
data folder holding 20 drafts (two exported).  The program takes its
single-instance lock, starts opening the store (SQLAlchemy) on a worker
thread, reads the drafts with the standard library and paints the window
with them; the moments printed, from XIESHOU_STARTUP_TRACE lines, are
"painted", "drafts listed", "store open" (the window's actions usable) and
the whole process until it quits.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _util import PYTHON, median_time, report, run_quiet

BARE = """
import sys
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("携手填报"))
window.resize(1024, 700)
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
window.installEventFilter(Painted(window))
window.show()
sys.exit(app.exec())
"""


FILL = """
import sys
from desktop.forms.registry import all_forms
from desktop.engine.schema import form_hash
from desktop.store import Store
store = Store.open(sys.argv[1])
form = all_forms()[0]
for number in range(20):
    data = {"profile": {"name": f"福州示例科技有限公司{number}"}}
    draft = store.create_draft(form.id, form.edition, form_hash(form), data, title=f"示例草稿 {number}")
    if number < 2:
        store.record_export(draft, f"TEST{number:012d}", "/tmp/none", data)
store.close()
"""


def traced_start(env: dict) -> tuple[float, float, float, float]:
    start = time.time()
    result = subprocess.run([PYTHON, "-m", "desktop.cli", "gui", "--exit-after-show"], capture_output=True,
                            text=True, env={**os.environ, **env, "XIESHOU_STARTUP_TRACE": "1"}, check=True)
    end = time.time()
    marks = dict(line.split()[1:] for line in result.stderr.replace("drafts listed", "drafts").replace("store open", "store").splitlines()
                 if line.startswith("startup "))
    return (float(marks["painted"]) - start, float(marks["drafts"]) - start, float(marks["ready"]) - start,
            end - start)


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="xs-bench-start-"))
    env = {"XIESHOU_DATA_DIR": str(data)}
    if not os.environ.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        run_quiet([PYTHON, "-c", FILL, str(data / "xieshou.db")], env)
        run_quiet([PYTHON, "-c", BARE], env)  # warm the OS file cache for both
        run_quiet([PYTHON, "-m", "desktop.cli", "gui", "--exit-after-show"], env)
        bare = median_time(lambda: run_quiet([PYTHON, "-c", BARE], env))
        runs = [traced_start(env) for _ in range(5)]
        reference = ("bare PySide6 QMainWindow (whole process)", bare)
        report("start to painted start window", statistics.median(r[0] for r in runs), 0.6, reference, 2.5)
        report("start to drafts listed", statistics.median(r[1] for r in runs), 0.6, reference, 2.5)
        report("start to store open (actions usable)", statistics.median(r[2] for r in runs), None, reference)
        report("whole process until it quits", statistics.median(r[3] for r in runs), None, reference)
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
