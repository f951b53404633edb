"""补正通知 on the enterprise side: a received file checked as hostile input, the matching draft, and the
round trip notice → draft → new revision → a package that records the notice it answers."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.correction import NoticeError, load_notice, load_notice_bytes
from desktop.correction.drafts import (COMMENT_CODE, NOTICE_KEY, PROBLEM_CODE, answered_notice_id, apply_notice,
                                       comment_problems, find_drafts)
from desktop.correction.notice_file import MAX_BYTES, MAX_COMMENTS, notice_bytes
from desktop.desk.model import FieldComment, Issuer
from desktop.desk.notice import build_notice, make_notice_id
from desktop.desk.package_read import read_package
from desktop.engine.schema import form_hash
from desktop.forms.registry import all_forms, get_form
from desktop.samples import sample_raw
from desktop.store import Store

from tests.desk.helpers import EXPORTED_AT, ISSUED_AT, export_sample, pdf_text, squeeze

GOOD = {
    "format": "xieshou-correction-notice", "version": 1, "notice_id": "BZ-20230504-ABCDEFGH",
    "issued_at": "2023-05-04T09:30:00+08:00", "issuer": "福建省工业和信息化厅", "contact": "", "reply_by": "",
    "package": {"binding_code": "AAAA-BBBB-CCCC-DDDD", "revision": 1},
    "form": {"id": "2023-a1-needs", "edition": "2023", "title": "大企业技术创新需求表"},
    "enterprise": {"name": "样例科技有限公司", "credit_code": "91350100MA2XXXXXXX"},
    "reason": "请补正", "problems": ["缺少盖章"],
    "comments": [{"form": "2023-a1-needs", "path": "needs[0].budget", "label": "需求1 · 拟投入资金（万元）",
                  "text": "请核实金额"}],
}


def encoded(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def changed(**changes) -> dict:
    obj = copy.deepcopy(GOOD)
    obj.update(changes)
    return obj


def test_good_file_loads():
    notice = load_notice_bytes(encoded(GOOD))
    assert notice.notice_id == "BZ-20230504-ABCDEFGH" and notice.comments[0].path == "needs[0].budget"
    assert notice.comments_for("2023-a1-needs") == notice.comments and notice.comments_for("2023-a2-match") == ()


@pytest.mark.parametrize("raw, message", [
    (b"\xff\xfe{}", "UTF-8"),
    (b"[" * 50 + b"]" * 50, "嵌套"),
    (b'{"format": "xieshou-correction-notice", "format": "x"}', "重复"),
    (encoded({"format": "xieshou-package"}), "不是补正通知文件"),
    (encoded(changed(version=2)), "升级携手填报"),
    (encoded(changed(version=True)), "版本无法识别"),
    (encoded(changed(notice_id="../../etc")), "通知编号"),
    (encoded(changed(notice_id=12)), "应为文字"),
    (encoded(changed(package={"binding_code": "X", "revision": True})), "revision"),
    (encoded(changed(package={"binding_code": "X", "revision": 10 ** 30})), "revision"),
    (encoded(changed(package="X")), "package"),
    (encoded(changed(reason="很" * 5000)), "超过 4000"),
    (encoded(changed(problems=[{"x": 1}])), "第 1 个问题"),
    (encoded(changed(comments=[{"path": "needs[0].budget/../x", "text": "a"}])), "路径"),
    (encoded(changed(comments=[{"path": "a." * 20 + "b", "text": "a"}])), "路径"),
    (encoded(changed(comments=[{"path": "profile.name", "text": ""}])), "text"),
    (encoded(changed(comments=[{"path": "x", "text": "y"}] * (MAX_COMMENTS + 1))), "超过 2000 条"),
    (encoded(changed(comments="all")), "应为列表"),
    (encoded(changed(reply_by="下周")), "补正期限"),
    (encoded(changed(reply_by="2023-13-45")), "补正期限"),
])
def test_hostile_files_are_refused_with_a_reason(raw, message):
    with pytest.raises(NoticeError, match=message):
        load_notice_bytes(raw, "通知.json")


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(NoticeError, match="超过 2 MB"):
        load_notice(path)
    with pytest.raises(NoticeError, match="找不到"):
        load_notice(tmp_path / "missing.json")
    with pytest.raises(NoticeError, match="找不到"):
        load_notice(tmp_path)


def test_comments_become_warnings_at_their_fields():
    raw = {NOTICE_KEY: GOOD}
    problems = comment_problems("2023-a1-needs", raw)
    assert [(p.path, p.level, p.code) for p in problems] == [("", "warning", PROBLEM_CODE),
                                                             ("needs[0].budget", "warning", COMMENT_CODE)]
    assert "请核实金额" in problems[1].message and "BZ-20230504-ABCDEFGH" in problems[1].message
    assert comment_problems("2023-a2-match", raw) == ()
    assert comment_problems("2023-a1-needs", {NOTICE_KEY: {"format": "forged"}}) == ()
    assert answered_notice_id(raw) == "BZ-20230504-ABCDEFGH" and answered_notice_id({}) is None


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "store.sqlite3")
    yield opened
    opened.close()


def _exported_draft(store, tmp_path, seed: int):
    from desktop.attachments import AttachmentStore

    form = get_form("2023-a1-needs")
    raw = sample_raw(form, seed)
    draft_id = store.create_draft(form.id, form.edition, form_hash(form), raw)
    result = export_sample(tmp_path / "first", raw=raw, store=AttachmentStore(tmp_path / "files"))
    store.record_export(draft_id, result.binding_code, result.folder, result.submission, exported_at=EXPORTED_AT)
    return form, draft_id, result


def test_round_trip_notice_draft_new_revision(store, tmp_path):
    """The desk's notice opens the enterprise's exported draft; its next export answers the notice."""
    from desktop.attachments import AttachmentStore
    from desktop.package.export import export_package
    from desktop.package.verify import verify_paths

    form, draft_id, first = _exported_draft(store, tmp_path, seed=4)
    other_form, other_id, _ = _exported_draft(store, tmp_path / "other", seed=5)
    package = read_package(first.folder)
    notice = build_notice(package, notice_id=make_notice_id(package.binding_code, ISSUED_AT), issued_at=ISSUED_AT,
                          issuer=Issuer("福建省工业和信息化厅"), reason="预算不一致",
                          comments=[FieldComment("needs[0].budget", "请核实拟投入资金")])
    # the file travels: written by the desk, read by the enterprise
    received = load_notice_bytes(notice_bytes(notice))

    matches = find_drafts(store, received)
    assert [(m.draft_id, m.exact) for m in matches] == [(draft_id, True)]
    assert store.get_draft(draft_id).sealed
    apply_notice(store, received, draft_id, all_forms())
    record = store.get_draft(draft_id)
    assert record.revision == 2 and not record.sealed       # the answer is a new revision
    assert answered_notice_id(record.data) == notice.notice_id
    assert answered_notice_id(store.get_draft(other_id).data) is None
    apply_notice(store, received, draft_id, all_forms())      # opened a second time: nothing changes
    assert store.get_draft(draft_id).revision == 2
    assert [p.path for p in comment_problems(form.id, record.data)] == ["needs[0].budget"]

    raw = record.data
    raw["needs"][0]["budget"] = "123.45"
    result = export_package(form, raw, tmp_path / "second", revision=record.revision, created_at=ISSUED_AT,
                            attachment_store=AttachmentStore(tmp_path / "files"))
    manifest = json.loads((result.folder / "manifest.json").read_text("utf-8"))
    submission = json.loads((result.folder / "data/submission.json").read_text("utf-8"))
    assert manifest["answers_notice"] == notice.notice_id
    assert submission["answers_notice"] == notice.notice_id and submission["revision"] == 2
    assert submission["data"]["needs"][0]["budget"] == "123.45"
    assert NOTICE_KEY not in submission["data"]
    assert f"按补正通知 {notice.notice_id} 修改" in (result.folder / "说明.txt").read_text("utf-8-sig")
    pdf = next(result.folder.glob("documents/*.pdf")).read_bytes()
    assert squeeze(f"补正 {notice.notice_id}") in squeeze(pdf_text(pdf))
    assert read_package(result.folder).revision == 2
    [verdict] = verify_paths([result.folder])
    assert verdict.complete, verdict.problems
    # the first package never named a notice
    assert "answers_notice" not in json.loads((first.folder / "manifest.json").read_text("utf-8"))


def test_same_enterprise_draft_is_offered_when_no_export_matches(store):
    form = get_form("2023-a1-needs")
    raw = sample_raw(form, 6)
    draft_id = store.create_draft(form.id, form.edition, form_hash(form), raw)
    notice = load_notice_bytes(encoded(changed(enterprise={"name": "x", "credit_code": raw["profile"]["uscc"]})))
    assert [(m.draft_id, m.exact) for m in find_drafts(store, notice)] == [(draft_id, False)]
    stranger = load_notice_bytes(encoded(changed(enterprise={"name": "x", "credit_code": "91110000000000000X"})))
    assert find_drafts(store, stranger) == []
