"""帮助: the keyboard shortcuts and 关于 (the version and the campaign file in force), in every main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop import __version__
from desktop.rules.campaign import Campaign, CampaignError, current_campaign, load_campaign

from .text import date_cn

CAMPAIGNS_FOLDER = "campaigns"  # newer campaign files the user imported, in the data folder
SHORTCUTS = (
    ("Ctrl+N", "新建草稿（开始窗口）"),
    ("Ctrl+PgDn / Ctrl+PgUp", "下一步 / 上一步"),
    ("Tab / Shift+Tab", "下一个 / 上一个填写项"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（在输入框里撤销其中的文字，在其他地方撤销最近修改的填写项）"),
    ("Ctrl+S", "立即保存（平时每次修改后都会自动保存）"),
    ("Ctrl+C / Ctrl+V", "在表格中复制、粘贴（可以从 Excel 或 WPS 表格粘贴多行）"),
    ("Ctrl+W", "关闭草稿窗口"),
    ("F1", "查看本说明"),
)


def campaigns_dir(ctx) -> Path:
    return Path(ctx.data_dir) / CAMPAIGNS_FOLDER


def campaign_source(campaign: Campaign, folder: Path) -> str:
    """Where the campaign in force comes from: a file the user imported, or the program itself."""
    if folder.is_dir():
        for path in sorted(folder.glob("*.json"), reverse=True):
            try:
                if load_campaign(path).id == campaign.id:
                    return f"导入的活动文件 {path}"
            except CampaignError:
                continue
    return "程序自带的活动文件"


def about_text(ctx) -> str:
    lines = [f"<b>携手填报</b> {__version__}",
             "大中小企业融通创新申报材料的填报、导出、刻录与收件审核。所有数据只保存在本机，不联网。"]
    folder = campaigns_dir(ctx)
    try:
        campaign = current_campaign(folder)
    except Exception:  # a damaged installation: say so, the dialog still opens
        lines.append("当前活动：无法读取活动信息，请重新安装携手填报。")
    else:
        lines.append(f"当前活动：{campaign.name}（{campaign.notice}，{date_cn(campaign.notice_date)}发文）")
        lines.append(f"活动文件：{campaign_source(campaign, folder)}")
    lines.append(f"数据文件夹：{ctx.data_dir}")
    return "<br>".join(lines)


def shortcuts_text() -> str:
    rows = "".join(f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for keys, what in SHORTCUTS)
    return f"<table>{rows}</table>"


def show_about(window, ctx) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "关于携手填报", about_text(ctx), QMessageBox.StandardButton.Ok,
                      window)
    box.open()
    return box


def show_shortcuts(window) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "键盘快捷键", shortcuts_text(), QMessageBox.StandardButton.Ok, window)
    box.open()
    return box


def add_help_menu(window: QMainWindow, ctx) -> None:
    menu = window.menuBar().addMenu("帮助(&H)")
    menu.addAction("键盘快捷键(&K)", "F1", lambda: show_shortcuts(window))
    menu.addAction("关于携手填报(&A)", lambda: show_about(window, ctx))
