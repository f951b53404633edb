"""What the burn window tells about an image before it is burned: labels, size, binding code, who and what.

Only the volume descriptors and manifest.json are read (a few kilobytes), so
choosing a 600 MB image shows its facts at once; the full check of every file
is the read-back after burning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.oserrors import os_reason
from .iso_read import SECTOR, SourceUnreadable
from .listed_file import ListedFileError, manifest_view
from .safe_json import printable
from .sources import OpenedSource, SourceRef

FIRST_DESCRIPTOR = 16       # Ecma-119 §6.2.1: sectors 0–15 are the system area
MAX_DESCRIPTORS = 32
# Ecma-119 §8.5: the supplementary descriptor is Joliet when its escape sequences name UCS-2 level 1–3.
JOLIET_ESCAPES = (b"%/@", b"%/C", b"%/E")


class DiscFactsError(Exception):
    """The image cannot be described; the message (Chinese) says why."""


@dataclass(frozen=True)
class ImageFacts:
    path: Path
    size: int
    volume_id: str         # the ISO 9660 volume identifier, e.g. XS2023A1_91350203MA2Y8K3C79
    joliet_label: str      # what Windows shows as the disc's name (may be Chinese)
    binding_code: str
    form_id: str
    edition: str
    submitter_name: str
    submitter_uscc: str
    file_count: int        # listed files plus manifest.json, as they will be on the disc


def image_facts(iso_path: Path) -> ImageFacts:
    iso_path = Path(iso_path)
    try:
        size = iso_path.stat().st_size
        primary, joliet = volume_labels(iso_path)
        with OpenedSource(SourceRef(iso_path, "iso")) as opened:
            view = manifest_view(opened)
    except FileNotFoundError:
        raise DiscFactsError(f"找不到光盘映像 {iso_path}，请重新选择或重新生成 ISO 文件") from None
    except OSError as exc:
        raise DiscFactsError(f"无法读取光盘映像 {iso_path}：{os_reason(exc)}") from None
    except SourceUnreadable as exc:
        raise DiscFactsError(f"{iso_path.name} 无法使用：{exc}。请重新生成 ISO 文件。") from None
    except ListedFileError as exc:
        raise DiscFactsError(f"{iso_path.name} 不是携手填报生成的光盘映像：{exc}") from None
    return ImageFacts(iso_path, size, primary, joliet, printable(view.binding_code, 40),
                      printable(view.form_id or "", 60), printable(view.edition or "", 20),
                      printable(view.submitter_name), printable(view.submitter_uscc, 40), len(view.files) + 1)


def volume_labels(iso_path: Path) -> tuple[str, str]:
    """(primary volume identifier, Joliet volume identifier) read from the volume descriptors."""
    primary = joliet = ""
    with open(iso_path, "rb") as handle:
        for number in range(FIRST_DESCRIPTOR, FIRST_DESCRIPTOR + MAX_DESCRIPTORS):
            handle.seek(number * SECTOR)
            block = handle.read(SECTOR)
            if len(block) < SECTOR or block[1:6] != b"CD001" or block[0] == 255:
                break
            identifier = block[40:72]
            if block[0] == 1:
                primary = identifier.decode("ascii", "replace").strip()
            elif block[0] == 2 and any(escape in block[88:120] for escape in JOLIET_ESCAPES):
                joliet = identifier.decode("utf-16-be", "replace").strip()
    return printable(primary, 40), printable(joliet, 40)
