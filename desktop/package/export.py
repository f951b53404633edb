"""From a draft to a package folder: validate, bind, render, write (package.md §1–§3).

The same function serves the GUI's export page and ``xieshou export``; the
ISO image (``desktop.package.iso``) is built from the folder it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.model import ERROR, Form, Problem
from desktop.engine.submission import canonical_bytes, make_submission

from .binding import binding_sha256, code_from_sha256
from .folder import PackageFile, readme_text, safe_name, write_package
from .manifest import SUBMISSION_PATH, FileEntry, build_manifest
from .progress import CancelCheck, Progress, check_cancel, report


class ExportRefused(Exception):
    """The final export was refused; ``problems`` lists the errors to fix first."""

    def __init__(self, problems: list[Problem]):
        lines = "\n".join(f"· {p.message}" for p in problems[:20])
        more = f"\n……另有 {len(problems) - 20} 处" if len(problems) > 20 else ""
        super().__init__(f"还有 {len(problems)} 处错误，不能导出正式材料，请先修改：\n{lines}{more}")
        self.problems = problems


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    binding_code: str
    binding_sha256: str
    submission: dict
    files: tuple[FileEntry, ...]
    pdf_pages: int
    warnings: tuple[Problem, ...]


def check_export(form: Form, raw: dict) -> list[Problem]:
    """Every problem a final export would meet: validation plus characters the print font lacks."""
    from desktop.documents.glyphs import missing_glyph_problems

    submission, cleaned = make_submission(form, raw)
    return list(cleaned.problems) + missing_glyph_problems(form, submission)


def submitter_of(submission: dict) -> dict:
    data = submission["data"]
    profile = data.get("profile") or {}
    return {"name": profile.get("name"), "uscc": profile.get("uscc"),
            "province": profile.get("province"), "channel": data.get("channel")}


def package_folder_name(form: Form, submission: dict, code: str, draft: bool) -> str:
    name = safe_name(submitter_of(submission)["name"] or "未填写企业名称", 24)
    suffix = "_草稿" if draft else ""
    return f"{form.attachment_no}_{name}_第{submission['revision']}版_{code[:9]}{suffix}"


def export_package(form: Form, raw: dict, out_dir: Path, *, revision: int = 1, created_at: dt.datetime,
                   draft: bool = False, seam_guide: bool = False, attachment_store=None,
                   progress: Progress | None = None, cancel: CancelCheck | None = None) -> ExportResult:
    """Write the package folder for a draft's raw data.

    Attached files are taken from ``attachment_store`` (the user's store by
    default); raises ExportRefused, AttachmentError, DocumentError, Cancelled, OSError.
    """
    from desktop.attachments import default_store, package_files
    from desktop.documents.glyphs import missing_glyph_problems
    from desktop.documents.layout import DocMeta
    from desktop.documents.pdf import render_pdf
    from desktop.documents.word import render_docx

    submission, cleaned = make_submission(form, raw, revision)
    problems = list(cleaned.problems) + missing_glyph_problems(form, submission)
    errors = [p for p in problems if p.level == ERROR]
    if errors and not draft:
        raise ExportRefused(errors)
    attachments = package_files(form, raw, attachment_store or default_store())
    data_bytes = canonical_bytes(submission)
    digest = binding_sha256(data_bytes, [a.sha256 for a in attachments])
    code = code_from_sha256(digest)
    meta = DocMeta(binding_code=code, binding_sha256=digest, revision=revision, created_at=created_at,
                   draft=draft, seam_guide=seam_guide)
    report(progress, 1, 4)
    pdf = render_pdf(form, submission, meta)
    check_cancel(cancel)
    report(progress, 2, 4)
    docx = render_docx(form, submission, meta)
    check_cancel(cancel)
    report(progress, 3, 4)
    files = [PackageFile(SUBMISSION_PATH, "data", data_bytes),
             PackageFile(f"documents/{form.document_name}.pdf", "document", pdf.data),
             PackageFile(f"documents/{form.document_name}.docx", "document", docx),
             *attachments]
    target = Path(out_dir) / package_folder_name(form, submission, code, draft)
    submitter = submitter_of(submission)
    campaign = _campaign_of(form)
    entries = write_package(
        target, files,
        manifest_for=lambda entries: build_manifest(
            form=form, submitter=submitter, created_at=created_at, campaign=campaign, binding_code=code,
            binding_sha256=digest, files=entries, draft=draft),
        readme_for=lambda entries: readme_text(
            title=f"{form.attachment_no} {form.title}", submitter=submitter, created_at=created_at,
            binding_code=code, revision=revision, entries=entries, campaign_notice=campaign.get("notice", ""),
            draft=draft),
        cancel=cancel)
    report(progress, 4, 4)
    return ExportResult(target, code, digest, submission, tuple(entries), pdf.pages,
                        tuple(p for p in problems if p.level != ERROR))


def _campaign_of(form: Form) -> dict:
    from desktop.rules.campaign import all_campaigns

    for campaign in all_campaigns():
        if campaign.id == form.campaign:
            return {"id": campaign.id, "notice": campaign.notice}
    return {"id": form.campaign, "notice": ""}
