"""Progress and cancel, shared by export, ISO building, burning and verification.

Every long core function takes ``progress(done, total)`` and ``cancel()``
callables (both optional) so that one UI helper can run any of them off the
UI thread; a function that sees ``cancel()`` return True cleans up what it
started and raises :class:`Cancelled`.
"""

from __future__ import annotations

from typing import Callable, Protocol


class Cancelled(Exception):
    """The user cancelled; whatever was half-written has been removed."""

    def __init__(self, message: str = "操作已取消") -> None:
        super().__init__(message)


class Progress(Protocol):
    """``progress(done, total)``: units are bytes unless the function says otherwise."""

    def __call__(self, done: int, total: int) -> None: ...


CancelCheck = Callable[[], bool]


def check_cancel(cancel: CancelCheck | None) -> None:
    """Raise :class:`Cancelled` when the user asked to stop."""
    if cancel is not None and cancel():
        raise Cancelled()


def report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


STAGE_STEPS = 1000


def stage(progress: Progress | None, index: int, count: int) -> Progress | None:
    """The ``index``-th of ``count`` equal stages of one job (copy, then verify) as one bar that only grows."""
    if progress is None:
        return None

    def staged(done: int, total: int) -> None:
        part = min(done, total) / total if total > 0 else 0.0
        progress(int((index + part) * STAGE_STEPS), count * STAGE_STEPS)
    return staged
