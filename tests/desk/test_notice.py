"""The 补正通知 the desk issues: labels, the notice file, the letter read back."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.correction import load_notice, load_notice_bytes
from desktop.correction.notice_file import notice_bytes
from desktop.desk.model import FieldComment, Issuer
from desktop.desk.notice import NoticeRefused, build_notice, make_notice_id, notice_pdf, write_notice
from desktop.desk.package_read import read_package

from .helpers import ISSUED_AT, export_sample, pdf_text, squeeze

ISSUER = Issuer("福建省工业和信息化厅", "王科长", "0591-12345678")
COMMENTS = (FieldComment("needs[0].budget", "拟投入资金与需求内容所述规模不符，请核实。"),
            FieldComment("profile.contact_phone", "请补充办公电话。"),
            FieldComment("", "请由单位负责人签字。"))
PROBLEMS = ("纸质材料未加盖企业公章", "光盘中缺少营业执照扫描件")


@pytest.fixture
def package(tmp_path):
    return read_package(export_sample(tmp_path / "out").folder)


def notice_for(package, **kw):
    args = dict(notice_id=make_notice_id(package.binding_code, ISSUED_AT), issued_at=ISSUED_AT, issuer=ISSUER,
                reason="需求内容与预算不一致。", problems=PROBLEMS, comments=COMMENTS, reply_by=dt.date(2023, 5, 12))
    return build_notice(package, **{**args, **kw})


def test_notice_names_the_package_and_every_field_by_its_printed_label(package):
    notice = notice_for(package)
    data = package.primary.data
    assert notice.binding_code == package.binding_code and notice.revision == 1
    assert notice.form_id == "2023-a1-needs" and notice.credit_code == data["profile"]["uscc"]
    assert notice.enterprise_name == data["profile"]["name"]
    labels = [c.label for c in notice.comments]
    assert labels[0].startswith("需求1") and labels[0].endswith("拟投入资金（万元）")
    assert labels[1] == "企业基本信息 · 办公电话"
    assert labels[2] == "整份表格"
    assert [c.path for c in notice.comments] == [c.path for c in COMMENTS]
    assert notice.problems == PROBLEMS and notice.reply_by == "2023-05-12"
    assert notice.contact == "王科长，0591-12345678"


def test_notice_id_is_stable_and_readable(package):
    first = make_notice_id(package.binding_code, ISSUED_AT)
    assert first == make_notice_id(package.binding_code, ISSUED_AT)
    assert first.startswith("BZ-20230504-") and len(first) == len("BZ-20230504-") + 8
    assert first != make_notice_id(package.binding_code, ISSUED_AT + dt.timedelta(seconds=1))


def test_nothing_to_correct_is_refused(package):
    with pytest.raises(NoticeRefused, match="至少"):
        notice_for(package, reason=" ", problems=(), comments=())


def test_notice_file_loads_back_equal(package, tmp_path):
    notice = notice_for(package)
    files = write_notice(notice, tmp_path / "notice")
    assert load_notice(files.json_path) == notice
    assert load_notice_bytes(notice_bytes(notice)) == notice
    obj = json.loads(files.json_path.read_text("utf-8"))
    assert obj["format"] == "xieshou-correction-notice" and obj["version"] == 1
    assert obj["package"] == {"binding_code": package.binding_code, "revision": 1}
    assert obj["comments"][0]["path"] == "needs[0].budget"


def test_letter_tells_everything_at_once(package):
    notice = notice_for(package)
    text = squeeze(pdf_text(notice_pdf(notice)))
    for expected in (notice.notice_id, notice.enterprise_name, notice.credit_code, package.binding_code,
                     notice.reason, "2023年5月12日", "2023年5月4日", "福建省工业和信息化厅（盖章）", "经办人",
                     *PROBLEMS, *(c.text for c in notice.comments), *(c.label for c in notice.comments)):
        assert squeeze(expected) in text, expected


def test_letter_bytes_repeat(package):
    notice = notice_for(package)
    assert notice_pdf(notice) == notice_pdf(notice)


def test_long_comments_are_printed_whole(package):
    long_text = "请补充说明。" + "技术指标应当量化并给出检测方法" * 30
    notice = notice_for(package, comments=(FieldComment("needs[0].content", long_text),))
    assert squeeze(long_text) in squeeze(pdf_text(notice_pdf(notice)))


def test_comment_on_a_companion_form_is_labelled_with_its_attachment(tmp_path):
    result = export_sample(tmp_path / "out", "2023-a3-application", seed=2, companions=("2023-a2-match",))
    package = read_package(result.folder)
    assert [f.form_id for f in package.forms] == ["2023-a3-application", "2023-a2-match"]
    notice = notice_for(package, comments=(FieldComment("solution_summary", "方案概述过于简略。", "2023-a2-match"),
                                           FieldComment("team[0].name", "请核对姓名。")))
    assert notice.comments[0].label == "附件2 · 揭榜方案概述" and notice.comments[0].form_id == "2023-a2-match"
    assert notice.comments[1].label == "项目团队第1行 · 姓名"
    assert notice.comments[1].form_id == "2023-a3-application"
