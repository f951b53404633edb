"""From a draft to a package folder: validate, bind, render, write (docs/package.md §1–§3).

The same function serves the GUI's export page and ``xieshou export``; the
ISO image (``desktop.package.iso``) is built from the folder it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from desktop.engine.model import ERROR, Form, Problem
from desktop.engine.schema import iter_fields, record_items
from desktop.engine.submission import canonical_bytes, make_submission

from .binding import binding_sha256, code_from_sha256, is_bound
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


class CompanionRefused(ValueError):
    """A companion that cannot share the package (another need or enterprise, a form twice); Chinese message."""


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    binding_code: str
    binding_sha256: str
    submission: dict
    files: tuple[FileEntry, ...]
    pdf_pages: int                                   # the primary form's PDF
    warnings: tuple[Problem, ...]
    document_pages: tuple[tuple[str, int], ...] = ()  # (path, pages) of every form's PDF, the primary's first


@dataclass(frozen=True)
class _Filled:
    """One form of the package: its submission and every problem it has (companions' messages prefixed)."""

    form: Form
    submission: dict
    problems: tuple[Problem, ...]
    data_path: str


def companion_data_path(form: Form) -> str:
    """``data/2023-a2-match.json``: a companion form's data beside the primary ``data/submission.json``."""
    return f"data/{form.id}.json"


def check_export(form: Form, raw: dict) -> list[Problem]:
    """Every problem a final export would meet: validation plus characters the print font lacks."""
    from desktop.documents.glyphs import missing_glyph_problems

    submission, cleaned = make_submission(form, raw)
    return list(cleaned.problems) + missing_glyph_problems(form, submission)


def check_companions(form: Form, raw: dict, companions: Sequence[tuple[Form, dict]]) -> None:
    """CompanionRefused unless each companion is another form answering the same need for the same enterprise.

    "The same need" is the first of the forms' common fields (``Form.shared_fields``), as linked drafts.
    """
    from desktop.linking import enterprise_code, shared_key

    seen = {form.id}
    for other, other_raw in companions:
        name = f"{other.attachment_no} {other.title}"
        if other.id in seen:
            raise CompanionRefused(f"{name} 出现了两次：一个材料包中每种表格只能有一份，请只保留一份")
        seen.add(other.id)
        if not form.shared_fields or tuple(other.shared_fields) != tuple(form.shared_fields):
            raise CompanionRefused(f"{name} 不能与 {form.attachment_no} {form.title} 放在同一个材料包中："
                                   "只有回答同一需求的配套表格才能一并导出")
        key = form.shared_fields[0]
        if not shared_key(form, raw) or shared_key(form, raw) != shared_key(other, other_raw):
            raise CompanionRefused(
                f"{other.attachment_no}的{_label(form, key)}“{_shown(other_raw.get(key))}”与{form.attachment_no}的"
                f"“{_shown(raw.get(key))}”不同：只有回答同一需求的表格才能一并导出，请核对后再导出")
        codes = enterprise_code(raw), enterprise_code(other_raw)
        if all(codes) and codes[0] != codes[1]:
            raise CompanionRefused(f"{other.attachment_no}的统一社会信用代码 {codes[1]} 与{form.attachment_no}的 "
                                   f"{codes[0]} 不同：只有同一企业的表格才能一并导出，请核对后再导出")


def _label(form: Form, path: str) -> str:
    return next((f.label for p, f in iter_fields(record_items(form)) if p == path), path)


def _shown(value) -> str:
    return str(value).strip() if value not in (None, "") else "（未填写）"


def submitter_of(submission: dict) -> dict:
    data = submission["data"]
    profile = data.get("profile") or {}
    return {"name": profile.get("name") or data.get("unit"), "uscc": profile.get("uscc"),  # unit: 2024 报送单位
            "province": profile.get("province"), "channel": data.get("channel")}


def package_folder_name(form: Form, submission: dict, code: str, draft: bool) -> str:
    name = safe_name(submitter_of(submission)["name"] or "未填写企业名称", 24)
    suffix = "_草稿" if draft else ""
    return f"{form.attachment_no}_{name}_第{submission['revision']}版_{code[:9]}{suffix}"


def export_package(form: Form, raw: dict, out_dir: Path, *, revision: int = 1, created_at: dt.datetime,
                   draft: bool = False, seam_guide: bool = False, attachment_store=None,
                   companions: Sequence[tuple[Form, dict]] = (),
                   progress: Progress | None = None, cancel: CancelCheck | None = None) -> ExportResult:
    """Write the package folder for a draft's raw data.

    ``companions``: other forms' raw data answering the same need (a 附件2 beside its 附件3);
    each goes in as ``data/<form id>.json`` with its own documents, under the same revision and
    binding code.  Attached files are taken from the primary form, from ``attachment_store``
    (the user's store by default).  Raises ExportRefused, CompanionRefused, AttachmentError,
    DocumentError, Cancelled, OSError.
    """
    from desktop.attachments import default_store, package_files
    from desktop.documents.layout import DocMeta

    check_companions(form, raw, companions)
    notice = answers_notice(raw, companions)
    filled = [_fill(form, raw, revision, "", SUBMISSION_PATH, notice)]
    filled += [_fill(f, r, revision, f"{f.attachment_no}：", companion_data_path(f), notice) for f, r in companions]
    problems = [p for one in filled for p in one.problems] + _disagreements(filled)
    errors = [p for p in problems if p.level == ERROR]
    if errors and not draft:
        raise ExportRefused(errors)
    data_files = [PackageFile(one.data_path, "data", canonical_bytes(one.submission)) for one in filled]
    store = attachment_store or default_store()
    attachments = package_files(form, raw, store)
    digest = binding_sha256(data_files[0].data, [_sha256(f) for f in [*data_files, *attachments]
                                                 if is_bound(f.path, f.role)])
    code = code_from_sha256(digest)
    meta = DocMeta(binding_code=code, binding_sha256=digest, revision=revision, created_at=created_at,
                   draft=draft, seam_guide=seam_guide, answers_notice=notice or "")
    documents, pages = _render_all(filled, meta, progress, cancel, photos=_photo_files(store))
    submission = filled[0].submission
    target = Path(out_dir) / package_folder_name(form, submission, code, draft)
    submitter = submitter_of(submission)
    campaign = _campaign_of(form)
    forms = [one.form for one in filled]
    entries = write_package(
        target, [*data_files, *documents, *attachments],
        manifest_for=lambda entries: build_manifest(
            forms=forms, submitter=submitter, created_at=created_at, campaign=campaign, binding_code=code,
            binding_sha256=digest, files=entries, draft=draft, answers_notice=notice),
        readme_for=lambda entries: readme_text(
            forms=[(f"{one.form.attachment_no} {one.form.title}", one.data_path) for one in filled],
            submitter=submitter, created_at=created_at, binding_code=code, revision=revision, entries=entries,
            campaign_notice=campaign.get("notice", ""), draft=draft, answers_notice=notice),
        cancel=cancel)
    report(progress, 1, 1)
    return ExportResult(target, code, digest, submission, tuple(entries), pages[0][1],
                        tuple(p for p in problems if p.level != ERROR), tuple(pages))


def answers_notice(raw: dict, companions: Sequence[tuple[Form, dict]] = ()) -> str | None:
    """The id of the 补正通知 this export answers: the one the draft (or a companion's draft) holds."""
    from desktop.correction.drafts import answered_notice_id

    for one in (raw, *(r for _, r in companions)):
        found = answered_notice_id(one)
        if found:
            return found
    return None


def _fill(form: Form, raw: dict, revision: int, prefix: str, data_path: str, notice: str | None = None) -> _Filled:
    from desktop.documents.glyphs import missing_glyph_problems

    submission, cleaned = make_submission(form, raw, revision)
    if notice:  # the revision names the correction notice it answers (docs/desk-outputs.md §1)
        submission["answers_notice"] = notice
    problems = list(cleaned.problems) + missing_glyph_problems(form, submission)
    if prefix:  # a companion's problems say which form they are in: 附件2：请填写……
        problems = [dataclasses.replace(p, message=prefix + p.message) for p in problems]
    return _Filled(form, submission, tuple(problems), data_path)


def _disagreements(filled: list[_Filled]) -> list[Problem]:
    """The companions against the primary form: one enterprise, one need, one set of facts (desktop.package.agreement)."""
    from .agreement import CODE, differences, message

    primary = filled[0]
    return [Problem(d.path, ERROR, CODE, message(primary.form, one.form, d)) for one in filled[1:]
            for d in differences(primary.form, primary.submission["data"], one.form, one.submission["data"])]


def _sha256(item: PackageFile) -> str:
    return item.sha256 or hashlib.sha256(item.data).hexdigest()


def _photo_files(store):
    """Where photo tables find their pictures: the attachment store (sha256 → file)."""
    from desktop.attachments.store import is_sha256

    return lambda sha256: store.path_of(sha256) if is_sha256(sha256) and store.has(sha256) else None


def _render_all(filled: list[_Filled], meta, progress: Progress | None, cancel: CancelCheck | None,
                photos=None) -> tuple[list[PackageFile], list[tuple[str, int]]]:
    """PDF and Word of every form, all with the same binding code (footer and QR); and each PDF's pages."""
    from desktop.documents.pdf import render_pdf
    from desktop.documents.word import render_docx

    steps = 2 * len(filled) + 1
    documents: list[PackageFile] = []
    pages: list[tuple[str, int]] = []
    for index, one in enumerate(filled):
        report(progress, 2 * index + 1, steps)
        pdf = render_pdf(one.form, one.submission, meta, photos)
        check_cancel(cancel)
        report(progress, 2 * index + 2, steps)
        docx = render_docx(one.form, one.submission, meta, photos)
        check_cancel(cancel)
        path = f"documents/{one.form.document_name}"
        documents += [PackageFile(f"{path}.pdf", "document", pdf.data), PackageFile(f"{path}.docx", "document", docx)]
        pages.append((f"{path}.pdf", pdf.pages))
    report(progress, steps - 1, steps)
    return documents, pages


def _campaign_of(form: Form) -> dict:
    from desktop.rules.campaign import all_campaigns

    for campaign in all_campaigns():
        if campaign.id == form.campaign:
            return {"id": campaign.id, "notice": campaign.notice}
    return {"id": form.campaign, "notice": ""}
