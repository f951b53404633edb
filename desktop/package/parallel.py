"""Checking several sources at once: threads read and hash, worker processes check the data.

``hashlib``'s ``update`` drops the interpreter lock for buffers over 2 KB, and
reads from disc or disk wait outside it too, so a few threads read and hash a
batch of packages about as many times faster as there are cores.  Everything
else holds the lock, so a batch of ``PROCESS_MIN_SOURCES`` or more goes to
worker processes: whole packages where the work can run there
(:mod:`desktop.package.batch_workers`, ``xieshou verify``), else only the
data checks (:mod:`desktop.package.workers`, receiving, which also copies);
smaller batches are not worth starting them (see benchmarks/bench_desk.py).  Results come back in the sources' order;
progress is one total over all sources, reported under a lock so that it only
ever grows.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

from .batch_workers import each_in_processes
from .package_check import Budget, DataCheck
from .processes import PROCESS_MIN_SOURCES
from .progress import CancelCheck, Progress, report
from .workers import DataWorkers

T = TypeVar("T")
MAX_WORKERS = 4


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


class SharedProgress:
    """Bytes done over all sources; each source's share is capped at its weight."""

    def __init__(self, weights: Sequence[int], progress: Progress | None) -> None:
        self.weights, self._progress = list(weights), progress
        self._done = [0] * len(self.weights)
        self._total = max(sum(self.weights), 1)
        self._lock = threading.Lock()
        self._shown = 0

    def advance(self, index: int, count: int) -> None:
        with self._lock:
            self._done[index] = min(self._done[index] + count, self.weights[index])
            self._report()

    def finish(self, index: int) -> None:
        with self._lock:
            self._done[index] = self.weights[index]
            self._report()

    def _report(self) -> None:
        done = sum(self._done)
        if done >= self._shown:
            self._shown = done
            report(self._progress, done, self._total)


def run_each(count: int, weights: Sequence[int], work: Callable[[int, Budget], T], *,
             progress: Progress | None = None, cancel: CancelCheck | None = None,
             workers: int | None = None, whole: tuple[Callable[..., T], Sequence[tuple]] | None = None) -> list[T]:
    """``work(index, budget)`` for every index, on up to ``workers`` threads, results in index order."""
    return list(each_result(count, weights, work, progress=progress, cancel=cancel, workers=workers, whole=whole))


def each_result(count: int, weights: Sequence[int], work: Callable[[int, Budget], T], *,
                progress: Progress | None = None, cancel: CancelCheck | None = None,
                workers: int | None = None, whole: tuple[Callable[..., T], Sequence[tuple]] | None = None
                ) -> Iterator[T]:
    """As :func:`run_each`, but each result is handed over as soon as it and those before it are done.

    ``whole = (job, jobs)``, where ``job(*jobs[index], budget)`` does what ``work(index, budget)`` does
    with a function a worker process can import: a big batch then runs whole in worker processes
    (:mod:`desktop.package.batch_workers`); without it, only the data checks go there.
    """
    workers = min(workers or default_workers(), max(count, 1))
    if workers == 1 or count < PROCESS_MIN_SOURCES:
        yield from _on_threads(count, weights, work, progress, cancel, workers, None)
        return
    if whole is not None:
        shared = SharedProgress(weights, progress)
        yield from each_in_processes(whole[1], whole[0], workers, shared, cancel,
                                     lambda index: _one(index, work, shared, cancel, None))
        return
    with DataWorkers(workers, cancel) as checker:
        yield from _on_threads(count, weights, work, progress, cancel, workers + 1, checker.check)


def _one(index: int, work: Callable[[int, Budget], T], shared: SharedProgress, cancel: CancelCheck | None,
         check_data: DataCheck | None) -> T:
    budget = Budget(cancel=cancel, advance=lambda n: shared.advance(index, n), check_data=check_data)
    try:
        return work(index, budget)
    finally:
        shared.finish(index)


def _on_threads(count: int, weights: Sequence[int], work: Callable[[int, Budget], T], progress: Progress | None,
                cancel: CancelCheck | None, threads: int, check_data: DataCheck | None) -> Iterator[T]:
    shared = SharedProgress(weights, progress)

    def one(index: int) -> T:
        return _one(index, work, shared, cancel, check_data)

    if threads == 1:
        yield from (one(i) for i in range(count))
        return
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="xieshou-verify") as pool:
        futures = [pool.submit(one, i) for i in range(count)]
        try:
            for future in futures:
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
