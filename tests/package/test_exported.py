"""An exported package folder read back as the ExportResult the packing list is made from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.package.exported import ExportedUnreadable, exported_result

from .sample_package import SUBMISSION, read_manifest


def test_the_folder_gives_back_its_files_code_and_data(package: Path):
    manifest = read_manifest(package)
    result = exported_result(package, pdf_pages=3)
    assert result.folder == package and result.pdf_pages == 3
    assert result.binding_code == manifest["binding_code"] and result.binding_sha256 == manifest["binding_sha256"]
    assert [f.path for f in result.files] == [f["path"] for f in manifest["files"]]
    assert result.submission == json.loads((package / SUBMISSION).read_text("utf-8"))


def test_a_moved_or_damaged_folder_says_to_export_again(package: Path, tmp_path: Path):
    with pytest.raises(ExportedUnreadable, match="请重新导出材料"):
        exported_result(tmp_path / "moved", 1)
    (package / "manifest.json").write_text("{\"files\": 3}", encoding="utf-8")
    with pytest.raises(ExportedUnreadable, match="缺少文件清单或装订码"):
        exported_result(package, 1)
