"""What a handed file is: classified by content (JSON "format") and kind, hostile files refused."""

from __future__ import annotations

import json
from pathlib import Path

from desktop import handed
from desktop.handed import classify, handed_paths


def _json(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_package_folder_iso_and_manifest_go_to_the_disc_window(tmp_path):
    folder = tmp_path / "附件1_某公司_第1版"
    folder.mkdir()
    manifest = _json(folder / "manifest.json", {"format": "xieshou-package"})
    iso = tmp_path / "盘.ISO"
    iso.write_bytes(b"\0" * 2048)
    assert [classify(p).kind for p in (folder, iso, manifest)] == ["disc", "disc", "disc"]
    assert classify(manifest).path == manifest


def test_json_files_are_told_apart_by_their_format(tmp_path):
    kinds = {name: classify(_json(tmp_path / f"{name}.json", {"format": f"xieshou-{name}", "version": 1})).kind
             for name in ("submission", "catalogue", "campaign")}
    assert kinds == {"submission": "submission", "catalogue": "catalogue", "campaign": "campaign"}
    # a package manifest saved under another name opens its folder
    other = classify(_json(tmp_path / "清单.json", {"format": "xieshou-package"}))
    assert (other.kind, other.path) == ("disc", tmp_path)


def test_xlsx_is_a_catalogue(tmp_path):
    book = tmp_path / "需求目录.xlsx"
    book.write_bytes(b"PK\x03\x04")
    assert classify(book).kind == "catalogue"


def test_unknown_and_missing_files_get_a_chinese_sentence(tmp_path):
    text = tmp_path / "说明.txt"
    text.write_text("hello", encoding="utf-8")
    other = _json(tmp_path / "other.json", {"format": "something-else"})
    listing = _json(tmp_path / "list.json", [1, 2, 3])
    for path in (text, other, listing, tmp_path / "没有这个文件.json"):
        result = classify(path)
        assert result.kind == "unknown"
        assert path.name in result.message or "找不到" in result.message
    assert "携手填报能打开" in classify(text).message


def test_hostile_json_is_refused_before_parsing(tmp_path, monkeypatch):
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 5000 + b"]" * 5000)
    assert "嵌套" in classify(deep).message
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe{")
    assert "UTF-8" in classify(bad).message
    duplicated = tmp_path / "dup.json"
    duplicated.write_text('{"format": "xieshou-submission", "format": "xieshou-campaign"}', encoding="utf-8")
    assert classify(duplicated).kind == "unknown"
    monkeypatch.setattr(handed, "MAX_JSON_BYTES", 100)
    big = _json(tmp_path / "big.json", {"format": "xieshou-submission", "pad": "x" * 200})
    result = classify(big)
    assert result.kind == "unknown" and "50 MB" in result.message


def test_handed_paths_are_made_absolute(tmp_path):
    assert handed_paths(["a.iso", str(tmp_path / "b.json"), "-x"], cwd=tmp_path) == [tmp_path / "a.iso",
                                                                                   tmp_path / "b.json"]
