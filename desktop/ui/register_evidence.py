"""佐证材料 of one activity: files (PDF/JPG/PNG, checked and stored as every attachment is), the figures
each one supports ticked in a table, and per figure 有佐证/无佐证."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop.engine.declare import file
from desktop.register.activity import FIGURES
from desktop.register.evidence import ACCEPT, MAX_MB
from desktop.register.evidence_edit import add_file, remove_file, set_figures

from .attachments_add import FileAdder, accept_hint, dropped_paths, problems_text
from .field_row import DONE_COLOUR, ERROR_COLOUR
from .messages import describe_error
from .table_cells import file_text, read_only_item

EVIDENCE = file("evidence", "佐证材料", accept=ACCEPT, max_mb=MAX_MB)


class EvidenceDialog(QDialog):
    def __init__(self, window, activity, page: QWidget):
        super().__init__(page)
        self.window_, self.activity, self.page = window, activity, page
        self.setWindowTitle(f"佐证材料 — {activity.name}")
        self.setAcceptDrops(True)
        self.adder = FileAdder(window.ctx, EVIDENCE, self)
        head = QLabel(f"<b>{activity.name}</b><br>每个文件一行；勾选这份材料能证明的数据项。"
                      "一个数据项至少有一份材料勾选即为“有佐证”。", self)
        head.setWordWrap(True)
        self.table = QTableWidget(0, 1 + len(FIGURES), self)
        self.table.setHorizontalHeaderLabels(["文件", *[f.label for f in FIGURES]])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._ticked)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        hint = QLabel(accept_hint(EVIDENCE, "这个窗口上") + "。", self)
        hint.setStyleSheet("color: #616161;")
        self.add_button = QPushButton("添加文件…", self)
        self.remove_button = QPushButton("移除所选文件…", self)
        close = QPushButton("关闭", self)
        self.add_button.clicked.connect(lambda: self.add_paths(self.adder.choose(many=True)))
        self.remove_button.clicked.connect(self.ask_remove)
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (head, self.table, hint, self.state, self.message):
            layout.addWidget(widget)
        layout.addLayout(bar)
        self.resize(980, 420)
        self.show_activity(activity)

    def show_activity(self, activity) -> None:
        self.activity = activity
        self.table.blockSignals(True)
        self.table.setRowCount(len(activity.files))
        for r, entry in enumerate(activity.files):
            self.table.setItem(r, 0, read_only_item(file_text(entry.get("file"))))
            for c, figure in enumerate(FIGURES, start=1):
                item = QTableWidgetItem("")
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Checked if figure.id in entry.get("figures", ())
                                   else Qt.CheckState.Unchecked)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        reported = [f for f in FIGURES if activity.figure(f.id) is not None]
        backed = [f.label for f in reported if activity.evidence.get(f.id)]
        bare = [f.label for f in reported if not activity.evidence.get(f.id)]
        self.state.setText(
            f"<span style='color:{DONE_COLOUR}'>有佐证（{len(backed)} 项）：{'、'.join(backed) or '—'}</span><br>"
            f"<span style='color:{ERROR_COLOUR}'>无佐证（{len(bare)} 项）：{'、'.join(bare) or '—'}</span>"
            if reported else "这项活动还没有填写任何数据。")
        self.remove_button.setEnabled(bool(activity.files))

    def _run(self, fn, *args) -> None:
        window = self.window_
        window.ctx.tasks.run(self, fn, window.register, self.activity.id, *args, window.officer(), serial=True,
                             on_success=self._saved, on_failure=self._failed)

    def _saved(self, activity) -> None:
        self.show_activity(activity)
        self.page.decided()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(describe_error(error))
        self.show_activity(self.window_.register.get(self.activity.id) or self.activity)

    def _ticked(self, item: QTableWidgetItem) -> None:
        r = item.row()
        figures = [f.id for c, f in enumerate(FIGURES, start=1)
                   if self.table.item(r, c).checkState() == Qt.CheckState.Checked]
        self.message.clear()
        self._run(set_figures, r, figures)

    def add_paths(self, paths) -> None:
        if paths:
            self.message.setText(f"正在检查并添加 {len(paths)} 个文件…")
            self.adder.add(list(paths), self._added)

    def _added(self, outcomes) -> None:
        kept = sum(o.value is not None for o in outcomes)
        self.message.setText("\n".join(filter(None, [problems_text(outcomes), f"已添加 {kept} 个文件，请在表中勾选它佐证的数据项。"
                                                       if kept else ""])))
        for outcome in outcomes:
            if outcome.value is not None:
                self._run(add_file, outcome.value, [])

    def ask_remove(self) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(self.activity.files):
            self.message.setText("请先选中要移除的文件。")
            return
        name = self.activity.files[r]["file"].get("name", "")
        if QMessageBox.question(self, "移除佐证材料", f"确定移除“{name}”？它佐证的数据项将不再计为有佐证。"
                                ) == QMessageBox.StandardButton.Yes:
            self._run(remove_file, r)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        self.add_paths(dropped_paths(event.mimeData()))
