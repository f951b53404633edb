"""收件登记: verify every package found, keep the complete ones, register each in the store.

Each source is verified with the same checks as ``xieshou verify``; a
complete package is then copied into the workspace (every file hashed again
against the manifest while it is copied) and made read-only. Whatever a source
does — broken, hostile, unreadable — it is registered with its verdict and the
batch goes on; only the officer's cancel stops it.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path

from desktop.desk import register
from desktop.desk.db import UNIT, DeskDB
from desktop.desk.facts import PackageFacts, read_facts
from desktop.oserrors import os_reason
from desktop.package.binding import normalize_code
from desktop.package.package_check import Budget
from desktop.package.parallel import each_result
from desktop.package.progress import CancelCheck, Progress
from desktop.package.sources import SourceRef, discover, source_weight
from desktop.package.verify import PROBLEMS, ImportRefused, PackageVerdict, import_source, verify_source
from desktop.store.models import utc_now


NOT_A_PACKAGE = ("missing", "unknown", "empty", "link")   # a wrong path, not a package: reported, not registered


@dataclass(frozen=True)
class Received:
    """One source's outcome, as the officer is told."""

    package_id: int | None        # None: the path named no package at all (nothing registered)
    outcome: str                  # 新收件 | 重复 | 补全 | 新版本 | 旧版本 | 未登记
    verdict: PackageVerdict
    warnings: tuple[str, ...] = ()
    linked: tuple[int, ...] = ()  # packages this one updated (or, for 旧版本, the newer one)

    def to_json(self) -> dict:
        return {"id": self.package_id, "outcome": self.outcome, **self.verdict.to_json(),
                "warnings": list(self.warnings), "linked": list(self.linked)}


@dataclass
class Batch:
    ems_no: str = ""
    arrived_at: dt.datetime = field(default_factory=utc_now)


def receive_paths(db: DeskDB, paths: list[Path], *, batch: Batch | None = None, progress: Progress | None = None,
                  cancel: CancelCheck | None = None, workers: int | None = None) -> list[Received]:
    """Verify and keep on several threads (hashing is most of the work), registering each in order as it is done.

    A cancel stops the batch; what was registered before stays registered.
    """
    batch = batch or Batch()
    workspace, actor, unit = db.workspace(), db.actor(), db.setting(UNIT)
    refs = discover([Path(p) for p in paths], skip=workspace)
    locks = _CodeLocks()
    taken = each_result(len(refs), [source_weight(ref) for ref in refs],
                        lambda index, budget: take(refs[index], workspace, budget, locks),
                        progress=progress, cancel=cancel, workers=workers)
    results = []
    for ref, (verdict, folder) in zip(refs, taken):
        if ref.kind in NOT_A_PACKAGE:
            results.append(Received(None, "未登记", verdict))
            continue
        facts = read_facts(folder) if folder is not None else PackageFacts()
        results.append(register.register(db, verdict, facts, folder, batch.ems_no, batch.arrived_at,
                                         actor=actor, unit=unit))
    return results


class _CodeLocks:
    """One lock per binding code: a folder and its own image in one batch are copied once."""

    def __init__(self) -> None:
        self._guard, self._locks = threading.Lock(), {}

    def __call__(self, code: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(code, threading.Lock())


def take(ref: SourceRef, workspace: Path, budget: Budget,
         locks: _CodeLocks | None = None) -> tuple[PackageVerdict, Path | None]:
    """The verdict for ``ref`` and, when complete, its read-only copy in the workspace."""
    verdict = verify_source(ref, None, budget)
    code = normalize_code(verdict.binding_code or "")
    if not verdict.complete or code is None:
        return verdict, None
    with (locks or _CodeLocks())(code):
        return _keep(ref, verdict, code, workspace)


def _keep(ref: SourceRef, verdict: PackageVerdict, code: str, workspace: Path) -> tuple[PackageVerdict, Path | None]:
    target = workspace / code
    if (target / "manifest.json").is_file():
        return verdict, target       # the same package again: the copy already kept is the one
    try:
        folder = import_source(ref, code, workspace, recheck=False)
    except ImportRefused as refused:
        return _refused(verdict, str(refused)), None
    except OSError as error:
        return _refused(verdict, f"无法复制到工作区（{os_reason(error)}），"
                                 "请检查磁盘空间和写入权限后重新收件"), None
    make_read_only(folder)
    return verdict, folder


def _refused(verdict: PackageVerdict, problem: str) -> PackageVerdict:
    return PackageVerdict(verdict.source, PROBLEMS, verdict.form, verdict.edition, verdict.submitter_name,
                          verdict.submitter_uscc, verdict.binding_code, verdict.problems + (problem,),
                          verdict.readable, verdict.companions)


def make_read_only(folder: Path) -> None:
    """Files of a kept package cannot be written afterwards (folders stay removable by the officer)."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
