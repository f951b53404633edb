"""附件材料 in the GUI: files added by dialog or drop into the data folder's store, refused files, clean-up."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.attachments import make_sample_files
from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.samples import sample_raw
from desktop.ui.attachments_add import FileAdder
from desktop.ui.draft_dialogs import initial_raw
from desktop.ui.export_job import run_export

from .helpers import open_wizard

APPLICATION = get_form("2023-a3-application")


def open_attachments(ctx, qtbot, data=None):
    raw = initial_raw(APPLICATION) if data is None else data
    draft_id = ctx.store.create_draft(APPLICATION.id, APPLICATION.edition, form_hash(APPLICATION), raw)
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:ch10")
    return wizard, page.tables[0]


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def drop(grid, paths, y: int = 5) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, y), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    grid.grid.dropEvent(event)


def test_three_files_become_three_rows_named_after_the_files(ctx, qtbot, tmp_path, monkeypatch):
    pdf, png, jpg = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    monkeypatch.setattr(FileAdder, "choose", lambda adder, many: [pdf, png])
    qtbot.mouseClick(grid.buttons["files"], Qt.MouseButton.LeftButton)
    drop(grid, [jpg])
    rows = wizard.session.raw["attachments"]
    assert [r["title"] for r in rows] == ["营业执照（样例）", "资质证书（样例）", "知识产权证书（样例）"]
    assert rows[0]["file"] == {"name": pdf.name, "sha256": digest(pdf), "size": pdf.stat().st_size, "kind": "pdf",
                               "pages": 1}
    assert [r["file"]["kind"] for r in rows] == ["pdf", "png", "jpg"]
    assert grid.grid.item(0, 1).text() == "营业执照（样例）.pdf · PDF · 1 页"
    assert grid.grid.item(1, 1).text().startswith("资质证书（样例）.png · PNG · ") and " KB" in grid.grid.item(1, 1).text()
    for path in (pdf, png, jpg):
        assert (ctx.data_dir / "attachments" / digest(path)).read_bytes() == path.read_bytes()
    assert "已添加 1 个文件" in grid.notice.text()
    wizard.session.validate_now()
    assert not any(p.path.startswith("attachments") for p in wizard.session.index.problems)


def test_a_file_that_is_not_what_its_name_says_or_is_empty_is_refused_beside_the_table(ctx, qtbot, tmp_path):
    wizard, grid = open_attachments(ctx, qtbot)
    fake = tmp_path / "营业执照.pdf"
    fake.write_text("这其实是一段文字，不是 PDF", "utf-8")
    empty = tmp_path / "空白.png"
    empty.write_bytes(b"")
    grid.add_files([fake], None)
    assert wizard.session.raw["attachments"] == []
    assert "营业执照.pdf" in grid.notice.text() and not grid.notice.isHidden()
    assert "c62828" in grid.notice.styleSheet()
    drop(grid, [empty])
    assert "空白.png" in grid.notice.text() and "0 字节" in grid.notice.text()
    assert wizard.session.raw["attachments"] == []
    assert not (ctx.data_dir / "attachments").exists() or not any((ctx.data_dir / "attachments").iterdir())


def test_a_file_cell_opened_with_enter_replaces_its_file(ctx, qtbot, tmp_path, monkeypatch):
    pdf, png, _jpg = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    grid.add_files([pdf], None)
    monkeypatch.setattr(FileAdder, "choose", lambda adder, many: [png])
    grid.grid.setCurrentCell(0, 1)
    qtbot.keyClick(grid.grid, Qt.Key.Key_Return)
    rows = wizard.session.raw["attachments"]
    assert len(rows) == 1 and rows[0]["file"]["kind"] == "png"
    assert rows[0]["title"] == "营业执照（样例）"  # a name already typed stays
    qtbot.keyClick(grid.grid, Qt.Key.Key_Delete)
    assert wizard.session.raw["attachments"][0]["file"] is None


def test_removed_files_leave_the_store_after_saving_unless_a_draft_in_the_bin_uses_them(ctx, qtbot, tmp_path):
    pdf, png, jpg = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    grid.add_files([pdf, png, jpg], None)
    wizard.session.save_now()
    binned = sample_raw(APPLICATION)
    binned["attachments"] = [{"title": "资质", "file": wizard.session.raw["attachments"][1]["file"]}]
    bin_id = ctx.store.create_draft(APPLICATION.id, APPLICATION.edition, form_hash(APPLICATION), binned)
    ctx.store.delete_draft(bin_id)
    kept = ctx.data_dir / "attachments"
    for _ in range(2):  # the PDF's row, then the PNG's
        grid.grid.setCurrentCell(0, 0)
        qtbot.mouseClick(grid.buttons["remove"], Qt.MouseButton.LeftButton)
    assert (kept / digest(pdf)).exists()  # not before the save
    wizard.session.save_now()
    assert not (kept / digest(pdf)).exists()
    assert (kept / digest(png)).exists()  # the draft in the recycle bin can still be restored
    assert (kept / digest(jpg)).exists()  # still in this draft
    assert [r["title"] for r in wizard.session.raw["attachments"]] == ["知识产权证书（样例）"]


def test_a_file_added_and_removed_between_two_saves_does_not_stay_behind(ctx, qtbot, tmp_path):
    pdf, png, _jpg = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    grid.add_files([pdf, png], None)
    grid.grid.setCurrentCell(0, 0)
    qtbot.mouseClick(grid.buttons["remove"], Qt.MouseButton.LeftButton)
    wizard.session.save_now()  # the first save: the PDF never reached the stored draft
    kept = ctx.data_dir / "attachments"
    assert not (kept / digest(pdf)).exists() and (kept / digest(png)).exists()


def test_the_export_takes_the_files_from_the_programs_data_folder_not_the_original(ctx, qtbot, tmp_path, monkeypatch):
    files = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    grid.add_files(files, None)
    for path in files:
        path.unlink()  # the draft never depends on where the file came from
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "另一个数据文件夹"))  # the default store is elsewhere
    record = wizard.session.save_now()
    outcome = run_export(ctx.store, APPLICATION, record.id, wizard.session.raw, 0, tmp_path / "out", draft=True,
                         now=ctx.now())
    names = sorted(p.name for p in (outcome.folder / "attachments").iterdir())
    assert names == ["01_营业执照（样例）.pdf", "02_资质证书（样例）.png", "03_知识产权证书（样例）.jpg"]



def test_a_file_dropped_on_a_single_file_field_is_copied_in(ctx, qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from desktop.engine.declare import file
    from desktop.ui.widgets import editor_for

    parent = QWidget()
    qtbot.addWidget(parent)
    editor = editor_for(file("licence", "营业执照", accept=("pdf", "png"), max_mb=5), parent)
    editor.use_context(ctx)
    changes = []
    editor.changed.connect(lambda: changes.append(editor.raw()))
    pdf, png, _jpg = make_sample_files(tmp_path / "files")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(png)), QUrl.fromLocalFile(str(pdf))])
    editor.widget.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                       Qt.KeyboardModifier.NoModifier))
    assert changes == [editor.raw()] and editor.raw()["sha256"] == digest(png)  # one field holds one file
    assert "path" not in editor.raw()
    assert editor.label.text().startswith("资质证书（样例）.png · PNG · ")


def test_deleting_a_draft_for_good_removes_the_files_only_it_used(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.draft_dialogs import RecycleBinDialog

    pdf, png, _jpg = make_sample_files(tmp_path / "files")
    wizard, grid = open_attachments(ctx, qtbot)
    grid.add_files([pdf, png], None)
    wizard.session.save_now()
    draft_id = wizard.session.draft_id
    other = sample_raw(APPLICATION)
    other["attachments"] = [{"title": "资质", "file": wizard.session.raw["attachments"][1]["file"]}]
    ctx.store.create_draft(APPLICATION.id, APPLICATION.edition, form_hash(APPLICATION), other)
    wizard.close()
    ctx.store.delete_draft(draft_id)
    kept = ctx.data_dir / "attachments"
    assert (kept / digest(pdf)).exists()  # in the recycle bin it can still come back
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    dialog = RecycleBinDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.purge()
    assert not (kept / digest(pdf)).exists() and (kept / digest(png)).exists()
