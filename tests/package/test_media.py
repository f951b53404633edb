"""The disc in the drive before burning: xorriso's report parsed, and the verdict against the image's size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.package.iso import MB
from desktop.package.media import MediaInfo, capacity_verdict, media_info, parse_media

BLANK_CD = """xorriso 1.5.4 : RockRidge filesystem manipulator, libburnia project.

Drive current: -outdev '/dev/sr0'
Media current: CD-R
Media status : is blank
Media summary: 0 sessions, 0 data blocks, 0 data,  703m free
Media space  : 359844s
After commit : 359844s
"""
NO_DISC = """Drive current: -outdev '/dev/sr0'
Media current: is not present
Media status : is not present
"""
CLOSED_CD = """Media current: CD-R
Media status : is written , is closed
Media space  : 0s
"""


def test_a_blank_cd_reports_its_space():
    media = parse_media(BLANK_CD)
    assert media == MediaInfo(True, True, "CD-R", "is blank", 359844 * 2048)
    assert capacity_verdict(media, 300 * MB) == ("ok", "光盘（CD-R）可写 702.8 MB，光盘映像 300.0 MB，放得下。")


def test_an_image_larger_than_the_disc_is_refused_with_advice():
    level, message = capacity_verdict(parse_media(BLANK_CD), 800 * MB)
    assert level == "error" and "放不下" in message and "DVD-R" in message


def test_an_empty_drive_and_a_closed_disc_are_errors():
    assert capacity_verdict(parse_media(NO_DISC), MB)[1].startswith("光驱中没有光盘")
    assert capacity_verdict(parse_media(CLOSED_CD), MB) == ("error", "光盘（CD-R）已写满并封盘，不能再写入：请换一张空白光盘。")


def test_nothing_readable_is_unknown_and_says_so():
    level, message = capacity_verdict(parse_media("xorriso : FAILURE : Cannot acquire drive"), MB)
    assert level == "unknown" and message.startswith("无法得知光盘容量：无法打开这个光驱")


def test_a_device_that_is_no_drive_is_not_handed_to_xorriso():
    info = media_info("C:/Windows")
    assert not info.known and ("不是光驱设备" in info.note or "不能预先报告" in info.note)


@pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso is not installed")
def test_a_pseudo_drive_is_read_without_creating_its_file(tmp_path: Path):
    disc = tmp_path / "disc.iso"
    media = media_info(f"stdio:{disc}")
    assert media.known and media.present and media.pseudo and media.free_bytes > 0
    assert not disc.exists()
    assert capacity_verdict(media, MB)[1].startswith("伪光驱（文件）可写")
