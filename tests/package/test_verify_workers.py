"""Packages checked in worker processes (whole, or only their data) say exactly what one thread says; cancel
still stops a batch, progress only grows, and a dying worker costs nothing but time."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.engine.kinds import FieldError
from desktop.package import batch_workers, parallel, workers
from desktop.package.package_check import Budget
from desktop.package.progress import Cancelled
from desktop.package.sources import discover
from desktop.package.verify import verify_paths, verify_source

from .hostile import generate
from .sample_package import write_package

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the hostile set needs POSIX names and links")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Good packages (one with companion forms, one a draft, one with a rare character) and the hostile set."""
    root = tmp_path_factory.mktemp("batch")
    for seed in range(12):
        write_package(root / "good" / f"good-{seed:02d}", seed=seed)
    write_package(root / "good" / "companions", seed=3, form_id="2023-a3-application", companions=["2023-a2-match"])
    write_package(root / "good" / "draft", seed=4, draft=True)
    write_package(root / "good" / "rare", seed=5, edit=lambda data: data["profile"].update(name="𪚥精工科技有限公司（样例）"))
    generate(root / "hostile")
    return root


@pytest.fixture
def offloaded(monkeypatch) -> list[bool]:
    """Every batch uses worker processes; the list says, per data check, whether it went to a worker."""
    monkeypatch.setattr(parallel, "PROCESS_MIN_SOURCES", 1)
    sent: list[bool] = []
    submit = workers.DataWorkers._submit

    def spy(self, *args):
        future = submit(self, *args)
        sent.append(future is not None)
        return future

    monkeypatch.setattr(workers.DataWorkers, "_submit", spy)
    return sent


@pytest.fixture
def whole(monkeypatch):
    """Every batch uses worker processes; the list says, per package, whether a worker took it whole."""
    monkeypatch.setattr(parallel, "PROCESS_MIN_SOURCES", 1)
    sent: list[bool] = []
    submit = batch_workers._Pool.submit

    def spy(pool, first, job, jobs):
        future = submit(pool, first, job, jobs)
        sent.extend([future is not None] * len(jobs))
        return future

    monkeypatch.setattr(batch_workers._Pool, "submit", spy)
    yield sent
    batch_workers.stop_workers()


def _same_verdicts(single: list, other: list) -> None:
    assert [v.source for v in other] == [v.source for v in single]
    for one, theirs in zip(single, other):
        assert theirs == one, one.source                  # verdict, form, submitter, code, companions, problems


def test_every_verdict_and_problem_is_the_same_on_one_thread_and_in_worker_processes(batch, whole):
    single = verify_paths([batch], workers=1)
    assert not whole                                      # one worker: everything on the calling thread
    assert len(single) >= 215
    seen: list[tuple[int, int]] = []
    _same_verdicts(single, verify_paths([batch], workers=2, progress=lambda done, total: seen.append((done, total))))
    assert len(whole) == len(single) and all(whole)       # every package went to a worker, whole
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1][0] == seen[-1][1]  # grows, ends full
    verdicts = {Path(v.source).name: v for v in single}
    assert verdicts["companions"].complete and verdicts["companions"].companions
    assert verdicts["draft"].draft
    assert not verdicts["rare"].complete and any("𪚥" in p for p in verdicts["rare"].problems)


def test_only_the_data_goes_to_workers_where_the_work_cannot(batch, offloaded):
    """Receiving copies what it checked, on the program's threads: only the data checks go to workers."""
    refs = discover([batch], skip=None)
    single = [verify_source(ref, None, Budget()) for ref in refs]
    _same_verdicts(single, parallel.run_each(len(refs), [1] * len(refs),
                                             lambda i, budget: verify_source(refs[i], None, budget), workers=2))
    assert sum(offloaded) >= 200                          # the data of (nearly) every package went to a worker


def dying(ref, code, budget):
    """A worker that dies on one package (killed, out of memory)."""
    if Path(ref.path).name == "good-03":
        os._exit(3)
    return verify_source(ref, code, budget)


def test_a_dying_worker_leaves_its_packages_to_the_program(batch, whole, monkeypatch):
    refs = discover([batch / "good"], skip=None)
    single = [verify_source(ref, None, Budget()) for ref in refs]
    here: list[int] = []
    one = parallel._one
    monkeypatch.setattr(parallel, "_one", lambda index, *rest: here.append(index) or one(index, *rest))
    results = parallel.run_each(len(refs), [1] * len(refs), lambda i, budget: verify_source(refs[i], None, budget),
                                workers=2, whole=(dying, [(ref, None) for ref in refs]))
    _same_verdicts(single, results)
    names = [Path(ref.path).name for ref in refs]
    assert names.index("good-03") in here                # the package its worker died on, checked here
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def dying_mid_message(ref, code, budget):
    """A worker killed while it holds the progress pipe: the others block on it until they are killed too."""
    if Path(ref.path).name == "good-03":
        batch_workers._progress_lock.acquire()
        os._exit(3)
    return verify_source(ref, code, budget)


