"""Burning to xorriso's stdio: pseudo-drive, parsing its output, and reading the disc back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.package import burn as burn_module
from desktop.package.burn import (INSTALL_HINT, BurnError, Burner, burn, find_burner, parse_devices, parse_progress,
                                  read_back)
from desktop.package.progress import Cancelled

from .sample_package import write_package

needs_xorriso = pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso not installed")

DEVICES = """xorriso 1.5.4 : RockRidge filesystem manipulator, libburnia project.

Beginning to scan for devices ...
Full drive scan done
-----------------------------------------------------------------------------
0  -dev '/dev/sr0' rwrw-- :  'HL-DT-ST' 'DVDRAM GH24NSD1'
1  -dev '/dev/sr1' rwrw-- :  'Optiarc ' 'DVD RW AD-5240S'
-----------------------------------------------------------------------------
"""


def test_drives_are_parsed_from_xorriso_devices():
    drives = parse_devices(DEVICES)
    assert [(d.device, d.label) for d in drives] == [("/dev/sr0", "HL-DT-ST DVDRAM GH24NSD1"),
                                                   ("/dev/sr1", "Optiarc DVD RW AD-5240S")]


def test_progress_lines_are_parsed():
    assert parse_progress(b"xorriso : UPDATE :   12 of   29 MB written (fifo 99%) [buf  50%]") == (12, 29)
    assert parse_progress(b"Media status : is blank") is None


def test_without_xorriso_the_message_names_the_package(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(burn_module.sys, "platform", "linux")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_burner() is None
    with pytest.raises(BurnError) as caught:
        burn(tmp_path / "x.iso", "/dev/sr0")
    assert str(caught.value) == INSTALL_HINT and "sudo apt install xorriso" in INSTALL_HINT


def test_a_device_that_is_not_a_drive_is_refused(package_iso: Path):
    with pytest.raises(BurnError, match="无效"):
        burn(package_iso, "-blank=all", burner=Burner("xorriso", "/usr/bin/xorriso"))


@needs_xorriso
def test_burn_to_pseudo_drive_and_read_back_clean(package: Path, package_iso: Path, tmp_path: Path):
    disc = tmp_path / "drive" / "disc.iso"
    disc.parent.mkdir()
    result = burn(package_iso, f"stdio:{disc}")
    assert result.ok, result.log
    checked = read_back(f"stdio:{disc}", package)
    assert checked.ok, checked.problems
    assert checked.message.startswith("光盘校验通过：6 个文件")


@needs_xorriso
def test_read_back_finds_a_damaged_file_on_the_disc(package: Path, package_iso: Path, tmp_path: Path):
    disc = tmp_path / "disc.iso"
    assert burn(package_iso, f"stdio:{disc}").ok
    data = bytearray(disc.read_bytes())
    offset = data.find(b"% made-up licence scan")
    data[offset] ^= 0xFF
    disc.write_bytes(bytes(data))
    checked = read_back(f"stdio:{disc}", package)
    assert not checked.ok
    assert checked.problems == ("attachments/01_营业执照.pdf 内容已被改动：SHA-256 与清单记载不符",)


@needs_xorriso
def test_read_back_notices_another_package_on_the_disc(package_iso: Path, tmp_path: Path):
    other = write_package(tmp_path / "other", seed=7)
    disc = tmp_path / "disc.iso"
    assert burn(package_iso, f"stdio:{disc}").ok
    checked = read_back(f"stdio:{disc}", other)
    assert checked.problems == ("光盘上的 manifest.json 与本机数据包不同：光盘上刻录的不是这个数据包",)


def test_read_back_of_an_empty_drive_says_so(package: Path, tmp_path: Path):
    checked = read_back(f"stdio:{tmp_path / 'no-disc.iso'}", package)
    assert not checked.ok and "无法读取光盘" in checked.message


@needs_xorriso
def test_cancel_stops_xorriso(package_iso: Path, tmp_path: Path):
    with pytest.raises(Cancelled):
        burn(package_iso, f"stdio:{tmp_path / 'disc.iso'}", cancel=lambda: True)
