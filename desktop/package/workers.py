"""Worker processes for the part of verification that holds the interpreter lock: checking the data.

Reading and hashing run on threads (``hashlib`` and file reads release the
lock), but validating a package's data files is pure Python: on threads, one
package's validation stalls the others' hashing, and a batch of small packages
never uses more than one core.  So each thread hands the bytes of its data
files to :func:`~desktop.package.package_check.data_findings` in a worker
process and waits — polling the cancel flag — for the problems.  The function
reads nothing but its arguments, so a worker says exactly what the thread
would have said (tests/package/test_verify_workers.py compares them).

The workers are started from a clean server process
(:mod:`desktop.package.processes`), never forked from a program that runs
threads.
Data over ``OFFLOAD_MAX_BYTES`` (no real package comes near it) and every check
after the pool failed are done on the thread itself, as before.
"""

from __future__ import annotations

import gc
import pickle
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .manifest_check import ManifestView
from .package_check import data_findings
from .processes import context
from .progress import CancelCheck, Cancelled, check_cancel

OFFLOAD_MAX_BYTES = 8 * 1024 * 1024   # data bytes of one package sent to a worker (each is copied once)
POLL_SECONDS = 0.05                    # how often a waiting thread looks at the cancel flag
GC_THRESHOLD = 10_000                  # allocations between two young-generation collections (Python's default: 700)


class DataWorkers:
    """A pool of ``count`` processes checking data files; :meth:`check` has the signature of ``data_findings``."""

    def __init__(self, count: int, cancel: CancelCheck | None = None) -> None:
        self._cancel = cancel
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        try:
            self._pool = ProcessPoolExecutor(max_workers=count, mp_context=context(),
                                             initializer=warm_up)
        except (OSError, ValueError, RuntimeError, ImportError):
            self._pool = None  # no processes on this system: every check runs on its thread

    def check(self, data: dict[str, bytes], view: ManifestView, actual: dict[str, str],
              typed_code: str | None) -> tuple[list[str], str | None]:
        future = self._submit(data, view, actual, typed_code)
        if future is None:
            return data_findings(data, view, actual, typed_code)
        try:
            outcome = self._wait(future)
        except BrokenProcessPool:  # a worker died (killed, out of memory): the pool is not used again
            self._give_up()
            return data_findings(data, view, actual, typed_code)
        return _unpack(outcome)

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "DataWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _submit(self, data: dict[str, bytes], *rest: Any) -> Future | None:
        if sum(len(raw) for raw in data.values()) > OFFLOAD_MAX_BYTES:
            return None
        with self._lock:
            if self._pool is None:
                return None
            try:
                return self._pool.submit(_check_in_worker, data, *rest)
            except (BrokenProcessPool, RuntimeError, OSError):
                self._pool = None
                return None

    def _wait(self, future: Future) -> Any:
        while True:
            try:
                return future.result(timeout=POLL_SECONDS)
            except TimeoutError:
                try:
                    check_cancel(self._cancel)
                except Cancelled:
                    future.cancel()
                    raise

    def _give_up(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def warm_up() -> None:
    """Each worker before its first package: the print font's coverage read (not while one waits), and the
    garbage collector told that what is loaded by now stays, and to look less often: checking a package
    makes many short-lived dicts and no cycles, and collections were a quarter of a small package's time."""
    from desktop.documents.fonts import missing_characters

    missing_characters("")
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD)


def _check_in_worker(*args: Any) -> tuple[str, Any]:
    """``data_findings`` in a worker; an exception comes back as itself, or by its class name when it cannot travel."""
    try:
        return "ok", data_findings(*args)
    except Exception as exc:  # the thread raises it again: verify_source turns it into the same verdict
        try:
            pickle.loads(pickle.dumps(exc))
            return "raise", exc
        except Exception:
            return "named", type(exc).__name__


def _unpack(outcome: tuple[str, Any]) -> tuple[list[str], str | None]:
    how, value = outcome
    if how == "ok":
        return value
    if how == "raise":
        raise value
    raise type(value, (Exception,), {})()  # same class name, which is all a verdict shows of it
