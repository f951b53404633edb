"""遴选: weighted scores and ranks against an independent computation, the 1–3 rule, the result sheet read back."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import docx
from docx.oxml.ns import qn
import pytest

from desktop.desk.package_read import PackageData, read_package
from desktop.desk.selection import CRITERIA, Candidate, NeedRef, SelectionRefused, finalise, rank
from desktop.desk.selection_doc import selection_docx, selection_pdf
from desktop.forms.registry import get_form
from desktop.samples import sample_raw

from .helpers import BEIJING, pdf_text, squeeze

KEYS = [key for key, _ in CRITERIA]
NEED = NeedRef("2023-FJ-0001", "高端轴承寿命提升", "福建闽江装备集团有限公司（样例）")
DECIDED = dt.datetime(2023, 7, 1, 10, 0, tzinfo=BEIJING)


def fake(n: int, scores: dict) -> Candidate:
    """A candidate whose package exists only as its manifest (enough for ranking)."""
    manifest = {"submitter": {"name": f"候选企业{n:02d}（样例）", "uscc": f"9135{n:014d}"}}
    return Candidate(PackageData(Path(f"/nowhere/{n}"), manifest, f"CODE-{n:04d}", "", ()), scores)


def independent_weighted(scores: dict, weights: dict) -> Decimal:
    exact = Fraction(sum(Fraction(str(weights[k])) * Fraction(str(scores[k])) for k in KEYS),
                     sum(Fraction(str(weights[k])) for k in KEYS))
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("seed", range(25))
def test_weighted_scores_and_ranks_agree_with_an_independent_computation(seed):
    rng = random.Random(seed)
    weights = {k: rng.choice([0, 1, 1, 2, 3, 0.5, 1.5]) for k in KEYS}
    if not any(weights.values()):
        weights["team"] = 1
    candidates = [fake(n, {k: rng.choice([60, 70, 75, 80, 85, 90, 92.5]) for k in KEYS})
                  for n in range(rng.randint(1, 9))]
    rows = rank(candidates, weights)
    expected = {c.key: independent_weighted(c.scores, weights) for c in candidates}
    assert {r.candidate.key: r.weighted for r in rows} == expected
    for row in rows:
        assert row.rank == 1 + sum(score > expected[row.candidate.key] for score in expected.values())
    assert [r.weighted for r in rows] == sorted(expected.values(), reverse=True)


def test_default_weights_are_equal():
    candidate = fake(1, {"team": 90, "rd": 80, "plan": 70, "match": 61})
    assert rank([candidate])[0].weighted == Decimal("75.25")


def test_unscored_candidates_are_listed_last_without_a_rank():
    rows = rank([fake(1, {"team": 90}), fake(2, dict.fromkeys(KEYS, 50))])
    assert [(r.candidate.key, r.rank, r.weighted) for r in rows] == [("CODE-0002", 1, Decimal("50.00")),
                                                                      ("CODE-0001", 0, None)]


@pytest.fixture(scope="module")
def candidates(tmp_path_factory):
    """Four 揭榜 packages (附件3 with its 附件2) answering NEED, exported by the program."""
    root = tmp_path_factory.mktemp("candidates")
    a3, a2 = get_form("2023-a3-application"), get_form("2023-a2-match")
    scores = ([80, 75, 90, 85], [70, 88, 60, 92], [95, 60, 70, 80], [80, 75, 90, 85])
    found = []
    for seed, values in zip((11, 12, 13, 14), scores):
        raw = sample_raw(a3, seed)
        raw.update(need_code=NEED.code, need_title=NEED.title, need_owner=NEED.owner)
        from desktop.attachments import AttachmentStore
        from desktop.package.export import export_package

        companion = sample_raw(a2, seed) | dict(need_code=NEED.code, need_title=NEED.title, need_owner=NEED.owner)
        result = export_package(a3, raw, root, created_at=DECIDED, attachment_store=AttachmentStore(root / "files"),
                                companions=[(a2, companion)])
        found.append(Candidate(read_package(result.folder), dict(zip(KEYS, values))))
    return found


WEIGHTS = {"team": 2, "rd": 1, "plan": 1, "match": 1}


@pytest.mark.parametrize("count, message", [(0, "还没有选择揭榜企业"), (4, "选择了 4 家揭榜企业，超过上限")])
def test_none_or_more_than_three_chosen_is_refused(candidates, count, message):
    with pytest.raises(SelectionRefused, match=message):
        finalise(NEED, candidates, [c.key for c in candidates][:count], weights=WEIGHTS, decided_at=DECIDED)


def test_other_refusals_name_every_reason(candidates):
    unscored = Candidate(candidates[1].package, {"team": 80, "rd": 120})
    other_need = NeedRef("2023-FJ-0002", "另一项需求", NEED.owner)
    with pytest.raises(SelectionRefused) as caught:
        finalise(other_need, [candidates[0], unscored], [candidates[0].key, "NOT-A-CODE"],
                 weights={"team": -1, "rd": 1, "plan": 1, "match": 1}, decided_at=DECIDED)
    text = "；".join(caught.value.problems)
    for part in ("团队水平的权重应为不小于 0 的数", "揭榜的是需求 2023-FJ-0001，不是本需求 2023-FJ-0002",
                 "研发能力评分应为 0 至 100", "攻关方案还没有评分", "装订码 NOT-A-CODE"):
        assert part in text, part
    with pytest.raises(SelectionRefused, match="不能全部为 0"):
        finalise(NEED, candidates, [candidates[0].key], weights=dict.fromkeys(KEYS, 0), decided_at=DECIDED)


def test_result_sheet_pdf_and_docx_read_back(candidates):
    chosen = [candidates[0].key, candidates[2].key]
    result = finalise(NEED, candidates, chosen, weights=WEIGHTS, decided_at=DECIDED)
    expected = {c.key: independent_weighted(c.scores, WEIGHTS) for c in candidates}
    assert [r.weighted for r in result.rows] == sorted(expected.values(), reverse=True)
    assert [r.rank for r in result.rows] == [1, 1, 3, 4]        # two candidates tie at 82.00
    assert {r.candidate.key for r in result.chosen} == set(chosen)
    pdf = selection_pdf(result)
    assert pdf == selection_pdf(result)
    text = squeeze(pdf_text(pdf))
    word = docx.Document(io.BytesIO(selection_docx(result)))
    word_text = squeeze("".join(node.text or "" for node in word.element.body.iter(qn("w:t"))))
    for shown in (text, word_text):
        for row in result.rows:
            assert squeeze(row.candidate.name) in shown and f"{expected[row.candidate.key]:.2f}" in shown
        assert "团队水平2（40.0%）" in shown and "研发能力1（20.0%）" in shown
        assert "选定以下2家企业" in shown and f"{NEED.owner}（盖章）" in shown
        assert shown.count("入选") >= 2
    count = f"候选{len(candidates)}家，入选{len(chosen)}家"
    assert count in text and count in squeeze(word.sections[0].footer.paragraphs[0].text)
    for row in result.rows:                                    # the side-by-side facts, counted independently
        data = row.candidate.package.primary.data
        team = len(data["team"]) + (1 if data["leader"].get("name") else 0)
        shown = f"{team}人／{len(data['ip'])}项"
        assert squeeze(data["project_title"]) in word_text and shown in word_text and shown in text
        assert data["funding_total"] in word_text
    tables = [*word.tables, *(inner for t in word.tables for row in t.rows for cell in row.cells for inner in cell.tables)]
    grid = next(t for t in tables if squeeze(t.rows[0].cells[0].text) == "名次")  # (a short last table sits in the signature's)
    ranks = [(row.cells[0].text, row.cells[6].text, row.cells[7].text) for row in grid.rows[1:]]
    assert ranks == [(str(r.rank), f"{r.weighted:.2f}", "入选" if r.chosen else "") for r in result.rows]
