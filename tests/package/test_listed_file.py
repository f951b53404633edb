"""One listed file of a received package read through its manifest, never beyond what it lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.package.iso import build_iso
from desktop.package.listed_file import ListedFileError, read_listed_file

from .sample_package import SUBMISSION, read_manifest, write_manifest


def test_the_submission_is_read_from_a_folder_and_from_an_image(package: Path, package_iso: Path):
    expected = (package / SUBMISSION).read_bytes()
    assert read_listed_file(package, SUBMISSION) == expected
    assert read_listed_file(package_iso, SUBMISSION) == expected
    assert json.loads(expected)["format"] == "xieshou-submission"


def test_a_file_changed_after_the_check_is_refused(package: Path):
    path = package / SUBMISSION
    path.write_bytes(path.read_bytes().replace(b"{", b"[", 1))
    with pytest.raises(ListedFileError, match="内容与清单不符"):
        read_listed_file(package, SUBMISSION)


def test_only_listed_paths_are_read(package: Path, tmp_path: Path):
    (tmp_path / "secret.txt").write_text("x")
    for path in ("../secret.txt", "manifest.json", "/etc/passwd"):
        with pytest.raises(ListedFileError, match="清单中没有"):
            read_listed_file(package, path)


def test_a_file_over_the_limit_is_not_read(package: Path):
    with pytest.raises(ListedFileError, match="过大"):
        read_listed_file(package, SUBMISSION, max_bytes=100)


def test_a_listed_path_outside_the_package_is_never_opened(package: Path, tmp_path: Path):
    manifest = read_manifest(package)
    manifest["files"].append({"path": "../outside.json", "size": 2, "sha256": "0" * 64, "role": "data"})
    write_manifest(package, manifest)
    (tmp_path / "outside.json").write_text("{}")
    with pytest.raises(ListedFileError, match="缺少文件|清单中没有"):
        read_listed_file(package, "../outside.json")


def test_no_package_and_a_broken_image_get_a_reason(tmp_path: Path, package: Path):
    with pytest.raises(ListedFileError, match="找不到数据包"):
        read_listed_file(tmp_path / "nowhere", SUBMISSION)
    broken = tmp_path / "broken.iso"
    broken.write_bytes(b"\0" * 40000)
    with pytest.raises(ListedFileError):
        read_listed_file(broken, SUBMISSION)
    cut = build_iso(package, tmp_path / "cut.iso").path
    cut.write_bytes(cut.read_bytes()[:20 * 2048])
    with pytest.raises(ListedFileError):
        read_listed_file(cut, SUBMISSION)
