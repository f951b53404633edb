"""build_iso: names, identifiers, determinism, capacity, streaming, cancel — read back with pycdlib, xorriso, 7z."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pycdlib
import pytest

from desktop.package.iso import CD74_SECTORS, CD80_SECTORS, IsoError, build_iso, iso_capacity_check
from desktop.package.progress import Cancelled

from .sample_package import read_manifest, write_manifest, write_package

HAS_XORRISO = shutil.which("xorriso") is not None
HAS_7Z = shutil.which("7z") is not None


def package_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def iso_files(iso_path: Path, namespace: str) -> dict[str, bytes]:
    """Every file of the image by its Joliet or Rock Ridge path, with its bytes."""
    iso = pycdlib.PyCdlib()
    iso.open(str(iso_path))
    out = {}
    try:
        for folder, _dirs, files in iso.walk(**{f"{namespace}_path": "/"}):
            for name in files:
                path = f"{folder.rstrip('/')}/{name}"
                buffer = io.BytesIO()
                iso.get_file_from_iso_fp(buffer, **{f"{namespace}_path": path})
                out[path.lstrip("/")] = buffer.getvalue()
    finally:
        iso.close()
    return out


@pytest.mark.parametrize("namespace", ["joliet", "rr"])
def test_every_file_reads_back_under_its_chinese_name(package: Path, package_iso: Path, namespace: str):
    assert iso_files(package_iso, namespace) == package_files(package)


def test_iso9660_names_are_unique_8_3_d_characters(package_iso: Path):
    iso = pycdlib.PyCdlib()
    iso.open(str(package_iso))
    names = [f"{d}/{f}" for d, _, files in iso.walk(iso_path="/") for f in files]
    iso.close()
    assert len(names) == len(set(names)) == 7
    for name in names:
        leaf = name.rsplit("/", 1)[1]
        assert re.fullmatch(r"[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1", leaf), leaf


def test_volume_identifiers_follow_the_package(package: Path, package_iso: Path):
    iso = pycdlib.PyCdlib()
    iso.open(str(package_iso))
    primary = iso.pvd.volume_identifier.decode("ascii").rstrip()
    joliet = iso.joliet_vd.volume_identifier.decode("utf-16-be").rstrip()
    iso.close()
    manifest = read_manifest(package)
    assert primary == f"XS2023A1_{manifest['submitter']['uscc']}"
    assert re.fullmatch(r"[A-Z0-9_]{1,32}", primary)
    assert joliet == manifest["submitter"]["name"].removesuffix("（样例）")  # brackets dropped to fit 16


def test_same_package_gives_identical_bytes_at_another_time_and_zone(package: Path, tmp_path: Path, monkeypatch):
    first, second = tmp_path / "first.iso", tmp_path / "second.iso"
    build_iso(package, first)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 86_400 * 400)
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", "America/New_York")
        time.tzset()
    try:
        build_iso(package, second)
    finally:
        monkeypatch.undo()
        if hasattr(time, "tzset"):
            time.tzset()
    assert first.read_bytes() == second.read_bytes()


def test_timestamps_are_the_export_time_in_china(package_iso: Path):
    iso = pycdlib.PyCdlib()
    iso.open(str(package_iso))
    created = iso.pvd.volume_creation_date.date_str
    record = iso.get_record(joliet_path="/说明.txt").date
    iso.close()
    assert created.startswith(b"2023042010150000") and created[-1] == 32  # +08:00 in 15-minute units
    assert (record.years_since_1900, record.month, record.day_of_month, record.hour, record.gmtoffset) == \
        (123, 4, 20, 10, 32)


def test_result_messages_tell_capacity_and_renamed_files(tmp_path: Path):
    long_name = "attachments/" + "营业执照副本（加盖公章）扫描件" * 5 + ".pdf"
    package = write_package(tmp_path / "package", attachments=[(long_name, b"scan")])
    (package / "Thumbs.db").write_bytes(b"cache")
    messages = build_iso(package, tmp_path / "m.iso").messages
    assert re.match(r"光盘映像 0\.\d MB，可刻录到任何 CD-R 光盘", messages[0])
    assert messages[1].startswith("文件名过长，Windows 中显示为：attachments/营业执照") and "~1.pdf" in messages[1]
    assert messages[2] == "Thumbs.db 不在数据包清单中，未写入光盘映像"


def test_long_names_are_shortened_without_collisions(tmp_path: Path):
    long_stem = "营业执照副本（加盖公章）扫描件" * 5
    attachments = [(f"attachments/{long_stem}A.pdf", b"first"), (f"attachments/{long_stem}B.pdf", b"second"),
                   (f"attachments/{long_stem[:58]}~1.pdf", b"third")]  # what the first would be shortened to
    package = write_package(tmp_path / "package", attachments=attachments)
    result = build_iso(package, tmp_path / "long.iso")
    joliet = iso_files(tmp_path / "long.iso", "joliet")
    names = [p.split("/")[-1] for p in joliet]
    assert len(names) == len({n.casefold() for n in names}) == 8
    assert all(len(n.encode("utf-16-be")) // 2 <= 64 for n in names)
    assert sorted(joliet.values()) == sorted(package_files(package).values())
    assert joliet[f"attachments/{long_stem[:58]}~1.pdf"] == b"third"  # a name that fits keeps it
    assert sorted(shown[-6:] for _, shown in result.renamed) == ["~2.pdf", "~3.pdf"]


def test_a_name_windows_cannot_hold_is_refused(tmp_path: Path):
    package = write_package(tmp_path / "package", attachments=[("attachments/报价单?.pdf", b"x")])
    with pytest.raises(IsoError, match="Windows 不允许的字符"):
        build_iso(package, tmp_path / "q.iso")


def test_joliet_accepts_64_chinese_characters(tmp_path: Path):
    name = "附" * 60 + ".pdf"  # 64 UTF-16 units, 184 UTF-8 bytes
    package = write_package(tmp_path / "package", attachments=[(f"attachments/{name}", b"x")])
    result = build_iso(package, tmp_path / "full.iso")
    assert f"attachments/{name}" in iso_files(tmp_path / "full.iso", "joliet")
    assert result.renamed == ()


def test_files_not_in_the_manifest_are_left_out_and_reported(package: Path, tmp_path: Path):
    (package / "Thumbs.db").write_bytes(b"explorer cache")
    result = build_iso(package, tmp_path / "out.iso")
    assert result.skipped == ("Thumbs.db",)
    assert "Thumbs.db" not in iso_files(tmp_path / "out.iso", "joliet")


def test_a_changed_file_refuses_the_build(package: Path, tmp_path: Path):
    (package / "attachments" / "01_营业执照.pdf").write_bytes(b"shorter")
    with pytest.raises(IsoError, match="01_营业执照.pdf.*重新导出"):
        build_iso(package, tmp_path / "out.iso")
    assert not (tmp_path / "out.iso").exists()


@pytest.mark.parametrize("size, level", [
    (CD74_SECTORS * 2048, "ok"), (CD74_SECTORS * 2048 + 1, "warning"),
    (CD80_SECTORS * 2048, "warning"), (CD80_SECTORS * 2048 + 1, "error")])
def test_capacity_levels(size: int, level: str):
    got, message = iso_capacity_check(size)
    assert got == level
    if level == "error":
        assert "DVD-R" in message and "4.7 GB" in message
    if level == "warning":
        assert "80 分钟" in message


def test_an_image_over_700_mb_is_refused_before_writing(package: Path, tmp_path: Path):
    big = package / "attachments" / "03_大图纸.pdf"
    with open(big, "wb") as handle:
        handle.truncate(CD80_SECTORS * 2048)  # sparse: the refusal comes before any byte is read
    manifest = read_manifest(package)
    manifest["files"].append({"path": "attachments/03_大图纸.pdf", "size": big.stat().st_size,
                              "sha256": "0" * 64, "role": "attachment"})
    write_manifest(package, manifest)
    with pytest.raises(IsoError, match="DVD-R"):
        build_iso(package, tmp_path / "big.iso")
    assert list(tmp_path.glob("*.iso")) == [] and list(tmp_path.glob(".*part")) == []


def test_progress_reaches_the_image_size(package: Path, tmp_path: Path):
    seen: list[tuple[int, int]] = []
    result = build_iso(package, tmp_path / "p.iso", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (result.size, result.size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_leaves_no_file_behind(tmp_path: Path):
    package = write_package(tmp_path / "package", attachments=[("attachments/big.bin", 8 * 1024 * 1024)])
    calls = []
    with pytest.raises(Cancelled):
        build_iso(package, tmp_path / "c.iso", progress=lambda d, t: calls.append(d), cancel=lambda: len(calls) > 3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"]


def test_memory_does_not_grow_with_the_attachment(tmp_path: Path):
    package = write_package(tmp_path / "package", attachments=[("attachments/big.bin", 96 * 1024 * 1024)])
    script = ("import resource, sys; from pathlib import Path; from desktop.package.iso import build_iso;"
              "idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
              "build_iso(Path(sys.argv[1]), Path(sys.argv[2]));"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle)")
    if sys.platform == "win32":
        pytest.skip("resource module is POSIX only")
    done = subprocess.run([sys.executable, "-c", script, str(package), str(tmp_path / "m.iso")],
                          capture_output=True, text=True, check=True)
    assert int(done.stdout) < 40 * 1024  # KiB: far below the 96 MiB attachment


@pytest.mark.skipif(not HAS_XORRISO, reason="xorriso not installed")
def test_xorriso_lists_and_extracts_every_file(package: Path, package_iso: Path, tmp_path: Path):
    listing = subprocess.run(["xorriso", "-indev", str(package_iso), "-find", "/", "-type", "f", "-exec", "lsdl"],
                             capture_output=True, check=True).stdout.decode("utf-8")
    expected = package_files(package)
    for path, content in expected.items():
        assert re.search(rf"\s{len(content)} .*'/{re.escape(path)}'", listing), path
    out = tmp_path / "extracted"
    subprocess.run(["xorriso", "-osirrox", "on", "-indev", str(package_iso), "-extract", "/", str(out)],
                   capture_output=True, check=True)
    assert package_files(out) == expected


@pytest.mark.skipif(not HAS_7Z, reason="7z not installed")
def test_7z_lists_and_extracts_every_file(package: Path, package_iso: Path, tmp_path: Path):
    listing = subprocess.run(["7z", "l", "-slt", str(package_iso)], capture_output=True, check=True,
                             env={**os.environ, "LC_ALL": "C.UTF-8"}).stdout.decode("utf-8")
    entries = dict(re.findall(r"Path = (.+)\nFolder = -\nSize = (\d+)", listing))
    expected = package_files(package)
    assert {p: int(s) for p, s in entries.items()} == {p: len(c) for p, c in expected.items()}
    out = tmp_path / "extracted"
    subprocess.run(["7z", "x", f"-o{out}", str(package_iso)], capture_output=True, check=True,
                   env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert package_files(out) == expected
