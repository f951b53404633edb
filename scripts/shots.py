"""What the screenshot scripts share: offscreen Qt, Beijing time, 1366×768, the fixed clock, grab to PNG.

Import this module before anything that imports PySide6.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TZ"] = "Asia/Shanghai"
if hasattr(time, "tzset"):
    time.tzset()

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1366, 768)
NOW = dt.datetime(2023, 4, 20, 10, 32, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ROOT = Path(__file__).resolve().parent.parent


def settle(widget: QWidget) -> None:
    widget.resize(*SIZE)
    widget.show()
    for _ in range(3):
        QApplication.processEvents()


def save(widget: QWidget, out_dir: Path, name: str) -> None:
    settle(widget)
    path = out_dir / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
