"""The 需求目录 picker: import (JSON, XLSX, a broken file), remembered for next time, search, pick fills the fields."""

from __future__ import annotations

import json

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.ui import page as page_module
from desktop.ui.catalogue_picker import CataloguePicker, remembered_path
from desktop.ui.draft_dialogs import initial_raw

from .helpers import editor, message, open_wizard

MATCH = get_form("2023-a2-match")
NEEDS = [
    {"code": "2023-FJ-0012", "title": "高精度轴承寿命检测工艺", "owner": "澜岳精工装备制造股份有限公司（样例）",
     "sector": "高档数控机床和机器人", "domain": "制造强国重点领域", "content": "加速寿命试验方法"},
    {"code": "2023-FJ-0013", "title": "工业软件国产化适配", "owner": "曜铎信息技术有限公司（样例）",
     "sector": "新一代信息技术", "domain": "网络强国重点领域"},
    {"code": "2023-ZJ-0001", "title": "新能源汽车电驱系统轻量化", "owner": "晟甄汽车零部件有限公司（样例）",
     "sector": "节能与新能源汽车", "domain": "制造强国重点领域"},
]


def catalogue_json(path, needs=NEEDS):
    path.write_text(json.dumps({"format": "xieshou-catalogue", "version": 1, "title": "2023年需求目录（样例）",
                                "needs": needs}, ensure_ascii=False), "utf-8")
    return path


def catalogue_xlsx(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "需求目录"
    sheet.append(["需求编号", "需求名称", "发榜企业", "重点产业链", "所属领域"])
    for need in NEEDS[:2]:
        sheet.append([need["code"], need["title"], need["owner"], need["sector"], need["domain"]])
    workbook.save(path)
    return path


@pytest.fixture
def picker(ctx, qtbot):
    def make():
        dialog = CataloguePicker(ctx)
        qtbot.addWidget(dialog)
        return dialog
    return make


def codes(dialog) -> list[str]:
    return [dialog.results.item(r, 0).text() for r in range(dialog.results.rowCount())]


def test_a_json_catalogue_is_imported_searched_and_remembered(ctx, picker, tmp_path):
    dialog = picker()
    assert dialog.catalogue is None and "还没有导入需求目录" in dialog.source.text()
    assert not dialog.pick_button.isEnabled()
    dialog.import_file(catalogue_json(tmp_path / "目录.json"))
    assert codes(dialog) == ["2023-FJ-0012", "2023-FJ-0013", "2023-ZJ-0001"]
    assert "2023年需求目录（样例）" in dialog.source.text() and "共 3 项需求" in dialog.source.text()
    dialog.search.setText("网络强国")
    assert codes(dialog) == ["2023-FJ-0013"]
    dialog.search.setText("晟甄 新能源")  # every word must match: enterprise and 产业链
    assert codes(dialog) == ["2023-ZJ-0001"] and dialog.found.text() == "找到 1 项"
    dialog.search.setText("fj-0012")
    assert codes(dialog) == ["2023-FJ-0012"] and "加速寿命试验方法" in dialog.detail.text()
    assert remembered_path(ctx.data_dir).is_file()
    (tmp_path / "目录.json").unlink()  # the original may go: the copy in the data folder is used
    again = picker()
    assert again.catalogue is not None and len(again.catalogue.needs) == 3


def test_an_xlsx_catalogue_replaces_the_one_in_use(ctx, picker, tmp_path):
    dialog = picker()
    dialog.import_file(catalogue_json(tmp_path / "目录.json"))
    dialog.import_file(catalogue_xlsx(tmp_path / "新目录.xlsx"))
    assert codes(dialog) == ["2023-FJ-0012", "2023-FJ-0013"]
    assert "新目录" in dialog.source.text()  # a workbook without 目录信息 is named after its file
    assert len(picker().catalogue.needs) == 2


def test_a_broken_catalogue_says_what_is_wrong_and_changes_nothing(ctx, picker, tmp_path):
    dialog = picker()
    dialog.import_file(catalogue_json(tmp_path / "目录.json"))
    kept = remembered_path(ctx.data_dir).read_bytes()
    broken = catalogue_json(tmp_path / "坏目录.json", [{"code": "", "title": "缺编号", "owner": "某企业（样例）"},
                                                    NEEDS[0], NEEDS[0]])
    dialog.import_file(broken)
    assert not dialog.problem.isHidden()
    assert "坏目录.json" in dialog.problem.text() and "未导入任何需求" in dialog.problem.text()
    assert "重复" in dialog.problem.text()
    assert len(dialog.catalogue.needs) == 3 and "共 3 项需求" in dialog.source.text()
    assert remembered_path(ctx.data_dir).read_bytes() == kept
    (tmp_path / "乱码.xlsx").write_bytes(b"not a workbook")
    dialog.import_file(tmp_path / "乱码.xlsx")
    assert "乱码.xlsx" in dialog.problem.text() and len(dialog.catalogue.needs) == 3


def test_picking_a_need_fills_the_three_fields_and_typing_still_works(ctx, qtbot, tmp_path, monkeypatch):
    draft_id = ctx.store.create_draft(MATCH.id, MATCH.edition, form_hash(MATCH), initial_raw(MATCH))
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("section:need")
    assert page.lookup_button is not None and page.lookup_button.text() == "从需求目录选择…"
    CataloguePicker(ctx).import_file(catalogue_json(tmp_path / "目录.json"))

    def choose(dialog: CataloguePicker) -> int:
        dialog.search.setText("轴承")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CataloguePicker, "exec", choose)
    qtbot.mouseClick(page.lookup_button, Qt.MouseButton.LeftButton)
    raw = wizard.session.raw
    assert (raw["need_code"], raw["need_title"], raw["need_owner"]) == (
        "2023-FJ-0012", "高精度轴承寿命检测工艺", "澜岳精工装备制造股份有限公司（样例）")
    assert editor(page, "need_title").text() == "高精度轴承寿命检测工艺"
    assert message(page, "need_code") == ""
    editor(page, "need_code").setText("2023-FJ-0099")
    assert wizard.session.raw["need_code"] == "2023-FJ-0099"
    monkeypatch.setattr(CataloguePicker, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    page.pick(MATCH.section("need").lookup)
    assert wizard.session.raw["need_code"] == "2023-FJ-0099"  # closing the picker changes nothing


def test_every_lookup_source_of_the_forms_has_a_picker():
    from desktop.forms.registry import all_forms

    sources = {s.lookup.source for f in all_forms() for s in f.sections if s.lookup is not None}
    assert sources and sources <= set(page_module.PICKERS)
