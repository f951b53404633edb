"""需求目录 from the desk as one job with progress and cancel (the window's 生成需求目录).

Reads the 入选 needs' packages, builds both catalogues and writes the scopes
asked for into a hidden folder beside the target; only when every file is
written are they moved into the chosen folder, so a cancelled or failed run
leaves nothing half-made there.  The run is recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.desk import outputs
from desktop.desk.catalogue_out import build_catalogues, write_catalogues
from desktop.desk.db import DeskDB, DeskError
from desktop.package.progress import check_cancel, report

# what each catalogue is, in the words the officer reads
PUBLIC_NOTE = "公开目录：可对外公布；不含不公开需求，不含联系人和联系电话，需求编号连续"
INTERNAL_NOTE = "内部目录：仅供各省定向揭榜，含不公开需求（已标注）和联系人、电话，不得公开"


@dataclass(frozen=True)
class CatalogueRun:
    folder: Path
    public_files: tuple[Path, ...]      # () when not asked for, or when every selected need is 不公开
    internal_files: tuple[Path, ...]
    public_count: int
    internal_count: int
    hidden_count: int                   # 不公开 needs: in the internal catalogue only

    def summary(self) -> list[str]:
        lines = []
        if self.public_files:
            lines.append(f"公开目录 {self.public_count} 项需求（不含不公开需求和联系人、电话）")
        if self.internal_files:
            lines.append(f"内部目录 {self.internal_count} 项需求，其中不公开 {self.hidden_count} 项（已标注，不得公开）")
        return lines


def make_catalogues(db: DeskDB, out_dir: Path, *, campaign: str, created_at: dt.datetime, public: bool = True,
                    internal: bool = True, progress=None, cancel=None) -> CatalogueRun:
    """Write the chosen catalogues (JSON, XLSX, PDF each) into ``out_dir``; Cancelled leaves it untouched."""
    if not (public or internal):
        raise DeskError("请至少选择一种需求目录（内部目录或公开目录）")
    out_dir = Path(out_dir)
    needs = outputs.screened_needs(db, progress=lambda done, total: report(progress, done, total + 2), cancel=cancel)
    check_cancel(cancel)
    built = build_catalogues(needs, campaign=campaign, created_at=created_at)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".xieshou-catalogue-", dir=out_dir))
    try:
        total = len({id(n.submission) for n in needs}) + 2
        public_files = _write(built, staging, public and bool(built.public_entries), internal=False)
        report(progress, total - 1, total)
        check_cancel(cancel)
        internal_files = _write(built, staging, internal, internal=True)
        check_cancel(cancel)
        moved = {path: out_dir / path.name for path in (*public_files, *internal_files)}
        for source, target in moved.items():
            os.replace(source, target)
        report(progress, total, total)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    run = CatalogueRun(out_dir, tuple(moved[p] for p in public_files), tuple(moved[p] for p in internal_files),
                       len(built.public_entries), len(built.internal_entries),
                       len(built.internal_entries) - len(built.public_entries))
    outputs.record(db, "需求目录", str(out_dir), "；".join(run.summary()))
    return run


def _write(built, folder: Path, wanted: bool, *, internal: bool) -> tuple[Path, ...]:
    if not wanted:
        return ()
    written = write_catalogues(built, folder, public_only=not internal, include_public=not internal)
    return tuple(p for w in written for p in (w.json_path, w.xlsx_path, w.pdf_path))
