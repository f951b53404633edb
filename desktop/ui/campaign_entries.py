"""The officers' campaigns in force on the start window: each with its deadlines and its own entry.

The enterprise campaign keeps the large role buttons; a campaign for officers
(2024 “百场万企”: schedules, register, 附件6, reports) gets a line of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.rules.campaign import Campaign, all_campaigns, deadline_text


def officer_campaigns(extra_dir: Path) -> list[Campaign]:
    try:
        return [c for c in all_campaigns(extra_dir) if c.audience == "officer"]
    except Exception:  # a damaged installation still lets drafts be filled
        return []


class CampaignEntry(QFrame):
    """名称, 文号, each period's deadline (days left / 已截止) and the button that opens its work."""

    def __init__(self, campaign: Campaign, today, open_work: Callable[[Campaign], None], parent: QWidget):
        super().__init__(parent)
        self.campaign = campaign
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lines = [f"<b>{campaign.name}</b>　{campaign.notice}"]
        for period in campaign.periods:
            lines.append(f"{period.label}附件6 统计表：<b>{deadline_text(period.deadline, today)}</b>")
        self.label = QLabel("<br>".join(lines), self)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton("日程、活动登记、附件6 统计表与活动信息（主管部门）", self)
        self.button.clicked.connect(lambda: open_work(campaign))
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
