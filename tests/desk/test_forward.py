"""Forwarding upward: packages copied unchanged, 需求汇总表, 推荐汇总表, the disc image, same bytes again."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pycdlib
import pytest

from desktop.desk.forward import LETTER_NAME, PACKAGES_DIR, SUMMARY_NAME, ForwardPackage, ForwardRefused, forward
from desktop.desk.model import Issuer
from desktop.desk.package_read import read_package
from desktop.package.verify import verify_paths

from .helpers import BEIJING, export_sample, pdf_text, squeeze

WHEN = dt.datetime(2023, 5, 20, 9, 0, tzinfo=BEIJING)
ISSUER = Issuer("福建省工业和信息化厅")
RECIPIENT = "工业和信息化部中小企业局"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    folders = [export_sample(root, seed=s).folder for s in (1, 2)]
    folders.append(export_sample(root, "2023-a3-application", seed=3, companions=("2023-a2-match",)).folder)
    return folders


@pytest.fixture(scope="module")
def forwarded(workspace, tmp_path_factory):
    out = tmp_path_factory.mktemp("forward") / "报送"
    return forward([ForwardPackage(f) for f in workspace], out, issuer=ISSUER, recipient=RECIPIENT,
                   created_at=WHEN, iso=True)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_package_is_copied_unchanged_and_verifies(workspace, forwarded):
    folders = sorted((forwarded.folder / PACKAGES_DIR).iterdir())
    assert sorted(f.name for f in folders) == sorted(f.name for f in workspace)
    for source in workspace:
        copy = forwarded.folder / PACKAGES_DIR / source.name
        left, right = _files(source), _files(copy)
        assert left == right
    verdicts = verify_paths([forwarded.folder])
    assert len(verdicts) == 3 and all(v.complete for v in verdicts), [v.problems for v in verdicts]
    assert sorted(p.name for p in forwarded.folder.iterdir()) == sorted([PACKAGES_DIR, LETTER_NAME, SUMMARY_NAME])


def test_same_selection_and_moment_give_the_same_bytes(workspace, forwarded, tmp_path):
    shuffled = [ForwardPackage(f) for f in reversed(workspace)] + [ForwardPackage(workspace[0])]  # one twice
    again = forward(shuffled, tmp_path / "报送", issuer=ISSUER, recipient=RECIPIENT, created_at=WHEN, iso=True)
    assert _files(again.folder) == _files(forwarded.folder)
    assert again.iso_path.read_bytes() == forwarded.iso_path.read_bytes()
    later = forward([ForwardPackage(f) for f in workspace], tmp_path / "later", issuer=ISSUER, recipient=RECIPIENT,
                    created_at=WHEN + dt.timedelta(days=1))
    assert (later.folder / LETTER_NAME).read_bytes() != (forwarded.folder / LETTER_NAME).read_bytes()


def _extract_iso(iso_path: Path, target: Path) -> None:
    iso = pycdlib.PyCdlib()
    iso.open(str(iso_path))
    try:
        for folder, _dirs, files in iso.walk(joliet_path="/"):
            for name in files:
                path = f"{folder.rstrip('/')}/{name}"
                out = target / path.lstrip("/")
                out.parent.mkdir(parents=True, exist_ok=True)
                data = io.BytesIO()
                iso.get_file_from_iso_fp(data, joliet_path=path)
                out.write_bytes(data.getvalue())
    finally:
        iso.close()


def test_the_disc_image_holds_the_folder_and_its_packages_verify(forwarded, tmp_path):
    assert forwarded.iso_path == forwarded.folder.with_name("报送.iso")
    _extract_iso(forwarded.iso_path, tmp_path / "disc")
    assert _files(tmp_path / "disc") == _files(forwarded.folder)
    verdicts = verify_paths([tmp_path / "disc"])
    assert len(verdicts) == 3 and all(v.complete for v in verdicts)
    image_verdicts = verify_paths([forwarded.iso_path])          # the image file itself, package by package
    assert len(image_verdicts) == 3 and all(v.complete for v in image_verdicts)
    assert {v.binding_code for v in image_verdicts} == {v.binding_code for v in verdicts}


def _independent_needs(workspace) -> list[dict]:
    needs = []
    for folder in workspace:
        data = read_package(folder).form_data("2023-a1-needs")
        if data is not None:
            needs += [(n, data.data["profile"]) for n in data.data["needs"]]
    return needs


def test_needs_summary_has_one_typed_row_per_need(workspace, forwarded):
    expected = _independent_needs(workspace)
    book = openpyxl.load_workbook(forwarded.folder / SUMMARY_NAME)
    sheet = book["需求汇总表"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(expected) == forwarded.need_count
    assert sheet.column_dimensions["B"].width == 36
    titles = [(r[header.index("需求名称")].value, r[header.index("发榜企业")].value) for r in rows]
    assert sorted(titles) == sorted((n["title"], p["name"]) for n, p in expected)
    def typed(row) -> tuple:
        money, deadline = row[header.index("拟投入资金（万元）")], row[header.index("期望完成时间")]
        if money.value is not None:
            assert isinstance(money.value, (int, float)) and money.number_format == "#,##0.00"
        if deadline.value is not None:
            assert isinstance(deadline.value, dt.datetime) and "年" in deadline.number_format
        return (row[1].value, row[2].value, None if money.value is None else Decimal(str(money.value)),
                None if deadline.value is None else deadline.value.date().isoformat())

    def wanted(need: dict, profile: dict) -> tuple:
        budget = Decimal(need["budget"]).quantize(Decimal("0.01")) if need.get("budget") else None
        return (need["title"], profile["name"], budget, need.get("deadline") or None)

    assert sorted(map(typed, rows), key=str) == sorted((wanted(n, p) for n, p in expected), key=str)
    assert any(r[header.index("拟投入资金（万元）")].value for r in rows)
    assert all(r[header.index("状态")].value == "初核通过" for r in rows)
    assert [r[0].value for r in rows] == list(range(1, len(rows) + 1))
    packages = book["材料清单"]
    assert packages.freeze_panes == "A2" and packages.max_row == 1 + 3


def test_cover_letter_lists_every_package_with_counts(workspace, forwarded):
    text = squeeze(pdf_text((forwarded.folder / LETTER_NAME).read_bytes()))
    assert squeeze(f"共 3 份报送你单位，其中大企业技术创新需求 {len(_independent_needs(workspace))} 项") in text
    for folder in workspace:
        package = read_package(folder)
        assert package.binding_code in text and squeeze(package.text("name")) in text
    assert "福建省工业和信息化厅（盖章）" in text and RECIPIENT in text
    assert squeeze("附件1 大企业技术创新需求表 2") in text and "合计3" in text


def test_refusals_write_nothing(workspace, tmp_path):
    with pytest.raises(ForwardRefused, match="没有选择"):
        forward([], tmp_path / "a", issuer=ISSUER, recipient=RECIPIENT, created_at=WHEN)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "旧文件.txt").write_text("x")
    with pytest.raises(ForwardRefused, match="不是空文件夹"):
        forward([ForwardPackage(workspace[0])], busy, issuer=ISSUER, recipient=RECIPIENT, created_at=WHEN)
    with pytest.raises(ForwardRefused, match="不能报送"):
        forward([ForwardPackage(tmp_path / "missing")], tmp_path / "b", issuer=ISSUER, recipient=RECIPIENT,
                created_at=WHEN)
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
