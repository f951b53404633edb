"""A received package folder read back for the desk's outputs: manifest and every form's submission.

Input: a package folder as ``xieshou export`` writes it (and the desk keeps it
after ``desk receive``).  Output: :class:`PackageData` — binding code,
revision, submitter and, for each form of the package (the primary first),
its form definition (None when this program does not know it) and its
submission envelope.  The folder has been verified on arrival, but it is read
again with the same limits as a disc (sizes and nesting capped before parsing):
a workspace can be edited behind the program's back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.model import Form
from desktop.oserrors import os_reason
from desktop.package.manifest import MANIFEST_NAME, SUBMISSION_PATH
from desktop.package.package_check import MANIFEST_MAX_BYTES, SUBMISSION_MAX_BYTES
from desktop.package.safe_json import JsonRefused, loads_limited, printable

DATA_PATH = re.compile(r"^data/[A-Za-z0-9_-][A-Za-z0-9._-]{0,80}\.json$")   # never leaves the folder
MAX_FORMS = 9                  # the submission and at most 8 companions, as verify allows


class PackageUnreadable(ValueError):
    """The folder is not a readable package; the message (Chinese) names the folder and the problem."""


@dataclass(frozen=True)
class FormData:
    form_id: str
    edition: str
    form: Form | None
    submission: dict            # the envelope: format, form, edition, revision, data …
    data_path: str

    @property
    def data(self) -> dict:
        data = self.submission.get("data")
        return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class PackageData:
    folder: Path
    manifest: dict
    binding_code: str
    created_at: str
    forms: tuple[FormData, ...]

    @property
    def primary(self) -> FormData:
        return self.forms[0]

    @property
    def revision(self) -> int:
        value = self.primary.submission.get("revision")
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 1

    @property
    def submitter(self) -> dict:
        value = self.manifest.get("submitter")
        return value if isinstance(value, dict) else {}

    def text(self, key: str) -> str:
        """A submitter value (name, uscc, province, channel) as text, "" when absent."""
        value = self.submitter.get(key)
        return value if isinstance(value, str) else ""

    def form_data(self, form_id: str) -> FormData | None:
        return next((f for f in self.forms if f.form_id == form_id), None)


def read_package(folder: Path | str) -> PackageData:
    folder = Path(folder)
    manifest = _json(folder, MANIFEST_NAME, MANIFEST_MAX_BYTES)
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise PackageUnreadable(f"{printable(str(folder))} 的 manifest.json 不是数据包清单")
    data_paths = [f.get("path") for f in manifest["files"] if isinstance(f, dict) and f.get("role") == "data"
                  and isinstance(f.get("path"), str) and DATA_PATH.match(f["path"])]
    data_paths = [SUBMISSION_PATH] + sorted(p for p in data_paths if p != SUBMISSION_PATH)
    if len(data_paths) > MAX_FORMS:
        raise PackageUnreadable(f"{printable(str(folder))} 列出了 {len(data_paths)} 个数据文件，超过上限 {MAX_FORMS}")
    forms = tuple(_form_data(folder, path) for path in data_paths)
    code = manifest.get("binding_code")
    return PackageData(folder, manifest, code if isinstance(code, str) else "",
                       str(manifest.get("created_at") or ""), forms)


def _form_data(folder: Path, path: str) -> FormData:
    from desktop.forms.registry import get_form

    submission = _json(folder, path, SUBMISSION_MAX_BYTES)
    if not isinstance(submission, dict):
        raise PackageUnreadable(f"{printable(str(folder / path))} 不是填报数据")
    form_id, edition = (submission.get(k) if isinstance(submission.get(k), str) else "" for k in ("form", "edition"))
    try:
        form = get_form(form_id, edition or None)
    except KeyError:
        form = None
    return FormData(form_id, edition, form, submission, path)


def _json(folder: Path, relative: str, limit: int):
    path = folder / relative
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        return loads_limited(raw, max_bytes=limit)
    except OSError as exc:
        raise PackageUnreadable(f"无法读取 {printable(str(path))}（{os_reason(exc)}）") from None
    except JsonRefused as exc:
        raise PackageUnreadable(f"{printable(str(path))} 无法读取：{exc}") from None
