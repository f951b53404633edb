"""From receipt to the outputs on one store (SQLite and PostgreSQL), through the command line:
a 补正 round trip that comes back as a revision, the 需求目录 whose public part hides every 不公开 need,
forwarding upward as a verified ISO (packages become 已报部), and a 遴选 of 1–3 揭榜 enterprises."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from desktop.attachments import AttachmentStore
from desktop.cli import main
from desktop.correction import load_notice
from desktop.correction.drafts import apply_notice, find_drafts
from desktop.desk.audit import check_chain
from desktop.desk.query import detail, list_rows
from desktop.engine.schema import form_hash
from desktop.forms.registry import all_forms, get_form
from desktop.package.export import export_package
from desktop.package.iso import build_iso
from desktop.package.verify import verify_paths
from desktop.samples import sample_raw
from desktop.store import Store
from tests.desk.helpers import EXPORTED_AT, pdf_text, squeeze
from tests.package.sample_package import write_package

HIDDEN_KEYS = ("title", "content", "background", "requirements", "need_contact", "need_phone", "existing_basis",
               "outcome_detail")


def _cli(capsys, db: str, *argv: str) -> tuple[int, str]:
    code = main(["desk", *argv, "--db", db])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _public_strings(folder: Path) -> str:
    """Every string of the public catalogue: JSON text, every XLSX cell, the PDF's text."""
    parts = [(folder / "需求目录_公开.json").read_text("utf-8")]
    for row in openpyxl.load_workbook(folder / "需求目录_公开.xlsx").worksheets[0].iter_rows(values_only=True):
        parts += [str(v) for v in row if v is not None]
    parts.append(pdf_text((folder / "需求目录_公开.pdf").read_bytes()))
    return squeeze("\n".join(parts))


@pytest.fixture
def enterprise(tmp_path):
    """The enterprise's own copy of the program: a 附件1 draft exported for real (two needs, one not public)."""
    form = get_form("2023-a1-needs")
    raw = sample_raw(form, 21)
    raw["needs"] = raw["needs"][:2]
    raw["needs"][0]["is_public"], raw["needs"][1]["is_public"] = "公开", "不公开"
    store = Store.open(tmp_path / "enterprise.db")
    files = AttachmentStore(tmp_path / "files")
    draft_id = store.create_draft(form.id, form.edition, form_hash(form), raw)
    first = export_package(form, raw, tmp_path / "exported", created_at=EXPORTED_AT, attachment_store=files)
    store.record_export(draft_id, first.binding_code, first.folder, first.submission, exported_at=EXPORTED_AT)
    yield form, store, files, draft_id, first
    store.close()


