"""Review: decisions with reasons, field comments, paper checks and desk settings — each audited.

States: 已收件 (system) → 初核通过 / 需补正 / 不予推荐 (officer) → 已报部 (system,
when forwarded); 已更新 (system, when a newer revision arrives). A decision can
be replaced by a later one while the package is still with the desk; the
earlier one stays on record. Every change of state raises ``state_version``:
a decision taken on what an officer saw earlier (``expected`` versions) is
refused as a whole when any package has changed since, so two officers never
overwrite each other unnoticed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.desk import audit
from desktop.desk.db import OFFICER, UNIT, WORKSPACE, DeskDB, DeskError
from desktop.desk.tables import (CORRECT, FORWARDED, OFFICER_STATES, PASSED, REJECTED, UPDATED, DeskComment,
                                 DeskDecision, DeskPackage, DeskPaperCheck, DeskSetting)
from desktop.package.binding import normalize_code
from desktop.package.verify import COMPLETE
from desktop.store.models import utc_now

NEEDS_REASON = (CORRECT, REJECTED)
SETTINGS = {UNIT: "本单位", OFFICER: "经办人", WORKSPACE: "收件工作区"}
MAX_REASON, MAX_COMMENT = 2000, 2000
_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\[\d{1,4}\])?(\.[a-z_][a-z0-9_]*(\[\d{1,4}\])?){0,4}$")


class StaleDecision(DeskError):
    """The package changed since the officer looked at it; nothing was saved."""


@dataclass(frozen=True)
class Decided:
    package_id: int
    old_state: str
    new_state: str
    state_version: int


def decide(db: DeskDB, ids: list[int], decision: str, reason: str = "", *,
           expected: dict[int, int] | None = None, confirm_count: int | None = None) -> list[Decided]:
    """Record ``decision`` on every package of ``ids`` (all or none)."""
    ids = list(dict.fromkeys(ids))
    reason = reason.strip()
    _check_decision(ids, decision, reason, confirm_count)
    actor = db.actor()
    with db.writing() as session:
        packages = [_package(session, pid) for pid in ids]
        for package in packages:
            _check_package(package, decision, (expected or {}).get(package.id))
        done = []
        for package in packages:
            now = utc_now()
            session.add(DeskDecision(package_id=package.id, old_state=package.state, new_state=decision,
                                     reason=reason, officer=actor.officer, os_user=actor.os_user, at=now))
            audit.record(session, actor, "决定", package_id=package.id, subject=package.binding_code or "",
                         old=package.state, new=decision + (f"：{reason}" if reason else ""), at=now)
            done.append(Decided(package.id, package.state, decision, package.state_version + 1))
            package.state, package.state_version = decision, package.state_version + 1
        return done


def _check_decision(ids: list[int], decision: str, reason: str, confirm_count: int | None) -> None:
    if not ids:
        raise DeskError("没有选择收件，请先选择要作出决定的材料")
    if decision not in OFFICER_STATES:
        raise DeskError(f"“{decision}”不是可以作出的决定，应为：{'、'.join(OFFICER_STATES)}")
    if decision in NEEDS_REASON and not reason:
        raise DeskError(f"“{decision}”必须写明理由，请补充理由后再提交")
    if len(reason) > MAX_REASON:
        raise DeskError(f"理由过长（{len(reason)} 字），请控制在 {MAX_REASON} 字以内")
    if len(ids) > 1 and confirm_count != len(ids):
        raise DeskError(f"将对 {len(ids)} 份材料作出“{decision}”的决定，请确认数量 {len(ids)} 后再提交")


def _package(session: Session, package_id: int) -> DeskPackage:
    package = session.get(DeskPackage, package_id)
    if package is None:
        raise DeskError(f"找不到编号为 {package_id} 的收件，请用 desk list 查看收件编号")
    return package


def _check_package(package: DeskPackage, decision: str, expected: int | None) -> None:
    if expected is not None and package.state_version != expected:
        raise StaleDecision(f"收件 #{package.id} 在您查看之后已有变化（现在的状态：{package.state}，可能是其他经办人刚刚处理）。"
                            "本次决定没有保存，请刷新后重新查看再决定")
    if package.state == UPDATED:
        raise DeskError(f"收件 #{package.id} 已有新版本（#{package.superseded_by_id}），请对新版本作出决定")
    if package.state == FORWARDED:
        raise DeskError(f"收件 #{package.id} 已报部，不能再改变决定")
    if decision == PASSED and package.verdict != COMPLETE:
        raise DeskError(f"收件 #{package.id} 校验结果为“{package.verdict}”，不能初核通过；可选择需补正或不予推荐")


def comment(db: DeskDB, package_id: int, field_path: str, text: str, form_id: str = "") -> int:
    """Attach a comment to a field of a package; returns the comment's id."""
    text, field_path = text.strip(), field_path.strip()
    if not text:
        raise DeskError("意见内容为空，请写明需要报送单位修改或说明的内容")
    if len(text) > MAX_COMMENT:
        raise DeskError(f"意见过长（{len(text)} 字），请控制在 {MAX_COMMENT} 字以内")
    actor = db.actor()
    with db.writing() as session:
        package = _package(session, package_id)
        form_id = form_id or package.form_id
        check_field_path(package, form_id, field_path)
        row = DeskComment(package_id=package.id, form_id=form_id, field_path=field_path, text=text,
                          officer=actor.officer, at=utc_now())
        session.add(row)
        session.flush()
        audit.record(session, actor, "意见", package_id=package.id, subject=f"{form_id} {field_path}", new=text)
        return row.id


