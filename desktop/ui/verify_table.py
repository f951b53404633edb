"""The packages found on a disc: one row each (verdict, enterprise, code, form …) and the selected one's problems."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QTextBrowser, QWidget

from desktop.package.binding import normalize_code
from desktop.package.verify import PackageVerdict

from .disc_widgets import STATE_COLOURS

COLUMNS = ("结论", "报送单位", "统一社会信用代码", "表格", "装订码", "问题", "来源")
VERDICT, NAME, USCC, FORM, CODE, COUNT, SOURCE = range(len(COLUMNS))
QR_PREFIX = "XSBIND:"   # the QR payload on the last page: XSBIND:{code}:{sha256}


def paper_code(typed: str) -> str | None:
    """The binding code from what the officer typed or scanned (a bare code or the QR payload), or None."""
    text = typed.strip()
    if text.upper().startswith(QR_PREFIX):
        text = text[len(QR_PREFIX):].split(":", 1)[0]
    return normalize_code(text)


def _state(verdict: PackageVerdict) -> str:
    return "ok" if verdict.complete else "error"


class VerdictTable(QTableWidget):
    def __init__(self, ctx, parent: QWidget):
        super().__init__(0, len(COLUMNS), parent)
        self.ctx = ctx
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("收到的数据包")
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = self.horizontalHeader()
        for column in (VERDICT, USCC, CODE, COUNT):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (NAME, FORM, SOURCE):
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def form_text(self, verdict: PackageVerdict | None) -> str:
        if verdict is None or not verdict.form:
            return "（未知）"
        form = self.ctx.form(verdict.form, verdict.edition)
        return f"{form.attachment_no} {form.title}" if form else f"{verdict.form}（{verdict.edition or '未知'} 版）"

    def show_verdicts(self, verdicts: list[PackageVerdict], keep_row: bool = False) -> None:
        row = self.currentRow()
        self.blockSignals(True)
        self.setRowCount(0)
        self.setRowCount(len(verdicts))
        for number, verdict in enumerate(verdicts):
            for column, item in enumerate(self._items(verdict)):
                self.setItem(number, column, item)
        self.blockSignals(False)
        if keep_row and 0 <= row < len(verdicts):
            self.selectRow(row)

    def _items(self, verdict: PackageVerdict) -> list[QTableWidgetItem]:
        name = verdict.submitter_name or ("（未填写）" if verdict.readable else "（无法读取）")
        texts = (verdict.verdict, name, verdict.submitter_uscc, self.form_text(verdict) if verdict.readable else "",
                 verdict.shown_code or "", str(len(verdict.problems)), Path(verdict.source).name or verdict.source)
        items = [QTableWidgetItem(text) for text in texts]
        mark = items[VERDICT]
        mark.setForeground(QBrush(QColor(STATE_COLOURS[_state(verdict)])))
        font = QFont(mark.font())
        font.setBold(True)
        mark.setFont(font)
        items[COUNT].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        items[SOURCE].setToolTip(verdict.source)
        items[NAME].setToolTip(name)
        return items

    def verdict_texts(self, row: int) -> list[str]:
        """The texts of one row, column by column."""
        return [self.item(row, column).text() for column in range(self.columnCount())]


class VerdictDetail(QTextBrowser):
    """The selected package: where it came from, who, what, and every problem as one sentence."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("数据包详情")

    def show_verdict(self, verdict: PackageVerdict | None, form_text: str) -> None:
        if verdict is None:
            self.setHtml("<p>在上面的列表中选择一个数据包，这里会列出它的每一个问题。</p>")
            return
        colour = STATE_COLOURS[_state(verdict)]
        lines = [f"<p><b style='color:{colour}'>{escape(verdict.verdict)}</b>　来源：{escape(verdict.source)}</p>"]
        if verdict.readable:
            facts = (("报送单位", verdict.submitter_name or "（未填写）"),
                     ("统一社会信用代码", verdict.submitter_uscc or "（未填写）"),
                     ("表格", form_text), ("装订码", verdict.shown_code or "（无）"))
            rows = "".join(f"<tr><td>{label}：</td><td>{escape(value)}</td></tr>" for label, value in facts)
            lines.append(f"<table cellspacing='0' cellpadding='1'>{rows}</table>")
        if verdict.problems:
            items = "".join(f"<li>{escape(problem)}</li>" for problem in verdict.problems)
            lines.append(f"<p><b>发现 {len(verdict.problems)} 个问题：</b></p><ol>{items}</ol>")
        else:
            lines.append("<p>没有发现问题：文件齐全，内容与清单一致，填报数据通过检查，装订码与数据相符。</p>")
        self.setHtml("".join(lines))
