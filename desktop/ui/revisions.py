"""What the screen says about revisions: the exports made before, and the moment an edit starts the next one.

A final export seals the draft's revision (第1版); the next edit starts 第2版 and the
第1版 files stay where they were written (store/drafts.py).  The export page lists
the earlier exports; the wizard says once, when it happens, that editing started
a new revision.
"""

from __future__ import annotations

from html import escape

from desktop.store import ExportRecord

from .text import when


def final_exports(exports: list[ExportRecord]) -> list[ExportRecord]:
    """Final exports, newest first (drafts printed with a watermark are not revisions)."""
    finals = [e for e in exports if e.kind == "final"]
    return sorted(finals, key=lambda e: (e.exported_at, e.id), reverse=True)


def history_text(exports: list[ExportRecord], revision: int) -> str:
    """The export page's list of exported revisions ("" when none)."""
    lines = []
    for export in final_exports(exports):
        now = "（当前版本）" if export.revision == revision else "（旧版本，不能用于当前版本）"
        lines.append(f"· 第 {export.revision} 版{now}：{when(export.exported_at)} 导出，装订码 "
                     f"{escape(export.binding_code)}，文件在 {escape(export.path)}")
    return "已导出的版本（文件保留在原处）：<br>" + "<br>".join(lines) if lines else ""


def new_revision_text(exports: list[ExportRecord], revision: int) -> str:
    """Said once, when an edit of an exported draft started ``revision``."""
    previous = next((e for e in final_exports(exports) if e.revision < revision), None)
    if previous is None:
        return f"你的修改开始了第 {revision} 版。"
    return (f"这份草稿已于 {when(previous.exported_at)} 导出为第 {previous.revision} 版（装订码 {previous.binding_code}）。"
            f"你刚才的修改开始了第 {revision} 版：第 {previous.revision} 版导出的文件保持不变，仍在 {previous.path}；"
            f"第 {revision} 版需要重新导出，会得到新的装订码。")
