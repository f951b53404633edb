"""遴选: a large enterprise scores the 揭榜 candidates of one of its needs, ranks them and chooses 1–3.

Inputs: the need (:class:`NeedRef`), the candidates — each a received 附件3
package with its 附件2 (:class:`~desktop.desk.package_read.PackageData`) and
its scores on the four criteria of the notice (团队水平、研发能力、攻关方案、
与需求匹配度, each 0–100) — and the weights (default equal).  Outputs:

- :func:`rank` — every candidate with its weighted score
  (Σ weightᵢ·scoreᵢ / Σ weightᵢ, rounded half-up to two decimals) and its rank
  (1, 2, 2, 4 … : equal scores share a rank; the list shows ties in
  统一社会信用代码 order), side by side;
- :func:`finalise` — the result with the chosen ones, refused with the reason in
  Chinese (:class:`SelectionRefused`) when 0 or more than 3 are chosen, a
  candidate is not scored, answers another need, or a weight is unusable.

The 遴选结果 sheet (PDF and DOCX) is drawn by ``selection_doc``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Sequence

from .package_read import PackageData

CRITERIA: tuple[tuple[str, str], ...] = (("team", "团队水平"), ("rd", "研发能力"), ("plan", "攻关方案"),
                                         ("match", "与需求匹配度"))
MIN_CHOSEN, MAX_CHOSEN = 1, 3
MAX_SCORE = 100
APPLICATION_FORM = "2023-a3-application"
CENT = Decimal("0.01")


class SelectionRefused(ValueError):
    """The selection cannot be finalised; ``problems`` lists every reason (Chinese)."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("遴选结果不能确定：" + "；".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class NeedRef:
    code: str               # 需求编号
    title: str
    owner: str              # 发榜企业


@dataclass(frozen=True)
class Candidate:
    package: PackageData
    scores: Mapping[str, float | int | None] = field(default_factory=dict)   # criterion id → 0–100

    @property
    def key(self) -> str:
        return self.package.binding_code

    @property
    def name(self) -> str:
        return self.package.text("name")

    @property
    def uscc(self) -> str:
        return self.package.text("uscc")


@dataclass(frozen=True)
class Facts:
    """What the 附件3 says that helps compare candidates side by side (texts as printed, "" when absent)."""

    size_class: str          # 企业规模
    project: str             # 项目名称
    period: str              # 2023年4月20日—2026年6月30日
    funding: str             # 经费预算合计（万元）
    team: int                # 项目负责人 and 项目团队 members
    ip: int                  # 知识产权 rows


def facts(candidate: Candidate) -> Facts:
    from desktop.rules.formats import format_date_cn

    data = candidate.package.form_data(APPLICATION_FORM)
    values = data.data if data else {}
    profile = values.get("profile") if isinstance(values.get("profile"), dict) else {}
    size = profile.get("size_class")

    def day(key: str) -> str:
        try:
            return format_date_cn(dt.date.fromisoformat(values.get(key) or ""))
        except (TypeError, ValueError):
            return ""

    def rows(key: str) -> list:
        return [r for r in values.get(key) or [] if isinstance(r, dict)] if isinstance(values.get(key), list) else []

    leader = 1 if isinstance(values.get("leader"), dict) and values["leader"].get("name") else 0
    period = "—".join(p for p in (day("project_start"), day("project_end")) if p)
    return Facts(str(size.get("class") or "") if isinstance(size, dict) else "", str(values.get("project_title") or ""),
                 period, str(values.get("funding_total") or values.get("budget_total") or ""),
                 leader + len(rows("team")), len(rows("ip")))


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate: Candidate
    weighted: Decimal | None   # None while a score is missing
    chosen: bool = False


@dataclass(frozen=True)
class SelectionResult:
    need: NeedRef
    weights: tuple[Decimal, ...]          # in CRITERIA order
    rows: tuple[Ranked, ...]
    decided_at: dt.datetime

    @property
    def chosen(self) -> tuple[Ranked, ...]:
        return tuple(r for r in self.rows if r.chosen)


def folded_key(value) -> str:
    """A need code as compared (full-width digits and case do not matter), "" when not text."""
    return unicodedata.normalize("NFKC", value).strip().casefold() if isinstance(value, str) else ""


