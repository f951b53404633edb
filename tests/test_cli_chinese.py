"""Every CLI message a user can trigger is Chinese: no English system text, no exception class names."""

from __future__ import annotations

import errno
import json
import re

import pytest

from desktop.cli import main
from desktop.oserrors import json_reason, os_advice, os_reason

ENGLISH = re.compile(r"[A-Za-z]{2,}")
ALLOWED = {"JSON", "ISO", "PDF", "UTF", "DVD", "MB", "GB", "XSBIND"}


def english_words(text: str, tmp_path) -> set[str]:
    text = text.replace(str(tmp_path), "")
    text = re.sub(r"(/[\w.\-]+)+", "", text)  # other paths the user typed
    return set(ENGLISH.findall(text)) - ALLOWED


def run(argv: list[str], capsys, tmp_path) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert out.strip(), "something is said"
    assert english_words(out, tmp_path) == set(), out
    return code, out


def test_a_missing_file_is_named_in_chinese(capsys, tmp_path):
    code, out = run(["validate", str(tmp_path / "没有这个文件.json")], capsys, tmp_path)
    assert code == 2 and "文件或文件夹不存在" in out and "请检查路径是否写对" in out


def test_broken_json_says_where(capsys, tmp_path):
    broken = tmp_path / "坏的.json"
    broken.write_text('{"form": "2023-a1-needs",\n  "data": [1, 2,, 3]}', encoding="utf-8")
    code, out = run(["validate", str(broken)], capsys, tmp_path)
    assert code == 2 and "第 2 行第 17 列附近格式不对" in out


def test_a_file_that_is_not_text(capsys, tmp_path):
    binary = tmp_path / "图片.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0" * 10)
    code, out = run(["validate", str(binary)], capsys, tmp_path)
    assert code == 2 and "不是 UTF-8 编码的文本" in out


def test_writing_under_a_file_is_refused_in_chinese(capsys, tmp_path):
    blocker = tmp_path / "文件"
    blocker.write_text("", encoding="utf-8")
    code, out = run(["sample", "2023-a1-needs", "-o", str(blocker / "样例.json")], capsys, tmp_path)
    assert code == 2 and "路径中有一部分不是文件夹" in out


def test_export_to_an_impossible_folder(capsys, tmp_path):
    sample = tmp_path / "样例.json"
    assert main(["sample", "2023-a1-needs", "-o", str(sample)]) == 0
    blocker = tmp_path / "文件"
    blocker.write_text("", encoding="utf-8")
    code, out = run(["export", str(sample), "-o", str(blocker / "导出")], capsys, tmp_path)
    assert code == 2 and "路径中有一部分不是文件夹" in out
    code, out = run(["export", str(sample), "-o", str(tmp_path), "--with", str(tmp_path / "无.json")], capsys,
                    tmp_path)
    assert code == 2 and "文件或文件夹不存在" in out


def test_verifying_a_path_that_does_not_exist(capsys, tmp_path):
    code, _out = run(["verify", str(tmp_path / "没有的光盘")], capsys, tmp_path)
    assert code != 0


@pytest.mark.parametrize("number", [errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.ENOTDIR, 9999])
def test_every_reason_and_advice_is_chinese(number):
    error = OSError(number, "English text from the system")
    assert not ENGLISH.search(os_reason(error) + os_advice(error))
    assert os_advice(error).endswith("。")


def test_json_reasons():
    try:
        json.loads("[1,\n 2 3]")
    except json.JSONDecodeError as exc:
        assert json_reason(exc) == "第 2 行第 4 列附近格式不对"
    assert json_reason(RecursionError()) == "嵌套层数过多"
    assert json_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有访问权限"


@pytest.mark.parametrize("argv, said", [
    (["validate"], "缺少必需的参数：file"),
    (["--bogus"], "不认识的参数：--bogus"),
    (["size", "--employees"], "参数 --employees 后面需要一个值"),
    (["sample", "2023-a1-needs", "--seed", "abc"], "参数 --seed 的值“abc”格式不对"),
])
def test_a_mistyped_command_is_told_in_chinese(argv, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "用法：xieshou" in err and "用 xieshou" in err
    assert not re.search(r"\b(usage|error|required|argument|expected|invalid|unrecognized)\b", err), err


def test_the_help_is_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：xieshou export") and "选项" in out and "显示本说明后退出" in out
    assert not re.search(r"\b(usage|options|positional|show this help)\b", out), out
