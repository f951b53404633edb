"""A valid package folder built by hand (docs/package.md §2 layout), for tests, the hostile generator and benchmarks.

The submission is the form engine's own made-up sample, so a package written
here is 完整 end to end: hashes, binding code and data validation.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Callable, Sequence, Union

from desktop.engine.submission import canonical_bytes
from desktop.forms.registry import get_form
from desktop.package.binding import binding_sha256, code_from_sha256, is_bound
from desktop.samples import sample_submission

CREATED_AT = "2023-04-20T10:15:00+08:00"
FORM_ID = "2023-a1-needs"
DOC_PDF = "documents/附件1_大企业技术创新需求表.pdf"
DOC_DOCX = "documents/附件1_大企业技术创新需求表.docx"
README = "说明.txt"
SUBMISSION = "data/submission.json"
DEFAULT_ATTACHMENTS: tuple[tuple[str, Union[bytes, int]], ...] = (
    ("attachments/01_营业执照.pdf", b"%PDF-1.4\n% made-up licence scan\n" * 40),
    ("attachments/02_研发投入说明.docx", 5000),
)
Content = Union[bytes, int]  # bytes, or a size to fill with pseudo-random bytes (streamed)


def write_package(root: Path, *, attachments: Sequence[tuple[str, Content]] = DEFAULT_ATTACHMENTS,
                  seed: int = 0, created_at: str = CREATED_AT, form_id: str = FORM_ID,
                  companions: Sequence[str] = (), revision: int = 1, edit: Callable[[dict], None] | None = None,
                  draft: bool = False) -> Path:
    """Create ``root`` as a complete package folder and return it.

    ``companions``: ids of other forms put in beside the primary as ``data/<id>.json`` (their samples
    of the same seed: the same enterprise and need), with stand-in documents of their own.
    ``revision`` and ``edit`` (a function changing each form's data in place, the companions' too)
    make a later revision of the same enterprise's package; ``draft`` marks the package a draft (草稿).
    """
    root.mkdir(parents=True, exist_ok=True)
    form = get_form(form_id)
    submission = {**sample_submission(form, seed), "revision": revision}
    if edit is not None:
        edit(submission["data"])
    submission_bytes = canonical_bytes(submission)
    profile = submission["data"]["profile"]
    entries = [_put(root, SUBMISSION, submission_bytes, "data", seed), *_documents(root, form, seed)]
    others = [get_form(other) for other in companions]
    for other in others:
        companion = {**sample_submission(other, seed), "revision": revision}
        if edit is not None:
            edit(companion["data"])
        data = canonical_bytes(companion)
        entries += [_put(root, companion_path(other.id), data, "data", seed), *_documents(root, other, seed)]
    entries += [_put(root, path, content, "attachment", seed) for path, content in attachments]
    binding = binding_sha256(submission_bytes, [e["sha256"] for e in entries if is_bound(e["path"], e["role"])])
    code = code_from_sha256(binding)
    readme = (f"携手填报 数据包\r\n企业：{profile['name']}\r\n装订码：{code}\r\n").encode("utf-8-sig")
    entries.append(_put(root, README, readme, "document", seed))
    manifest = {
        "format": "xieshou-package", "format_version": 1,
        "program": {"name": "xieshou", "version": "0.1.0"},
        "created_at": created_at,
        "campaign": {"id": "2023-jiebang", "notice": "工信厅企业函〔2023〕88号"},
        "forms": [{"id": f.id, "edition": f.edition, "title": f.title} for f in (form, *others)],
        "submitter": {"name": profile["name"], "uscc": profile["uscc"], "province": profile["province"],
                      "channel": submission["data"].get("channel")},
        "binding_code": code, "binding_sha256": binding, **({"draft": True} if draft else {}),
        "files": sorted(entries, key=lambda e: e["path"]),
    }
    (root / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    return root


def companion_path(form_id: str) -> str:
    return f"data/{form_id}.json"


def _documents(root: Path, form, seed: int) -> list[dict]:
    """Stand-ins for the rendered PDF and Word file (the verifier checks their hashes, not their pages)."""
    return [_put(root, f"documents/{form.document_name}.pdf", b"%PDF-1.7\n% stand-in for the rendered form\n" * 50,
                 "document", seed),
            _put(root, f"documents/{form.document_name}.docx", b"PK\x03\x04 stand-in docx " * 60, "document", seed)]


def reseal(root: Path, path: str, data: bytes, *, keep_binding: bool = False) -> None:
    """Write ``data`` as the package's ``path`` and make its size, hash and (unless kept) the binding agree."""
    (root / path).write_bytes(data)
    manifest = read_manifest(root)
    for entry in manifest["files"]:
        if entry["path"] == path:
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    if not keep_binding:
        rebind(root, manifest)
    write_manifest(root, manifest)


def rebind(root: Path, manifest: dict) -> None:
    """Binding code of ``manifest`` recomputed, by the export's rule, from the files it lists."""
    bound = [e["sha256"] for e in manifest["files"] if is_bound(e["path"], e["role"])]
    manifest["binding_sha256"] = binding_sha256((root / SUBMISSION).read_bytes(), bound)
    manifest["binding_code"] = code_from_sha256(manifest["binding_sha256"])


def _put(root: Path, relpath: str, content: Content, role: str, seed: int) -> dict:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with open(path, "wb") as out:
        for chunk in _chunks(content, f"{seed}:{relpath}"):
            digest.update(chunk)
            out.write(chunk)
    return {"path": relpath, "size": path.stat().st_size, "sha256": digest.hexdigest(), "role": role}


def _chunks(content: Content, seed: str):
    if isinstance(content, bytes):
        yield content
        return
    rng = random.Random(seed)
    left = content
    while left > 0:
        size = min(left, 4 * 1024 * 1024)
        yield rng.randbytes(size)
        left -= size


def read_manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text("utf-8"))


def write_manifest(root: Path, manifest: dict) -> None:
    (root / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