def check_field_path(package: DeskPackage, form_id: str, field_path: str) -> None:
    """The path must name a field of the form (rows within the package's data)."""
    from desktop.engine.schema import iter_fields, record_items
    from desktop.forms.registry import get_form

    if not _PATH.match(field_path):
        raise DeskError(f"字段路径“{field_path[:80]}”格式不对，应如 profile.name 或 needs[0].budget")
    try:
        form = get_form(form_id)
    except KeyError:
        raise DeskError(f"收件 #{package.id} 中没有表格 {form_id[:60]}，无法对其字段提出意见") from None
    known = {path for path, _ in iter_fields(record_items(form))}
    generic = re.sub(r"\[\d+\]", "[]", field_path)
    if generic not in known and not any(k.startswith(generic + ".") or k.startswith(generic + "[") for k in known):
        raise DeskError(f"{form.title}中没有字段“{field_path}”；可用 desk show {package.id} 查看字段")
    data = json.loads(package.data_json or "{}").get(form_id, {})
    for name, index in re.findall(r"([a-z_][a-z0-9_]*)\[(\d+)\]", field_path):
        rows = data.get(name) if isinstance(data, dict) else None
        if not isinstance(rows, list) or int(index) >= len(rows):
            raise DeskError(f"{form.title}的“{name}”没有第 {int(index) + 1} 行")
        data = rows[int(index)]


def paper_check(db: DeskDB, typed: str, package_id: int | None = None) -> tuple[int, bool]:
    """Record a binding code typed or scanned from the sealed paper; (package id, matched)."""
    text = typed.strip()
    code = normalize_code(text.split(":", 1)[1] if text.upper().startswith("XSBIND:") else text)
    if code is None:
        raise DeskError(f"装订码“{text[:60]}”格式不对，应为 16 位字母数字，如 7KQ2-M9XD-4TBE-Q1W8")
    actor = db.actor()
    with db.writing() as session:
        if package_id is None:
            package = session.scalars(select(DeskPackage).where(DeskPackage.binding_code == code)).first()
            if package is None:
                raise DeskError(f"没有装订码为 {code} 的收件：请先收件这份材料的光盘，或核对纸质材料页脚的装订码")
        else:
            package = _package(session, package_id)
        matched = package.binding_code == code
        session.add(DeskPaperCheck(package_id=package.id, typed_code=code, matched=matched, officer=actor.officer,
                                   at=utc_now()))
        audit.record(session, actor, "纸质核对", package_id=package.id, subject=package.binding_code or "",
                     new=f"{code} {'一致' if matched else '不一致'}")
        return package.id, matched


def set_setting(db: DeskDB, key: str, value: str) -> None:
    if key not in SETTINGS:
        raise DeskError(f"没有名为 {key} 的设置，可设置：{'、'.join(f'{k}（{v}）' for k, v in SETTINGS.items())}")
    value = value.strip()[:200]
    actor = db.actor()
    with db.writing() as session:
        row = session.get(DeskSetting, key)
        old = row.value if row is not None else ""
        if row is None:
            session.add(DeskSetting(key=key, value=value))
        else:
            row.value = value
        audit.record(session, actor if key != OFFICER else actor.__class__(value, actor.os_user),
                     "设置", subject=SETTINGS[key], old=old, new=value)
