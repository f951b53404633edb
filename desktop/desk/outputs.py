"""The store's side of the desk's outputs: what 补正通知, 需求目录, 报送 and 遴选 take, and what they change.

The output modules (notice, catalogue_out, forward, selection) never see the
store; here its rows become their plain inputs, and afterwards the store
records what was done: a notice issued, a catalogue published, packages
forwarded (已报部), scores given and a 遴选 finalised — each in the audit log.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from desktop.desk import audit
from desktop.desk.db import OFFICER, UNIT, DeskDB, DeskError
from desktop.desk.tables import (CORRECT, FORWARDED, PASSED, UPDATED, DeskComment, DeskDecision, DeskPackage,
                                 DeskSelection, DeskSelectionScore)
from desktop.package.verify import COMPLETE
from desktop.store.models import utc_now


def issuer(db: DeskDB):
    from desktop.desk.model import Issuer

    unit = db.setting(UNIT)
    if not unit:
        raise DeskError("还没有设置本单位：请先运行 xieshou desk settings --unit 福建省（或部司局名称）")
    return Issuer(unit, db.setting(OFFICER))


def package_folder(db: DeskDB, package: DeskPackage) -> Path:
    if not package.workspace:
        raise DeskError(f"收件 #{package.id} 校验有问题，没有保存数据包，无法生成该文件")
    folder = db.workspace() / package.workspace
    if not (folder / "manifest.json").is_file():
        raise DeskError(f"收件 #{package.id} 的数据包不在收件工作区（{folder}）中，请重新收件这张光盘")
    return folder


# ------------------------------------------------------------ 补正通知
def notice_inputs(db: DeskDB, package_id: int) -> dict:
    """Folder, reason, problems and comments of a package the officer asked to correct."""
    from desktop.desk.model import FieldComment

    with db.reading() as session:
        package = session.get(DeskPackage, package_id)
        if package is None:
            raise DeskError(f"找不到编号为 {package_id} 的收件，请用 desk list 查看收件编号")
        if package.state != CORRECT:
            raise DeskError(f"收件 #{package_id} 的状态是“{package.state}”：只有“需补正”的材料才能出具补正通知，"
                            "请先作出需补正的决定并写明理由")
        decision = session.scalars(select(DeskDecision).where(DeskDecision.package_id == package_id)
                                   .order_by(DeskDecision.id.desc())).first()
        comments = session.scalars(select(DeskComment).where(DeskComment.package_id == package_id)
                                   .order_by(DeskComment.id)).all()
        return {"folder": package_folder(db, package), "reason": decision.reason if decision else "",
                "problems": json.loads(package.problems_json),
                "comments": [FieldComment(c.field_path, c.text, "" if c.form_id == package.form_id else c.form_id)
                             for c in comments]}


def comments_of(db: DeskDB, package_id: int) -> list:
    """The desk's field comments on a package, as the outputs take them."""
    from desktop.desk.model import FieldComment

    with db.reading() as session:
        package = session.get(DeskPackage, package_id)
        rows = session.scalars(select(DeskComment).where(DeskComment.package_id == package_id).order_by(DeskComment.id))
        return [FieldComment(c.field_path, c.text, "" if c.form_id == package.form_id else c.form_id) for c in rows]


def record(db: DeskDB, action: str, subject: str, new: str, package_id: int | None = None) -> None:
    with db.writing() as session:
        audit.record(session, db.actor(), action, package_id=package_id, subject=subject, new=new)


# ------------------------------------------------------------ 需求目录
def screened_needs(db: DeskDB, progress=None, cancel=None) -> list:
    """The 入选 needs as the catalogue takes them (each with its package's 附件1 envelope).

    ``progress(done, total)`` counts the packages read; ``cancel()`` stops between two of them.
    """
    from desktop.desk.catalogue_out import ScreenedNeed
    from desktop.desk.package_read import read_package
    from desktop.desk.screening import selected_needs
    from desktop.package.progress import check_cancel, report

    pairs = selected_needs(db)
    if not pairs:
        raise DeskError("还没有入选的需求：请先在需求筛选中（或用 desk screen）把初核通过的需求标记为入选")
    envelopes: dict[int, dict] = {}
    total = len({package.id for _, package in pairs})
    out = []
    for need, package in pairs:
        if package.id not in envelopes:
            check_cancel(cancel)
            envelopes[package.id] = read_package(package_folder(db, package)).primary.submission
            report(progress, len(envelopes), total)
        out.append(ScreenedNeed(envelopes[package.id], need.row, need.urgency, need.feasibility, True, key=need.code))
    return out


