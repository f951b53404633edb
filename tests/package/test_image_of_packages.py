"""An image holding several package folders (a forwarding disc): one verdict per package, each can be kept."""

from __future__ import annotations

import datetime as dt
import shutil

from desktop.package.iso import build_tree_iso
from desktop.package.sources import discover
from desktop.package.verify import import_package, verify_paths

from .sample_package import read_manifest, write_package

LICENCE_PATH = "attachments/01_营业执照.pdf"

MOMENT = dt.datetime(2023, 5, 10, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _disc(tmp_path, broken: bool = False):
    tree = tmp_path / "tree"
    first = write_package(tree / "数据包" / "甲公司", seed=1)
    write_package(tree / "数据包" / "乙公司", seed=2)
    (tree / "推荐汇总表.pdf").write_bytes(b"%PDF-1.7 stand-in")
    if broken:
        (first / LICENCE_PATH).write_bytes(b"changed after export")
    iso = tmp_path / "forward.iso"
    build_tree_iso(tree, iso, created_at=MOMENT, volume_id="XSFWD_20230510", label="报送材料")
    return tree, iso


def test_each_package_on_the_image_gets_its_verdict(tmp_path):
    tree, iso = _disc(tmp_path)
    verdicts = verify_paths([iso])
    assert [v.source for v in verdicts] == [str(iso / "数据包/乙公司"), str(iso / "数据包/甲公司")]
    assert all(v.complete for v in verdicts)
    assert [v.binding_code for v in verdicts] == [read_manifest(tree / "数据包" / n)["binding_code"]
                                                  for n in ("乙公司", "甲公司")]
    # a verdict's source names the package again (查看内容, 导入)
    assert discover([iso / "数据包/甲公司"])[0].inner == "数据包/甲公司"
    kept = import_package(verdicts[1], tmp_path / "workspace")
    assert sorted(p.name for p in kept.rglob("*") if p.is_file()) == sorted(
        p.name for p in (tree / "数据包" / "甲公司").rglob("*") if p.is_file())


def test_a_changed_package_on_the_image_is_found(tmp_path):
    _tree, iso = _disc(tmp_path, broken=True)
    verdicts = {v.source.rsplit("/", 1)[-1]: v for v in verify_paths([iso])}
    assert verdicts["乙公司"].complete and not verdicts["甲公司"].complete
    assert any("营业执照" in p for p in verdicts["甲公司"].problems)


def test_an_image_without_any_package_says_so(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "readme.txt").write_text("nothing here", "utf-8")
    build_tree_iso(tree, tmp_path / "empty.iso", created_at=MOMENT, volume_id="EMPTY", label="空")
    (verdict,) = verify_paths([tmp_path / "empty.iso"])
    assert not verdict.complete and "manifest.json" in verdict.problems[0]
    shutil.rmtree(tree)
