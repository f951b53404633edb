"""``xieshou desk …``: exit codes 0/1/2, JSON lines, Chinese messages, never a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest

from desktop.cli import main
from tests.package.sample_package import write_package


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "desk.db")
    assert main(["desk", "settings", "--db", path, "--unit", "河北省", "--officer", "王审核",
                 "--workspace", str(tmp_path / "ws")]) == 0
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_receive_list_decide_audit(db, tmp_path, capsys):
    capsys.readouterr()
    for seed in (1, 2):
        write_package(tmp_path / "in" / f"p{seed}", seed=seed)
    broken = write_package(tmp_path / "in" / "p3", seed=3)
    (broken / "data/submission.json").write_bytes(b"{}")
    code, out, _ = _run(capsys, "desk", "receive", str(tmp_path / "in"), "--db", db, "--json", "--ems", "EA1")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [x["verdict"] for x in lines] == ["完整", "完整", "有问题"]
    code, out, _ = _run(capsys, "desk", "receive", str(tmp_path / "in" / "p1"), "--db", db)
    assert code == 0 and "【重复】" in out

    code, out, _ = _run(capsys, "desk", "list", "--db", db, "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 3
    assert all({"id", "binding_code", "form", "submitter", "verdict", "state"} <= set(r) for r in rows)
    assert rows[0]["submitter"] == lines[0]["submitter"]["name"] and rows[0]["ems_no"] == "EA1"

    code, _, err = _run(capsys, "desk", "decide", "1", "2", "--decision", "初核通过", "--db", db)
    assert code == 2 and "请确认数量 2" in err
    code, out, _ = _run(capsys, "desk", "decide", "1", "2", "--decision", "初核通过", "--confirm", "2", "--db", db)
    assert code == 0 and out.count("已收件 → 初核通过") == 2
    code, _, err = _run(capsys, "desk", "decide", "1", "--decision", "需补正", "--reason", "x", "--expect", "1=1",
                        "--db", db)
    assert code == 1 and "没有保存" in err
    code, _, err = _run(capsys, "desk", "decide", "3", "--decision", "不予推荐", "--db", db)
    assert code == 2 and "必须写明理由" in err
    code, _, err = _run(capsys, "desk", "decide", "99", "--decision", "初核通过", "--db", db)
    assert code == 2 and "找不到编号为 99 的收件" in err
    code, out, _ = _run(capsys, "desk", "comment", "2", "needs[0].title", "名称过于笼统", "--db", db)
    assert code == 0

    code, out, _ = _run(capsys, "desk", "show", "2", "--db", db, "--json")
    shown = json.loads(out)
    assert shown["comments"][0]["text"] == "名称过于笼统" and shown["state"] == "初核通过"

    code, out, _ = _run(capsys, "desk", "audit", "--check", "--db", db)
    assert code == 0 and "审计记录完整" in out
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE desk_audit SET new_value = '不予推荐' WHERE action = '决定' AND id = "
                    "(SELECT min(id) FROM desk_audit WHERE action = '决定')")
        first_decision = raw.execute("SELECT min(id) FROM desk_audit WHERE action = '决定'").fetchone()[0]
    code, _, err = _run(capsys, "desk", "audit", "--check", "--db", db)
    assert code == 1 and f"第 {first_decision} 条" in err


def test_screen_and_exports(db, tmp_path, capsys):
    write_package(tmp_path / "p", seed=5)
    _run(capsys, "desk", "receive", str(tmp_path / "p"), "--db", db)
    code, _, err = _run(capsys, "desk", "screen", "--all-passed", "--select", "--db", db)
    assert code == 2 and "没有初核通过的需求" in err
    _run(capsys, "desk", "decide", "1", "--decision", "初核通过", "--db", db)
    code, out, _ = _run(capsys, "desk", "show", "1", "--db", db, "--json")
    codes = [n["code"] for n in json.loads(out)["needs"]]
    code, out, _ = _run(capsys, "desk", "list", "--needs", "--json", "--db", db)
    assert [json.loads(line)["code"] for line in out.splitlines()] == sorted(codes)
    code, out, _ = _run(capsys, "desk", "screen", codes[0], codes[1], "--select", "--urgency", "5", "--db", db)
    assert code == 0 and out.count("入选") == 2
    code, _, err = _run(capsys, "desk", "screen", codes[0], "--select", "--urgency", "9", "--db", db)
    assert code == 2 and "1 到 5" in err
    code, _, err = _run(capsys, "desk", "screen", "2023-99-9999", "--drop", "--db", db)
    assert code == 2 and "找不到需求编号" in err
    code, _, err = _run(capsys, "desk", "list", "--db", db, "--xlsx", str(tmp_path / "a.xlsx"),
                        "--needs-xlsx", str(tmp_path / "b.xlsx"))
    assert code == 0 and (tmp_path / "a.xlsx").is_file() and (tmp_path / "b.xlsx").is_file()


def test_usage_errors(db, tmp_path, capsys):
    assert _run(capsys, "desk")[0] == 2
    code, _, err = _run(capsys, "desk", "receive", str(tmp_path / "nothing-here"), "--db", db)
    assert code == 2 and "路径不存在" in _run(capsys, "desk", "receive", str(tmp_path / "x"), "--db", db, "--json")[1]
    assert _run(capsys, "desk", "list", "--db", db, "--json")[1] == ""      # a wrong path registers nothing
    code, _, err = _run(capsys, "desk", "list", "--since", "27/04/2023", "--db", db)
    assert code == 2 and "格式不对" in err
    code, _, err = _run(capsys, "desk", "paper", "12", "--db", db)
    assert code == 2 and "16 位" in err
