"""Qt's own dialogs speak Chinese: a standard dialog with an English word on a button or label fails here."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDialogButtonBox, QFileDialog, QInputDialog, QLabel,
                               QMessageBox, QTreeView)

from desktop.ui.app import install_translations
from desktop.ui.file_dialogs import file_dialog, file_type_text

ENGLISH = re.compile(r"[A-Za-z]{2,}")
BUTTONS = QMessageBox.StandardButton
ALL_MESSAGE_BUTTONS = (BUTTONS.Ok | BUTTONS.Cancel | BUTTONS.Yes | BUTTONS.No | BUTTONS.Save | BUTTONS.Discard
                       | BUTTONS.Close | BUTTONS.Retry | BUTTONS.Ignore | BUTTONS.Abort | BUTTONS.Apply
                       | BUTTONS.Open | BUTTONS.Reset | BUTTONS.Help | BUTTONS.YesToAll | BUTTONS.NoToAll)


ACRONYMS = {"PDF", "ISO", "XLSX", "JSON", "DOCX"}  # file types are called so in Chinese too ("OK" is not one)
PATTERNS = re.compile(r"\(\*[^)]*\)")  # the "(*.pdf)" of a file filter


def english(texts) -> list[str]:
    """Texts with an English word; paths (the 查找范围 list) and filter patterns are not words."""
    return [text for text in texts if "/" not in text
            and set(ENGLISH.findall(PATTERNS.sub("", text.replace("&", "")))) - ACRONYMS]


def visible_texts(dialog) -> list[str]:
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)]
    texts += [combo.itemText(i) for combo in dialog.findChildren(QComboBox) for i in range(combo.count())]
    return texts


def test_install_translations_can_be_called_again_and_keeps_one_translator(qapp):
    first = install_translations(qapp)
    assert len(first) == 1 and install_translations(qapp) == first


def test_every_message_box_button_is_chinese(qapp):
    box = QMessageBox(QMessageBox.Icon.Question, "标题", "内容", ALL_MESSAGE_BUTTONS)
    texts = [button.text() for button in box.buttons()]
    assert len(texts) == 16 and english(texts) == []
    assert box.button(BUTTONS.Ok).text() == "确定" and box.button(BUTTONS.Cancel).text() == "取消"


def test_button_boxes_and_input_dialogs_are_chinese(qapp, qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Help | QDialogButtonBox.StandardButton.RestoreDefaults)
    assert english(b.text() for b in box.buttons()) == []
    dialog = QInputDialog()
    qtbot.addWidget(dialog)
    dialog.setLabelText("草稿名称：")
    dialog.show()
    assert english(visible_texts(dialog)) == []


@pytest.mark.parametrize("mode", [QFileDialog.FileMode.Directory, QFileDialog.FileMode.ExistingFile])
def test_qts_own_file_dialog_is_chinese_with_chinese_dates(qapp, qtbot, tmp_path, mode):
    folder = tmp_path / "材料"
    folder.mkdir()
    (tmp_path / "申报书.pdf").write_bytes(b"%PDF")
    dialog = file_dialog(None, "选择导出位置", tmp_path, "PDF 文件 (*.pdf)", mode=mode)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisibleTo(dialog))
    deadline = time.monotonic() + 10
    while view.model().rowCount(view.rootIndex()) == 0 and time.monotonic() < deadline:  # the model fills in a thread
        qtbot.wait(50)
    model, root = view.model(), view.rootIndex()
    rows = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(1, 4)]
            for r in range(model.rowCount(root))}
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert english(visible_texts(dialog) + headers) == []
    assert rows["材料"][1] == "文件夹"
    modified = folder.stat().st_mtime
    stamp = time.localtime(modified)
    assert rows["材料"][2] == f"{stamp.tm_year}年{stamp.tm_mon}月{stamp.tm_mday}日 {stamp.tm_hour:02d}:{stamp.tm_min:02d}"
    if mode == QFileDialog.FileMode.ExistingFile:
        assert rows["申报书.pdf"][1] == "PDF 文件"


def test_file_types_are_named_in_chinese():
    assert [file_type_text(True, ""), file_type_text(False, "xlsx"), file_type_text(False, "")] == [
        "文件夹", "XLSX 文件", "文件"]
