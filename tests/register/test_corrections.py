"""Hand corrections of 附件6 cells, evidence files per activity."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from desktop.attachments.samples import make_sample_files
from desktop.register.evidence import EvidenceError, attach
from desktop.register.samples import make_year
from desktop.register.stats import CorrectionError, compute, correct, row_json
from desktop.register.stats_xlsx import stats_xlsx_bytes


@pytest.fixture
def small(register):
    for department, rows in make_year(30, 0, 0).reports.items():
        register.merge(rows, department)
    return register


def first_half(register):
    return next(a for a in register.activities() if a.start.month <= 6)


def test_a_corrected_cell_shows_its_difference_and_reason_and_counts_in_the_totals(small, campaign):
    target = first_half(small)
    before = compute(small, campaign, "2024H1")
    correct(small, campaign, "2024H1", target.id, "参与中小企业数", str(target.figure("smes") + 12), "会后补报", "张三")
    after = compute(small, campaign, "2024H1")
    row = next(r for r in after.rows if r.activity.id == target.id)
    cell = row.cell("smes")
    assert (cell.value, cell.register, cell.difference, cell.correction.reason) == (
        target.figure("smes") + 12, target.figure("smes"), 12, "会后补报")
    assert after.totals["smes"] == before.totals["smes"] + 12
    assert after.register_totals["smes"] == before.totals["smes"]
    assert row_json(row)["corrected"]["smes"] == {"register": target.figure("smes"), "value": target.figure("smes") + 12,
                                                  "difference": 12, "reason": "会后补报"}
    assert compute(small, campaign, "2024").totals["smes"] == compute(small, campaign, "2024").register_totals["smes"]
    sheet = load_workbook(io.BytesIO(stats_xlsx_bytes(after, "某单位")))["手工修改说明"]
    assert [c.value for c in sheet[2]][2:7] == ["参与中小企业数", target.figure("smes"), target.figure("smes") + 12, 12,
                                                "会后补报"]
    assert small.changes(target.id)[-1].by == "张三"


def test_a_correction_needs_a_reason_and_a_number(small, campaign):
    target = first_half(small)
    with pytest.raises(CorrectionError, match="理由"):
        correct(small, campaign, "2024H1", target.id, "smes", "5", " ", "张三")
    with pytest.raises(CorrectionError, match="不是有效的整数|整数"):
        correct(small, campaign, "2024H1", target.id, "smes", "五", "补报", "张三")
    with pytest.raises(CorrectionError, match="只能修改数字列"):
        correct(small, campaign, "2024H1", target.id, "name", "x", "补报", "张三")


def test_undoing_a_correction_restores_the_register_value(small, campaign):
    target = first_half(small)
    correct(small, campaign, "2024H1", target.id, "patents", "99", "补报", "张三")
    correct(small, campaign, "2024H1", target.id, "patents", None, "", "张三")
    table = compute(small, campaign, "2024H1")
    assert table.totals == table.register_totals and table.corrections == []


def test_evidence_marks_the_figures_a_file_supports(small, tmp_path):
    pdf, png, _ = make_sample_files(tmp_path / "files")
    target = first_half(small)
    updated = attach(target, pdf, ["参与中小企业数", "projects_signed"])
    small.update(updated, "张三", "佐证材料", pdf.name)
    stored = small.get(target.id)
    assert stored.evidence["smes"] and stored.evidence["projects_signed"] and not stored.evidence["patents"]
    assert stored.files[0]["file"]["kind"] == "pdf"
    word = tmp_path / "note.pdf"
    word.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(EvidenceError, match="note.pdf"):
        attach(stored, word, ["smes"])
    with pytest.raises(EvidenceError, match="不认识的数据项"):
        attach(stored, png, ["参会人数"])
