"""verify_paths / import_package: one verdict per package, every problem named, nothing written outside."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.engine.submission import canonical_bytes
from desktop.package.binding import binding_sha256, code_from_sha256
from desktop.package.iso import build_iso
from desktop.package.progress import Cancelled
from desktop.package.verify import (COMPLETE, PROBLEMS, ImportRefused, import_package, verify_main_output,
                                    verify_paths)

from .sample_package import SUBMISSION, read_manifest, write_manifest, write_package

ATTACHMENT = "attachments/01_营业执照.pdf"


def verdict_of(path: Path, **kwargs):
    verdicts = verify_paths([path], **kwargs)
    assert len(verdicts) == 1
    return verdicts[0]


def reseal(package: Path, submission: dict) -> None:
    """Write new data and update sizes, hashes and binding so only the data itself can be wrong."""
    data = canonical_bytes(submission)
    (package / SUBMISSION).write_bytes(data)
    manifest = read_manifest(package)
    for entry in manifest["files"]:
        if entry["path"] == SUBMISSION:
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    attachments = [e["sha256"] for e in manifest["files"] if e["role"] == "attachment"]
    manifest["binding_sha256"] = binding_sha256(data, attachments)
    manifest["binding_code"] = code_from_sha256(manifest["binding_sha256"])
    write_manifest(package, manifest)


def test_a_package_folder_is_complete(package: Path):
    verdict = verdict_of(package)
    manifest = read_manifest(package)
    assert (verdict.verdict, verdict.problems) == (COMPLETE, ())
    assert verdict.form == "2023-a1-needs" and verdict.edition == "2023"
    assert verdict.submitter_uscc == manifest["submitter"]["uscc"]
    assert verdict.binding_code == manifest["binding_code"]


def test_an_iso_is_complete_and_read_without_extracting(package_iso: Path, tmp_path: Path):
    before = sorted(tmp_path.rglob("*"))
    verdict = verdict_of(package_iso, workspace=tmp_path / "workspace")
    assert (verdict.verdict, verdict.problems) == (COMPLETE, ())
    assert sorted(tmp_path.rglob("*")) == before


def test_the_code_from_the_paper_is_compared(package: Path):
    code = read_manifest(package)["binding_code"]
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert verdict_of(package, code=typed).verdict == COMPLETE
    other = verdict_of(package, code="7KQ2-M9XD-4TBE-Q1W8")
    assert other.problems == (f"光盘与纸质材料不是同一份：纸质材料上的装订码为 7KQ2-M9XD-4TBE-Q1W8，光盘数据计算得到 {code}",)
    assert "格式不对" in verdict_of(package, code="12345").problems[0]


def test_a_folder_of_discs_gives_one_verdict_each(tmp_path: Path):
    batch = tmp_path / "batch"
    for index in range(3):
        write_package(batch / f"企业{index}" / "disc", seed=index)
    build_iso(batch / "企业0" / "disc", batch / "企业0.iso")
    verdicts = verify_paths([batch])
    assert [Path(v.source).relative_to(batch).as_posix() for v in verdicts] == \
        ["企业0/disc", "企业0.iso", "企业1/disc", "企业2/disc"]
    assert {v.verdict for v in verdicts} == {COMPLETE}


def test_the_search_skips_the_workspace(tmp_path: Path):
    write_package(tmp_path / "received" / "p1")
    write_package(tmp_path / "workspace" / "copy")
    verdicts = verify_paths([tmp_path], workspace=tmp_path / "workspace")
    assert [Path(v.source).name for v in verdicts] == ["p1"]


@pytest.mark.parametrize("damage, expected", [
    (lambda p: (p / ATTACHMENT).unlink(), f"缺少文件 {ATTACHMENT}（清单中有，光盘或文件夹中没有）"),
    (lambda p: (p / "documents" / "多余.txt").write_text("x"), "多出文件 documents/多余.txt：不在 manifest.json 的清单中"),
    (lambda p: (p / ATTACHMENT).write_bytes(b"short"), f"{ATTACHMENT} 大小不符：清单记载 1280 字节，实际 5 字节"),
    (lambda p: (p / ATTACHMENT).write_bytes(b"X" * 1280), f"{ATTACHMENT} 内容已被改动：SHA-256 与清单记载不符"),
    (lambda p: (p / "manifest.json").write_text("{", "utf-8"), "manifest.json 无法读取：不是有效的 JSON（第 1 行第 2 列"),
    (lambda p: (p / "manifest.json").write_bytes("{\"format\": \"质\"}".encode("gbk")), "manifest.json 无法读取：不是 UTF-8 编码"),
])
def test_each_damage_is_one_line_naming_the_file(package: Path, damage, expected: str):
    damage(package)
    verdict = verdict_of(package)
    assert verdict.verdict == PROBLEMS
    assert any(line.startswith(expected) for line in verdict.problems), verdict.problems


def test_a_changed_attachment_also_breaks_the_paper_binding(package: Path):
    code = read_manifest(package)["binding_code"]
    (package / ATTACHMENT).write_bytes(b"Y" * 1280)
    problems = verdict_of(package, code=code).problems
    assert problems[0] == f"{ATTACHMENT} 内容已被改动：SHA-256 与清单记载不符"
    assert problems[1].startswith("光盘与纸质材料不是同一份")


def test_data_failing_validation_lists_field_and_message(package: Path):
    submission = json.loads((package / SUBMISSION).read_bytes())
    submission["data"]["profile"]["uscc"] = "91350203MA2Y8K3C7X"
    submission["data"]["needs"] = []
    reseal(package, submission)
    problems = verdict_of(package).problems
    assert any(p.startswith("data/submission.json：profile.uscc：") for p in problems), problems
    assert any(p.startswith("data/submission.json：needs：需求列表至少需要 1 行") for p in problems), problems


def test_unknown_form_or_edition(package: Path):
    submission = json.loads((package / SUBMISSION).read_bytes())
    submission["edition"] = "2031"
    reseal(package, submission)
    problems = verdict_of(package).problems
    assert any("未知的表格或版本 2023-a1-needs（2031 版）" in p for p in problems), problems


def test_binding_code_inconsistent_with_data(package: Path):
    manifest = read_manifest(package)
    manifest["binding_code"] = "7KQ2-M9XD-4TBE-Q1W8"
    write_manifest(package, manifest)
    problems = verdict_of(package).problems
    assert problems == (f"manifest.json 记载的装订码 7KQ2-M9XD-4TBE-Q1W8 与数据计算得到的 "
                        f"{code_from_sha256(manifest['binding_sha256'])} 不一致",)


def test_data_changed_with_hashes_updated_but_binding_kept_is_caught(package: Path):
    manifest = read_manifest(package)
    submission = json.loads((package / SUBMISSION).read_bytes())
    submission["data"]["profile"]["employees"] += 1
    data = canonical_bytes(submission)
    (package / SUBMISSION).write_bytes(data)
    for entry in manifest["files"]:
        if entry["path"] == SUBMISSION:
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    write_manifest(package, manifest)
    problems = verdict_of(package).problems
    assert any(p.startswith("装订码与数据不一致") for p in problems), problems


def test_a_draft_package_is_not_complete(package: Path):
    manifest = read_manifest(package)
    manifest["draft"] = True
    write_manifest(package, manifest)
    assert "草稿" in verdict_of(package).problems[0]


def test_verify_says_a_draft_is_a_draft_and_shows_its_draft_code(package: Path):
    manifest = read_manifest(package)
    manifest["draft"] = True
    write_manifest(package, manifest)
    verdict = verdict_of(package)
    assert verdict.draft and verdict.to_json()["draft"] is True
    text, code = verify_main_output([verdict], as_json=False)
    assert code == 1
    first, second, third = text.splitlines()[:3]
    assert first.startswith("【有问题·草稿】")
    assert f"装订码：草稿-{manifest['binding_code'][:4]}" in third and manifest["binding_code"] not in text
    assert not verdict_of(package.parent / "missing").draft


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_linked_file_is_refused_and_never_read(package: Path, tmp_path: Path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes((package / ATTACHMENT).read_bytes())  # same bytes: only the link is wrong
    (package / ATTACHMENT).unlink()
    os.symlink(secret, package / ATTACHMENT)
    assert verdict_of(package).problems == (f"包含链接文件 {ATTACHMENT}，已拒绝读取",)


def test_a_windows_copy_with_shortened_names_still_verifies(tmp_path: Path):
    long_name = "attachments/" + "营业执照副本（加盖公章）扫描件" * 5 + ".pdf"
    package = write_package(tmp_path / "package", attachments=[(long_name, b"scan")])
    result = build_iso(package, tmp_path / "long.iso")
    (joliet_path,) = [shown for path, shown in result.renamed]
    copy = tmp_path / "copied_on_windows"
    shutil.copytree(package, copy)
    (copy / long_name).rename(copy / joliet_path.lstrip("/"))
    assert verdict_of(tmp_path / "long.iso").verdict == COMPLETE
    assert verdict_of(copy).verdict == COMPLETE


@pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso not installed")
@pytest.mark.parametrize("options", [["-J", "-R"], ["-R"], ["-J"]])
def test_an_image_made_by_another_burner_verifies(package: Path, tmp_path: Path, options: list[str]):
    iso = tmp_path / "other.iso"
    subprocess.run(["xorriso", "-as", "mkisofs", *options, "-o", str(iso), str(package)], capture_output=True, check=True)
    verdict = verdict_of(iso)
    assert (verdict.verdict, verdict.problems) == (COMPLETE, ())


def test_progress_covers_all_bytes_and_cancel_stops(package: Path, package_iso: Path):
    seen: list[tuple[int, int]] = []
    verify_paths([package, package_iso], progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)
    with pytest.raises(Cancelled):
        verify_paths([package], cancel=lambda: True)


def test_main_output_exit_codes_and_json(package: Path, tmp_path: Path):
    good = verify_paths([package])
    assert verify_main_output(good, as_json=False)[1] == 0
    text, code = verify_main_output(good, as_json=True)
    (entry,) = [json.loads(line) for line in text.splitlines()]  # one JSON object per package, one per line
    assert code == 0 and set(entry) >= {"source", "verdict", "form", "submitter", "binding_code", "problems"}
    assert set(entry["submitter"]) == {"name", "uscc"}
    (package / ATTACHMENT).unlink()
    text, code = verify_main_output(verify_paths([package]), as_json=False)
    assert code == 1 and "【有问题】" in text and f"缺少文件 {ATTACHMENT}" in text
    assert verify_main_output(verify_paths([tmp_path / "nothing-here"]), as_json=False)[1] == 2
    assert verify_main_output([], as_json=True) == ("", 2)


def test_import_copies_a_complete_package_into_the_workspace_only(package_iso: Path, tmp_path: Path):
    workspace = tmp_path / "workspace"
    verdict = verdict_of(package_iso)
    target = import_package(verdict, workspace)
    assert target == workspace.resolve() / verdict.binding_code
    assert verdict_of(target).verdict == COMPLETE
    assert sorted(p.name for p in workspace.iterdir()) == [verdict.binding_code]
    assert import_package(verdict, workspace) == target  # importing again replaces the copy


def test_import_refuses_a_package_with_problems(package: Path, tmp_path: Path):
    (package / ATTACHMENT).unlink()
    with pytest.raises(ImportRefused, match="完整"):
        import_package(verdict_of(package), tmp_path / "workspace")
    assert not (tmp_path / "workspace").exists()


def test_import_refuses_a_package_changed_after_verification(package: Path, tmp_path: Path):
    verdict = verdict_of(package)
    (package / ATTACHMENT).write_bytes(b"Z" * 1280)
    with pytest.raises(ImportRefused, match="变化"):
        import_package(verdict, tmp_path / "workspace")
    assert list((tmp_path / "workspace").iterdir()) == []
