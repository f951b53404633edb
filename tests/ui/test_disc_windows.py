"""The burn window (pseudo-drive burn, read-back verdicts) and the verify window (batch verdicts, paper code)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.package.iso import build_iso
from desktop.ui import burn_window
from desktop.ui.burn_window import BurnWindow
from desktop.ui.verify_table import COLUMNS
from desktop.ui.verify_window import VerifyWindow
from tests.package.sample_package import read_manifest, write_package

needs_xorriso = pytest.mark.skipif(shutil.which("xorriso") is None, reason="xorriso is not installed")
LICENCE = "attachments/01_营业执照.pdf"


def snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with its SHA-256: the source must be the same after the officer's work."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def image(tmp_path) -> Path:
    package = write_package(tmp_path / "package")
    return build_iso(package, tmp_path / "package.iso").path


def tamper(path: Path) -> None:
    data = bytearray(path.read_bytes())
    offset = data.find(b"% made-up licence scan")
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def burn_window_for(ctx, qtbot, iso: Path, device: str) -> BurnWindow:
    window = BurnWindow(ctx, iso)
    qtbot.addWidget(window)
    window.drives.set_device(device)
    window.check_media()
    return window


# ---------------------------------------------------------------- burning
@needs_xorriso
def test_burning_to_a_pseudo_drive_reads_the_disc_back_and_passes(ctx, qtbot, image, tmp_path):
    disc = tmp_path / "drive" / "disc.iso"
    disc.parent.mkdir()
    window = burn_window_for(ctx, qtbot, image, f"stdio:{disc}")
    code = read_manifest(tmp_path / "package")["binding_code"]
    assert "卷标：XS2023A1_" in window.facts_label.text() and f"装订码：{code}" in window.facts_label.text()
    assert window.iso_state.level == "ok" and "可刻录到任何 CD-R" in window.iso_state.text()
    assert window.media_state.level == "ok" and "伪光驱（文件）可写" in window.media_state.text()
    assert "放得下" in window.media_state.text()
    qtbot.mouseClick(window.burn_button, Qt.MouseButton.LeftButton)
    assert disc.is_file()
    assert window.verdict.text() == "✔ 校验通过" and window.verdict.level == "ok"
    assert window.verdict_text.text() == f"光盘校验通过：6 个文件与清单完全一致，装订码 {code}。"
    assert window.problems.isHidden() and window.burn_row.note.text() == "刻录完成"
    assert window.burn_button.isEnabled()


def test_checking_a_tampered_disc_lists_the_problem(ctx, qtbot, image, tmp_path):
    disc = tmp_path / "disc.iso"
    shutil.copyfile(image, disc)  # a disc burned elsewhere; "只校验光盘" needs no burner
    tamper(disc)
    window = burn_window_for(ctx, qtbot, image, f"stdio:{disc}")
    qtbot.mouseClick(window.verify_button, Qt.MouseButton.LeftButton)
    assert window.verdict.text() == "✖ 有问题" and window.verdict.level == "error"
    assert not window.problems.isHidden()
    assert window.problems.item(0).text() == f"1. {LICENCE} 内容已被改动：SHA-256 与清单记载不符"
    assert "请换一张空白光盘重新刻录" in window.verdict_text.text()


@needs_xorriso
def test_a_burned_disc_tampered_afterwards_fails_the_check(ctx, qtbot, image, tmp_path):
    disc = tmp_path / "disc.iso"
    window = burn_window_for(ctx, qtbot, image, f"stdio:{disc}")
    window.start_burn()
    assert window.verdict.text() == "✔ 校验通过"
    tamper(disc)
    window.start_check(after_burn=False)
    assert window.verdict.text() == "✖ 有问题"
    assert window.burn_row.note.text() == ""


def test_without_a_burner_the_window_says_what_to_install_and_still_checks(ctx, qtbot, image, tmp_path, monkeypatch):
    monkeypatch.setattr(burn_window, "find_burner", lambda: None)
    disc = tmp_path / "disc.iso"
    shutil.copyfile(image, disc)
    window = burn_window_for(ctx, qtbot, image, f"stdio:{disc}")
    assert "sudo apt install xorriso" in window.burner_state.text() and not window.burner_state.isHidden()
    assert not window.burn_button.isEnabled() and window.verify_button.isEnabled()
    window.start_check(after_burn=False)
    assert window.verdict.text() == "✔ 校验通过"


def test_a_file_that_is_no_image_is_refused_with_a_reason(ctx, qtbot, tmp_path):
    wrong = tmp_path / "notes.iso"
    wrong.write_bytes(b"not an image" * 400)
    window = burn_window_for(ctx, qtbot, wrong, f"stdio:{tmp_path / 'disc.iso'}")
    assert window.iso_state.level == "error" and "notes.iso" in window.iso_state.text()
    assert not window.burn_button.isEnabled() and not window.verify_button.isEnabled()


# ---------------------------------------------------------------- opening discs
@pytest.fixture
def received(tmp_path) -> Path:
    """A folder as an officer gets it: two good packages and one whose attachment was changed."""
    inbox = tmp_path / "收件"
    write_package(inbox / "A_good", seed=1)
    write_package(inbox / "B_good", seed=2)
    tamper(write_package(inbox / "C_broken", seed=3) / LICENCE)
    return inbox


def verify_window(ctx, qtbot, paths) -> VerifyWindow:
    window = VerifyWindow(ctx)
    qtbot.addWidget(window)
    window.open_paths(paths)
    return window


def column(window: VerifyWindow, row: int, name: str) -> str:
    return window.table.verdict_texts(row)[COLUMNS.index(name)]


def test_a_folder_of_packages_gets_one_verdict_each(ctx, qtbot, received):
    before = snapshot(received)
    window = verify_window(ctx, qtbot, [received])
    assert window.summary.text() == "共 3 个数据包：2 个完整，1 个有问题。" and window.summary.level == "error"
    assert [column(window, r, "结论") for r in range(3)] == ["完整", "完整", "有问题"]
    assert [column(window, r, "问题") for r in range(3)] == ["0", "0", "1"]
    assert [column(window, r, "来源") for r in range(3)] == ["A_good", "B_good", "C_broken"]
    manifest = read_manifest(received / "C_broken")
    assert column(window, 2, "报送单位") == manifest["submitter"]["name"]
    assert column(window, 2, "统一社会信用代码") == manifest["submitter"]["uscc"]
    assert column(window, 2, "表格") == "附件1 大企业技术创新需求表"
    # the code the disc's content gives: the changed attachment no longer gives the manifest's
    assert column(window, 2, "装订码") != manifest["binding_code"]
    assert column(window, 0, "装订码") == read_manifest(received / "A_good")["binding_code"]
    assert window.table.item(2, 0).foreground().color().name() == "#c62828"
    assert window.table.item(0, 0).foreground().color().name() == "#2e7d32"
    window.table.selectRow(2)
    assert f"{LICENCE} 内容已被改动：SHA-256 与清单记载不符" in window.detail.toPlainText()
    assert "发现 1 个问题" in window.detail.toPlainText()
    assert not window.import_button.isEnabled() and window.view_button.isEnabled()
    window.table.selectRow(0)
    assert "没有发现问题" in window.detail.toPlainText() and window.import_button.isEnabled()
    assert snapshot(received) == before


def test_the_paper_code_check_says_match_or_mismatch(ctx, qtbot, received):
    window = verify_window(ctx, qtbot, [received])
    window.table.selectRow(0)
    manifest = read_manifest(received / "A_good")
    code = manifest["binding_code"]
    window.check_paper_code(code.lower().replace("-", " "))
    assert window.note.level == "ok" and window.note.text().startswith(f"✔ 一致：纸质材料上的装订码 {code}")
    window.check_paper_code(f"XSBIND:{code}:{manifest['binding_sha256']}")  # scanned from the QR code
    assert window.note.level == "ok"
    other = read_manifest(received / "B_good")["binding_code"]
    window.check_paper_code(other)
    assert window.note.level == "error" and window.note.text().startswith("✖ 不一致：光盘与纸质材料不是同一份")
    assert f"纸质材料上的装订码为 {other}" in window.note.text()
    assert column(window, 0, "结论") == "有问题" and window.table.currentRow() == 0
    assert window.summary.text() == "共 3 个数据包：1 个完整，2 个有问题。"
    window.check_paper_code("12345")
    assert window.note.level == "error" and "不是装订码" in window.note.text()


def test_importing_copies_a_complete_package_into_the_workspace_only(ctx, qtbot, received, data_dir):
    before = snapshot(received)
    window = verify_window(ctx, qtbot, [received])
    window.table.selectRow(1)
    window.import_current()
    code = read_manifest(received / "B_good")["binding_code"]
    kept = data_dir / "received" / code
    assert window.note.text() == f"已导入到工作区：{kept}"
    assert snapshot(kept) == snapshot(received / "B_good")
    assert snapshot(received) == before


def test_an_image_and_a_missing_path_are_verified_side_by_side(ctx, qtbot, image, tmp_path):
    window = verify_window(ctx, qtbot, [image, tmp_path / "nowhere"])
    assert [column(window, r, "结论") for r in range(2)] == ["完整", "有问题"]
    assert column(window, 1, "报送单位") == "（无法读取）"
    window.table.selectRow(1)
    assert "路径不存在" in window.detail.toPlainText()
    assert not window.paper_button.isEnabled() and not window.view_button.isEnabled()


def test_time_left_is_said_in_whole_minutes():
    from desktop.ui.disc_widgets import time_left_text

    assert [time_left_text(s) for s in (20, 200, 4000)] == ["不到 1 分钟", "约 3 分钟", "约 1 小时 7 分钟"]
