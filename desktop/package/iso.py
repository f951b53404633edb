"""The ISO image of a package folder — what gets burned (docs/package.md §2).

File systems: ISO 9660 (level 1) + Joliet (Windows shows the Chinese names) +
Rock Ridge 1.09 (Linux, including 统信UOS and 麒麟, shows them).

No UDF.  pycdlib can add a UDF 2.60 bridge (7-Zip and ``udfinfo`` read its
output), but: Windows mounts the UDF tree in preference to Joliet whenever one
is present, so the officer's PC would read the less exercised of pycdlib's
writers instead of the Joliet tree that every burner since mkisofs produces;
pycdlib's UDF writer draws a random volume serial and the wall clock in
places our fixed clock does not reach, so images would no longer be
byte-identical; and its directory writer still carries a FIXME for
directories longer than one block (a 150-file directory did read back in
7-Zip, so that is a risk rather than an observed fault).  Joliet + Rock
Ridge already give every reader of these discs (Windows, Linux desktops,
7-Zip) the real names.

Determinism: every timestamp pycdlib writes comes from the manifest's
``created_at`` (in its own UTC offset, normally +08:00) through a fixed clock
handed to pycdlib's modules while the image is composed and written (pycdlib
stamps the modification date as it writes), so a re-export of the same
package gives the same bytes.  The clock is process-wide, so image builds run
one at a time; reading images meanwhile is unaffected.

Streaming: files are added with ``add_file`` — pycdlib opens each one only
while copying it during ``write_fp``, in 1 MiB blocks — so memory does not
grow with the package and one descriptor is open at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import threading
import time as _real_time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pycdlib
from pycdlib import dates as _pycdlib_dates
from pycdlib import headervd as _pycdlib_headervd
from pycdlib import pycdlib as _pycdlib_core
from pycdlib import utils as _pycdlib_utils
from pycdlib.pycdlibexception import PyCdlibException, PyCdlibInvalidInput

from desktop.oserrors import os_reason
from desktop.errorlog import reason
from .disc_names import ISO_MAX_DEPTH, NamePlan, joliet_volume_label, plan_names, primary_volume_id
from .manifest_check import unsafe_path_reason
from .progress import CancelCheck, Cancelled, Progress, check_cancel
from .safe_json import JsonRefused, loads_limited, printable

BLOCK = 2048
COPY_BLOCKSIZE = 1024 * 1024
MB = 1024 * 1024
# Red Book capacities in 2048-byte sectors: 74 min (sold as 650 MB), 80 min (700 MB).
CD74_SECTORS = 333_000
CD80_SECTORS = 360_000
MANIFEST_MAX_BYTES = 1 * MB
FILE_MODE = 0o100444
DIR_MODE = 0o040555


class IsoError(Exception):
    """The image cannot be built; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class IsoResult:
    path: Path
    size: int
    volume_id: str
    joliet_label: str
    file_count: int
    capacity_level: str          # 'ok' | 'warning'
    capacity_message: str
    renamed: tuple[tuple[str, str], ...] = ()  # (package path, name Windows shows)
    skipped: tuple[str, ...] = ()              # files in the folder that the manifest does not list

    @property
    def messages(self) -> tuple[str, ...]:
        """What to tell the user, one Chinese line each: capacity, renamed and left-out files."""
        lines = [self.capacity_message]
        lines += [f"文件名过长，Windows 中显示为：{shown.lstrip('/')}（原名 {path}）" for path, shown in self.renamed]
        lines += [f"{path} 不在数据包清单中，未写入光盘映像" for path in self.skipped]
        return tuple(lines)


def iso_capacity_check(size_bytes: int) -> tuple[str, str]:
    """('ok'|'warning'|'error', Chinese message) for an image of ``size_bytes``."""
    size_mb = size_bytes / MB
    if size_bytes <= CD74_SECTORS * BLOCK:
        return "ok", f"光盘映像 {size_mb:.1f} MB，可刻录到任何 CD-R 光盘（650 MB）。"
    if size_bytes <= CD80_SECTORS * BLOCK:
        return "warning", (f"光盘映像 {size_mb:.1f} MB，超过 650 MB：请使用 80 分钟（700 MB）的 CD-R 光盘，"
                           "刻录前确认光盘包装上标有“700MB / 80min”。")
    return "error", (f"光盘映像 {size_mb:.1f} MB，超过 CD-R 光盘的最大容量 700 MB，无法刻录到 CD。"
                     "请改用 DVD-R（4.7 GB）光盘刻录，或压缩、精简附件后重新导出。")


