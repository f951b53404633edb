"""Names on the disc: short, safe, unique, and the same every time."""

from __future__ import annotations

import re

import pytest

from desktop.package.disc_names import joliet_volume_label, plan_names, primary_volume_id, windows_safe

PATHS = ["data/submission.json", "documents/附件1_大企业技术创新需求表.pdf", "documents/附件1_大企业技术创新需求表.docx",
         "attachments/" + "很长的附件名称" * 12 + ".pdf", "attachments/" + "很长的附件名称" * 12 + "（二）.pdf",
         "attachments/a.pdf", "attachments/A.PDF", "说明.txt", "manifest.json"]


def test_every_name_fits_its_namespace_and_is_unique_per_directory():
    plan = plan_names(PATHS)
    for attribute, fold in (("iso_path", str.upper), ("joliet_path", str.casefold), ("rr_path", str)):
        names = [getattr(n, attribute) for n in plan.files.values()]
        assert len({fold(n) for n in names}) == len(names)
    for name in plan.files.values():
        iso_leaf = name.iso_path.rsplit("/", 1)[1]
        assert re.fullmatch(r"[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1", iso_leaf)
        assert len(name.joliet_path.rsplit("/", 1)[1].encode("utf-16-be")) <= 128
        assert len(name.rr_name.encode("utf-8")) <= 255
    assert plan.dirs["documents"].iso_path == "/DOCUMENT"


def test_the_plan_depends_only_on_the_set_of_paths():
    assert plan_names(PATHS) == plan_names(reversed(PATHS))


def test_names_that_fit_are_kept_and_only_long_ones_change():
    plan = plan_names(PATHS)
    renamed = dict(plan.renamed())
    assert set(renamed) == {PATHS[3], PATHS[4], "attachments/a.pdf"}  # a.pdf collides with A.PDF without case
    assert all("~" in shown for shown in renamed.values())


@pytest.mark.parametrize("name, safe", [("报价单:第1版?.pdf", "报价单：第1版？.pdf"), ("a|b<c>.txt", "a｜b＜c＞.txt"),
                                        ("x\x07y", "x_y"), ("尾点.", "尾点_"), ("CON.txt", "_CON.txt"), ("a;1", "a；1")])
def test_windows_safe_uses_full_width_look_alikes(name: str, safe: str):
    assert windows_safe(name) == safe


@pytest.mark.parametrize("name, label", [
    ("福建某某智能装备股份有限公司", "福建某某智能装备股份有限公司"),
    ("厦门市某某某某新材料科技股份有限公司（样例）", "厦门市某某某某新材料科技"),
    ("某某某某某某某某某某某某某某某某某某某", "某" * 16),
])
def test_joliet_label_fits_16_units_and_drops_legal_form_first(name: str, label: str):
    assert joliet_volume_label(name) == label


def test_primary_volume_id_is_d_characters():
    assert primary_volume_id("2023-a1-needs", "91350203MA2Y8K3C79") == "XS2023A1_91350203MA2Y8K3C79"
    assert primary_volume_id("2024-b2-x", "bad code/..") == "XS2024B2_BADCODE"
