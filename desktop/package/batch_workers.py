"""Big batches of packages: each package checked whole in a worker process.

Threads of one process hash side by side (``hashlib`` drops the interpreter
lock), but everything else about a package — its listing, its manifest, its
data — holds the lock, and handing only the data to a worker process
(:mod:`desktop.package.workers`) costs copying and waiting on both sides.  So
``xieshou verify`` gives a batch of ``PROCESS_MIN_SOURCES`` or more to worker
processes one whole package at a time; the program itself only collects the
verdicts, in the sources' order, and the progress the workers send (bytes
read, a few times per package, over a pipe).  Each worker sees the cancel flag
through a shared event and stops within one read.

The workers are kept for the next batch (a window verifies one stack of discs
after another; starting workers costs a fraction of a second each time) and
stopped after ``IDLE_SECONDS`` without work.  One batch uses them at a time; a
second batch meanwhile gets workers of its own.  If the pool cannot start, or a
worker dies (killed, out of memory), the rest of the batch is checked on
threads as before, with the same verdicts.  A dying pool's workers are
killed wherever they are, so the program never waits on anything they might
hold: it ends its reading of their progress by closing its own end of the
pipe, not by a message through their lock.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterator, Sequence

from .package_check import Budget
from .progress import CancelCheck, Cancelled, check_cancel
from .processes import context
from .workers import POLL_SECONDS, warm_up

PROGRESS_STEP = 4 * 1024 * 1024   # bytes a worker reads between two progress messages
PORTION_SOURCES = 16              # packages handed to a worker at once, at most ...
PORTION_BYTES = 32 * 1024 * 1024  # ... and bytes (a bigger package goes alone)
IDLE_SECONDS = 300                # kept workers stop after this long without a batch

_cancel_event: Any = None
_progress: Any = None       # the writing end of the progress pipe ...
_progress_lock: Any = None  # ... which one worker writes at a time


def _start(cancel_event: Any, progress: Any, progress_lock: Any) -> None:
    """Each worker's start: the shared cancel flag and progress pipe, the print font's coverage."""
    global _cancel_event, _progress, _progress_lock
    _cancel_event, _progress, _progress_lock = cancel_event, progress, progress_lock
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
            with _progress_lock:
                _progress.send((self.index, self.pending))
            self.pending = 0


def _run(index: int, job: Callable[..., Any], args: tuple) -> Any:
    advance = _Advance(index)
    try:
        return job(*args, Budget(cancel=_cancel_event.is_set, advance=advance))
    finally:
        advance.flush()


def _run_many(first: int, job: Callable[..., Any], jobs: Sequence[tuple]) -> list[Any]:
    return [_run(first + offset, job, args) for offset, args in enumerate(jobs)]


def portions(weights: Sequence[int], workers: int) -> list[range]:
    """Consecutive sources handed to a worker at once: fewer round trips through the program for small
    packages (a few milliseconds each), at least four portions per worker so that none waits long at the end,
    and a big package alone."""
    most = max(1, min(PORTION_SOURCES, len(weights) // (workers * 4)))
    found, start, size = [], 0, 0
    for index, weight in enumerate(weights):
        if index > start and (index - start >= most or size + weight > PORTION_BYTES):
            found.append(range(start, index))
            start, size = index, 0
        size += weight
    if start < len(weights):
        found.append(range(start, len(weights)))
    return found


def each_in_processes(jobs: Sequence[tuple], job: Callable[..., Any], workers: int, shared: Any,
                      cancel: CancelCheck | None, on_thread: Callable[[int], Any]) -> Iterator[Any]:
    """``job(*jobs[i], budget)`` in worker processes, results in order; ``on_thread(i)`` where no worker can."""
    try:
        pool = _Pool.take(workers)
    except (OSError, ValueError, RuntimeError, ImportError):  # no processes or semaphores on this system
        yield from (on_thread(i) for i in range(len(jobs)))
        return
    drain = threading.Thread(target=_drain, args=(pool.reader, shared), daemon=True, name="xieshou-verify-progress")
    drain.start()
    futures: list[Future | None] = []
    try:
        parts = portions(shared.weights, workers)
        futures = [pool.submit(part.start, job, jobs[part.start:part.stop]) for part in parts]
        for part, future in zip(parts, futures):
            results = _result(future, pool.event, cancel) if future is not None else _BROKEN
            pool.broken = pool.broken or results is _BROKEN
            for offset, index in enumerate(part):
                if results is _BROKEN:
                    yield on_thread(index)  # no worker could check it: here, as before
                else:
                    shared.finish(index)
                    yield results[offset]
    finally:
        pool.event.set()                    # a batch left early (cancel, error) stops its workers too
        for future in futures:
            if future is not None:
                future.cancel()
        wait([f for f in futures if f is not None])   # every progress message is sent before its result
        pool.end_batch(drain, broken=any(_broke(f) for f in futures if f is not None))


class _Pool:
    """Worker processes with their cancel flag and progress pipe, kept between batches."""

    _kept: "_Pool | None" = None
    _guard = threading.Lock()

    def __init__(self, workers: int) -> None:
        ctx = context()
        self.workers, self.event = workers, ctx.Event()
        self.reader, self.writer = ctx.Pipe(duplex=False)
        self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_start,
                                            initargs=(self.event, self.writer, ctx.Lock()))
        self.busy, self.broken, self.idle_timer = True, False, None

    @classmethod
    def take(cls, workers: int) -> "_Pool":
        with cls._guard:
            kept = cls._kept
            if kept is not None and not kept.busy and not kept.broken and kept.workers == workers:
                if kept.idle_timer is not None:
                    kept.idle_timer.cancel()
                kept.busy = True
                kept.event.clear()
                return kept
            pool = cls(workers)
            if kept is not None and not kept.busy:
                kept._retire()          # broken, or another number of workers
            if cls._kept is None:
                cls._kept = pool        # else another batch holds the kept one: this pool is that batch's own
            return pool

    def submit(self, first: int, job: Callable[..., Any], jobs: Sequence[tuple]) -> Future | None:
        try:
            return self.executor.submit(_run_many, first, job, jobs)
        except (BrokenProcessPool, RuntimeError, OSError):
            self.broken = True
            return None

    def end_batch(self, drain: threading.Thread, broken: bool) -> None:
        """After the batch's last result: stop reading progress, keep or stop the workers."""
        self.broken = self.broken or broken
        if self.broken:
            self.executor.shutdown(wait=True, cancel_futures=True)   # the workers left are killed and gone
            self.writer.close()     # no writer left anywhere: the progress reader comes to the pipe's end
        else:
            self.writer.send(None)  # every worker is idle: nobody else writes now
        drain.join()
        self.give_back()

    def give_back(self) -> None:
        with _Pool._guard:
            self.busy = False
            if self.broken or _Pool._kept is not self:
                self._retire(wait=True)     # its batch is done: the workers only have to exit
                return
            self.idle_timer = threading.Timer(IDLE_SECONDS, self._idle)
            self.idle_timer.daemon = True
            self.idle_timer.start()

    def _idle(self) -> None:
        with _Pool._guard:
            if _Pool._kept is self and not self.busy:
                _Pool._kept = None
                self._retire()

    def _retire(self, wait: bool = False) -> None:
        if _Pool._kept is self:
            _Pool._kept = None
        self.executor.shutdown(wait=wait, cancel_futures=True)
        self.reader.close()         # the workers have their own ends
        self.writer.close()


def stop_workers() -> None:
    """Stop the kept workers now and wait for them (tests, and a program that is about to exit)."""
    with _Pool._guard:
        kept = _Pool._kept
        if kept is not None and not kept.busy:
            if kept.idle_timer is not None:
                kept.idle_timer.cancel()
            kept._retire(wait=True)


_BROKEN = object()


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


def _broke(future: Future) -> bool:
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _drain(reader: Any, shared: Any) -> None:
    try:
        while (item := reader.recv()) is not None:
            shared.advance(*item)
    except (EOFError, OSError):   # the pool died and the program closed its end
        pass