def test_receipt_to_outputs(desk, enterprise, tmp_path, capsys):
    db = str(desk.url.database) if desk.url.get_backend_name() == "sqlite" else desk.url.render_as_string(False)
    form, store, files, draft_id, first = enterprise
    stack = tmp_path / "stack"
    build_iso(first.folder, stack / "enterprise.iso") if stack.mkdir() is None else None
    for seed in (22, 23):
        write_package(stack / f"a1_{seed}", seed=seed)
    assert _cli(capsys, db, "receive", str(stack))[0] == 0
    rows = {r.submitter: r for r in list_rows(desk)}
    mine = rows[first.submission["data"]["profile"]["name"]]

    # 补正: decision with a reason and a field comment, the notice, the enterprise's answer, the revision back
    assert _cli(capsys, db, "comment", str(mine.id), "needs[0].budget", "拟投入资金与说明不一致")[0] == 0
    assert _cli(capsys, db, "decide", str(mine.id), "--decision", "需补正", "--reason", "资金数额需核实")[0] == 0
    code, out = _cli(capsys, db, "notice", str(mine.id), "-o", str(tmp_path / "notice"), "--json")
    assert code == 0, out
    notice = load_notice(json.loads(out.splitlines()[0])["json"])
    assert [c.path for c in notice.comments] == ["needs[0].budget"] and notice.reason == "资金数额需核实"
    (match,) = find_drafts(store, notice)
    apply_notice(store, notice, match.draft_id, all_forms())
    answer = store.get_draft(draft_id)
    answer.data["needs"][0]["budget"] = "321.00"
    second = export_package(form, answer.data, tmp_path / "answer", revision=answer.revision,
                            created_at=EXPORTED_AT + dt.timedelta(days=10), attachment_store=files)
    code, out = _cli(capsys, db, "receive", str(second.folder), "--json")
    received = json.loads(out.splitlines()[0])
    assert (code, received["outcome"], received["linked"]) == (0, "新版本", [mine.id])
    newer = detail(desk, received["id"])
    assert (newer.answers_notice, newer.row.revision, detail(desk, mine.id).row.state) == (
        notice.notice_id, 2, "已更新")
    code, out = _cli(capsys, db, "show", str(received["id"]), "--json")
    changes = json.loads(out)["changes"]
    assert {"path": "needs[0].budget", "new": "321.00"}.items() <= next(
        c for c in changes if c["path"] == "needs[0].budget").items()

    # review, screening and the catalogues
    current = [r.id for r in list_rows(desk) if r.state == "已收件"]
    assert len(current) == 3
    assert _cli(capsys, db, "decide", *map(str, current), "--decision", "初核通过", "--confirm", "3")[0] == 0
    assert _cli(capsys, db, "screen", "--all-passed", "--select", "--urgency", "4", "--feasibility", "4")[0] == 0
    code, out = _cli(capsys, db, "catalogue", "-o", str(tmp_path / "catalogue"), "--json")
    assert code == 0, out
    published = _public_strings(tmp_path / "catalogue")
    envelopes = [json.loads((desk.workspace() / r.binding_code / "data/submission.json").read_text("utf-8"))
                 for r in list_rows(desk) if r.state == "初核通过"]
    hidden = [n for e in envelopes for n in e["data"]["needs"] if n["is_public"] == "不公开"]
    shown = [n for e in envelopes for n in e["data"]["needs"] if n["is_public"] == "公开"]
    assert hidden and shown
    for need in hidden:
        for key in HIDDEN_KEYS:
            if need.get(key) and not any(need[key] == other.get(key) for other in shown):
                assert squeeze(need[key]) not in published, (key, need[key])
    assert all(squeeze(n["title"]) in published for n in shown)

    # forwarding upward: an ISO that verifies, the packages now 已报部
    code, out = _cli(capsys, db, "forward", "-o", str(tmp_path / "up" / "报送"), "--iso")
    assert code == 0, out
    verdicts = verify_paths([tmp_path / "up" / "报送"])
    assert len(verdicts) == 3 and all(v.complete for v in verdicts)
    on_disc = verify_paths([tmp_path / "up" / "报送.iso"])      # the image itself: one verdict per package in it
    assert len(on_disc) == 3 and all(v.complete for v in on_disc)
    assert {r.state for r in list_rows(desk) if r.id in current} == {"已报部"}

    with desk.reading() as session:
        assert check_chain(session).ok


def test_selection_of_jiebang_enterprises(desk, tmp_path, capsys):
    db = str(desk.url.database) if desk.url.get_backend_name() == "sqlite" else desk.url.render_as_string(False)
    need = {"need_code": "2023-35-0007", "need_title": "高精度轴承寿命检测工艺", "need_owner": "晟璞微电材料科技股份有限公司（样例）"}
    for seed in (31, 32, 33, 34):
        write_package(tmp_path / "in" / f"a3_{seed}", seed=seed, form_id="2023-a3-application",
                      companions=("2023-a2-match",), edit=lambda d: d.update(need))
    assert _cli(capsys, db, "receive", str(tmp_path / "in"))[0] == 0
    ids = [r.id for r in list_rows(desk)]
    scores = ["team=80,rd=70,plan=90,match=85", "团队水平=60,研发能力=65,攻关方案=70,与需求匹配度=75",
              "team=95,rd=90,plan=85,match=90", "team=50,rd=50,plan=50,match=50"]
    argv = [a for pid, s in zip(ids, scores) for a in ("--score", f"{pid}:{s}")]
    code, out = _cli(capsys, db, "select", need["need_code"], "--weights", "team=1,rd=1,plan=2,match=1", *argv)
    assert code == 0, out
    ranking = [line.split()[0] for line in out.strip().splitlines()]
    assert ranking == ["1", "2", "3", "4"]
    # weighted means by hand: (80+70+2*90+85)/5=83, (60+65+140+75)/5=68, (95+90+170+90)/5=89, 50
    names = [line for line in out.strip().splitlines()]
    assert names[0].split()[1] == "89.00" and names[1].split()[1] == "83.00"
    code, out = _cli(capsys, db, "select", need["need_code"], "--choose", *map(str, ids), "-o", str(tmp_path / "sel"))
    assert code == 2 and "3" in out
    code, out = _cli(capsys, db, "select", need["need_code"], "--choose", str(ids[2]), str(ids[0]),
                     "-o", str(tmp_path / "sel"))
    assert code == 0, out
    pdf = next((tmp_path / "sel").glob("*.pdf"))
    assert next((tmp_path / "sel").glob("*.docx")).is_file()
    assert squeeze(need["need_title"]) in squeeze(pdf_text(pdf.read_bytes()))
    code, out = _cli(capsys, db, "select", "2023-00-0000")
    assert code == 2 and "没有收到揭榜需求" in out
    with desk.reading() as session:
        assert check_chain(session).ok