def default_weights() -> dict[str, int]:
    return {key: 1 for key, _ in CRITERIA}


def weighted_score(scores: Mapping[str, float | int | None], weights: Mapping[str, float | int]) -> Decimal | None:
    values = [scores.get(key) for key, _ in CRITERIA]
    if any(v is None for v in values):
        return None
    total = sum(Decimal(str(weights[key])) for key, _ in CRITERIA)
    weighted = sum(Decimal(str(weights[key])) * Decimal(str(v)) for (key, _), v in zip(CRITERIA, values))
    return (weighted / total).quantize(CENT, rounding=ROUND_HALF_UP)


def rank(candidates: Sequence[Candidate], weights: Mapping[str, float | int] | None = None,
         chosen: Sequence[str] = ()) -> list[Ranked]:
    """Scored candidates first, best first; equal weighted scores share a rank; unscored ones last, unranked (0)."""
    weights = weights or default_weights()
    problems = weight_problems(weights)
    if problems:
        raise SelectionRefused(problems)
    scored = [(weighted_score(c.scores, weights), c) for c in candidates]
    ordered = sorted(scored, key=lambda item: (item[0] is None, -(item[0] or 0), item[1].uscc, item[1].key))
    rows: list[Ranked] = []
    picked = set(chosen)
    for position, (score, candidate) in enumerate(ordered, 1):
        if score is None:
            number = 0
        elif rows and rows[-1].weighted == score:
            number = rows[-1].rank
        else:
            number = position
        rows.append(Ranked(number, candidate, score, candidate.key in picked))
    return rows


def weight_problems(weights: Mapping[str, float | int]) -> list[str]:
    problems = []
    for key, label in CRITERIA:
        value = weights.get(key)
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0 or value != value:
            problems.append(f"{label}的权重应为不小于 0 的数")
    if not problems and sum(Decimal(str(weights[k])) for k, _ in CRITERIA) <= 0:
        problems.append("四项权重不能全部为 0")
    return problems


def finalise(need: NeedRef, candidates: Sequence[Candidate], chosen: Sequence[str], *,
             weights: Mapping[str, float | int] | None = None, decided_at: dt.datetime) -> SelectionResult:
    """The result to print and keep; SelectionRefused listing every reason it cannot be finalised."""
    weights = dict(weights or default_weights())
    problems = weight_problems(weights) + _candidate_problems(need, candidates)
    keys = {c.key for c in candidates}
    picked = list(dict.fromkeys(chosen))
    problems += [f"选中的材料（装订码 {k}）不在本需求的揭榜企业中" for k in picked if k not in keys]
    if len(picked) < MIN_CHOSEN:
        problems.append("还没有选择揭榜企业：每项需求应选择 1 至 3 家揭榜企业")
    elif len(picked) > MAX_CHOSEN:
        problems.append(f"选择了 {len(picked)} 家揭榜企业，超过上限：每项需求最多选择 3 家，请减少 {len(picked) - 3} 家")
    if problems:
        raise SelectionRefused(problems)
    rows = rank(candidates, weights, picked)
    return SelectionResult(need, tuple(Decimal(str(weights[k])) for k, _ in CRITERIA), tuple(rows), decided_at)


def _candidate_problems(need: NeedRef, candidates: Sequence[Candidate]) -> list[str]:
    problems = []
    if not candidates:
        problems.append(f"需求 {need.code} 还没有收到揭榜材料")
    for candidate in candidates:
        name = candidate.name or candidate.key
        application = candidate.package.form_data(APPLICATION_FORM)
        code = application.data.get("need_code") if application else None
        if application is None:
            problems.append(f"{name} 的材料不是揭榜申请书（附件3）")
        elif folded_key(code) != folded_key(need.code):
            problems.append(f"{name} 揭榜的是需求 {code or '（未填写）'}，不是本需求 {need.code}")
        for key, label in CRITERIA:
            value = candidate.scores.get(key)
            if value is None:
                problems.append(f"{name} 的{label}还没有评分")
            elif not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= MAX_SCORE:
                problems.append(f"{name} 的{label}评分应为 0 至 {MAX_SCORE} 之间的数")
    return problems
