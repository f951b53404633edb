"""The output commands i10a's ``desk`` CLI wires: what they print, what they write, their exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from desktop.correction import load_notice
from desktop.desk.catalogue_out import ScreenedNeed
from desktop.desk.commands_out import (EXIT_FAILED, EXIT_OK, catalogue_command, forward_command, notice_command,
                                       select_command)
from desktop.desk.forward import ForwardPackage
from desktop.desk.model import FieldComment, Issuer
from desktop.desk.package_read import read_package
from desktop.desk.selection import NeedRef
from desktop.forms.registry import get_form
from desktop.samples import sample_raw

from .helpers import BEIJING, ISSUED_AT, export_sample

ISSUER = Issuer("福建省工业和信息化厅", "王科长", "0591-12345678")
WHEN = dt.datetime(2023, 6, 1, 9, 0, tzinfo=BEIJING)
NEED = NeedRef("2023-FJ-0001", "高端轴承寿命提升", "福建闽江装备集团有限公司（样例）")


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    needs = [export_sample(root, seed=s).folder for s in (1, 2)]
    a3 = get_form("2023-a3-application")
    answers = []
    for seed in (21, 22):
        common = dict(need_code=NEED.code, need_title=NEED.title, need_owner=NEED.owner)
        answers.append(export_sample(root, a3.id, raw=sample_raw(a3, seed) | common, seed=seed).folder)
    return needs, answers


def run(func, *args, **kw):
    out, err = io.StringIO(), io.StringIO()
    code = func(*args, out=out, err=err, **kw)
    return code, out.getvalue(), err.getvalue()


def test_notice_command(folders, tmp_path):
    code, out, err = run(notice_command, folders[0][0], tmp_path, issuer=ISSUER, reason="请补正",
                         problems=["缺少盖章"], comments=[FieldComment("profile.name", "名称与营业执照不一致")],
                         issued_at=ISSUED_AT, as_json=True)
    assert code == EXIT_OK and err == ""
    shown = json.loads(out)
    assert load_notice(shown["json"]).comments[0].label == "企业基本信息 · 企业名称"
    assert shown["comments"] == 1 and shown["problems"] == 1 and shown["pages"] >= 1
    code, out, err = run(notice_command, folders[0][0], tmp_path, issuer=ISSUER, reason="", problems=[],
                         comments=[], issued_at=ISSUED_AT)
    assert code == EXIT_FAILED and "补正通知未生成" in err and out == ""


def test_catalogue_command(folders, tmp_path):
    needs = [ScreenedNeed(read_package(f).primary.submission, i, 3, 4, True, key=f"K{n}{i}")
             for n, f in enumerate(folders[0]) for i in range(3)]
    code, out, err = run(catalogue_command, needs, tmp_path, campaign="2023-jiebang", created_at=WHEN, as_json=True)
    shown = json.loads(out)
    assert code == EXIT_OK and shown["internal"] == 6 and shown["public"] + shown["hidden"] == 6
    assert len(shown["files"]) == 6 and set(shown["codes"]) == {n.key for n in needs}
    code, _, err = run(catalogue_command, [], tmp_path / "x", campaign="2023-jiebang", created_at=WHEN)
    assert code == EXIT_FAILED and "还没有入选的需求" in err


def test_forward_command(folders, tmp_path):
    code, out, err = run(forward_command, [ForwardPackage(f) for f in folders[0]], tmp_path / "报送", issuer=ISSUER,
                         recipient="工业和信息化部中小企业局", created_at=WHEN, iso=True)
    assert code == EXIT_OK and "校验：全部完整" in out and "光盘映像" in out and err == ""
    code, _, err = run(forward_command, [ForwardPackage(f) for f in folders[0]], tmp_path / "报送", issuer=ISSUER,
                       recipient="", created_at=WHEN)
    assert code == EXIT_FAILED and "不是空文件夹" in err


def test_select_command(folders, tmp_path):
    candidates = [(f, {"team": 80 + n, "rd": 70, "plan": 90, "match": 85}) for n, f in enumerate(folders[1])]
    best = read_package(folders[1][1]).binding_code
    code, out, err = run(select_command, NEED, candidates, [best], tmp_path, decided_at=WHEN, as_json=True)
    shown = json.loads(out)
    assert code == EXIT_OK and shown["rows"][0]["binding_code"] == best and shown["rows"][0]["chosen"]
    assert shown["rows"][0]["weighted"] == "81.50" and shown["rows"][1]["weighted"] == "81.25"  # 326/4, 325/4
    code, _, err = run(select_command, NEED, candidates, [], tmp_path, decided_at=WHEN)
    assert code == EXIT_FAILED and "还没有选择揭榜企业" in err
