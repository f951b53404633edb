"""The application context handed to every window (git-cola style): no globals.

It carries the open store, the typed settings and where they live, the data
folder, the forms the program knows, the background task runner and the
clock (tests and screenshots pin "today").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from desktop.engine.model import Form
from desktop.settings import Settings, save_settings
if TYPE_CHECKING:  # the store module pulls in SQLAlchemy, which start-up loads after the first paint
    from desktop.store.store import Store

from .tasks import TaskRunner
from .windows import WindowRegistry


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclass
class AppContext:
    store: Store | None  # None only while the program starts (the window paints first)
    settings: Settings
    settings_path: Path
    data_dir: Path
    forms: tuple[Form, ...]
    tasks: TaskRunner
    now: Callable[[], dt.datetime] = _now
    # windows opened from here, so that a draft is never open twice
    open_windows: dict[Any, Any] = field(default_factory=dict)
    # passwords typed for a shared desk store (address → password): this run only, never written anywhere
    session_passwords: dict[str, str] = field(default_factory=dict, repr=False)
    windows: WindowRegistry = field(init=False)  # opens every window (windows.py)

    def __post_init__(self) -> None:
        self.windows = WindowRegistry(self, self.open_windows)

    def today(self) -> dt.date:
        return self.now().date()

    def form(self, form_id: str, edition: str | None = None) -> Form | None:
        matches = [f for f in self.forms if f.id == form_id and (edition is None or f.edition == edition)]
        return max(matches, key=lambda f: f.edition) if matches else None

    def update_settings(self, **changes: Any) -> None:
        """Change settings and write them at once (atomically); a failed write keeps them in memory."""
        self.settings = replace(self.settings, **changes)
        try:
            save_settings(self.settings_path, self.settings)
        except OSError:
            pass  # a read-only data folder must not stop the clerk; the value holds for this run
