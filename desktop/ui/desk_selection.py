"""揭榜企业遴选: for one need, the 揭榜 packages side by side, weighted scores, a live ranking, 1–3 chosen.

A thin face of ``desktop.desk.selection`` (ranking, the 1–3 rule, refusals
with reasons) and of the store functions in ``outputs`` (weights and scores,
each change audited).  Candidates are columns, so they read side by side;
the 遴选结果 sheet (PDF and DOCX) is written off the UI thread.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QMainWindow, QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from desktop.desk import outputs
from desktop.desk.db import DeskDB, DeskError
from desktop.desk.selection import CRITERIA, MAX_SCORE, Candidate, SelectionRefused, facts, finalise, rank
from desktop.desk.selection_data import LoadedSelection, load_selection, selection_needs, write_result
from desktop.package.manifest import CHINA_TZ

from .desk_widgets import offer_folder
from .disc_widgets import StateLabel, TaskRow, titled_page
from .messages import describe_error

WINDOW_KEY = "DeskSelectionWindow"
FACT_ROWS = ("企业名称", "统一社会信用代码", "企业规模", "项目名称", "项目周期", "经费（万元）", "团队／知识产权")
SCORE_ROW = len(FACT_ROWS)
RESULT_ROWS = ("加权得分", "名次", "入选")
UNSCORED = "未评分"


def _spin(parent: QWidget, low: float, high: float, value: float | None, name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setAccessibleName(name)
    box.setRange(low, high)
    box.setDecimals(1)
    box.setKeyboardTracking(False)      # one change (and one audit row) per value committed, not per digit
    if low < 0:
        box.setSpecialValueText(UNSCORED)
    box.setValue(low if value is None else value)
    return box


class SelectionWindow(QMainWindow):
    def __init__(self, ctx, db: DeskDB, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.db = ctx, db
        self._task = None
        self.loaded: LoadedSelection | None = None
        self.scores: dict[int, dict[str, float | None]] = {}
        self.weight_boxes: dict[str, QDoubleSpinBox] = {}
        self.score_boxes: dict[tuple[int, str], QDoubleSpinBox] = {}
        self.chosen_boxes: dict[int, QCheckBox] = {}
        layout = titled_page(self, "揭榜企业遴选", spacing=8)
        central = self.centralWidget()
        layout.addLayout(self._need_row(central))
        layout.addLayout(self._weights_row(central))
        hint = QLabel("权重默认相同。每项满分 100 分；加权得分 = Σ（得分 × 权重）÷ 权重之和；在下表为每家候选企业逐项评分，"
                      "再勾选 1 至 3 家入选。", central)
        hint.setStyleSheet("color: #616161;")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.grid = QTableWidget(central)
        self.grid.setAccessibleName("候选企业对比")
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.grid, 1)
        self.ranking = StateLabel(central, bold=True)
        layout.addWidget(self.ranking)
        layout.addLayout(self._finish_row(central))
        self.run_row = TaskRow("遴选结果", central)
        self.run_row.hide()               # shown while the sheet is written
        layout.addWidget(self.run_row)
        self.note = StateLabel(central)
        layout.addWidget(self.note)
        menu = self.menuBar().addMenu("文件(&F)")
        menu.addAction("刷新(&R)", QKeySequence.StandardKey.Refresh, self.reload)
        menu.addAction("关闭(&C)", QKeySequence.StandardKey.Close, self.close)
        self.resize(1180, 760)
        self.reload()

    # ------------------------------------------------------------ layout
    def _need_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("需求：", parent))
        self.need_box = QComboBox(parent)
        self.need_box.setAccessibleName("需求")
        self.need_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.need_box.setMinimumContentsLength(20)
        self.need_box.currentIndexChanged.connect(self._need_chosen)
        row.addWidget(self.need_box, 1)
        return row

    def _weights_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("评分权重：", parent))
        for key, label in CRITERIA:
            box = _spin(parent, 0, 100, 1, f"{label}权重")
            box.valueChanged.connect(self._weights_changed)
            self.weight_boxes[key] = box
            row.addWidget(QLabel(label, parent))
            row.addWidget(box)
        row.addStretch(1)
        return row

    def _finish_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.chosen_label = StateLabel(parent)
        row.addWidget(self.chosen_label, 1)
        self.finish_button = QPushButton("确定遴选结果并导出(&E)…", parent)
        self.finish_button.setToolTip("每项需求选择 1 至 3 家揭榜企业；导出遴选结果表（PDF 和 DOCX，含盖章处）")
        self.finish_button.clicked.connect(self.finish)
        row.addWidget(self.finish_button)
        return row

    # ------------------------------------------------------------ data
    def reload(self) -> None:
        needs = selection_needs(self.db)
        current = self.need_box.currentData()
        self.need_box.blockSignals(True)
        self.need_box.clear()
        for need in needs:
            self.need_box.addItem(need.shown, need.ref.code)
        self.need_box.setCurrentIndex(max(self.need_box.findData(current), 0))
        self.need_box.blockSignals(False)
        if not needs:
            self.loaded = None
            self.grid.clear()
            self.grid.setRowCount(0)
            self.grid.setColumnCount(0)
            self.note.show_state("warning", "还没有收到揭榜申请书（附件3）：收件并校验完整后，这里按需求列出揭榜企业。")
            self._show_ranking()
            return
        self._need_chosen()

    def _need_chosen(self, *_args) -> None:
        code = self.need_box.currentData()
        if not code:
            return
        self.note.show_state("", "")
        self.ctx.tasks.run(self, partial(load_selection, self.db, code), on_success=self.show_selection,
                           on_failure=lambda error: self.note.show_state("error", describe_error(error)))

    def show_selection(self, loaded: LoadedSelection) -> None:
        self.loaded = loaded
        self.scores = {pid: {k: c.scores.get(k) for k, _ in CRITERIA}
                       for pid, c in zip(loaded.package_ids, loaded.candidates)}
        for key, box in self.weight_boxes.items():
            box.blockSignals(True)
            box.setValue(loaded.weights.get(key, 1))
            box.blockSignals(False)
        self._fill_grid(loaded)
        self._show_ranking()

    def _fill_grid(self, loaded: LoadedSelection) -> None:
        grid = self.grid
        grid.clear()
        self.score_boxes.clear()
        self.chosen_boxes.clear()
        grid.setRowCount(len(FACT_ROWS) + len(CRITERIA) + len(RESULT_ROWS))
        grid.setColumnCount(len(loaded.candidates))
        grid.setVerticalHeaderLabels([*FACT_ROWS, *(f"{label}（0–{MAX_SCORE}）" for _, label in CRITERIA),
                                      *RESULT_ROWS])
        grid.setHorizontalHeaderLabels([f"候选 {n}（收件 #{pid}）" for n, pid in enumerate(loaded.package_ids, 1)])
        for column, (pid, candidate) in enumerate(zip(loaded.package_ids, loaded.candidates)):
            found = facts(candidate)
            texts = (candidate.name, candidate.uscc, found.size_class, found.project, found.period, found.funding,
                     f"{found.team} 人／{found.ip} 项")
            for row, text in enumerate(texts):
                grid.setItem(row, column, QTableWidgetItem(text))
            for offset, (key, label) in enumerate(CRITERIA):
                box = _spin(grid, -1, MAX_SCORE, self.scores[pid].get(key), f"{candidate.name} {label}")
                box.valueChanged.connect(partial(self._score_changed, pid, key))
                grid.setCellWidget(SCORE_ROW + offset, column, box)
                self.score_boxes[(pid, key)] = box
            check = QCheckBox("入选", grid)
            check.setAccessibleName(f"{candidate.name} 入选")
            check.setChecked(pid in loaded.chosen)
            check.toggled.connect(self._show_ranking)
            grid.setCellWidget(grid.rowCount() - 1, column, check)
            self.chosen_boxes[pid] = check
        head = grid.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if len(loaded.candidates) <= 4
                                  else QHeaderView.ResizeMode.Interactive)
        head.setMinimumSectionSize(180)
        grid.resizeRowsToContents()

    # ------------------------------------------------------------ scoring
    def weights(self) -> dict[str, float]:
        return {key: box.value() for key, box in self.weight_boxes.items()}

    def candidates(self) -> list[Candidate]:
        loaded = self.loaded
        return [Candidate(c.package, self.scores[pid]) for pid, c in zip(loaded.package_ids, loaded.candidates)]

    def chosen_ids(self) -> list[int]:
        return [pid for pid, box in self.chosen_boxes.items() if box.isChecked()]

    def _weights_changed(self, *_args) -> None:
        if self.loaded is None:
            return
        try:
            outputs.save_weights(self.db, self.loaded.need.code, self.weights())
        except DeskError as error:
            self.note.show_state("error", str(error))
        self._show_ranking()

    def _score_changed(self, package_id: int, key: str, value: float) -> None:
        score = None if value < 0 else value
        self.scores[package_id][key] = score
        try:
            outputs.save_scores(self.db, self.loaded.need.code, package_id, {key: score})
        except DeskError as error:
            self.note.show_state("error", str(error))
        self._show_ranking()

    def _show_ranking(self, *_args) -> None:
        count = len(self.chosen_ids())
        level = "ok" if 1 <= count <= 3 else "warning"
        self.chosen_label.show_state(level, f"已选 {count} 家入选（每项需求应选择 1 至 3 家）")
        self.finish_button.setEnabled(self.loaded is not None)
        if self.loaded is None:
            self.ranking.show_state("", "")
            return
        try:
            ranked = rank(self.candidates(), self.weights())
        except SelectionRefused as refused:
            self.ranking.show_state("error", "；".join(refused.problems))
            return
        column = {c.key: n for n, c in enumerate(self.loaded.candidates)}
        base = SCORE_ROW + len(CRITERIA)
        for row in ranked:
            n = column[row.candidate.key]
            self.grid.setItem(base, n, QTableWidgetItem("" if row.weighted is None else f"{row.weighted:.2f}"))
            self.grid.setItem(base + 1, n, QTableWidgetItem(f"第 {row.rank} 名" if row.rank else "（未评完）"))
        order = [f"第{r.rank}名 候选 {column[r.candidate.key] + 1}（{r.weighted:.2f}）" for r in ranked if r.rank]
        waiting = sum(not r.rank for r in ranked)
        self.ranking.show_state("", "当前排名：" + ("　".join(order) or "尚无评完的候选企业")
                                + (f"；{waiting} 家尚未评完四项" if waiting else ""))

    # ------------------------------------------------------------ finishing
    def finish(self) -> None:
        if self.loaded is None or (self._task is not None and not self._task.finished):
            return
        keys = {pid: c.key for pid, c in zip(self.loaded.package_ids, self.loaded.candidates)}
        chosen = self.chosen_ids()
        try:
            result = finalise(self.loaded.need, self.candidates(), [keys[i] for i in chosen], weights=self.weights(),
                              decided_at=self.ctx.now().astimezone(CHINA_TZ).replace(microsecond=0))
        except SelectionRefused as refused:
            self.note.show_state("error", "遴选结果不能确定：" + "；".join(refused.problems))
            return
        folder = QFileDialog.getExistingDirectory(self, "选择遴选结果的保存文件夹",
                                                  self.ctx.settings.last_export_dir or str(Path.home()))
        if not folder:
            return
        self.run_row.show()
        self.run_row.begin("正在生成遴选结果表……")
        self._task = self.ctx.tasks.run(self, write_result, result, Path(folder),
                                        on_success=lambda files: self._written(files, chosen),
                                        on_failure=self._failed, progress_bar=self.run_row.bar,
                                        cancel_button=self.run_row.cancel)
        self.run_row.track(self._task)

    def _written(self, files: tuple[Path, Path], chosen: list[int]) -> None:
        self.run_row.end("遴选结果已生成")
        outputs.mark_chosen(self.db, self.loaded.need.code, chosen)
        pdf, docx = files
        text = f"需求 {self.loaded.need.code}：入选 {len(chosen)} 家。遴选结果表：{pdf.name}、{docx.name}"
        self.note.show_state("ok", f"已确定并记录：{text}（保存在 {pdf.parent}）")
        offer_folder(self, "遴选结果已生成", f"{text}\n打印后由发榜企业盖章。\n\n保存在：{pdf.parent}", pdf.parent)

    def _failed(self, error: BaseException) -> None:
        cancelled = self.run_row.failed(error)
        self.note.show_state("warning" if cancelled else "error",
                             "已取消，遴选结果未记录。" if cancelled else f"遴选结果表未生成：{describe_error(error)}")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self._task is not None and not self._task.finished:
            self._task.cancel()
        self.ctx.open_windows.pop(WINDOW_KEY, None)
        event.accept()
