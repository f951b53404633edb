"""The command line against hostile input: a verdict or a message within 10 s and 300 MB, never a traceback.

Every run is a fresh interpreter that reports its own peak resident size
(``VmHWM`` from /proc: unlike ``ru_maxrss`` it starts afresh at exec, so the
test runner's own size does not count) on stderr, so the memory target is
measured, not assumed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc")
SECONDS = 10
PEAK_MB = 300
RUN = ("import sys\n"
       "from desktop.cli import main\n"
       "try:\n"
       "    code = main(sys.argv[1:])\n"
       "finally:\n"
       "    print('PEAK', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0], file=sys.stderr)\n"
       "sys.exit(code)\n")


@pytest.fixture(autouse=True, scope="module")
def private_data_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XIESHOU_DATA_DIR", str(tmp_path_factory.mktemp("data")))
        yield


class Ran:
    def __init__(self, result: subprocess.CompletedProcess) -> None:
        self.code = result.returncode
        self.out = result.stdout
        lines = result.stderr.splitlines()
        self.peak_mb = int(next(line for line in lines if line.startswith("PEAK")).split()[1]) / 1024
        self.err = "\n".join(line for line in lines if not line.startswith("PEAK"))


def xs(*args: str, stdin: str | None = None, seconds: float = SECONDS) -> Ran:
    result = subprocess.run([sys.executable, "-c", RUN, *args], input=stdin, capture_output=True, text=True,
                            encoding="utf-8", timeout=seconds, cwd=Path(__file__).resolve().parents[1])
    ran = Ran(result)
    assert "Traceback" not in ran.err, ran.err
    assert ran.peak_mb < PEAK_MB
    return ran


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("cli") / "a1.json"
    assert xs("sample", "2023-a1-needs", "-o", str(path)).code == 0
    return json.loads(path.read_text("utf-8"))


def write(tmp_path: Path, obj_or_bytes, name: str = "x.json") -> str:
    path = tmp_path / name
    path.write_bytes(obj_or_bytes if isinstance(obj_or_bytes, bytes)
                     else json.dumps(obj_or_bytes, ensure_ascii=False).encode("utf-8"))
    return str(path)


@pytest.mark.parametrize("value", ["1e999999999", "9" * 5000, "1" + "0" * 16, "-1e999999999", "nan", "inf"])
def test_size_refuses_unbounded_numbers_at_once(value):
    ran = xs("size", "--industry", "工业", f"--employees={value}", "--revenue", "100", "--assets", "100")
    assert ran.code == 1 and "无法划型" in ran.err


def test_size_refuses_them_on_stdin_too():
    lines = [{"industry": "工业", "employees": "1e999999999", "revenue": 1, "assets": 1},
             {"industry": "工业", "employees": 10, "revenue": "1e999999999", "assets": 1}]
    ran = xs("size", "--json", stdin="\n".join(json.dumps(line) for line in lines) + "\n1e999999999\n")
    results = [json.loads(line) for line in ran.out.splitlines()]
    assert ran.code == 1 and len(results) == 3 and all("error" in r for r in results)
    huge = xs("size", stdin='{"industry": "工业", "employees": ' + "9" * 5000 + "}\n")
    assert huge.code == 2 and "超过 400 位的数字" in huge.err


def test_validate_measures_rows_before_validating_them(tmp_path, sample):
    value = json.loads(json.dumps(sample))
    value["data"]["needs"] = [{}] * 300_000
    ran = xs("validate", write(tmp_path, value))
    assert ran.code == 1 and "需求列表最多 20 行，现有 300000 行" in ran.out


@pytest.mark.parametrize("change, expected", [
    (lambda s: s["data"]["profile"].update(revenue="9" * 27), "最多 13 位"),
    (lambda s: s["data"]["profile"].update(name="企业\x00名称"), "控制字符 U+0000"),
    (lambda s: s["data"]["profile"].update(name="x" * 200_000), "超过上限 100000"),
    (lambda s: s.update(version=True), "格式版本 True 无法识别"),
    (lambda s: s.update(revision=10 ** 20), "修订号"),
])
def test_validate_reports_hostile_values_as_data_problems(tmp_path, sample, change, expected):
    value = json.loads(json.dumps(sample))
    change(value)
    ran = xs("validate", write(tmp_path, value))
    assert ran.code == 1 and expected in ran.out


@pytest.mark.parametrize("raw, expected", [
    (b'{"format": "xieshou-submission", "version": ' + b"9" * 5000 + b"}", "超过 400 位的数字"),
    (b'{"format": "xieshou-submission", "name": "\\ud800"}', "孤立的代理项"),
    (b'{"format": "xieshou-submission", "version": NaN}', "NaN"),
    (b'{"format": "xieshou-submission", "format": "x"}', "重复出现"),
])
def test_validate_refuses_unreadable_files_with_a_message(tmp_path, raw, expected):
    ran = xs("validate", write(tmp_path, raw))
    assert ran.code == 2 and expected in ran.err


def test_export_refuses_a_lone_surrogate_and_a_far_date(tmp_path, sample):
    text = json.dumps(sample, ensure_ascii=True).replace('"name": "', '"name": "\\ud800', 1)
    ran = xs("export", write(tmp_path, text.encode("ascii")), "-o", str(tmp_path / "out"))
    assert ran.code == 2 and "孤立的代理项" in ran.err
    good = write(tmp_path, sample, "good.json")
    for at in ("9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "2023-04-20T10:15:00+99:00"):
        ran = xs("export", good, "-o", str(tmp_path / "out"), "--at", at)
        assert ran.code == 2 and "--at 的时间" in ran.err
    assert not (tmp_path / "out").exists()


def test_sample_into_a_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "a-file").write_text("x")
    ran = xs("sample", "2023-a1-needs", "-o", str(tmp_path / "a-file" / "x.json"))
    assert ran.code == 2 and "无法写入" in ran.err


def test_sample_with_an_unusable_data_folder(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "a-file" / "data"))
    ran = xs("sample", "2023-a3-application", "-o", str(tmp_path / "x.json"))
    assert ran.code == 2 and "无法写入数据文件夹" in ran.err


def test_export_folders_follow_the_umask_and_leave_no_work_folder(tmp_path, sample):
    old = os.umask(0o022)
    try:
        ran = xs("export", write(tmp_path, sample), "-o", str(tmp_path / "out"), "--at", "2023-04-20T10:15:00+08:00",
                 seconds=300)  # a real export renders PDF and Word: not a hostile case, no 10 s target
    finally:
        os.umask(old)
    assert ran.code == 0, ran.err
    (folder,) = (tmp_path / "out").iterdir()
    assert folder.stat().st_mode & 0o777 == 0o755
    assert (folder / "data").stat().st_mode & 0o777 == 0o755
    assert (folder / "manifest.json").stat().st_mode & 0o777 == 0o644
    assert not (folder / ".export-lock").exists()
