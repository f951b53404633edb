"""A package holding a 附件3 and the 附件2 answering the same need: every data file checked, one binding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.engine.submission import canonical_bytes
from desktop.package.iso import build_iso
from desktop.package.verify import COMPLETE, PROBLEMS, verify_paths

from .sample_package import SUBMISSION, companion_path, read_manifest, rebind, reseal, write_manifest, write_package

MATCH, APPLICATION = "2023-a2-match", "2023-a3-application"
COMPANION = companion_path(MATCH)


@pytest.fixture
def combined(tmp_path: Path) -> Path:
    return write_package(tmp_path / "combined", form_id=APPLICATION, companions=(MATCH,))


def verdict_of(path: Path):
    verdicts = verify_paths([path])
    assert len(verdicts) == 1
    return verdicts[0]


def edit_manifest(package: Path, change) -> None:
    manifest = read_manifest(package)
    change(manifest)
    rebind(package, manifest)
    write_manifest(package, manifest)


def test_a_combined_package_and_its_image_are_complete(combined: Path, tmp_path: Path):
    manifest = read_manifest(combined)
    assert [f["id"] for f in manifest["forms"]] == [APPLICATION, MATCH]
    folder = verdict_of(combined)
    assert (folder.verdict, folder.problems) == (COMPLETE, ())
    assert folder.form == APPLICATION and folder.companions == ("2023-a2-match（2023 版）",)
    build_iso(combined, tmp_path / "combined.iso")
    image = verdict_of(tmp_path / "combined.iso")
    assert (image.verdict, image.problems, image.binding_code) == (COMPLETE, (), manifest["binding_code"])


def test_the_binding_covers_the_companion_data(combined: Path):
    data = json.loads((combined / COMPANION).read_bytes())
    data["data"]["need_owner"] = "另一家发榜企业（样例）"
    reseal(combined, COMPANION, canonical_bytes(data), keep_binding=True)  # hashes updated, binding kept
    verdict = verdict_of(combined)
    assert verdict.verdict == PROBLEMS
    assert any(p.startswith("装订码与数据不一致") for p in verdict.problems)
    assert any(p.startswith("manifest.json 记载的装订码") for p in verdict.problems)


def test_a_companion_failing_validation_names_its_file(combined: Path):
    data = json.loads((combined / COMPANION).read_bytes())
    data["data"]["need_title"] = ""
    reseal(combined, COMPANION, canonical_bytes(data))
    verdict = verdict_of(combined)
    assert verdict.verdict == PROBLEMS and verdict.problems[0] == f"{COMPANION}：need_title：请填写需求名称"
    # and the two forms no longer name the same need: one set of facts per package
    assert verdict.problems[1:] == (f"{COMPANION}：附件2与附件3的“需求名称”（need_title）不一致：附件3为 “高精度轴承寿命检测工艺”，"
                                    "附件2为 （未填写）。同一企业、同一需求的表格应填写相同的信息，请核对后改为一致",)


def test_a_companion_naming_a_form_the_manifest_does_not_list(combined: Path):
    edit_manifest(combined, lambda m: m["forms"].pop())
    verdict = verdict_of(combined)
    assert verdict.verdict == PROBLEMS
    assert verdict.problems == (f"{COMPANION} 的表格 2023-a2-match（2023 版）不在 manifest.json 的表格清单（forms）中",)


def test_a_companion_removed_from_the_manifest_is_an_extra_file(combined: Path):
    edit_manifest(combined, lambda m: (m["files"].remove(next(e for e in m["files"] if e["path"] == COMPANION)),
                                       m["forms"].pop()))
    verdict = verdict_of(combined)
    assert (verdict.verdict, verdict.problems) == (PROBLEMS, (f"多出文件 {COMPANION}：不在 manifest.json 的清单中",))


def test_a_companion_of_another_need_or_enterprise_does_not_belong(combined: Path, tmp_path: Path):
    data = json.loads((combined / COMPANION).read_bytes())
    reseal(combined, COMPANION, canonical_bytes({**data, "data": {**data["data"], "need_code": "2023-FJ-0099"}}))
    assert verdict_of(combined).problems == (f"{COMPANION} 的揭榜需求编号与 {SUBMISSION} 的不同：两份表格回答的不是同一个需求",)
    stranger = json.loads((write_package(tmp_path / "stranger", form_id=MATCH, seed=9) / SUBMISSION).read_bytes())
    reseal(combined, COMPANION, canonical_bytes({**data, "data": {**data["data"], "profile": stranger["data"]["profile"]}}))
    assert verdict_of(combined).problems == (f"{COMPANION} 与 {SUBMISSION} 的统一社会信用代码不同：不是同一企业的材料",)


def test_a_listed_form_without_its_data_file(combined: Path):
    (combined / COMPANION).unlink()
    verdict = verdict_of(combined)
    assert verdict.problems == (f"缺少文件 {COMPANION}（清单中有，光盘或文件夹中没有）",
                                "manifest.json 列出的表格 2023-a2-match（2023 版）没有对应的数据文件")
