"""An image holding several packages side by side (a forwarding disc) is verified package by package."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.package.iso import build_tree_iso
from desktop.package.sources import discover
from desktop.package.verify import import_package, verify_paths

from .sample_package import write_package

WHEN = dt.datetime(2023, 5, 20, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def disc(tmp_path):
    root = tmp_path / "报送"
    write_package(root / "数据包" / "附件1_甲企业_第1版", seed=1)
    write_package(root / "数据包" / "附件1_乙企业_第1版", seed=2)
    (root / "推荐汇总表.pdf").write_bytes(b"%PDF-1.7\n% cover letter\n")
    build_tree_iso(root, tmp_path / "报送.iso", created_at=WHEN, volume_id="XSFWD_20230520", label="报送材料")
    return tmp_path / "报送.iso"


def test_each_package_of_the_image_gets_its_own_verdict(disc):
    verdicts = verify_paths([disc])
    assert [v.source for v in verdicts] == [f"{disc}::数据包/附件1_乙企业_第1版", f"{disc}::数据包/附件1_甲企业_第1版"]
    assert all(v.complete for v in verdicts), [v.problems for v in verdicts]
    assert len({v.binding_code for v in verdicts}) == 2


def test_a_verdict_names_a_source_that_can_be_found_and_imported_again(disc, tmp_path):
    verdict = verify_paths([disc])[0]
    [ref] = discover([verdict.source])
    assert (ref.path, ref.kind, ref.inner) == (disc, "iso", "数据包/附件1_乙企业_第1版")
    folder = import_package(verdict, tmp_path / "workspace")
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["binding_code"] == verdict.binding_code
    assert (folder / "data" / "submission.json").is_file()


def test_a_damaged_package_on_the_image_does_not_hide_the_others(disc):
    data = bytearray(disc.read_bytes())
    at = data.find(b"made-up licence scan")
    assert at > 0
    data[at] ^= 0x20                       # one attachment byte of one package changed on the disc
    disc.write_bytes(bytes(data))
    verdicts = verify_paths([disc])
    assert len(verdicts) == 2 and sum(v.complete for v in verdicts) == 1
    assert any("01_营业执照.pdf" in " ".join(v.problems) for v in verdicts if not v.complete)


def test_a_name_with_the_separator_that_is_no_image_is_missing(tmp_path):
    [ref] = discover([tmp_path / "x.iso::数据包/a"])
    assert ref.kind == "missing"


def test_the_data_of_a_package_on_the_image_can_be_read_for_viewing(disc):
    from desktop.package.listed_file import read_data_files

    verdict = verify_paths([disc])[1]
    [(path, data)] = read_data_files(verdict.source)
    assert path == "data/submission.json" and json.loads(data)["format"] == "xieshou-submission"