def build_iso(package_dir: Path, iso_path: Path, *, progress: Progress | None = None,
              cancel: CancelCheck | None = None) -> IsoResult:
    """Write the image of ``package_dir`` to ``iso_path`` (atomically: temp file, then rename)."""
    package_dir, iso_path = Path(package_dir), Path(iso_path)
    manifest = _read_manifest(package_dir)
    listed, skipped = _package_files(package_dir, manifest)
    plan = plan_names([*listed, "manifest.json"])
    volume_id = primary_volume_id(_text(manifest, "forms", 0, "id"), _text(manifest, "submitter", "uscc"))
    label = joliet_volume_label(_text(manifest, "submitter", "name")) or volume_id[:16]
    # pycdlib also stamps the volume modification date while writing: the clock covers both.
    with _fixed_clock(_created_at(manifest)):
        image = _compose(package_dir, plan, volume_id, label)
        try:
            level, message = iso_capacity_check(image.pvd.space_size * BLOCK)
            if level == "error":
                raise IsoError(message)
            _write_atomically(image, iso_path, progress, cancel)
        finally:
            image.close()
    return IsoResult(iso_path, iso_path.stat().st_size, volume_id, label, len(plan.files), level, message,
                     tuple(plan.renamed()), tuple(skipped))


DVD_BYTES = 4_700_000_000


def build_tree_iso(root: Path, iso_path: Path, *, created_at: dt.datetime, volume_id: str, label: str,
                   progress: Progress | None = None, cancel: CancelCheck | None = None) -> IsoResult:
    """The image of every regular file under ``root`` (a forwarding folder holding several packages).

    Same names, file systems, fixed clock and atomic write as a package's image; dates from
    ``created_at``.  Larger than a CD is allowed (a DVD is told), larger than a DVD is refused.
    """
    root, iso_path = Path(root), Path(iso_path)
    files = sorted(_walk_files(root))
    for relpath in files:
        info = os.lstat(root / relpath)
        if not _is_regular(info) or relpath.count("/") >= ISO_MAX_DEPTH:
            raise IsoError(f"{printable(relpath)} 不是普通文件或目录层级过深，无法写入光盘映像")
    plan = plan_names(files)
    with _fixed_clock(created_at):
        image = _compose(root, plan, volume_id, label)
        try:
            size = image.pvd.space_size * BLOCK
            if size > DVD_BYTES:
                raise IsoError(f"光盘映像 {size / MB:.0f} MB，超过 DVD-R 光盘的容量 4.7 GB，请分批报送")
            level, message = iso_capacity_check(size)
            if level == "error":
                level, message = "warning", f"光盘映像 {size / MB:.0f} MB，超过 CD-R 容量，请使用 DVD-R（4.7 GB）光盘刻录。"
            _write_atomically(image, iso_path, progress, cancel)
        finally:
            image.close()
    return IsoResult(iso_path, iso_path.stat().st_size, volume_id, label, len(plan.files), level, message,
                     tuple(plan.renamed()))


class _PackageIso(pycdlib.PyCdlib):
    """pycdlib with the Joliet name limit counted as the Joliet specification counts it.

    pycdlib checks ``len(name) > 64`` on the UTF-8 bytes, which allows only 21
    Chinese characters; Joliet allows 64 UTF-16 units (128 bytes).  Names are
    already shortened by :mod:`disc_names`; this only stops pycdlib from
    refusing names that are valid.
    """

    def _joliet_name_and_parent_from_path(self, joliet_path: bytes):
        parts = _pycdlib_utils.split_path(joliet_path)
        name = parts.pop().decode("utf-8").encode("utf-16_be")
        if len(name) > 128:
            raise PyCdlibInvalidInput("Joliet names can be a maximum of 64 characters")
        return name, self._find_joliet_record(b"/" + b"/".join(parts))


def _compose(package_dir: Path, plan: NamePlan, volume_id: str, label: str) -> pycdlib.PyCdlib:
    image = _PackageIso()
    # new() gives both descriptors the same identifier, which must then fit Joliet's 16 UTF-16
    # units; the primary (32 d-characters) and the Joliet label (may be Chinese) are set after.
    image.new(interchange_level=1, vol_ident=volume_id[:16], joliet=3, rock_ridge="1.09",
              app_ident_str="XIESHOU", sys_ident="")
    image.pvd.volume_identifier = _pycdlib_utils.encode_space_pad(volume_id.encode("ascii"), 32, "ascii")
    image.joliet_vd.volume_identifier = _pycdlib_utils.encode_space_pad(label.encode("utf-8"), 32, "utf-16_be")
    try:
        for name in plan.dirs.values():
            image.add_directory(iso_path=name.iso_path, rr_name=name.rr_name, joliet_path=name.joliet_path,
                                file_mode=DIR_MODE)
        for relpath, name in plan.files.items():
            image.add_file(str(package_dir / relpath), iso_path=name.iso_path, rr_name=name.rr_name,
                           joliet_path=name.joliet_path, file_mode=FILE_MODE)
    except (PyCdlibException, OSError) as exc:
        image.close()
        raise IsoError(f"无法生成光盘映像：{reason(exc)}。请重新导出数据包后再试。") from exc
    return image


