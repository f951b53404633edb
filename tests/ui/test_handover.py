"""A program that opens what it is handed, and a second start that hands its file to the running copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.engine.submission import canonical_bytes
from desktop.forms.registry import get_form
from desktop.samples import sample_submission
from desktop.ui import handover
from desktop.ui.handover import InstanceServer, hand_over, open_handed, parse_message, server_name
from desktop.ui.start_window import StartWindow
from tests.package.sample_package import read_manifest, write_package

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def start(ctx, qtbot):
    window = StartWindow(ctx)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def boxes(monkeypatch):
    """Message boxes the code shows, recorded instead of waiting for a click."""
    shown: list[tuple[str, str]] = []
    record = staticmethod(lambda parent, title, text, *a, **k: shown.append((title, text)))
    monkeypatch.setattr(handover.QMessageBox, "warning", record)
    monkeypatch.setattr(handover.QMessageBox, "information", record)
    return shown


def _submission_file(path: Path, seed: int) -> Path:
    path.write_bytes(canonical_bytes(sample_submission(get_form("2023-a1-needs"), seed)))
    return path


def test_a_package_folder_opens_the_disc_window_and_is_verified(start, ctx, tmp_path, boxes):
    package = write_package(tmp_path / "收到的 材料包")
    assert open_handed(start, package) == "disc"
    verify = ctx.open_windows["VerifyWindow"]
    assert verify.isVisible()
    assert [v.complete for v in verify.verdicts] == [True]
    assert verify.verdicts[0].binding_code == read_manifest(package)["binding_code"]
    assert boxes == []


def test_a_submission_becomes_a_new_draft_and_never_replaces_one(start, ctx, tmp_path, boxes):
    file = _submission_file(tmp_path / "附件1_填报数据.json", seed=3)
    before = {d.id: ctx.store.get_draft(d.id).data for d in ctx.store.list_drafts()}
    assert open_handed(start, file) == "submission"
    assert open_handed(start, file) == "submission"
    drafts = ctx.store.list_drafts()
    assert len(drafts) == len(before) + 2
    new = [d for d in drafts if d.id not in before]
    raws = [ctx.store.get_draft(d.id).data for d in new]
    assert raws[0] == raws[1]
    name = json.loads(file.read_text(encoding="utf-8"))["data"]["profile"]["name"]
    assert raws[0]["profile"]["name"] == name
    for draft_id, raw in before.items():
        assert ctx.store.get_draft(draft_id).data == raw
    assert ("draft", new[-1].id) in ctx.open_windows


def test_an_unknown_file_is_told_in_chinese_and_changes_nothing(start, ctx, tmp_path, boxes):
    other = tmp_path / "报表.docx"
    other.write_bytes(b"PK\x03\x04 not ours")
    drafts = len(ctx.store.list_drafts())
    assert open_handed(start, other) == "unknown"
    assert len(boxes) == 1 and boxes[0][0] == "无法打开" and "报表.docx" in boxes[0][1]
    assert len(ctx.store.list_drafts()) == drafts and "VerifyWindow" not in ctx.open_windows


def test_a_damaged_submission_is_refused_with_a_message(start, ctx, tmp_path, monkeypatch):
    file = tmp_path / "坏.json"
    file.write_text('{"format": "xieshou-submission", "version": 1, "form": "no-such-form", "data": {}}',
                    encoding="utf-8")
    shown = []
    monkeypatch.setattr(handover, "QMessageBox", handover.QMessageBox)
    monkeypatch.setattr("desktop.ui.messages.QMessageBox.warning",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    drafts = len(ctx.store.list_drafts())
    open_handed(start, file)
    assert len(shown) == 1 and shown[0][0] == "无法导入填报数据"
    assert len(ctx.store.list_drafts()) == drafts


def test_a_campaign_file_is_imported(start, tmp_path, monkeypatch, boxes):
    source = json.loads((ROOT / "resources" / "campaigns" / "2023-jiebang.json").read_text(encoding="utf-8"))
    source.update(id="2024-jiebang", name="2024年度测试活动", notice="测试通知〔2024〕1号", notice_date="2024-04-01")
    file = tmp_path / "2024.json"
    file.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("desktop.ui.start_window.QMessageBox.information",
                        staticmethod(lambda parent, title, text: boxes.append((title, text))))
    assert open_handed(start, file) == "campaign"
    assert (start.campaigns_dir()).is_dir() and any(start.campaigns_dir().iterdir())
    assert boxes and "已导入活动文件" in boxes[-1][1]


def test_messages_other_than_open_are_dropped():
    assert parse_message(b'{"open": ["/a.iso", "/b"]}') == [Path("/a.iso"), Path("/b")]
    for bad in (b"", b"\xff", b"[]", b'{"open": "x"}', b'{"open": [1]}', b'{"open": [""]}',
                json.dumps({"open": ["x"] * 101}).encode()):
        assert parse_message(bad) is None


def test_the_server_name_depends_on_the_data_folder(tmp_path):
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_nothing_running_means_no_hand_over(qapp, tmp_path):
    started = time.monotonic()
    assert hand_over([tmp_path / "x.iso"], tmp_path / "nobody", wait_ms=500) is False
    assert time.monotonic() - started < 2


def _second_start(args: list[str], data_dir: Path) -> subprocess.Popen:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XIESHOU_DATA_DIR=str(data_dir))
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", *args], cwd=str(data_dir.parent), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_a_second_start_hands_its_file_to_the_running_copy(qapp, qtbot, data_dir, tmp_path):
    from desktop.store import db_path
    from desktop.store.lock import InstanceLock
    from desktop.store.paths import lock_path

    data_dir.mkdir(parents=True, exist_ok=True)
    running = InstanceLock.acquire(lock_path(db_path(data_dir)))  # the running copy holds the data folder
    server = InstanceServer(data_dir)
    received: list[list[Path]] = []
    server.received.connect(received.append)
    assert server.listen()
    try:
        second = _second_start(["收到的 光盘.iso"], data_dir)  # relative: made absolute against its own folder
        qtbot.waitUntil(lambda: bool(received), timeout=20000)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=20000)
        assert second.returncode == 0, second.stdout.read().decode()
        assert received == [[tmp_path / "收到的 光盘.iso"]]
        third = _second_start(["gui"], data_dir)  # no file: just bring the window forward
        qtbot.waitUntil(lambda: len(received) == 2 and third.poll() is not None, timeout=20000)
        assert third.returncode == 0 and received[1] == []
    finally:
        server.close()
        running.release()


def test_xieshou_file_is_the_gui_with_that_file(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr("desktop.ui.app.run", lambda argv, exit_after_show=False, files=(): calls.append(files) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli_main(["盘.iso"]) == 0
    assert cli_main(["gui", "a.json", str(tmp_path / "b.iso")]) == 0
    assert calls == [[tmp_path / "盘.iso"], [tmp_path / "a.json", tmp_path / "b.iso"]]


# ---------------------------------------------------------------- first run, 帮助
def test_first_run_offers_the_sample_draft_and_it_cannot_be_exported_final(start, ctx, qtbot, tmp_path):
    from desktop.learning import SAMPLE_TITLE, SampleExportRefused
    from desktop.ui.export_job import run_export

    assert ctx.store.list_drafts() == [] and start.learning.isVisibleTo(start)
    qtbot.mouseClick(start.learning.button, handover.Qt.MouseButton.LeftButton)
    assert not start.learning.isVisibleTo(start)
    [draft] = ctx.store.list_drafts()
    assert draft.title == SAMPLE_TITLE and ("draft", draft.id) in ctx.open_windows
    start.open_sample_draft()  # again: the same draft, not a second one
    assert [d.id for d in ctx.store.list_drafts()] == [draft.id]
    record = ctx.store.get_draft(draft.id)
    form = get_form(record.form_id)
    with pytest.raises(SampleExportRefused):
        run_export(ctx.store, form, draft.id, record.data, 0, tmp_path / "out", draft=False, now=ctx.now())
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    outcome = run_export(ctx.store, form, draft.id, record.data, 0, tmp_path / "out", draft=True, now=ctx.now())
    assert outcome.export.kind == "draft"


def test_the_offer_is_not_shown_once_there_are_drafts(ctx, qtbot, new_draft):
    new_draft()
    window = StartWindow(ctx)
    qtbot.addWidget(window)
    assert not window.learning.isVisibleTo(window)


def test_help_menu_opens_the_shipped_manual_and_the_about_box(start, ctx, monkeypatch):
    from desktop.ui import help_menu

    menus = {a.text(): a.menu() for a in start.menuBar().actions()}
    actions = [a.text() for a in menus["帮助(&H)"].actions() if a.text()]
    assert actions == ["用户手册(&M)", "打开样例草稿（练习用）(&S)", "键盘快捷键(&K)", "关于携手填报(&A)"]
    opened = []
    assert help_menu.open_manual(start, opener=lambda url: opened.append(url.toLocalFile()) or True)
    manual = Path(opened[0])
    assert manual == ROOT / "resources" / "manual" / "携手填报用户手册.pdf" and manual.read_bytes()[:5] == b"%PDF-"
    about = help_menu.AboutDialog(ctx, start)
    assert about.text.toPlainText().startswith("携手填报 ") and str(ctx.data_dir) in about.text.toPlainText()


def test_a_missing_reader_or_manual_is_told(start, monkeypatch):
    from desktop.ui import help_menu

    shown = []
    monkeypatch.setattr(help_menu, "show_error", lambda parent, error, title: shown.append((title, str(error))))
    assert not help_menu.open_manual(start, opener=lambda url: False)
    assert "没有找到可以打开 PDF 文件的程序" in shown[-1][1]
    monkeypatch.setattr(help_menu, "MANUAL", ("manual", "不存在.pdf"))
    assert not help_menu.open_manual(start, opener=lambda url: True)
    assert "重新安装" in shown[-1][1]
