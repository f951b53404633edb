"""The store's side of 遴选 for a window: which needs have 揭榜 packages, and their candidates with scores.

``selection_needs`` lists the needs answered by received, complete 附件3
packages (current revisions only); ``load_selection`` reads one need's
candidates from the workspace with the scores and weights saved so far.
Saving scores and weights and marking the chosen ones is in ``outputs``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import select

from desktop.desk import outputs
from desktop.desk.db import DeskDB
from desktop.desk.package_read import read_package
from desktop.desk.selection import APPLICATION_FORM, Candidate, NeedRef, default_weights
from desktop.desk.tables import UPDATED, DeskPackage, DeskSelectionScore
from desktop.package.progress import Cancelled, check_cancel, report
from desktop.package.verify import COMPLETE


@dataclass(frozen=True)
class SelectionNeed:
    ref: NeedRef
    candidates: int           # 揭榜 packages received for it

    @property
    def shown(self) -> str:
        title = self.ref.title or "（未写需求名称）"
        return f"{self.ref.code}　{title}（{self.ref.owner or '发榜企业未写'}，揭榜 {self.candidates} 家）"


@dataclass(frozen=True)
class LoadedSelection:
    need: NeedRef
    package_ids: tuple[int, ...]          # in the candidates' order
    candidates: tuple[Candidate, ...]
    weights: dict[str, float]
    chosen: frozenset[int] = frozenset()   # package ids marked 入选 when the selection was last finalised


def selection_needs(db: DeskDB) -> list[SelectionNeed]:
    """Needs with at least one current, complete 揭榜 package, in need-code order."""
    query = (select(DeskPackage.need_code, DeskPackage.id).where(
        DeskPackage.form_id == APPLICATION_FORM, DeskPackage.verdict == COMPLETE, DeskPackage.state != UPDATED,
        DeskPackage.need_code != "").order_by(DeskPackage.need_code, DeskPackage.id))
    with db.reading() as session:
        by_code: dict[str, list[int]] = {}
        for code, package_id in session.execute(query):
            by_code.setdefault(code, []).append(package_id)
        found = []
        for code, ids in by_code.items():
            data = session.scalar(select(DeskPackage.data_json).where(DeskPackage.id == ids[0]))
            found.append(SelectionNeed(need_ref(code, data), len(ids)))
        return found


def need_ref(code: str, data_json: str | None) -> NeedRef:
    """The need as the 揭榜 application names it (需求名称, 发榜企业)."""
    data = json.loads(data_json or "{}")
    application = next((d for d in data.values() if isinstance(d, dict) and d.get("need_code") == code), {})
    return NeedRef(code, str(application.get("need_title") or ""), str(application.get("need_owner") or ""))


def load_selection(db: DeskDB, code: str, progress=None, cancel=None) -> LoadedSelection:
    """One need's candidates read from the workspace, with the saved scores and weights (default equal)."""
    packages = outputs.candidates(db, code)
    scores = outputs.saved_scores(db, code)
    found = []
    for number, package in enumerate(packages, 1):
        check_cancel(cancel)
        found.append(Candidate(read_package(outputs.package_folder(db, package)), scores.get(package.id, {})))
        report(progress, number, len(packages))
    weights = outputs.saved_weights(db, code) or default_weights()
    with db.reading() as session:
        chosen = frozenset(session.scalars(select(DeskSelectionScore.package_id).where(
            DeskSelectionScore.need_code == code, DeskSelectionScore.chosen.is_(True))))
    return LoadedSelection(need_ref(code, packages[0].data_json), tuple(p.id for p in packages), tuple(found),
                           {k: float(v) for k, v in weights.items()}, chosen)


def write_result(result, out_dir, progress=None, cancel=None) -> tuple:
    """The 遴选结果 sheet as 遴选结果_<需求编号>.pdf and .docx in ``out_dir``; (pdf path, docx path)."""
    from pathlib import Path

    from desktop.desk.selection_doc import selection_docx, selection_pdf
    from desktop.fileio import write_atomically

    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    # the code comes from a stranger's package: only letters, digits and dashes reach the file name
    safe = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff-]", "_", result.need.code)[:40] or "需求"
    stem = target / f"遴选结果_{safe}"
    check_cancel(cancel)
    pdf = write_atomically(stem.with_suffix(".pdf"), selection_pdf(result))
    report(progress, 1, 2)
    try:
        check_cancel(cancel)
    except Cancelled:
        pdf.unlink(missing_ok=True)      # a cancelled sheet leaves no half of itself behind
        raise
    docx = write_atomically(stem.with_suffix(".docx"), selection_docx(result))
    report(progress, 2, 2)
    return pdf, docx
