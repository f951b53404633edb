"""The start window's first-run offer: a sample draft to learn on (desktop.learning)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.learning import has_sample_draft

TEXT = ("<b>第一次使用？</b>可以先打开一份<b>样例草稿</b>练习：填写、检查、打印草稿、刻录练习光盘都可以，"
        "它标有“样例”，不能导出正式材料，也不影响以后的真实材料。帮助菜单中有用户手册（F1）。")


class LearningOffer(QFrame):
    """Shown while the user has no draft yet and has never opened the sample."""

    def __init__(self, ctx, open_sample: Callable[[], object], parent: QWidget):
        super().__init__(parent)
        self.ctx = ctx
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("LearningOffer { background: #fff8e1; border: 1px solid #e0c46c; border-radius: 4px; }")
        label = QLabel(TEXT, self)
        label.setWordWrap(True)
        self.button = QPushButton("打开样例草稿", self)
        self.button.clicked.connect(open_sample)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addWidget(label, 1)
        layout.addWidget(self.button)
        self.hide()

    def refresh(self) -> None:
        store = self.ctx.store
        self.setVisible(store is not None and not store.list_drafts() and not has_sample_draft(store))
