"""Opening the store on a worker thread that starts before Qt does.

Opening the store imports SQLAlchemy (a few hundred milliseconds) and takes
the single-instance lock.  Started first thing, that work overlaps creating
the application and painting the start window, and the drafts appear as soon
as both are done.  The task runner cannot do this: it needs the Qt
application, which does not exist yet when the thread starts.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, Signal, Slot

from desktop.store.lock import InstanceLock

if TYPE_CHECKING:
    from desktop.store.store import Store


def _open(path: Path, lock: InstanceLock | None) -> Store:
    from desktop.store.store import Store

    return Store.open(path, lock=lock)


class _Delivery(QObject):
    """Lives on the UI thread; a signal emitted from the worker reaches it by the event loop."""

    arrived = Signal(object)

    def __init__(self, then: Callable[[Future], None]):
        super().__init__()
        self._then = then
        self.arrived.connect(self.deliver)

    @Slot(object)
    def deliver(self, future: Future) -> None:
        self._then(future)


class StoreOpening:
    """``StoreOpening(path, lock)`` starts at once; :meth:`when_done` hands the outcome to the UI thread."""

    def __init__(self, path: Path, lock: InstanceLock | None = None,
                 opener: Callable[[Path, InstanceLock | None], Store] = _open):
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="xieshou-store-open")
        self.future: Future = executor.submit(opener, path, lock)
        executor.shutdown(wait=False)
        self._delivery: _Delivery | None = None

    def when_done(self, then: Callable[[Future], None]) -> None:
        """Call ``then(future)`` on the UI thread once the store is open (or failed to open)."""
        self._delivery = _Delivery(then)
        self.future.add_done_callback(self._delivery.arrived.emit)

    def abandon(self) -> None:
        """The program ends: wait for the worker, and close a store that opened too late to be used."""
        try:
            store = self.future.result()
        except Exception:  # the failure was reported already, or nobody is left to hear it
            return
        store.close()
