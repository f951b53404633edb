"""The disc in the drive: present, blank, how much it holds — before burning (docs/workflow.md “光盘窗口”).

xorriso tells it with ``xorriso -outdev DEV -tell_media_space`` (this only
inspects the drive; a ``stdio:`` pseudo-drive file is not created)::

    Media current: CD-R
    Media status : is blank
    Media space  : 359844s

Windows' built-in burner checks the disc itself when it starts, so there the
answer is "unknown" and the window says so.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

from desktop.childenv import child_env

from .burn import Burner, find_burner
from .iso import MB

SECTOR = 2048
_FIELD = re.compile(r"^Media (current|status|space)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class MediaInfo:
    known: bool                  # False: nothing could be learnt; ``note`` says why
    present: bool = False
    kind: str = ""               # xorriso's words: 'CD-R', 'DVD-R', 'stdio file, overwriteable' …
    status: str = ""             # 'is blank', 'is written , is closed' …
    free_bytes: int | None = None
    note: str = ""

    @property
    def overwriteable(self) -> bool:
        return "overwriteable" in self.kind

    @property
    def pseudo(self) -> bool:
        return self.kind.startswith("stdio")


def media_info(device: str, burner: Burner | None = None, timeout: float = 60) -> MediaInfo:
    burner = burner or find_burner()
    if burner is None or burner.kind != "xorriso":
        return MediaInfo(False, note="本机的刻录程序不能预先报告光盘容量，开始刻录时会自动检查")
    if not (device.startswith("/dev/") or device.startswith("stdio:/")):
        return MediaInfo(False, note=f"“{device}”不是光驱设备（如 /dev/sr0）")
    try:
        done = subprocess.run([burner.path, "-outdev", device, "-tell_media_space"], capture_output=True,
                              timeout=timeout, stdin=subprocess.DEVNULL, env=child_env())
    except (OSError, subprocess.TimeoutExpired):
        return MediaInfo(False, note="刻录程序没有回应")
    return parse_media((done.stdout + done.stderr).decode("utf-8", "replace"))


def parse_media(text: str) -> MediaInfo:
    fields: dict[str, str] = {}
    for line in text.splitlines():
        match = _FIELD.match(line.strip())
        if match:
            fields.setdefault(match.group(1), match.group(2))
    if not fields:
        return MediaInfo(False, note="无法打开这个光驱（设备不存在，或正被其他程序使用）")
    kind, status = fields.get("current", ""), fields.get("status", "")
    if "not present" in kind + status or "not recognizable" in kind + status or "unsuitable" in kind + status:
        return MediaInfo(True, False, kind, status)
    space = re.match(r"(\d+)s", fields.get("space", ""))
    free = int(space.group(1)) * SECTOR if space else None
    return MediaInfo(True, True, kind, status, free)


def capacity_verdict(media: MediaInfo, image_size: int | None) -> tuple[str, str]:
    """('ok'|'warning'|'error'|'unknown', a Chinese sentence) for burning an image of ``image_size`` bytes."""
    if not media.known:
        return "unknown", f"无法得知光盘容量：{media.note}。"
    if not media.present:
        return "error", "光驱中没有光盘，或光盘无法识别：请放入一张空白 CD-R 或 DVD-R 光盘，然后点“刷新”。"
    what = "伪光驱（文件）" if media.pseudo else f"光盘（{media.kind}）"
    if "is closed" in media.status and not media.overwriteable:
        return "error", f"{what}已写满并封盘，不能再写入：请换一张空白光盘。"
    if media.free_bytes is None:
        return "unknown", f"{what}：无法得知可写容量，刻录开始时会自动检查。"
    free = _size(media.free_bytes)
    if image_size is None:
        return "ok", f"{what}可写 {free}。"
    if media.free_bytes < image_size:
        return "error", (f"{what}可写 {free}，光盘映像有 {_size(image_size)}，放不下：请换容量更大的光盘"
                         "（如 DVD-R 4.7 GB）。")
    if "is written" in media.status and not media.overwriteable:
        return "warning", f"{what}上已有数据（可写 {free}），建议换一张空白光盘，以免收件方读错。"
    return "ok", f"{what}可写 {free}，光盘映像 {_size(image_size)}，放得下。"


def _size(count: int) -> str:
    return f"{count / MB / 1024:.1f} GB" if count >= 1024 * MB else f"{count / MB:.1f} MB"
