"""Cold start to a painted main window, against a bare PySide6 QMainWindow in the same run.

Targets (foundation issue): ≤ 0.6 s and ≤ 2.5× the bare window.  Each figure
is the median of 5 fresh processes (QT_QPA_PLATFORM=offscreen unless a
DISPLAY is set, e.g. under Xvfb), with an empty data folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
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


def main() -> None:
    data = Path(tempfile.mkdtemp(prefix="xs-bench-start-"))
    env = {"XIESHOU_DATA_DIR": str(data)}
    if not os.environ.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        run_quiet([PYTHON, "-c", BARE], env)  # warm the OS file cache for both
        run_quiet([PYTHON, "-m", "desktop.cli", "gui", "--exit-after-show"], env)
        bare = median_time(lambda: run_quiet([PYTHON, "-c", BARE], env))
        ours = median_time(lambda: run_quiet([PYTHON, "-m", "desktop.cli", "gui", "--exit-after-show"], env))
        report("start to painted main window", ours, 0.6, ("bare PySide6 QMainWindow", bare), 2.5)
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
