"""A valid package folder built by hand (package.md §2 layout), for tests, the hostile generator and benchmarks.

The submission is the form engine's own made-up sample, so a package written
here is 完整 end to end: hashes, binding code and data validation.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Sequence, Union

from desktop.engine.submission import canonical_bytes
from desktop.forms.registry import get_form
from desktop.package.binding import binding_sha256, code_from_sha256
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
                  seed: int = 0, created_at: str = CREATED_AT) -> Path:
    """Create ``root`` as a complete package folder and return it."""
    root.mkdir(parents=True, exist_ok=True)
    submission = sample_submission(get_form(FORM_ID), seed)
    submission_bytes = canonical_bytes(submission)
    profile = submission["data"]["profile"]
    entries = [_put(root, SUBMISSION, submission_bytes, "data", seed),
               _put(root, DOC_PDF, b"%PDF-1.7\n% stand-in for the rendered form\n" * 50, "document", seed),
               _put(root, DOC_DOCX, b"PK\x03\x04 stand-in docx " * 60, "document", seed)]
    entries += [_put(root, path, content, "attachment", seed) for path, content in attachments]
    binding = binding_sha256(submission_bytes, [e["sha256"] for e in entries if e["role"] == "attachment"])
    code = code_from_sha256(binding)
    readme = (f"携手填报 数据包\r\n企业：{profile['name']}\r\n装订码：{code}\r\n").encode("utf-8-sig")
    entries.append(_put(root, README, readme, "document", seed))
    manifest = {
        "format": "xieshou-package", "format_version": 1,
        "program": {"name": "xieshou", "version": "0.1.0"},
        "created_at": created_at,
        "campaign": {"id": "2023-jiebang", "notice": "工信厅企业函〔2023〕88号"},
        "forms": [{"id": FORM_ID, "edition": "2023", "title": "大企业技术创新需求表"}],
        "submitter": {"name": profile["name"], "uscc": profile["uscc"], "province": profile["province"],
                      "channel": submission["data"]["channel"]},
        "binding_code": code, "binding_sha256": binding,
        "files": sorted(entries, key=lambda e: e["path"]),
    }
    (root / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
    return root


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