def test_a_worker_dying_while_it_reports_progress_leaves_nothing_waiting(batch, whole):
    refs = discover([batch / "good"], skip=None)
    single = [verify_source(ref, None, Budget()) for ref in refs]
    done = threading.Event()
    results: list = []

    def run() -> None:
        results.extend(parallel.run_each(len(refs), [1] * len(refs),
                                         lambda i, budget: verify_source(refs[i], None, budget),
                                         workers=2, whole=(dying_mid_message, [(ref, None) for ref in refs])))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(60), "the batch hangs on a lock its dead worker held"
    _same_verdicts(single, results)
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_cancel_stops_a_batch_in_worker_processes_promptly(batch, whole):
    started = threading.Event()
    cancelled_at: list[float] = []

    def progress(done: int, total: int) -> None:
        started.set()

    def cancel() -> bool:
        if started.is_set() and not cancelled_at:
            cancelled_at.append(time.monotonic())
        return started.is_set()

    with pytest.raises(Cancelled):
        verify_paths([batch / "good", batch / "hostile"], workers=2, progress=progress, cancel=cancel)
    assert time.monotonic() - cancelled_at[0] < 5.0
    kept = batch_workers._Pool._kept
    assert kept is not None and not kept.busy             # idle, kept for the next batch
    batch_workers.stop_workers()
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_cancel_stops_a_batch_whose_data_goes_to_workers_promptly(batch, offloaded):
    refs = discover([batch], skip=None)
    calls: list[int] = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 20

    batch_workers.stop_workers()
    with pytest.raises(Cancelled):
        parallel.run_each(len(refs), [1] * len(refs), lambda i, budget: verify_source(refs[i], None, budget),
                          workers=2, cancel=cancel)
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]


def test_a_data_check_failing_in_a_worker_fails_the_same_way(monkeypatch):
    def broken(*args):
        raise FieldError("x.y", "定义有误")             # its custom constructor cannot be unpickled

    monkeypatch.setattr(workers, "data_findings", broken)
    how, name = workers._check_in_worker({}, None, {}, None)
    assert (how, name) == ("named", "FieldError")
    with pytest.raises(Exception) as raised:
        workers._unpack((how, name))
    assert type(raised.value).__name__ == "FieldError"   # verify_source names the class in its verdict
    monkeypatch.setattr(workers, "data_findings", lambda *a: (_ for _ in ()).throw(RecursionError("deep")))
    with pytest.raises(RecursionError):
        workers._unpack(workers._check_in_worker({}, None, {}, None))


def test_large_data_stays_on_the_thread(monkeypatch):
    checker = workers.DataWorkers(1)
    try:
        assert checker._submit({"data/submission.json": b" " * (workers.OFFLOAD_MAX_BYTES + 1)}, None, {}, None) is None
    finally:
        checker.close()


def test_without_worker_processes_the_batch_is_checked_on_the_program_s_threads(batch, whole, monkeypatch):
    def no_processes():
        raise OSError(38, "Function not implemented")   # e.g. no /dev/shm for semaphores

    refs = discover([batch / "good"], skip=None)
    single = [verify_source(ref, None, Budget()) for ref in refs]
    monkeypatch.setattr(batch_workers, "context", no_processes)
    _same_verdicts(single, verify_paths([batch / "good"], workers=2))
    assert not whole                                      # nothing was given to a worker


def worker_pid(ref, code, budget):
    return os.getpid()


def test_the_next_batch_is_checked_by_the_same_workers(batch, whole):
    refs = discover([batch / "good"], skip=None)
    jobs = (worker_pid, [(ref, None) for ref in refs])
    first = set(parallel.run_each(len(refs), [1] * len(refs), lambda i, budget: 0, workers=2, whole=jobs))
    again = set(parallel.run_each(len(refs), [1] * len(refs), lambda i, budget: 0, workers=2, whole=jobs))
    assert len(first) == 2 and again == first and os.getpid() not in first


def test_portions_cover_every_source_once_in_order_within_their_limits():
    mb = 1024 * 1024
    for weights in ([65_000] * 1000, [20 * mb] * 100, [mb, 40 * mb, mb, mb] * 10, [1] * 33):
        parts = batch_workers.portions(weights, 2)
        assert [i for part in parts for i in part] == list(range(len(weights)))
        assert len(parts) >= min(len(weights), 8)                 # four or more per worker
        for part in parts:
            assert len(part) <= batch_workers.PORTION_SOURCES
            assert len(part) == 1 or sum(weights[i] for i in part) <= batch_workers.PORTION_BYTES


def test_the_command_starts_the_workers_server_early_only_for_a_folder_of_many_packages(batch, tmp_path):
    from desktop.package.processes import PROCESS_MIN_SOURCES, _batch_folder

    many = tmp_path / "many"
    for index in range(PROCESS_MIN_SOURCES):
        (many / f"{index:02d}").mkdir(parents=True)
    assert _batch_folder(many)
    assert not _batch_folder(batch / "good")                       # 15 packages: checked on threads
    assert not _batch_folder(batch / "good" / "good-01")           # a package itself
    assert not _batch_folder(tmp_path / "missing")
    (many / "manifest.json").write_text("{}")
    assert not _batch_folder(many)
