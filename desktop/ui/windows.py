"""The program's window registry: every window is opened here, and at most once.

Windows ask the registry (``ctx.windows.open_burn(iso)``) instead of importing
each other, so no window module depends on another one's: the export page
opens the burn window, the verify window opens read-only views of the wizard,
and none of them imports the other.  The window classes are imported when a
window is first opened, which also keeps start-up light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from desktop.store import StoreError

DRAFT, VIEW = "draft", "view"
BURN, VERIFY = "burn", "verify"


class UnknownFormError(StoreError):
    def __init__(self, form_id: str, edition: str):
        super().__init__(f"这份草稿使用的表格（{form_id}，{edition} 版）本程序不认识，请升级携手填报后再打开。")


def _front(window: Any) -> Any:
    window.show()
    window.raise_()
    window.activateWindow()
    return window


class WindowRegistry:
    def __init__(self, ctx, open_windows: dict):
        self.ctx = ctx
        self.open = open_windows  # key → window; a window removes itself when it closes

    def open_draft(self, draft_id: int, on_new: Callable[[Any], None] | None = None):
        """The draft's wizard (raises StoreError when it cannot be opened); ``on_new`` sees a new window."""
        key = (DRAFT, draft_id)
        window = self.open.get(key)
        if window is None:
            from .wizard import WizardWindow

            record = self.ctx.store.get_draft(draft_id)
            if self.ctx.form(record.form_id, record.edition) is None:
                raise UnknownFormError(record.form_id, record.edition)
            window = self.open[key] = WizardWindow(self.ctx, record)
            if on_new is not None:
                on_new(window)
        return _front(window)

    def open_view(self, source: str, form, raw: dict, revision: int, title: str):
        """A read-only wizard of one form of a received package."""
        key = (VIEW, source, form.id)
        window = self.open.get(key)
        if window is None:
            from .verify_readonly import received_record
            from .wizard import WizardWindow

            record = received_record(form, raw, revision, title, self.ctx.now())
            window = self.open[key] = WizardWindow(self.ctx, record, read_only=True, window_key=key)
        return _front(window)

    def open_burn(self, iso: Path | None = None):
        """The one burn window, showing ``iso`` when given and it is not busy."""
        from .burn_window import WINDOW_KEY, BurnWindow

        window = self.open.get(WINDOW_KEY)
        if window is None:
            window = self.open[WINDOW_KEY] = BurnWindow(self.ctx, iso)
        elif iso is not None and window.stage == "":
            window.set_iso(Path(iso))
        return _front(window)

    def open_verify(self):
        from .verify_window import WINDOW_KEY, VerifyWindow

        window = self.open.get(WINDOW_KEY)
        if window is None:
            window = self.open[WINDOW_KEY] = VerifyWindow(self.ctx)
        return _front(window)

    def open_desk(self):
        """收件与审核: the officer's register of received packages."""
        from .desk_window import WINDOW_KEY, DeskWindow

        window = self.open.get(WINDOW_KEY)
        if window is None:
            window = self.open[WINDOW_KEY] = DeskWindow(self.ctx)
        return _front(window)

    def open_desk_view(self, db, package_id: int, form, raw: dict, revision: int, title: str, on_comment=None):
        """查看内容: one form of a received package read-only, commented by clicking its fields."""
        key = ("desk-view", package_id, form.id)
        window = self.open.get(key)
        if window is None:
            from .desk_view import DeskViewWindow
            from .verify_readonly import received_record

            record = received_record(form, raw, revision, title, self.ctx.now())
            window = self.open[key] = DeskViewWindow(self.ctx, record, db=db, package_id=package_id, window_key=key,
                                                     on_comment=on_comment)
        return _front(window)

    def open_screening(self, db):
        """需求筛选 on the desk's open store ``db`` (the 收件与审核 window's)."""
        from .desk_screening import WINDOW_KEY, ScreeningWindow

        window = self.open.get(WINDOW_KEY)
        if window is None:
            window = self.open[WINDOW_KEY] = ScreeningWindow(self.ctx, db)
        return _front(window)

    def open_selection(self, db):
        """揭榜企业遴选 on the desk's open store ``db``."""
        from .desk_selection import WINDOW_KEY, SelectionWindow

        window = self.open.get(WINDOW_KEY)
        if window is None:
            window = self.open[WINDOW_KEY] = SelectionWindow(self.ctx, db)
        return _front(window)

    def close_desk_pages(self) -> None:
        """The pages working on the desk's store close with it (or when it switches store)."""
        from .desk_screening import WINDOW_KEY as SCREENING
        from .desk_selection import WINDOW_KEY as SELECTION

        pages = [k for k in self.open if k in (SCREENING, SELECTION) or (isinstance(k, tuple) and k[0] == "desk-view")]
        for key in pages:
            self.open[key].close()

    def close_all(self) -> bool:
        """Close every window (the program ends); False when one refused (a burn running, a failed save)."""
        return all(window.close() for window in list(self.open.values()))
