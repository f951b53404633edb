"""An exported package folder read back as the :class:`ExportResult` that wrote it.

The export page keeps the folder of the export it showed; the packing list is
made later (and again after a restart) from what the folder holds, so it always
describes the files that will actually be burned.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence, Union

from desktop.oserrors import os_reason
from .export import ExportResult
from .manifest import MANIFEST_NAME, SUBMISSION_PATH, FileEntry
from .package_check import MANIFEST_MAX_BYTES, SUBMISSION_MAX_BYTES


# Each PDF's pages as the export rendered them: (path, pages) pairs, the primary form's first
# (:attr:`ExportResult.document_pages`), or just the primary's page count.
PdfPages = Union[int, Sequence[tuple[str, int]]]


class ExportedUnreadable(Exception):
    """The folder is not (or no longer) a complete package; the message (Chinese) says what to do."""


def exported_result(folder: Path, pdf_pages: PdfPages) -> ExportResult:
    folder = Path(folder)
    manifest = _json(folder / MANIFEST_NAME, MANIFEST_MAX_BYTES)
    submission = _json(folder / SUBMISSION_PATH, SUBMISSION_MAX_BYTES)
    try:
        files = tuple(FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"]), str(f["role"]))
                      for f in manifest["files"])
        code, digest = str(manifest["binding_code"]), str(manifest["binding_sha256"])
    except (KeyError, TypeError, ValueError):
        raise ExportedUnreadable(f"{folder / MANIFEST_NAME} 缺少文件清单或装订码，请重新导出材料") from None
    if not isinstance(submission, dict):
        raise ExportedUnreadable(f"{folder / SUBMISSION_PATH} 不是填报数据，请重新导出材料")
    if isinstance(pdf_pages, int):
        return ExportResult(folder, code, digest, submission, files, pdf_pages, ())
    pages = tuple((str(path), int(count)) for path, count in pdf_pages)
    return ExportResult(folder, code, digest, submission, files, pages[0][1] if pages else 0, (), pages)


def _json(path: Path, limit: int):
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:
            raise ExportedUnreadable(f"{path} 过大，不是本程序导出的文件，请重新导出材料")
        return json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ExportedUnreadable(f"无法读取 {path}（{os_reason(exc)}）：导出的文件夹可能已被移动或删除，"
                                 "请重新导出材料") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ExportedUnreadable(f"{path} 已损坏，请重新导出材料") from None
