"""需求筛选: the ministry desk scores the needs that passed (迫切性、可行性 1–5) and marks them 入选 or 不入选.

A thin face of ``desktop.desk.screening``: every change is one call of
``screen`` (audited, old → new values); several needs at once only after the
exact count is confirmed.  不公开 needs are marked in red: they go into the
internal catalogue only.  The 需求目录 is built from here (desk_catalogue).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtGui import QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMainWindow, QMessageBox, QPushButton, QTableView, QWidget)

from desktop.desk.db import DeskDB, DeskError
from desktop.desk.screening import NeedRow, screen, screenable_needs

from . import desk_catalogue
from .desk_widgets import RowsModel, chosen, filter_combo, refill, selected_of
from .disc_widgets import STATE_COLOURS, StateLabel, TaskRow, titled_page

WINDOW_KEY = "DeskScreeningWindow"
COLUMNS = ("需求编号", "需求名称", "发榜企业", "所在地区", "产业链", "领域", "是否公开", "迫切性", "可行性", "筛选",
           "需求表状态")
HIDDEN_TINT = "#fdecea"
KEEP = "不改"
MARKS = ("入选", "不入选", "未筛选")


def _cells(row: NeedRow) -> tuple[str, ...]:
    return (row.code, row.title, row.owner, row.province, row.sector, row.domain,
            "公开" if row.public else "不公开", str(row.urgency or "—"), str(row.feasibility or "—"), row.mark, row.state)


def _style(row: NeedRow, column: int):
    if column == 6 and not row.public:
        return (QBrush(QColor(STATE_COLOURS["error"])), QBrush(QColor(HIDDEN_TINT)),
                "不公开需求：只编入内部目录（供各省定向揭榜），不会出现在公开目录中")
    if column == 9 and row.selected is not None:
        return QBrush(QColor(STATE_COLOURS["ok" if row.selected else "warning"])), None, ""
    if column in (1, 2, 4, 5):   # elided in the cell: the whole text on hover
        return None, None, _cells(row)[column]
    return None, None, ""


class ScreeningWindow(QMainWindow):
    def __init__(self, ctx, db: DeskDB, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.db = ctx, db
        self._task = None
        self.all_rows: list[NeedRow] = []
        layout = titled_page(self, "需求筛选", spacing=8)
        central = self.centralWidget()
        intro = QLabel("这里列出初核通过（或已报部）的需求表中的全部需求。选择一项或多项（按住 Ctrl 或 Shift 多选），"
                       "给出迫切性和可行性评分（1–5 分，5 分最高），再标为“入选”或“不入选”。每次操作都记入审核日志。"
                       "标红的“不公开”需求只编入内部目录。", central)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._filters(central))
        self.summary = StateLabel(central, bold=True)
        layout.addWidget(self.summary)
        layout.addWidget(self._table(central), 1)
        layout.addLayout(self._actions(central))
        self.run_row = TaskRow("需求目录", central)
        self.run_row.hide()               # shown when a catalogue is being built
        layout.addWidget(self.run_row)
        self.note = StateLabel(central)
        layout.addWidget(self.note)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("生成需求目录(&G)…", partial(desk_catalogue.ask_and_build, self))
        menu.addAction("刷新(&R)", QKeySequence.StandardKey.Refresh, self.reload)
        menu.addSeparator()
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        self.resize(1180, 720)
        self.reload()

    # ------------------------------------------------------------ layout
    def _filters(self, parent: QWidget) -> QHBoxLayout:
        self.text_filter = QLineEdit(parent)
        self.text_filter.setPlaceholderText("查找：需求编号、需求名称、发榜企业")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(200)
        self.text_filter.textChanged.connect(self.apply_filter)
        self.sector_box = filter_combo(parent, "产业链", ())
        self.domain_box = filter_combo(parent, "领域", ())
        self.province_box = filter_combo(parent, "地区", ())
        self.mark_box = filter_combo(parent, "筛选", MARKS)
        row = QHBoxLayout()
        row.addWidget(self.text_filter, 3)
        for box in self._boxes():
            box.currentIndexChanged.connect(self.apply_filter)
            row.addWidget(box, 1)
        return row

    def _boxes(self) -> tuple[QComboBox, ...]:
        return self.sector_box, self.domain_box, self.province_box, self.mark_box

    def _table(self, parent: QWidget) -> QTableView:
        self.model = RowsModel(COLUMNS, _cells, parent, _style)
        self.table = QTableView(parent)
        self.table.setAccessibleName("需求列表")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(48)
        for column, width in ((2, 200), (4, 130), (5, 120)):   # long names elide; the title takes the rest
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        return self.table

    def _actions(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.urgency_box, self.feasibility_box = (self._score_box(parent, name) for name in ("迫切性", "可行性"))
        row.addWidget(self.urgency_box)
        row.addWidget(self.feasibility_box)
        self.select_button = QPushButton("入选(&Y)", parent)
        self.drop_button = QPushButton("不入选(&N)", parent)
        self.select_button.clicked.connect(partial(self.mark_selected, True))
        self.drop_button.clicked.connect(partial(self.mark_selected, False))
        row.addWidget(self.select_button)
        row.addWidget(self.drop_button)
        self.picked_label = QLabel(parent)
        self.picked_label.setWordWrap(True)
        row.addWidget(self.picked_label, 1)
        self.catalogue_button = QPushButton("生成需求目录(&G)…", parent)
        self.catalogue_button.setToolTip("把入选的需求编成内部目录和／或公开目录（JSON、XLSX、PDF）")
        self.catalogue_button.clicked.connect(partial(desk_catalogue.ask_and_build, self))
        row.addWidget(self.catalogue_button)
        return row

    @staticmethod
    def _score_box(parent: QWidget, name: str) -> QComboBox:
        box = QComboBox(parent)
        box.setAccessibleName(name)
        box.addItems([f"{name}：{KEEP}", *(f"{name}：{n} 分" for n in range(1, 6))])
        box.setToolTip(f"{name}评分，1–5 分，5 分最高；“{KEEP}”保留已有评分")
        return box

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        self.all_rows = screenable_needs(self.db)
        refill(self.sector_box, {r.sector for r in self.all_rows if r.sector})
        refill(self.domain_box, {r.domain for r in self.all_rows if r.domain})
        refill(self.province_box, {r.province for r in self.all_rows if r.province})
        self.apply_filter()

    def apply_filter(self) -> None:
        sector, domain, province, mark = (chosen(b) for b in self._boxes())
        text = self.text_filter.text()
        shown = [r for r in self.all_rows if r.matches(sector=sector, domain=domain, province=province, text=text)
                 and (not mark or r.mark == mark)]
        self.model.set_rows(shown)
        rows = self.all_rows
        picked = [r for r in rows if r.selected]
        dropped, waiting = sum(r.selected is False for r in rows), sum(r.selected is None for r in rows)
        self.summary.show_state("", f"共 {len(rows)} 项需求：入选 {len(picked)} 项（其中不公开 "
                                f"{sum(not r.public for r in picked)} 项）、不入选 {dropped} 项、"
                                f"未筛选 {waiting} 项；当前列出 {len(shown)} 项")
        self._selection_changed()

    def selected_rows(self) -> list[NeedRow]:
        return selected_of(self.table, self.model.rows)

    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        for button in (self.select_button, self.drop_button):
            button.setEnabled(bool(rows))
        hidden = sum(not r.public for r in rows)
        self.picked_label.setText(f"已选择 {len(rows)} 项" + (f"（其中不公开 {hidden} 项）" if hidden else "")
                                  if rows else "请在列表中选择需求")

    def score(self, box: QComboBox) -> int | None:
        return box.currentIndex() or None

    # ------------------------------------------------------------ screening
    def mark_selected(self, selected: bool) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        urgency, feasibility = self.score(self.urgency_box), self.score(self.feasibility_box)
        if selected:
            lacking = [r.code for r in rows if (urgency or r.urgency) is None or (feasibility or r.feasibility) is None]
            if lacking:
                self.note.show_state("error", f"入选的需求须有迫切性和可行性评分（需求目录按评分编排）：{len(lacking)} 项还没有评分"
                                     f"（{'、'.join(lacking[:5])}{'等' if len(lacking) > 5 else ''}），请先在下方选择评分")
                return
        mark = "入选" if selected else "不入选"
        if len(rows) > 1 and not self.confirm_count(mark, len(rows), urgency, feasibility):
            return
        try:
            done = screen(self.db, [r.code for r in rows], selected, urgency=urgency, feasibility=feasibility)
        except DeskError as error:
            self.note.show_state("error", str(error))
            self.reload()
            return
        self.note.show_state("ok", f"已记录：{len(done)} 项需求 → {mark}" + _scores_text(urgency, feasibility))
        codes = {r.code for r in rows}
        self.reload()
        self._reselect(codes)

    def confirm_count(self, mark: str, count: int, urgency: int | None, feasibility: int | None) -> bool:
        answer = QMessageBox.question(self, "确认筛选", f"确定将选中的 {count} 项需求标为“{mark}”吗？"
                                      + _scores_text(urgency, feasibility))
        return answer == QMessageBox.StandardButton.Yes

    def _reselect(self, codes: set[str]) -> None:
        selection = self.table.selectionModel()
        for number, row in enumerate(self.model.rows):
            if row.code in codes:
                selection.select(self.model.index(number, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self.ctx.open_windows.pop(WINDOW_KEY, None)
        event.accept()


def _scores_text(urgency: int | None, feasibility: int | None) -> str:
    given = [f"{name} {value} 分" for name, value in (("迫切性", urgency), ("可行性", feasibility)) if value]
    return f"（{'，'.join(given)}）" if given else ""