def _write_atomically(image: pycdlib.PyCdlib, iso_path: Path, progress: Progress | None,
                      cancel: CancelCheck | None) -> None:
    temp = iso_path.with_name(f".{iso_path.name}.{os.getpid()}.part")

    def on_progress(done: int, total: int) -> None:
        check_cancel(cancel)
        if progress is not None:
            progress(done, total)

    try:
        with open(temp, "wb") as out:
            image.write_fp(out, blocksize=COPY_BLOCKSIZE, progress_cb=on_progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, iso_path)
    except Cancelled:
        temp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise IsoError(f"无法写入光盘映像 {iso_path}：{os_reason(exc)}。请检查磁盘空间和写入权限。") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _read_manifest(package_dir: Path) -> dict:
    path = package_dir / "manifest.json"
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MANIFEST_MAX_BYTES + 1)
        manifest = loads_limited(raw, max_bytes=MANIFEST_MAX_BYTES)
    except OSError as exc:
        raise IsoError(f"无法读取 {path}：{os_reason(exc)}。请重新导出数据包。") from exc
    except JsonRefused as exc:
        raise IsoError(f"数据包的 manifest.json 无法读取：{exc}。请重新导出数据包。") from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        raise IsoError("数据包的 manifest.json 缺少文件清单（files），请重新导出数据包。")
    return manifest


def _package_files(package_dir: Path, manifest: dict) -> tuple[list[str], list[str]]:
    """Listed paths (checked present, regular, of the listed size) and unlisted files found."""
    listed: list[str] = []
    for entry in manifest["files"]:
        path = entry.get("path") if isinstance(entry, dict) else None
        reason = unsafe_path_reason(path) or ("目录层级过深" if path.count("/") >= ISO_MAX_DEPTH else None)
        if reason:  # the verifier would refuse it: better not to burn it
            raise IsoError(f"manifest.json 中的文件路径 {printable(str(path))} {reason}，请重新导出数据包。")
        full = package_dir / path
        try:
            info = os.lstat(full)
        except OSError:
            raise IsoError(f"数据包缺少文件 {path}，请重新导出数据包。") from None
        if not _is_regular(info):
            raise IsoError(f"数据包中的 {path} 不是普通文件（可能是链接），请重新导出数据包。")
        if info.st_size != entry.get("size"):
            raise IsoError(f"数据包中的 {path} 大小为 {info.st_size} 字节，与清单记载的 {entry.get('size')} "
                           "字节不符，文件可能在导出后被改动，请重新导出数据包。")
        listed.append(path)
    present = {"manifest.json", *listed}
    skipped = sorted(rel for rel in _walk_files(package_dir) if rel not in present)
    return listed, skipped


def _is_regular(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and not getattr(info, "st_file_attributes", 0) & 0x400  # reparse point


def _walk_files(root: Path) -> Iterator[str]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        rel = Path(folder).relative_to(root).as_posix()
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            yield name if rel == "." else f"{rel}/{name}"


def _text(manifest: dict, *keys) -> str:
    value = manifest
    for key in keys:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return ""
    return value if isinstance(value, str) else ""


def _created_at(manifest: dict) -> dt.datetime:
    text = _text(manifest, "created_at")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise IsoError(f"manifest.json 的 created_at（{text!r}）不是有效的时间，请重新导出数据包。") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))


class _FixedClock:
    """Stands in for the ``time`` module inside pycdlib: now is ``created_at``, local is its offset."""

    def __init__(self, moment: dt.datetime) -> None:
        self._now = moment.timestamp()
        self._offset = moment.utcoffset().total_seconds()

    def time(self) -> float:
        return self._now

    def localtime(self, seconds: float | None = None):
        return _real_time.gmtime((self._now if seconds is None else seconds) + self._offset)

    def __getattr__(self, name: str):
        return getattr(_real_time, name)


_CLOCK_LOCK = threading.Lock()
_CLOCKED_MODULES = (_pycdlib_core, _pycdlib_headervd, _pycdlib_dates)


@contextlib.contextmanager
def _fixed_clock(moment: dt.datetime) -> Iterator[None]:
    """pycdlib reads ``time.time()``/``time.localtime()`` itself and has no option for fixed dates."""
    with _CLOCK_LOCK:
        clock = _FixedClock(moment)
        for module in _CLOCKED_MODULES:
            module.time = clock
        try:
            yield
        finally:
            for module in _CLOCKED_MODULES:
                module.time = _real_time
