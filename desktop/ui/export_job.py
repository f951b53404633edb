"""The work behind the export page, run off the UI thread by the task runner.

Save the draft (so the revision is current), write the package with the
files from the attachment store of the program's data folder, record the
export in the store, draw the preview.  The export pipeline is imported here,
on first use, so that starting the program never loads reportlab or fonts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store module pulls in SQLAlchemy; start-up paints before loading it
    from desktop.store.store import Store


import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.engine.model import Form
from desktop.store import DraftRecord, ExportRecord

from .attachments_files import attachment_store
from .preview import first_page_png

# package.md: created_at is written with +08:00 (Beijing time)
BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class ExportOutcome:
    folder: Path
    binding_code: str
    pdf: Path | None
    pdf_pages: int
    draft: DraftRecord
    export: ExportRecord
    preview_png: bytes | None


def run_export(store: Store, form: Form, draft_id: int, raw: dict, problem_count: int, out_dir: Path, *,
               draft: bool, now: dt.datetime, seam_guide: bool = False, progress: Any = None,
               cancel: Any = None, data_dir: Path | None = None) -> ExportOutcome:
    """``data_dir``: the context's data folder; by default the folder of the open store (the same in the GUI)."""
    from desktop.package.export import export_package

    folder = data_dir if data_dir is not None else _store_folder(store)
    record = store.save_draft(draft_id, raw, problem_count)
    created_at = now.astimezone(BEIJING).replace(microsecond=0)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    result = export_package(form, raw, Path(out_dir), revision=record.revision, created_at=created_at,
                            draft=draft, seam_guide=seam_guide, progress=progress, cancel=cancel,
                            attachment_store=attachment_store(folder) if folder is not None else None)
    export = store.record_export(draft_id, result.binding_code, result.folder, result.submission,
                                 kind="draft" if draft else "final", exported_at=created_at)
    pdf = next((Path(result.folder) / f.path for f in result.files if str(f.path).endswith(".pdf")), None)
    return ExportOutcome(Path(result.folder), result.binding_code, pdf, result.pdf_pages,
                         store.get_draft(draft_id), export, first_page_png(pdf) if pdf else None)


def _store_folder(store: Store) -> Path | None:
    """The data folder holding the store's file (None for a database server: the default folder is used)."""
    return Path(store.path).parent if store.path is not None else None