# ---------------------------------------------------------------- 报送
def forward_selection(db: DeskDB, ids: list[int] | None) -> tuple[list, list[int]]:
    """The packages to forward (default: every 初核通过 one) as the forwarding takes them, and their ids."""
    from desktop.desk.forward import ForwardPackage

    with db.reading() as session:
        query = select(DeskPackage).order_by(DeskPackage.id)
        query = query.where(DeskPackage.id.in_(ids)) if ids else query.where(DeskPackage.state == PASSED)
        packages = list(session.scalars(query))
    if ids:
        missing = sorted(set(ids) - {p.id for p in packages})
        if missing:
            raise DeskError(f"找不到编号为 {'、'.join(map(str, missing))} 的收件")
        wrong = [f"#{p.id}（{p.state}）" for p in packages if p.state != PASSED]
        if wrong:
            raise DeskError(f"只有初核通过的材料才能报送，以下材料不是：{'、'.join(wrong)}")
    if not packages:
        raise DeskError("没有初核通过的材料可以报送：请先审核并作出初核通过的决定")
    return [ForwardPackage(package_folder(db, p)) for p in packages], [p.id for p in packages]


def mark_forwarded(db: DeskDB, ids: list[int], target: str) -> None:
    actor = db.actor()
    with db.writing() as session:
        for package in session.scalars(select(DeskPackage).where(DeskPackage.id.in_(ids))):
            audit.record(session, actor, "报送", package_id=package.id, subject=package.binding_code or "",
                         old=package.state, new=f"{FORWARDED}（{target}）")
            package.state, package.state_version = FORWARDED, package.state_version + 1


# ---------------------------------------------------------------- 遴选
def candidates(db: DeskDB, need_code: str) -> list[DeskPackage]:
    """The current, complete 揭榜 packages (附件3) answering ``need_code``."""
    from desktop.desk.selection import APPLICATION_FORM

    with db.reading() as session:
        found = list(session.scalars(select(DeskPackage).where(
            DeskPackage.form_id == APPLICATION_FORM, DeskPackage.need_code == need_code,
            DeskPackage.verdict == COMPLETE, DeskPackage.state != UPDATED).order_by(DeskPackage.id)))
    if not found:
        raise DeskError(f"没有收到揭榜需求 {need_code} 的申请书（附件3），请核对需求编号")
    return found


def save_weights(db: DeskDB, need_code: str, weights: dict[str, float]) -> None:
    with db.writing() as session:
        row = session.get(DeskSelection, need_code)
        old = row.weights_json if row else ""
        if row is None:
            row = DeskSelection(need_code=need_code)
            session.add(row)
        row.weights_json = json.dumps(weights, ensure_ascii=False, sort_keys=True)
        audit.record(session, db.actor(), "遴选权重", subject=need_code, old=old, new=row.weights_json)


def saved_weights(db: DeskDB, need_code: str) -> dict[str, float] | None:
    with db.reading() as session:
        row = session.get(DeskSelection, need_code)
        return json.loads(row.weights_json) if row and row.weights_json not in ("", "{}") else None


def save_scores(db: DeskDB, need_code: str, package_id: int, scores: dict[str, float]) -> None:
    actor = db.actor()
    with db.writing() as session:
        row = session.scalars(select(DeskSelectionScore).where(DeskSelectionScore.need_code == need_code,
                                                               DeskSelectionScore.package_id == package_id)).first()
        old = row.scores_json if row else ""
        if row is None:
            row = DeskSelectionScore(need_code=need_code, package_id=package_id, at=utc_now())
            session.add(row)
        merged = {**(json.loads(old) if old else {}), **scores}
        row.scores_json, row.officer, row.at = json.dumps(merged, sort_keys=True), actor.officer, utc_now()
        audit.record(session, actor, "遴选评分", package_id=package_id, subject=need_code, old=old,
                     new=row.scores_json)


def saved_scores(db: DeskDB, need_code: str) -> dict[int, dict[str, float]]:
    with db.reading() as session:
        rows = session.scalars(select(DeskSelectionScore).where(DeskSelectionScore.need_code == need_code))
        return {r.package_id: json.loads(r.scores_json) for r in rows}


def mark_chosen(db: DeskDB, need_code: str, chosen_ids: list[int]) -> None:
    actor = db.actor()
    with db.writing() as session:
        selection = session.get(DeskSelection, need_code) or DeskSelection(need_code=need_code, weights_json="{}")
        session.add(selection)
        selection.finalised_at = utc_now()
        for row in session.scalars(select(DeskSelectionScore).where(DeskSelectionScore.need_code == need_code)):
            row.chosen = row.package_id in chosen_ids
        audit.record(session, actor, "遴选结果", subject=need_code,
                     new="入选：" + "、".join(f"#{i}" for i in chosen_ids))
