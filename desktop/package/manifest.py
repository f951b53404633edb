"""manifest.json of a disc package (docs/package.md §2) — key names are a contract."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop import PROGRAM_NAME, __version__
from desktop.engine.model import Form

FORMAT = "xieshou-package"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SUBMISSION_PATH = "data/submission.json"
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class FileEntry:
    path: str      # relative, "/"-separated
    size: int
    sha256: str
    role: str      # data | document | attachment

    def to_json(self) -> dict:
        return {"path": self.path, "size": self.size, "sha256": self.sha256, "role": self.role}


def sha256_file(path: Path, block: int = 1 << 20) -> tuple[int, str]:
    """(size, hex digest), streamed so big attachments never sit in memory whole."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while chunk := handle.read(block):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def entry_for_bytes(path: str, data: bytes, role: str) -> FileEntry:
    return FileEntry(path, len(data), hashlib.sha256(data).hexdigest(), role)


def china_time(moment: dt.datetime) -> str:
    """ISO 8601 with +08:00, seconds precision."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CHINA_TZ)
    return moment.astimezone(CHINA_TZ).replace(microsecond=0).isoformat()


def build_manifest(*, forms: list[Form], submitter: dict, created_at: dt.datetime, campaign: dict,
                   binding_code: str, binding_sha256: str, files: list[FileEntry], draft: bool,
                   answers_notice: str | None = None) -> dict:
    """``forms``: the primary form (``data/submission.json``) first, then the companions.

    ``answers_notice``: the id of the 补正通知 this revision answers; the key is present only then.
    """
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "program": {"name": PROGRAM_NAME, "version": __version__},
        "created_at": china_time(created_at),
        "campaign": campaign,
        "forms": [{"id": form.id, "edition": form.edition, "title": form.title} for form in forms],
        "submitter": submitter,
        "binding_code": binding_code, "binding_sha256": binding_sha256,
        "draft": draft,
        "files": [f.to_json() for f in sorted(files, key=lambda f: f.path)],
    }
    if answers_notice:
        manifest["answers_notice"] = answers_notice
    return manifest
