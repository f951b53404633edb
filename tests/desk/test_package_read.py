"""A package folder read back for the desk's outputs, with the limits of a disc."""

from __future__ import annotations

import json

import pytest

from desktop.desk.package_read import PackageUnreadable, read_package

from .helpers import export_sample


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return export_sample(tmp_path_factory.mktemp("pk"), "2023-a3-application", seed=2,
                         companions=("2023-a2-match",)).folder


def test_reads_every_form_of_the_package(folder):
    package = read_package(folder)
    assert [f.form_id for f in package.forms] == ["2023-a3-application", "2023-a2-match"]
    assert all(f.form is not None for f in package.forms)
    assert package.revision == 1 and package.binding_code and package.text("uscc")
    assert package.form_data("2023-a2-match").data["need_code"] == package.primary.data["need_code"]


def _copy(folder, tmp_path):
    import shutil

    target = tmp_path / "copy"
    shutil.copytree(folder, target)
    return target


def test_data_paths_outside_the_folder_are_never_read(folder, tmp_path):
    target = _copy(folder, tmp_path)
    secret = tmp_path / "secret.json"
    secret.write_text('{"format": "xieshou-submission", "form": "x"}')
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    manifest["files"] += [{"path": "../secret.json", "role": "data", "size": 1, "sha256": "0" * 64},
                          {"path": "data/../../secret.json", "role": "data", "size": 1, "sha256": "0" * 64}]
    (target / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    assert [f.data_path for f in read_package(target).forms] == ["data/submission.json", "data/2023-a2-match.json"]


@pytest.mark.parametrize("content, message", [
    (b"[" * 200 + b"]" * 200, "嵌套"),
    (b"\xff\xfe", "UTF-8"),
    (b'{"files": 3}', "不是数据包清单"),
])
def test_a_damaged_manifest_is_refused(folder, tmp_path, content, message):
    target = _copy(folder, tmp_path)
    (target / "manifest.json").write_bytes(content)
    with pytest.raises(PackageUnreadable, match=message):
        read_package(target)


def test_an_oversized_submission_is_refused_before_parsing(folder, tmp_path):
    target = _copy(folder, tmp_path)
    with open(target / "data/submission.json", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(PackageUnreadable, match="过大"):
        read_package(target)


def test_too_many_data_files_are_refused(folder, tmp_path):
    target = _copy(folder, tmp_path)
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    manifest["files"] += [{"path": f"data/x{n}.json", "role": "data"} for n in range(10)]
    (target / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(PackageUnreadable, match="超过上限"):
        read_package(target)


def test_a_missing_folder_is_told(tmp_path):
    with pytest.raises(PackageUnreadable, match="无法读取"):
        read_package(tmp_path / "nowhere")
