"""Big batches of packages: each package checked whole in a worker process.

Threads of one process hash side by side (``hashlib`` drops the interpreter
lock), but everything else about a package — its listing, its manifest, its
data — holds the lock, and handing only the data to a worker process
(:mod:`desktop.package.workers`) costs copying and waiting on both sides.  So
``xieshou verify`` gives a batch of ``PROCESS_MIN_SOURCES`` or more to worker
processes one whole package at a time; the program itself only collects the
verdicts, in the sources' order, and the progress the workers send (bytes
read, a few times per package).  Each worker sees the cancel flag through a
shared event and stops within one read.

If the pool cannot start, or a worker dies (killed, out of memory), the rest of
the batch is checked on threads as before, with the same verdicts.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator, Sequence

from .package_check import Budget
from .progress import CancelCheck, Cancelled, check_cancel
from .workers import POLL_SECONDS, context, warm_up

PROGRESS_STEP = 4 * 1024 * 1024   # bytes a worker reads between two progress messages

_cancel_event: Any = None
_progress_queue: Any = None


def _start(cancel_event: Any, progress_queue: Any) -> None:
    """Each worker's start: the shared cancel flag and progress queue, the print font's coverage."""
    global _cancel_event, _progress_queue
    _cancel_event, _progress_queue = cancel_event, progress_queue
    warm_up()


class _Advance:
    """Bytes read by one package, sent to the program every ``PROGRESS_STEP`` bytes and at the end."""

    def __init__(self, index: int) -> None:
        self.index, self.pending = index, 0

    def __call__(self, count: int) -> None:
        self.pending += count
        if self.pending >= PROGRESS_STEP:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            _progress_queue.put((self.index, self.pending))
            self.pending = 0


def _run(index: int, job: Callable[..., Any], args: tuple) -> Any:
    advance = _Advance(index)
    try:
        return job(*args, Budget(cancel=_cancel_event.is_set, advance=advance))
    finally:
        advance.flush()


def each_in_processes(jobs: Sequence[tuple], job: Callable[..., Any], workers: int, shared: Any,
                      cancel: CancelCheck | None, on_thread: Callable[[int], Any]) -> Iterator[Any]:
    """``job(*jobs[i], budget)`` in worker processes, results in order; ``on_thread(i)`` where no worker can."""
    try:
        ctx = context()
        event, queue = ctx.Event(), ctx.SimpleQueue()
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start, initargs=(event, queue))
    except (OSError, ValueError, RuntimeError, ImportError):  # no processes or semaphores on this system
        yield from (on_thread(i) for i in range(len(jobs)))
        return
    drain = threading.Thread(target=_drain, args=(queue, shared), daemon=True, name="xieshou-verify-progress")
    drain.start()
    futures: list[Future | None] = []
    try:
        futures = [_submit(pool, index, job, args) for index, args in enumerate(jobs)]
        for index, future in enumerate(futures):
            result = _result(future, event, cancel) if future is not None else None
            if future is None or result is _BROKEN:
                result = on_thread(index)   # no worker could check it: here, as before
            else:
                shared.finish(index)
            yield result
    finally:
        event.set()                         # a batch left early (cancel, error) stops its workers too
        for future in futures:
            if future is not None:
                future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        queue.put(None)
        drain.join()


_BROKEN = object()


def _submit(pool: ProcessPoolExecutor, index: int, job: Callable[..., Any], args: tuple) -> Future | None:
    try:
        return pool.submit(_run, index, job, args)
    except (BrokenProcessPool, RuntimeError, OSError):
        return None


def _result(future: Future, event: Any, cancel: CancelCheck | None) -> Any:
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except TimeoutError:
            try:
                check_cancel(cancel)
            except Cancelled:
                event.set()
                raise
        except BrokenProcessPool:
            return _BROKEN


def _drain(queue: Any, shared: Any) -> None:
    while (item := queue.get()) is not None:
        shared.advance(*item)
