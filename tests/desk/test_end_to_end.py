"""A desk's day: a stack of discs received in one batch, reviewed, screened, audited — then tampered with.

30 made-up enterprises (15 附件1 needs tables, 15 附件3 applications carrying
their 附件2), one exported by the real export pipeline, all burned to ISO
images; mixed in: 10 broken or hostile packages, 5 duplicates (a folder and
its image, a disc read twice) and 3 later revisions. Runs on SQLite and on
PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop.desk.audit import check_chain
from desktop.desk.tables import CORRECT, PASSED, REJECTED, UPDATED
from desktop.desk.query import PackageFilter, detail, list_rows
from desktop.desk.receive import Batch, receive_paths
from desktop.desk.review import comment, decide, paper_check
from desktop.desk.screening import screen, selected_needs
from desktop.forms.registry import get_form
from desktop.package.export import export_package
from desktop.package.iso import build_iso
from desktop.package.manifest import CHINA_TZ
from desktop.samples import sample_submission
from tests.package.sample_package import write_package

ARRIVED = dt.datetime(2023, 4, 26, 15, 0, tzinfo=CHINA_TZ)
APPLICATION, MATCH, NEEDS = "2023-a3-application", "2023-a2-match", "2023-a1-needs"


def _discs(root: Path) -> dict[str, list[Path]]:
    made = root / "made"
    discs: dict[str, list[Path]] = {"good": [], "broken": [], "dups": [], "revisions": []}
    for seed in range(1, 15):
        discs["good"].append(write_package(made / f"a1_{seed}", seed=seed))
    for seed in range(101, 116):
        discs["good"].append(write_package(made / f"a3_{seed}", seed=seed, form_id=APPLICATION, companions=(MATCH,)))
    form = get_form(NEEDS)
    raw = sample_submission(form, 50)["data"]
    raw["needs"] = raw["needs"][:2]                         # a short table keeps the real rendering quick
    exported = export_package(form, raw, made,
                              created_at=dt.datetime(2023, 4, 20, 10, 0, tzinfo=CHINA_TZ))
    discs["good"].append(exported.folder)
    discs["broken"] = _broken(made)
    for seed in (1, 2, 101):
        kind = {"form_id": APPLICATION, "companions": (MATCH,)} if seed > 100 else {}
        discs["revisions"].append(write_package(made / f"rev_{seed}", seed=seed, revision=2,
                                                created_at="2023-04-25T09:00:00+08:00",
                                                edit=lambda d: d.update(filled_by="周改正"), **kind))
    stack = root / "stack"
    stack.mkdir()
    for folder in discs["good"] + discs["revisions"]:
        build_iso(folder, stack / f"{folder.name}.iso")
    for folder in discs["broken"][:9]:                      # broken ones arrive as copied folders …
        shutil.copytree(folder, stack / folder.name)
    truncated = stack / "truncated.iso"                     # … and as an image cut short
    build_iso(discs["broken"][9], truncated)
    with open(truncated, "r+b") as handle:
        handle.truncate(truncated.stat().st_size // 3)
    for index, folder in enumerate(discs["good"][:5]):      # 5 duplicates: the folder beside its image
        discs["dups"].append(Path(shutil.copytree(folder, stack / f"dup{index}_{folder.name}")))
    return discs


def _broken(made: Path) -> list[Path]:
    broken = [write_package(made / f"broken_{seed}", seed=seed) for seed in range(201, 211)]
    (broken[0] / "data/submission.json").write_bytes(b'{"format": "xieshou-submission"')
    (broken[1] / "attachments/01_营业执照.pdf").unlink()
    (broken[2] / "说明.txt").write_bytes(b"swapped")
    with open(broken[3] / "attachments/02_研发投入说明.docx", "ab") as handle:
        handle.write(b"extra")
    (broken[4] / "manifest.json").write_bytes(b"\xff\xfe not json")
    manifest = json.loads((broken[5] / "manifest.json").read_text("utf-8"))
    manifest["files"][1]["path"] = "../../../../etc/passwd"
    (broken[5] / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    manifest = json.loads((broken[6] / "manifest.json").read_text("utf-8"))
    manifest["binding_code"] = "0000-0000-0000-0000"
    (broken[6] / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    (broken[7] / "documents" / "附件1_大企业技术创新需求表.pdf").write_bytes(b"")
    manifest = json.loads((broken[8] / "manifest.json").read_text("utf-8"))
    manifest["draft"] = True
    (broken[8] / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return broken


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Path:
    """The discs, made once for both backends (the desk never writes to a source)."""
    root = tmp_path_factory.mktemp("discs")
    _discs(root)
    return root / "stack"


def test_a_stack_of_discs_from_receipt_to_screening(desk, stack):
    results = receive_paths(desk, [stack], batch=Batch("EA000000001CN", ARRIVED))

    outcomes = [r.outcome for r in results]
    assert len(results) == 30 + 10 + 5 + 3
    assert outcomes.count("重复") == 5
    assert sorted(o for o in outcomes if o in ("新版本", "旧版本")) == ["新版本"] * 3
    rows = list_rows(desk)
    assert len(rows) == 30 + 10 + 3                          # duplicates are no entries of their own
    assert len([r for r in rows if r.verdict == "有问题"]) == 10
    assert len([r for r in rows if r.state == UPDATED]) == 3
    assert all(r.superseded_by for r in rows if r.state == UPDATED)
    # every complete package kept exactly once in the workspace
    kept = sorted(p.name for p in desk.workspace().iterdir() if not p.name.startswith("."))
    assert kept == sorted(r.binding_code for r in rows if r.verdict == "完整")

    current = [r for r in rows if r.verdict == "完整" and r.state != UPDATED]
    assert len(current) == 30
    needs_tables = [r for r in current if r.form == NEEDS]
    applications = [r for r in current if r.form == APPLICATION]
    assert (len(needs_tables), len(applications)) == (15, 15)

    for row in current[:3]:
        assert paper_check(desk, row.binding_code) == (row.id, True)
    decide(desk, [r.id for r in needs_tables[:12]], PASSED, confirm_count=12)
    comment(desk, needs_tables[12].id, "needs[0].budget", "拟投入资金与附件说明不一致")
    decide(desk, [needs_tables[12].id], CORRECT, "请核实需求1的拟投入资金")
    decide(desk, [r.id for r in needs_tables[13:]], REJECTED, "非本省推荐范围", confirm_count=2)
    broken = [r.id for r in rows if r.verdict == "有问题"]
    decide(desk, broken, CORRECT, "光盘数据包不完整，请重新刻录寄送", confirm_count=10)
    assert {r.state for r in list_rows(desk, PackageFilter(verdict="有问题"))} == {CORRECT}

    passed_needs = sum(len(detail(desk, r.id).needs) for r in needs_tables[:12])
    assert len(screen(desk, None, True, urgency=4, feasibility=3)) == passed_needs
    first = detail(desk, needs_tables[0].id).needs[0]["code"]
    screen(desk, [first], False)
    assert len(selected_needs(desk)) == passed_needs - 1

    with desk.reading() as session:
        report = check_chain(session)
    assert report.ok, report.message
    engine = create_engine(desk.url)
    with engine.begin() as connection:
        victim = connection.execute(text("SELECT min(id) FROM desk_audit WHERE action = '决定'")).scalar()
        connection.execute(text("UPDATE desk_audit SET new_value = '不予推荐' WHERE id = :id"), {"id": victim})
    engine.dispose()
    with desk.reading() as session:
        report = check_chain(session)
    assert (report.ok, report.broken_id) == (False, victim)
