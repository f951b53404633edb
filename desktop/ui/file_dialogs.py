"""Choosing files and folders, in Chinese wherever the dialog comes from.

On Windows and on desktops with a platform file dialog (统信UOS, 麒麟) the
system's own dialog is used and speaks the system's language.  Elsewhere
Qt draws its own; Qt's zh_CN catalogue (app.install_translations) leaves
a few of its texts English ("Look in", "Files of type", "Folder") and
shows dates in the system locale ("30 11 2026"), so the labels are set
here and the type and date columns pass through :class:`ChineseFileColumns`.
Every window asks through these functions, never through QFileDialog's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView, QWidget

TYPE_COLUMN, DATE_COLUMN = 2, 3
LABELS = {
    QFileDialog.DialogLabel.LookIn: "查找范围：",
    QFileDialog.DialogLabel.FileName: "文件名：",
    QFileDialog.DialogLabel.FileType: "文件类型：",
    QFileDialog.DialogLabel.Reject: "取消",
}


class ChineseFileColumns(QIdentityProxyModel):
    """The file list's 类型 and 修改日期 columns as 文件夹 / PDF 文件 and 2023年4月20日 10:32."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (TYPE_COLUMN, DATE_COLUMN):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                info = source.fileInfo(self.mapToSource(index))
                if index.column() == TYPE_COLUMN:
                    return file_type_text(info.isDir(), info.suffix())
                moment = info.lastModified()
                if moment.isValid():
                    date = moment.date()
                    return f"{date.year()}年{date.month()}月{date.day()}日 {moment.toString('HH:mm')}"
        return super().data(index, role)


def file_type_text(is_dir: bool, suffix: str) -> str:
    if is_dir:
        return "文件夹"
    return f"{suffix.upper()} 文件" if suffix else "文件"


def file_dialog(parent: QWidget | None, title: str, start: str | Path = "", file_filter: str = "",
                mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
                accept: str = "打开") -> QFileDialog:
    """The dialog, ready to ``exec()`` (tests look into it)."""
    dialog = QFileDialog(parent, title, str(start or Path.home()), file_filter)
    dialog.setFileMode(mode)
    labels = {**LABELS, QFileDialog.DialogLabel.Accept: accept}
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        labels[QFileDialog.DialogLabel.FileName] = "文件夹："
    for label, text in labels.items():
        dialog.setLabelText(label, text)
    dialog.setProxyModel(ChineseFileColumns(dialog))
    for view in dialog.findChildren(QTreeView):  # the detail view: room for 2023年12月30日 10:32
        view.header().resizeSection(DATE_COLUMN, view.fontMetrics().horizontalAdvance("2023年12月30日 10:32") + 24)
    return dialog


def _chosen(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


def choose_folder(parent: QWidget | None, title: str, start: str | Path = "") -> str:
    """A folder's path, or "" when cancelled."""
    chosen = _chosen(file_dialog(parent, title, start, mode=QFileDialog.FileMode.Directory, accept="选择"))
    return chosen[0] if chosen else ""


def choose_file(parent: QWidget | None, title: str, start: str | Path = "", file_filter: str = "") -> str:
    chosen = _chosen(file_dialog(parent, title, start, file_filter))
    return chosen[0] if chosen else ""


def choose_files(parent: QWidget | None, title: str, start: str | Path = "", file_filter: str = "") -> list[str]:
    return _chosen(file_dialog(parent, title, start, file_filter, QFileDialog.FileMode.ExistingFiles))


def choose_save_file(parent: QWidget | None, title: str, start: str | Path = "", file_filter: str = "") -> str:
    dialog = file_dialog(parent, title, start, file_filter, QFileDialog.FileMode.AnyFile, accept="保存")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "保存")
    chosen = _chosen(dialog)
    return chosen[0] if chosen else ""
