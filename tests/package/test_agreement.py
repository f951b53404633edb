"""One enterprise, one set of facts: the forms of one package must agree on the profile and the common fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.forms.registry import get_form
from desktop.package.agreement import raw_differences, shared_paths
from desktop.samples import sample_raw

MATCH, APPLICATION = get_form("2023-a2-match"), get_form("2023-a3-application")
AT = "2023-04-20T10:15:00+08:00"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XIESHOU_DATA_DIR", str(tmp_path / "data"))


def xs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
                          encoding="utf-8")


def test_shared_paths_are_every_typed_profile_field_and_the_common_fields():
    paths = [path for path, _ in shared_paths(APPLICATION, MATCH)]
    assert "profile.employees" in paths and "profile.honours" in paths and "need_code" in paths
    assert "profile.size_class" not in paths and "project_title" not in paths


@pytest.mark.parametrize("seed", range(4))
def test_samples_of_one_seed_agree(seed):
    assert raw_differences(APPLICATION, sample_raw(APPLICATION, seed), MATCH, sample_raw(MATCH, seed)) == []


def test_clean_values_are_compared_not_spelling():
    application, match = sample_raw(APPLICATION, 1), sample_raw(MATCH, 1)
    match["profile"]["revenue"] = match["profile"]["revenue"].replace(".00", "")
    match["profile"]["name"] = " " + match["profile"]["name"]
    assert raw_differences(APPLICATION, application, MATCH, match) == []


def _write(path: Path, form_id: str, seed: int, change=None) -> Path:
    assert xs("sample", form_id, "--seed", str(seed), "-o", str(path)).returncode == 0
    if change:
        obj = json.loads(path.read_text("utf-8"))
        change(obj["data"])
        path.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    return path


def _disagree(data):
    data["profile"].update(employees=366, industry_gb="I 信息传输、软件和信息技术服务业", honours=["创新型中小企业"])
    data["recommender"] = "另一推荐单位"


def test_export_with_refuses_forms_that_disagree_and_names_each_field(tmp_path):
    application = _write(tmp_path / "a3.json", "2023-a3-application", 7)
    match = _write(tmp_path / "a2.json", "2023-a2-match", 7, _disagree)
    refused = xs("export", str(application), "-o", str(tmp_path / "out"), "--with", str(match), "--at", AT)
    assert refused.returncode == 1, refused.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    for label, path in (("从业人员（人，上年末）", "profile.employees"), ("企业资质", "profile.honours"),
                        ("所属国民经济行业（GB/T 4754-2017 门类）", "profile.industry_gb"),
                        ("推荐单位", "recommender")):
        assert f"“{label}”（{path}）不一致" in refused.stderr, (label, refused.stderr)
    assert "附件3为 186，附件2为 366" in refused.stderr


def test_verify_reports_a_package_whose_forms_disagree(tmp_path):
    application = _write(tmp_path / "a3.json", "2023-a3-application", 7)
    match = _write(tmp_path / "a2.json", "2023-a2-match", 7, _disagree)
    drafted = xs("export", str(application), "-o", str(tmp_path / "out"), "--with", str(match), "--at", AT, "--draft")
    assert drafted.returncode == 0, drafted.stderr
    package = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    verified = xs("verify", str(package))
    assert verified.returncode == 1
    assert "data/2023-a2-match.json：附件2与附件3的“从业人员（人，上年末）”（profile.employees）不一致" in verified.stdout
    assert "（recommender）不一致" in verified.stdout
