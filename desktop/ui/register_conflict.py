"""裁定数据不一致: the figures each department reported for one activity, side by side; the officer takes
one of them or types another, figure by figure, gives a reason, and the core records the decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from desktop.engine.kinds import kind_of
from desktop.register.activity import figure_json
from desktop.register.conflicts import TYPED, decide_conflict, disputed
from desktop.rules.formats import format_date_cn, format_money

from .field_row import ERROR_COLOUR
from .messages import describe_error


def shown(figure, value) -> str:
    if value is None:
        return "（空）"
    return format_money(value) if kind_of(figure).amount else f"{value:,}"


class ConflictDialog(QDialog):
    def __init__(self, window, activity, page: QWidget):
        super().__init__(page)
        self.window_, self.activity, self.page = window, activity, page
        self.setWindowTitle(f"裁定数据不一致 — {activity.name}")
        self.holder, self.disputes = disputed(window.register, activity)
        self.departments = list(dict.fromkeys(d for one in self.disputes for d, _ in one.reported))
        head = QLabel(f"<b>{activity.name}</b><br>{format_date_cn(activity.start)}　{activity.place}　主办："
                      f"{activity.host_text}<br>下表每一列是一个部门报送的数值（“{self.holder}”的数值目前计入统计表）。"
                      "请逐项选择采用哪个数值，或填写核实后的数值，并写明理由。", self)
        head.setWordWrap(True)
        self.groups: dict[str, QButtonGroup] = {}
        self.typed: dict[str, QLineEdit] = {}
        self.choices: dict[str, dict[int, tuple[str, str]]] = {}   # figure → button id → (source, text)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("裁定理由（必填，记入变更记录），如：经与国资委电话核实，以签到表为准")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.buttons = QDialogButtonBox(self)
        self.decide_button = self.buttons.addButton("裁定", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.decide)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(self._table())
        layout.addWidget(QLabel("裁定理由：", self))
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.resize(max(760, self.sizeHint().width()), self.sizeHint().height())

    def _table(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>数据项</b>", self), 0, 0)
        for c, department in enumerate(self.departments, start=1):
            label = department + ("（现采用）" if department == self.holder else "")
            take_all = QPushButton(f"{label}\n全部采用", self)
            take_all.setToolTip(f"每一项都采用{department}报送的数值")
            take_all.clicked.connect(lambda _=False, d=department: self.take_all(d))
            grid.addWidget(take_all, 0, c)
        grid.addWidget(QLabel("<b>其他数值（核实后填写）</b>", self), 0, len(self.departments) + 1)
        for r, dispute in enumerate(self.disputes, start=1):
            figure = dispute.figure
            grid.addWidget(QLabel(figure.label, self), r, 0)
            group = QButtonGroup(self)
            self.groups[figure.id], self.choices[figure.id] = group, {}
            reported = dict(dispute.reported)
            for c, department in enumerate(self.departments, start=1):
                if department not in reported:
                    grid.addWidget(QLabel("—", self), r, c, Qt.AlignmentFlag.AlignCenter)
                    continue
                button = QRadioButton(shown(figure, reported[department]), self)
                group.addButton(button, c)
                self.choices[figure.id][c] = (department, str(figure_json(reported[department]) or ""))
                grid.addWidget(button, r, c)
            other = QRadioButton(self)
            group.addButton(other, 0)
            self.typed[figure.id] = QLineEdit(self)
            self.typed[figure.id].setPlaceholderText("数值")
            self.typed[figure.id].textEdited.connect(lambda _t, b=other: b.setChecked(True))
            cell = QGridLayout()
            cell.addWidget(other, 0, 0)
            cell.addWidget(self.typed[figure.id], 0, 1)
            grid.addLayout(cell, r, len(self.departments) + 1)
        return grid

    def take_all(self, department: str) -> None:
        for figure_id, choices in self.choices.items():
            for button_id, (source, _text) in choices.items():
                if source == department:
                    self.groups[figure_id].button(button_id).setChecked(True)

    def chosen(self) -> tuple[dict[str, str], dict[str, str]] | None:
        values, sources = {}, {}
        for dispute in self.disputes:
            figure_id = dispute.figure.id
            picked = self.groups[figure_id].checkedId()
            if picked == -1:
                self.message.setText(f"请为“{dispute.figure.label}”选择采用哪个数值，或填写其他数值。")
                return None
            if picked == 0:
                values[figure_id], sources[figure_id] = self.typed[figure_id].text(), TYPED
            else:
                sources[figure_id], values[figure_id] = self.choices[figure_id][picked]
        return values, sources

    def decide(self) -> None:
        picked = self.chosen()
        if picked is None:
            return
        window = self.window_
        self.decide_button.setEnabled(False)
        window.ctx.tasks.run(self, decide_conflict, window.register, window.campaign, self.activity.id, *picked,
                             self.reason.text(), window.officer(), serial=True,
                             on_success=self._done, on_failure=self._failed)

    def _done(self, _activity) -> None:
        self.page.decided()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.decide_button.setEnabled(True)
        self.message.setText(describe_error(error))
