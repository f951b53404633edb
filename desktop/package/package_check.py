"""One opened source, checked file by file against its manifest (docs/package.md §6).

Limits are applied before reading: manifest ≤ 1 MB, each data file ≤ 20 MB
(the submission and at most 8 companion forms' data), a package ≤ 16 GB of
listed files, and a time budget per package, so a disc that lies about its
sizes or is simply huge gets a verdict instead of a hang.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from desktop.oserrors import os_reason
from .binding import is_bound
from .data_check import (binding_problems, companion_form_problems, data_problems, form_of_data, same_need_problems,
                         typed_code_problems)
from .iso_read import Entry
from .manifest_check import SUBMISSION_PATH, ListedFile, ManifestRefused, ManifestView, check_manifest
from .progress import CancelCheck, check_cancel
from .resolve import Resolution, manifest_entry, namespace_disagreements, resolve
from .safe_json import MB, JsonRefused, loads_limited, printable
from .sources import OpenedSource

MANIFEST_MAX_BYTES = 1 * MB
SUBMISSION_MAX_BYTES = 20 * MB
PACKAGE_MAX_BYTES = 16 * 1024 * MB
TIME_LIMIT_SECONDS = 900.0
CHUNK = 1 * MB
MAX_FOLDER_PROBLEMS = 5
MAX_COMPANIONS = 8               # data files besides data/submission.json (a campaign has a handful of forms)


class TimeUp(Exception):
    pass


DataCheck = Callable[[dict[str, bytes], "ManifestView", dict[str, str], "str | None"], tuple[list[str], "str | None"]]


@dataclass
class Budget:
    """Cancel flag, progress sink (bytes read) and deadline of one package.

    ``check_data`` is where the data files are validated once read: here
    (:func:`data_findings`, the default) or in a worker process
    (:mod:`desktop.package.workers`), with the same result.
    """

    cancel: CancelCheck | None = None
    advance: Callable[[int], None] = lambda n: None
    deadline: float = field(default_factory=lambda: time.monotonic() + TIME_LIMIT_SECONDS)
    check_data: DataCheck | None = None

    def tick(self, count: int) -> None:
        check_cancel(self.cancel)
        if time.monotonic() > self.deadline:
            raise TimeUp()
        self.advance(count)


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    view: ManifestView | None = None
    binding_code: str | None = None

    def add(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)


def check_source(source: OpenedSource, typed_code: str | None, budget: Budget) -> Findings:
    findings = Findings()
    for message in source.problems:
        findings.add(message)
    for listing in source.listings.values():
        for message in listing.problems:
            findings.add(message)
        for entry in listing.entries.values():
            _refuse_special(entry, findings)
    found = manifest_entry(source.listings)
    if found is None:
        findings.add("没有找到 manifest.json：这不是携手填报的数据包，或者光盘、文件夹不完整")
        return findings
    readable, manifest = _read_json(source, found[1], "manifest.json", MANIFEST_MAX_BYTES, findings, budget)
    if not readable:
        return findings
    try:
        findings.view, manifest_problems = check_manifest(manifest)
    except ManifestRefused as exc:
        findings.add(str(exc))
        return findings
    for message in manifest_problems:
        findings.add(message)
    try:
        _check_files(source, findings.view, typed_code, findings, budget)
    except TimeUp:
        findings.add(f"校验超时（超过 {TIME_LIMIT_SECONDS:.0f} 秒），已停止，以上结果不完整")
    return findings


def _check_files(source: OpenedSource, view: ManifestView, typed_code: str | None, findings: Findings,
                 budget: Budget) -> None:
    resolution = resolve(source.listings, [f.path for f in view.files])
    total = sum(f.size for f in view.files)
    if total > PACKAGE_MAX_BYTES:
        findings.add(f"manifest.json 列出的文件共 {total / MB / 1024:.1f} GB，超过上限，不是本程序生成的数据包，未逐个校验")
        return
    actual: dict[str, str] = {}
    data: dict[str, bytes] = {}      # the data files as read, to validate and to bind
    companions = sum(_is_data(f) and f.path != SUBMISSION_PATH for f in view.files)
    if companions > MAX_COMPANIONS:  # each is held in memory while checked: no disc makes us hold hundreds
        findings.add(f"manifest.json 列出了 {companions} 个其他数据文件，超过上限 {MAX_COMPANIONS}，"
                     "不是本程序生成的数据包，只校验了它们的摘要")
    for listed in view.files:
        keep = _is_data(listed) and (companions <= MAX_COMPANIONS or listed.path == SUBMISSION_PATH)
        digest, content = _check_listed(source, resolution.found.get(listed.path), listed, keep, findings, budget)
        if digest is not None:
            actual[listed.path] = digest
            if content is not None:
                data[listed.path] = content
    for entry in resolution.extra:
        if entry.kind == "file":
            findings.add(f"多出文件 {printable(entry.path)}：不在 manifest.json 的清单中")
    listing = source.listings.get(resolution.namespace)
    for message in unlisted_folder_problems(listing.folders if listing else [], resolution):
        findings.add(message)
    for message in namespace_disagreements(source.listings, [f.path for f in view.files]):
        findings.add(message)
    problems, findings.binding_code = (budget.check_data or data_findings)(data, view, actual, typed_code)
    for message in problems:
        findings.add(message)


def _check_listed(source: OpenedSource, entry: Entry | None, listed: ListedFile, keep: bool, findings: Findings,
                  budget: Budget) -> tuple[str | None, bytes | None]:
    """Problems of one listed file; its digest (and its bytes, when ``keep``: a data file) when it was read."""
    if entry is None:
        findings.add(f"缺少文件 {printable(listed.path)}（清单中有，光盘或文件夹中没有）")
        return None, None
    if entry.kind != "file":
        _refuse_special(entry, findings)
        return None, None
    if entry.size != listed.size:
        findings.add(f"{printable(listed.path)} 大小不符：清单记载 {listed.size} 字节，实际 {entry.size} 字节")
        return None, None
    if keep and listed.size > SUBMISSION_MAX_BYTES:
        findings.add(f"{printable(listed.path)} 过大（{listed.size / MB:.1f} MB，上限 {SUBMISSION_MAX_BYTES // MB} MB），"
                     "已拒绝读取")
        return None, None
    digest, content = _hash(source, entry, listed.path, keep, findings, budget)
    if digest is not None and digest != listed.sha256:
        findings.add(f"{printable(listed.path)} 内容已被改动：SHA-256 与清单记载不符")
    return digest, content


def unlisted_folder_problems(folders: list[str], resolution: Resolution) -> list[str]:
    """Folders holding no listed file (and no extra file, which is reported itself): empty or nested-empty ones."""
    needed: set[str] = set()
    for entry in (*resolution.found.values(), *resolution.extra):
        parts = entry.path.split("/")[:-1]
        needed.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    unlisted = [folder for folder in folders if folder not in needed]
    problems = [f"多出文件夹 {printable(folder)}：清单中没有它里面的任何文件" for folder in unlisted[:MAX_FOLDER_PROBLEMS]]
    if len(unlisted) > MAX_FOLDER_PROBLEMS:
        problems.append(f"另有 {len(unlisted) - MAX_FOLDER_PROBLEMS} 个多出的文件夹未列出")
    return problems


def _is_data(listed: ListedFile) -> bool:
    """A file read whole and validated: the submission, and every other file with the role "data"."""
    return listed.path == SUBMISSION_PATH or listed.role == "data"


def data_findings(data: dict[str, bytes], view: ManifestView, actual: dict[str, str],
                  typed_code: str | None) -> tuple[list[str], str | None]:
    """The problems of the data files as read (the data's own first, then the binding's) and the disc's code.

    ``data``: the bytes of each data file read whole; ``actual``: the digest of
    every listed file read.  Reads nothing and depends on nothing else, so it
    gives the same answer in a worker process.
    """
    submission, problems, binding, code = _submission_problems(data.get(SUBMISSION_PATH), view, actual, typed_code)
    named = []
    for listed in view.files:
        if listed.path == SUBMISSION_PATH or listed.role != "data" or listed.path not in data:
            continue
        try:
            companion = loads_limited(data[listed.path], max_bytes=SUBMISSION_MAX_BYTES)
        except JsonRefused as exc:
            problems.append(f"{printable(listed.path)} 无法读取：{exc}")
            continue
        named.append(form_of_data(companion))
        problems += data_problems(companion, view, listed.path) + same_need_problems(listed.path, companion, submission)
    problems += companion_form_problems(view, named)
    return problems + binding, code


def _submission_problems(raw: bytes | None, view: ManifestView, actual: dict[str, str], typed_code: str | None,
                         ) -> tuple[Any, list[str], list[str], str | None]:
    """(data/submission.json as read or None, its problems, the binding code's problems, the code the disc gives)."""
    if raw is None:
        return None, [], typed_code_problems(typed_code, None), view.binding_code if view.binding_code else None
    bound = [actual.get(f.path, f.sha256) for f in view.files if is_bound(f.path, f.role)]
    binding, code = binding_problems(raw, view, bound, typed_code)
    try:
        submission = loads_limited(raw, max_bytes=SUBMISSION_MAX_BYTES)
    except JsonRefused as exc:
        return None, [f"{SUBMISSION_PATH} 无法读取：{exc}"], binding, code
    return submission, data_problems(submission, view), binding, code


def _refuse_special(entry: Entry, findings: Findings) -> None:
    if entry.kind == "link":
        findings.add(f"包含链接文件 {printable(entry.path)}，已拒绝读取")
    elif entry.kind == "other":
        findings.add(f"{printable(entry.path)} 不是普通文件（设备、管道或分段文件），已拒绝读取")


def _read_json(source: OpenedSource, entry: Entry, name: str, limit: int, findings: Findings,
               budget: Budget) -> tuple[bool, Any]:
    """(True, value) or (False, None) with the reason added to ``findings``."""
    if entry.kind != "file":
        _refuse_special(entry, findings)
        return False, None
    if entry.size > limit:
        findings.add(f"{name} 过大（{entry.size / MB:.1f} MB，上限 {limit // MB} MB），已拒绝读取")
        return False, None
    _, raw = _hash(source, entry, name, True, findings, budget)
    if raw is None:
        return False, None
    try:
        return True, loads_limited(raw, max_bytes=limit)
    except JsonRefused as exc:
        findings.add(f"{name} 无法读取：{exc}")
        return False, None


def _hash(source: OpenedSource, entry: Entry, name: str, keep: bool, findings: Findings,
          budget: Budget) -> tuple[str | None, bytes | None]:
    """SHA-256 of the entry (and its bytes when ``keep``), reading at most its listed size."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    try:
        with source.open_entry(entry) as stream:
            for chunk in _chunks(stream, entry.size, reuse=not keep):
                digest.update(chunk)
                if keep:
                    parts.append(chunk)
                budget.tick(len(chunk))
    except OSError as exc:
        findings.add(f"无法读取 {printable(name)}：{os_reason(exc)}")
        return None, None
    return digest.hexdigest(), b"".join(parts) if keep else None


def _chunks(stream: Any, size: int, reuse: bool) -> Iterator[bytes | memoryview]:
    """The first ``size`` bytes of ``stream`` in pieces of at most CHUNK; OSError when it ends sooner.

    With ``reuse`` (a piece is not kept after the next is asked for) the pieces are read into one buffer,
    sparing a fresh megabyte per read.
    """
    left = size
    view = memoryview(bytearray(min(CHUNK, size))) if reuse and hasattr(stream, "readinto") else None
    while left > 0:
        if view is not None:
            count = stream.readinto(view[:min(CHUNK, left)]) or 0
            chunk: bytes | memoryview = view[:count]
        else:
            chunk = stream.read(min(CHUNK, left))
            count = len(chunk)
        if not count:
            raise OSError("文件比记录的短，可能已损坏")
        left -= count
        yield chunk
