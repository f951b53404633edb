"""The work behind the export page, run off the UI thread by the task runner.

Save the draft (so the revision is current), find the drafts of the other
forms answering the same need (they go into the same package), write the
package with the files from the attachment store of the program's data
folder, record the export in the store, draw the preview.  The export pipeline is imported here,
on first use, so that starting the program never loads reportlab or fonts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from desktop.engine.model import ERROR, Form, Problem
from desktop.store import DraftRecord, ExportRecord

from .attachments_files import attachment_store
from .preview import first_page_png

if TYPE_CHECKING:  # the store module pulls in SQLAlchemy; start-up paints before loading it
    from desktop.store.store import Store

# docs/package.md: created_at is written with +08:00 (Beijing time)
BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class Companion:
    """A draft of another form exported in the same package (a 附件2 beside its 附件3)."""

    record: DraftRecord
    form: Form
    errors: tuple[Problem, ...]       # its validation errors, each message led by its 附件 number

    def describe(self) -> str:
        """附件2 中小企业“揭榜”对接表（草稿“…”，第 1 版，2023年4月20日 10:32 保存）"""
        from .text import when

        name = f"“{self.record.title}”" if self.record.title else ""
        return (f"{self.form.attachment_no} {self.form.title}（草稿{name}，第 {self.record.revision} 版，"
                f"{when(self.record.updated_at)} 保存）")


@dataclass(frozen=True)
class ExportOutcome:
    folder: Path
    binding_code: str
    pdf: Path | None                          # the primary form's PDF
    pdf_pages: tuple[tuple[str, int], ...]    # (path, pages) of every form's PDF, the primary's first
    draft: DraftRecord
    export: ExportRecord
    preview_png: bytes | None
    companions: tuple[Companion, ...] = ()


def companions_of(store: Store, forms: Sequence[Form], draft_id: int, raw: dict | None = None) -> list[Companion]:
    """The drafts exported with ``draft_id`` (desktop.linking.companion_drafts) and their errors."""
    from desktop.engine.validate import clean
    from desktop.linking import companion_drafts, form_of
    from desktop.package.agreement import problems as disagreements

    primary = store.get_draft(draft_id)
    primary_form = form_of(forms, primary.form_id, primary.edition)
    found = []
    for record in companion_drafts(store, tuple(forms), draft_id, raw):
        form = form_of(forms, record.form_id, record.edition)
        errors = tuple(dataclasses.replace(p, message=f"{form.attachment_no}：{p.message}")
                       for p in clean(form, record.data).problems if p.level == ERROR)
        if primary_form is not None:  # one enterprise, one set of facts: the export refuses a disagreement
            errors += tuple(disagreements(primary_form, primary.data if raw is None else raw, form, record.data))
        found.append(Companion(record, form, errors))
    return found


def run_export(store: Store, form: Form, draft_id: int, raw: dict, problem_count: int, out_dir: Path, *,
               draft: bool, now: dt.datetime, seam_guide: bool = False, progress: Any = None,
               cancel: Any = None, data_dir: Path | None = None, forms: Sequence[Form] | None = None) -> ExportOutcome:
    """``data_dir``: the context's data folder; by default the folder of the open store (the same in the GUI).

    ``forms``: the forms the program knows (the context's), where the companion drafts' forms are found.
    """
    from desktop.engine.submission import make_submission
    from desktop.forms.registry import all_forms
    from desktop.learning import check_final_export
    from desktop.package.export import export_package

    folder = data_dir if data_dir is not None else _store_folder(store)
    record = store.save_draft(draft_id, raw, problem_count)
    if not draft:
        check_final_export(record.title)  # the sample draft is for learning, never final material
    companions = companions_of(store, forms if forms is not None else all_forms(), draft_id)
    created_at = now.astimezone(BEIJING).replace(microsecond=0)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    result = export_package(form, raw, Path(out_dir), revision=record.revision, created_at=created_at,
                            draft=draft, seam_guide=seam_guide, progress=progress, cancel=cancel,
                            attachment_store=attachment_store(folder) if folder is not None else None,
                            companions=[(c.form, c.record.data) for c in companions])
    kind = "draft" if draft else "final"
    export = store.record_export(draft_id, result.binding_code, result.folder, result.submission,
                                 kind=kind, exported_at=created_at)
    for companion in companions:  # its draft lists the package too (and a final export seals it)
        submission = make_submission(companion.form, companion.record.data, record.revision)[0]
        store.record_export(companion.record.id, result.binding_code, result.folder, submission,
                            kind=kind, exported_at=created_at)
    pdf = Path(result.folder) / result.document_pages[0][0]
    return ExportOutcome(Path(result.folder), result.binding_code, pdf, result.document_pages,
                         store.get_draft(draft_id), export, first_page_png(pdf), tuple(companions))


def _store_folder(store: Store) -> Path | None:
    """The data folder holding the store's file (None for a database server: the default folder is used)."""
    return Path(store.path).parent if store.path is not None else None
