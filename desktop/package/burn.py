"""Burning the ISO and reading the disc back (docs/package.md §5).

Linux (统信UOS, 麒麟, Debian …): xorriso's cdrecord emulation,
``xorriso -as cdrecord -v dev=/dev/sr0 -dao image.iso``; its
``N of M MB written`` lines drive the progress bar.  ``dev=stdio:/path`` is
xorriso's pseudo-drive (an ordinary file), used by the tests.

Windows: the built-in Windows Disc Image Burner,
``%SystemRoot%\\System32\\isoburn.exe /Q E: image.iso`` — ``/Q`` starts
burning at once in its own dialog, which the user closes when it is done; the
process ends then.  Its exit code says nothing reliable about the burn, so the
result is always confirmed by :func:`read_back` after the dialog is closed.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from desktop.childenv import child_env
from desktop.oserrors import os_reason
from desktop.errorlog import reason
from .iso_read import SourceUnreadable
from .package_check import Budget, check_source
from .progress import CancelCheck, Cancelled, Progress, report
from .resolve import manifest_entry
from .safe_json import MB
from .sources import OpenedSource, SourceRef

_UPDATE = re.compile(rb"(\d+)\s+of\s+(\d+)\s+MB written")
_DEVICE_LINE = re.compile(r"^\s*\d+\s+-dev\s+'([^']+)'\s+\S+\s*:\s*'([^']*)'\s*'([^']*)'")
DRIVE_CDROM = 5  # GetDriveTypeW
INSTALL_HINT = ("未找到刻录程序 xorriso。统信UOS、麒麟、Debian 或 Ubuntu 请在终端运行：sudo apt install xorriso ，"
                "安装完成后重新打开本程序；也可以用其他刻录软件刻录生成的 ISO 文件。")
WINDOWS_HINT = "未找到 Windows 光盘映像刻录机（isoburn.exe）。请用其他刻录软件刻录生成的 ISO 文件。"


class BurnError(Exception):
    """Burning could not start; the message (Chinese) says what to do."""


@dataclass(frozen=True)
class Burner:
    kind: str  # 'xorriso' | 'isoburn'
    path: str


@dataclass(frozen=True)
class Drive:
    device: str  # '/dev/sr0' or 'E:'
    label: str


@dataclass(frozen=True)
class BurnResult:
    device: str
    ok: bool
    message: str
    log: str = ""


@dataclass(frozen=True)
class ReadBackResult:
    ok: bool
    message: str
    problems: tuple[str, ...] = ()


def find_burner() -> Burner | None:
    if sys.platform == "win32":
        path = Path(os.environ.get("SystemRoot", r"C:\Windows")) / "System32" / "isoburn.exe"
        return Burner("isoburn", str(path)) if path.is_file() else None
    path = shutil.which("xorriso")
    return Burner("xorriso", path) if path else None


def missing_burner_message() -> str:
    return WINDOWS_HINT if sys.platform == "win32" else INSTALL_HINT


def list_drives(burner: Burner | None = None) -> list[Drive]:
    if sys.platform == "win32":
        return _windows_drives()
    burner = burner or find_burner()
    if burner is None:
        return []
    try:
        done = subprocess.run([burner.path, "-devices"], capture_output=True, timeout=60, env=child_env())
    except (OSError, subprocess.TimeoutExpired):
        return []
    return parse_devices((done.stdout + done.stderr).decode("utf-8", "replace"))


def parse_devices(text: str) -> list[Drive]:
    """Drives from ``xorriso -devices``: ``0  -dev '/dev/sr0' rwrw-- :  'HL-DT-ST' 'DVDRAM GH24NSD1'``."""
    drives = []
    for line in text.splitlines():
        match = _DEVICE_LINE.match(line)
        if match:
            drives.append(Drive(match.group(1), " ".join(f"{match.group(2).strip()} {match.group(3).strip()}".split())))
    return drives


def _windows_drives() -> list[Drive]:
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel32.GetLogicalDrives()
    return [Drive(f"{letter}:", f"光驱 {letter}:") for index, letter in enumerate(string.ascii_uppercase)
            if mask >> index & 1 and kernel32.GetDriveTypeW(f"{letter}:\\") == DRIVE_CDROM]


def burn(iso_path: Path, device: str, *, progress: Progress | None = None, cancel: CancelCheck | None = None,
         burner: Burner | None = None) -> BurnResult:
    """Burn ``iso_path`` to ``device``; raises BurnError when it cannot start, Cancelled when cancelled."""
    burner = burner or find_burner()
    if burner is None:
        raise BurnError(missing_burner_message())
    iso_path = Path(iso_path)
    if not iso_path.is_file():
        raise BurnError(f"找不到光盘映像 {iso_path}，请重新生成 ISO 文件")
    if burner.kind == "isoburn":
        if not re.fullmatch(r"[A-Za-z]:", device):
            raise BurnError(f"光驱 {device} 无效，请选择光驱盘符（如 E:）")
        command = [burner.path, "/Q", device.upper(), str(iso_path)]
    else:
        if not (device.startswith("/dev/") or device.startswith("stdio:/")):
            raise BurnError(f"刻录设备 {device} 无效，请从列表中选择光驱")
        command = [burner.path, "-as", "cdrecord", "-v", f"dev={device}", "-dao", str(iso_path)]
    code, log = _run(command, progress, cancel)
    return _result(burner, device, code, log)


def _result(burner: Burner, device: str, code: int, log: str) -> BurnResult:
    if burner.kind == "isoburn":
        return BurnResult(device, True, "Windows 光盘映像刻录机已关闭。请点“校验光盘”读回检查刻录结果。", log)
    if code == 0:
        return BurnResult(device, True, "刻录完成，正在读回校验……", log)
    tail = " / ".join(line for line in log.splitlines()[-3:] if line.strip())
    return BurnResult(device, False, f"刻录失败（xorriso 返回 {code}）：{tail}。请检查光盘是否为空白可写光盘后重试。", log)


def _run(command: list[str], progress: Progress | None, cancel: CancelCheck | None) -> tuple[int, str]:
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=child_env())
    except OSError as exc:
        raise BurnError(f"无法启动刻录程序 {command[0]}：{os_reason(exc)}") from None
    lines: queue.Queue[bytes | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    log: list[bytes] = []
    while True:
        if cancel is not None and cancel():
            _stop(process)
            raise Cancelled("刻录已取消；这张光盘可能已写入一部分，无法再用")
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        if line is None:
            break
        log.append(line)
        written = parse_progress(line)
        if written:
            report(progress, *written)
    return process.wait(), b"\n".join(log[-200:]).decode("utf-8", "replace")


def parse_progress(line: bytes) -> tuple[int, int] | None:
    """(MB written, MB total) from ``xorriso : UPDATE :   12 of   29 MB written (fifo 99%) [buf  50%]``."""
    match = _UPDATE.search(line)
    return (int(match.group(1)), max(int(match.group(2)), 1)) if match else None


def _pump(stream, lines: "queue.Queue[bytes | None]") -> None:
    """xorriso ends progress lines with \\r or \\n; hand each one over as it comes."""
    pending = b""
    while chunk := stream.read1(4096):
        pending += chunk
        parts = re.split(rb"[\r\n]", pending)
        pending = parts.pop()
        for part in parts:
            if part.strip():
                lines.put(part)
    if pending.strip():
        lines.put(pending)
    lines.put(None)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def read_back(device_or_path: str | Path, manifest: Path, *, progress: Progress | None = None,
              cancel: CancelCheck | None = None) -> ReadBackResult:
    """Read the burned disc (a drive, its mount point, or a ``stdio:`` pseudo-drive) and check every file.

    ``manifest`` is the package folder that was burned (or its manifest.json);
    the disc must carry that very manifest and every file it lists, intact.
    """
    expected_path = Path(manifest) if Path(manifest).name == "manifest.json" else Path(manifest) / "manifest.json"
    try:
        expected = expected_path.read_bytes()
    except OSError as exc:
        return ReadBackResult(False, f"无法读取本机数据包的 {expected_path}：{os_reason(exc)}")
    path = _disc_path(device_or_path)
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        report(progress, done, max(len(expected), 1) + _listed_bytes(expected))

    try:
        with OpenedSource(SourceRef(path, "folder" if path.is_dir() else "iso")) as source:
            findings = check_source(source, None, Budget(cancel=cancel, advance=advance))
            problems = findings.problems + _manifest_differs(source, expected)
    except (SourceUnreadable, OSError) as exc:
        return ReadBackResult(False, f"无法读取光盘 {device_or_path}：{reason(exc)}。请确认光盘已放入并被系统识别后重试。")
    if problems:
        return ReadBackResult(False, f"光盘校验未通过（{len(problems)} 个问题），请换一张空白光盘重新刻录。", tuple(problems))
    count = len(findings.view.files) if findings.view else 0
    return ReadBackResult(True, f"光盘校验通过：{count} 个文件与清单完全一致，装订码 {findings.binding_code}。")


def read_back_against_iso(device_or_path: str | Path, iso_path: Path, *, progress: Progress | None = None,
                          cancel: CancelCheck | None = None) -> ReadBackResult:
    """Read the disc back against the manifest carried inside the ISO that was burned (``xieshou burn``)."""
    import tempfile

    try:
        with OpenedSource(SourceRef(Path(iso_path), "iso")) as source:
            found = manifest_entry(source.listings)
            if found is None or found[1].kind != "file" or found[1].size > MB:
                return ReadBackResult(False, f"光盘映像 {iso_path} 中没有可用的 manifest.json，不是携手填报生成的映像")
            with source.open_entry(found[1]) as stream:
                manifest = stream.read(found[1].size)
    except (SourceUnreadable, OSError) as exc:
        return ReadBackResult(False, f"无法读取光盘映像 {iso_path}：{reason(exc)}。请重新生成光盘映像后再试。")
    with tempfile.TemporaryDirectory(prefix="xieshou-readback-") as folder:
        expected = Path(folder) / "manifest.json"
        expected.write_bytes(manifest)
        return read_back(device_or_path, expected, progress=progress, cancel=cancel)


def _disc_path(device_or_path: str | Path) -> Path:
    text = str(device_or_path)
    if text.startswith("stdio:"):
        return Path(text[len("stdio:"):])
    if re.fullmatch(r"[A-Za-z]:", text):
        return Path(text + "\\")  # a Windows drive letter: read the mounted disc
    return Path(text)


def _listed_bytes(manifest_bytes: bytes) -> int:
    try:
        return sum(int(f["size"]) for f in json.loads(manifest_bytes)["files"])
    except (ValueError, KeyError, TypeError):
        return 0


def _manifest_differs(source: OpenedSource, expected: bytes) -> list[str]:
    found = manifest_entry(source.listings)
    if found is None or found[1].kind != "file" or found[1].size > MB:
        return []  # already reported by check_source
    with source.open_entry(found[1]) as stream:
        disc = stream.read(found[1].size + 1)
    if disc != expected:
        return ["光盘上的 manifest.json 与本机数据包不同：光盘上刻录的不是这个数据包"]
    return []
