"""Writing the package folder (docs/package.md §2): 说明.txt, manifest.json, data/, documents/, attachments/.

The folder is assembled next to its final place and renamed into it at the
end, so a cancelled or failed export never leaves half a package behind and
an earlier package of the same name stays intact until the new one is whole.
The work folder is made with ``os.mkdir`` (the user's umask applies: an
officer copying the disc must be able to read it, which mkdtemp's 0700 would
not allow) and holds an OS lock while the export runs; a work folder left by
a killed export has no live lock and is removed by :func:`clean_stale_work`
at the next export into the same folder or the next start of the program.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .manifest import MANIFEST_NAME, FileEntry, china_time, entry_for_bytes, sha256_file
from .progress import CancelCheck, Progress, check_cancel, report

FORBIDDEN = set('\\/:*?"<>|') | {chr(c) for c in range(32)}
WORK_PREFIX = ".xieshou-"
_LOCK_NAME = ".export-lock"
_UNLOCKED_GRACE_SECONDS = 600   # a work folder without its lock file is taken as stale after this long


@dataclass(frozen=True)
class PackageFile:
    """One file to put in the package: bytes made by the program, or a stored attachment."""

    path: str
    role: str
    data: bytes | None = None
    source: Path | None = None
    sha256: str = ""        # known in advance for stored attachments (it goes into the binding code)


def safe_name(text: str, limit: int = 40) -> str:
    """A file-name part without Windows-forbidden characters, at most ``limit`` characters."""
    cleaned = "".join("_" if ch in FORBIDDEN else ch for ch in text).strip(" .")
    return cleaned[:limit] or "未命名"


def write_package(target: Path, files: list[PackageFile], manifest_for, readme_for, *,
                  progress: Progress | None = None, cancel: CancelCheck | None = None) -> list[FileEntry]:
    """Write ``files`` + manifest + 说明.txt into ``target`` (replaced whole); returns the file entries.

    ``manifest_for(entries) -> dict`` and ``readme_for(entries) -> str`` build
    the two index files once every file's size and hash are known.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_work(target.parent)
    work, lock = _make_work(target.parent)
    try:
        entries = _write_files(work, files, progress, cancel)
        readme = readme_for(entries).replace("\r\n", "\n").replace("\n", "\r\n")
        readme_entry = entry_for_bytes("说明.txt", "\ufeff".encode() + readme.encode("utf-8"), "document")
        (work / "说明.txt").write_bytes("\ufeff".encode() + readme.encode("utf-8"))
        entries.append(readme_entry)
        manifest = manifest_for(entries)
        (work / MANIFEST_NAME).write_bytes(
            json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8") + b"\n")
        check_cancel(cancel)
        _unlock(work, lock)
        lock = None
        _swap_into_place(work, target)
    except BaseException:
        if lock is not None:
            _unlock(work, lock)
        shutil.rmtree(work, ignore_errors=True)
        raise
    return entries


def _make_work(parent: Path):
    from desktop.store.lock import InstanceLock

    while True:
        work = parent / f"{WORK_PREFIX}{secrets.token_hex(6)}"
        try:
            os.mkdir(work, 0o777)  # the umask applies, as for any folder the user makes
            break
        except FileExistsError:
            continue
    try:
        return work, InstanceLock.acquire(work / _LOCK_NAME)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _unlock(work: Path, lock) -> None:
    lock.release()
    try:
        os.unlink(work / _LOCK_NAME)
    except OSError:
        pass


def clean_stale_work(parent: Path) -> list[Path]:
    """Remove the work folders of exports that were killed (no live lock); the folders removed."""
    from desktop.store.errors import StoreLockedError
    from desktop.store.lock import InstanceLock

    removed = []
    try:
        candidates = [p for p in Path(parent).iterdir() if p.name.startswith(WORK_PREFIX) and p.is_dir()
                      and not p.is_symlink()]
    except OSError:
        return removed
    for work in candidates:
        lock_file = work / _LOCK_NAME
        try:
            if not lock_file.exists():
                if time.time() - work.stat().st_mtime < _UNLOCKED_GRACE_SECONDS:
                    continue  # just made, or being renamed into place
            else:
                InstanceLock.acquire(lock_file).release()  # StoreLockedError: an export is running
        except (StoreLockedError, OSError):
            continue
        shutil.rmtree(work, ignore_errors=True)
        removed.append(work)
    return removed


def _write_files(work: Path, files: list[PackageFile], progress, cancel) -> list[FileEntry]:
    total = sum(len(f.data) if f.data is not None else f.source.stat().st_size for f in files) or 1
    done, entries = 0, []
    for item in files:
        check_cancel(cancel)
        dest = work / item.path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if item.data is not None:
            dest.write_bytes(item.data)
            entries.append(entry_for_bytes(item.path, item.data, item.role))
        else:
            shutil.copyfile(item.source, dest)
            size, digest = sha256_file(dest)
            entries.append(FileEntry(item.path, size, digest, item.role))
        done += entries[-1].size
        report(progress, done, total)
    return entries


def _swap_into_place(work: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def readme_text(*, forms: list[tuple[str, str]], submitter: dict, created_at, binding_code: str, revision: int,
                entries: list[FileEntry], campaign_notice: str, draft: bool, answers_notice: str | None = None) -> str:
    """``forms``: (附件 number and title, data file) of each form, the primary first."""
    lines = [
        f"{_plain(forms[0][0])}{'（草稿，仅供校对，不能作为正式材料报送）' if draft else ''}",
        "",
        f"报送单位：{_plain(submitter.get('name'))}",
        f"统一社会信用代码：{_plain(submitter.get('uscc'))}",
        f"所在地区：{_plain(submitter.get('province'))}",
        f"组织渠道：{_plain(submitter.get('channel'))}",
        f"依据文件：{_plain(campaign_notice)}",
        f"导出时间：{china_time(created_at)}",
        f"版次：第 {revision} 版" + (f"（按补正通知 {answers_notice} 修改）" if answers_notice else ""),
        f"装订码：{binding_code}（与纸质材料页脚的装订码一致，即为同一份材料）",
        "",
        "表格：",
    ]
    lines += [f"  {_plain(title)}（数据：{data_path}）" for title, data_path in forms]
    lines += ["", "文件清单："]
    lines += [f"  {e.path}  {e.size} 字节  SHA-256 {e.sha256}" for e in sorted(entries, key=lambda e: e.path)]
    lines += ["", "manifest.json 为机器可读的文件清单，请勿修改光盘内容。", "本光盘由携手填报生成。"]
    return "\n".join(lines) + "\n"


def _plain(value) -> str:
    """A value as printed in 说明.txt: one line, no control characters or lone surrogates."""
    from desktop.rules.formats import strip_forbidden

    return " ".join(strip_forbidden(str(value or "")).split("\n")).replace("\r", " ").replace("\t", " ")
