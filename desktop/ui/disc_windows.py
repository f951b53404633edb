"""The disc windows the start window and the export page open: 刻录与校验光盘 and 收件与审核."""

from __future__ import annotations

from pathlib import Path

from .burn_window import WINDOW_KEY as BURN_KEY
from .burn_window import BurnWindow
from .desk_window import DeskWindow
from .verify_window import VerifyWindow

__all__ = ["BurnWindow", "DeskWindow", "VerifyWindow", "open_burn_window"]


def open_burn_window(ctx, iso: Path | None = None) -> BurnWindow:
    """The one burn window of the program (opened if need be), showing ``iso`` when given."""
    window = ctx.open_windows.get(BURN_KEY)
    if window is None:
        window = BurnWindow(ctx, iso)
        ctx.open_windows[BURN_KEY] = window
    elif iso is not None and window.stage == "":
        window.set_iso(Path(iso))
    window.show()
    window.raise_()
    window.activateWindow()
    return window
