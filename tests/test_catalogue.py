"""需求目录: round trips through JSON and XLSX, hostile files, search, building from 附件1 submissions."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.catalogue import (REGION_CODES, Catalogue, CatalogueError, CatalogueNeed, catalogue_from_submissions,
                               fill_from_need, load_catalogue, write_catalogue_json, write_catalogue_xlsx)
from desktop.catalogue import read_xlsx
from desktop.forms.registry import get_form
from desktop.samples import sample_submission

AT = dt.datetime(2023, 5, 10, 9, 0)
HEADER = ["需求编号", "需求名称", "发榜企业", "重点产业链", "所属领域", "期望完成时间", "联系电话"]


def need(code: str, title: str = "高精度伺服电机国产化", owner: str = "澜岳精工装备制造股份有限公司（样例）",
         **more: str) -> dict:
    return {"code": code, "title": title, "owner": owner, **more}


def catalogue_dict(*needs: dict) -> dict:
    return {"format": "xieshou-catalogue", "version": 1, "campaign": "2023-jiebang", "title": "测试目录",
            "created_at": "2023-05-10T09:00:00+08:00", "needs": list(needs)}


def write_json(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), "utf-8")
    return path


def write_sheet(path: Path, rows: list[list], title: str = "需求目录") -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def refused(path: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    return caught.value


@pytest.fixture(scope="module")
def submissions() -> list[dict]:
    form = get_form("2023-a1-needs")
    return [sample_submission(form, seed) for seed in range(3)]


# --- round trips -------------------------------------------------------------

RICH = catalogue_dict(
    need("2023-FJ-0001", owner_uscc="91350200MA2Y8K3C7X", province="福建省", sector="新材料", domain="制造强国重点领域",
         kind="技术攻关", foundation_category="关键基础材料", content="=1+1 开头的内容不能变成公式；\n第二行",
         deadline="2026-06-30", contact="王芳", phone="13800000000"),
    need("2023-FJ-0002", title="工业软件内核", owner="翊璟智联科技股份有限公司（样例）"),
)


@pytest.mark.parametrize("writer, suffix", [(write_catalogue_json, ".json"), (write_catalogue_xlsx, ".xlsx")])
def test_written_catalogue_loads_back_unchanged(tmp_path, writer, suffix):
    path = tmp_path / f"目录{suffix}"
    writer(RICH, path)
    expected = Catalogue(tuple(CatalogueNeed(**n) for n in RICH["needs"]), campaign="2023-jiebang", title="测试目录",
                         created_at="2023-05-10T09:00:00+08:00")
    assert load_catalogue(path) == expected
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left beside it


def test_xlsx_cells_stay_text(tmp_path):
    path = tmp_path / "目录.xlsx"
    write_catalogue_xlsx(RICH, path)
    sheet = openpyxl.load_workbook(path)["需求目录"]
    content = sheet.cell(2, [c.value for c in sheet[1]].index("需求内容") + 1)
    assert content.data_type == "s" and content.value.startswith("=1+1")


def test_writing_an_invalid_catalogue_leaves_the_old_file(tmp_path):
    path = tmp_path / "目录.json"
    write_catalogue_json(RICH, path)
    before = path.read_bytes()
    with pytest.raises(CatalogueError, match="缺少需求名称"):
        write_catalogue_json(catalogue_dict(need("2023-FJ-0009", title="")), path)
    assert path.read_bytes() == before


def test_catalogue_object_can_be_written(tmp_path):
    catalogue = load_catalogue(write_json(tmp_path / "a.json", RICH))
    write_catalogue_xlsx(catalogue, tmp_path / "b.xlsx")
    assert load_catalogue(tmp_path / "b.xlsx") == catalogue


# --- hand-made XLSX ----------------------------------------------------------

def test_headers_are_found_by_name_in_any_order_below_a_title_row(tmp_path):
    path = write_sheet(tmp_path / "手工.xlsx", [
        ["2023年大企业技术创新需求目录"],
        [],
        [" 发榜企业名称 ", "需求名称（必填）", "联系电话", "备注", "需求编号*", "期望完成时间", "ＡＢＣ"],
        ["澜岳精工装备制造股份有限公司（样例）", "伺服电机", 13800000000, "无关列", "２０２３－ＦＪ－００１２",
         dt.datetime(2026, 6, 30), "x"],
        [None, None, None, None, None, None, None],
        ["翊璟智联科技股份有限公司（样例）", "工业软件", "0591-87654321", None, "2023-FJ-0013", "2026/7/1", None],
    ])
    catalogue = load_catalogue(path)
    assert [n.code for n in catalogue.needs] == ["2023-FJ-0012", "2023-FJ-0013"]
    first = catalogue.needs[0]
    assert (first.owner, first.phone, first.deadline) == ("澜岳精工装备制造股份有限公司（样例）", "13800000000", "2026-06-30")
    assert catalogue.needs[1].deadline == "2026-07-01"
    assert catalogue.title == "" and catalogue.campaign == ""


def test_every_row_problem_is_listed_and_nothing_is_imported(tmp_path):
    path = write_sheet(tmp_path / "错误.xlsx", [
        HEADER,
        ["2023-FJ-0001", "伺服电机", "甲公司（样例）", "新材料", "制造强国重点领域", "2026-06-30", ""],
        [None, "没有编号的需求", "乙公司（样例）"],
        ["2023-FJ-0003", None, None],
        ["2023-fj-0001", "编号重复", "丙公司（样例）"],
        ["2023-FJ-0005", "日期不对", "丁公司（样例）", None, None, "明年"],
        ["2023-FJ-0006", "公式错误", "戊公司（样例）", "#N/A", True],
        ["2023-FJ-0007-" + "X" * 30, "编号太长", "己公司（样例）"],
    ])
    error = refused(path)
    assert error.problems == (
        "第 3 行：缺少需求编号",
        "第 4 行：缺少需求名称、发榜企业",
        "第 5 行：需求编号 2023-fj-0001 重复（第 2 行已有同一编号）",
        "第 6 行：期望完成时间有误，“明年”不是可识别的日期，请写作 2023-04-27 或 2023年4月27日",
        "第 7 行：重点产业链是公式错误 #N/A，请改为实际内容",
        "第 7 行：所属领域应为文字，现为 TRUE",
        "第 8 行：需求编号“2023-FJ-0007-XXXXXXXXXXXXXXXXXXXXXXXXXX…”超过 30 个字符，不是有效的编号",
    )
    assert str(error).startswith("需求目录“错误.xlsx”有 7 处问题，未导入任何需求：第 3 行：缺少需求编号；第 4 行：")


def test_a_long_problem_list_is_cut_and_counted(tmp_path):
    path = write_sheet(tmp_path / "多.xlsx", [HEADER] + [[None, f"需求{i}", "甲公司（样例）"] for i in range(40)])
    error = refused(path)
    assert len(error.problems) == 40 and str(error).count("缺少需求编号") == 30 and "另有 10 处问题" in str(error)


@pytest.mark.parametrize("rows, title, expected", [
    ([["需求编号", "需求名称", "联系人"], ["2023-FJ-0001", "x", "y"]], "需求目录", "缺少必需的列：发榜企业（第 1 行是表头）"),
    ([["需求编号", "需求名称", "发榜企业", "需求编号 "]], "需求目录", "表头中“需求编号”出现了不止一次（A 列和 D 列）"),
    ([["编号", "名称"], ["1", "2"]], "需求目录", "前 10 行中没有表头"),
    ([HEADER], "需求目录", "目录中没有任何需求"),
    ([HEADER, ["2023-FJ-0001", "x", "y"]], "Sheet1", "工作簿中没有名为“需求目录”的工作表（现有：Sheet1）"),
])
def test_badly_shaped_sheets_are_refused_with_the_reason(tmp_path, rows, title, expected):
    assert expected in str(refused(write_sheet(tmp_path / "表.xlsx", rows, title)))


def test_a_sheet_name_with_spaces_or_full_width_letters_is_found(tmp_path):
    path = write_sheet(tmp_path / "表.xlsx", [HEADER, ["2023-FJ-0001", "x", "y"]], " 需求目录 ")
    assert len(load_catalogue(path).needs) == 1


def test_files_that_are_not_xlsx_are_refused(tmp_path):
    not_zip = tmp_path / "假的.xlsx"
    not_zip.write_bytes(b"just some text, not a workbook")
    assert "不是有效的 Excel（.xlsx）文件" in str(refused(not_zip))
    old = tmp_path / "旧版.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "旧版 Excel（.xls）" in str(refused(old))
    plain_zip = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "没有 xl/workbook.xml" in str(refused(plain_zip))
    broken = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-closed")
    assert "文件已损坏或不是 Excel 工作簿" in str(refused(broken))


def test_a_zip_that_unpacks_too_large_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(read_xlsx, "MAX_UNPACKED", 1024 * 1024)
    path = write_sheet(tmp_path / "炸弹.xlsx", [HEADER, ["2023-FJ-0001", "x", "y"]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(2 * 1024 * 1024))
    assert "解压后超过 1 MB" in str(refused(path))


def test_entity_expansion_in_a_sheet_is_refused(tmp_path):
    base = write_sheet(tmp_path / "base.xlsx", [HEADER, ["LOL", "x", "y"]])
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8").replace("<t>LOL</t>", "<t>&j;</t>")
                data = f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>{text}'.encode("utf-8")
            target.writestr(name, data)
    assert "XML 中声明了实体" in str(refused(bomb))


def test_too_many_rows_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read_xlsx, "MAX_NEEDS", 5)
    path = write_sheet(tmp_path / "多.xlsx", [HEADER] + [[f"2023-FJ-{i:04d}", "x", "y"] for i in range(6)])
    assert "需求超过 5 行的上限" in str(refused(path))
    far = tmp_path / "远.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "需求目录"
    workbook.active.append(HEADER)
    workbook.active.cell(row=150_000, column=1, value="2023-FJ-0001")
    workbook.save(far)
    assert "工作表超过 100000 行" in str(refused(far))


# --- hostile JSON ------------------------------------------------------------

@pytest.mark.parametrize("obj, expected", [
    ({"format": "xieshou-submission", "version": 1}, "这是填报数据文件，不是需求目录"),
    ([1, 2, 3], "不是需求目录文件"),
    (catalogue_dict() | {"version": 2}, "格式版本 2 比本程序新，请升级携手填报"),
    (catalogue_dict() | {"version": "1"}, "格式版本 1 无法识别"),
    (catalogue_dict() | {"needs": {"a": 1}}, "需求列表 \"needs\" 应为列表，现为对象"),
    ({"format": "xieshou-catalogue", "version": 1}, "缺少需求列表"),
])
def test_json_that_is_not_a_catalogue_is_refused(tmp_path, obj, expected):
    assert expected in str(refused(write_json(tmp_path / "x.json", obj)))


def test_json_type_problems_are_all_listed(tmp_path):
    obj = catalogue_dict(need("2023-FJ-0001"), "不是对象", need(12), need("2023-FJ-0004", title=["列表"]),
                         need("2023-FJ-0001", deadline="2026-02-30")) | {"title": 5}
    error = refused(write_json(tmp_path / "x.json", obj))
    assert error.problems == (
        "目录名称（\"title\"）应为文字，现为数字",
        "第 2 条需求：应为对象 {…}，现为文字",
        "第 3 条需求：需求编号（\"code\"）应为文字，现为数字",
        "第 4 条需求：需求名称（\"title\"）应为文字，现为列表",
        "第 5 条需求：需求编号 2023-FJ-0001 重复（第 1 条需求已有同一编号）",
        "第 5 条需求：期望完成时间有误，日期“2026-02-30”不存在，请核对年月日",
    )


def test_broken_json_bytes_are_refused(tmp_path):
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(json.dumps(catalogue_dict(need("2023-FJ-0001")), ensure_ascii=False).encode("gbk"))
    assert "不是 UTF-8 编码" in str(refused(gbk))
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 10_000 + b"]" * 10_000)
    assert "嵌套超过 16 层" in str(refused(deep))
    twice = tmp_path / "twice.json"
    twice.write_text('{"format": "xieshou-catalogue", "format": "x"}', "utf-8")
    assert "重复出现" in str(refused(twice))
    cut = tmp_path / "cut.json"
    cut.write_text('{"format": "xieshou-catalogue", "needs": [', "utf-8")
    assert "不是有效的 JSON" in str(refused(cut))


def test_a_bom_is_tolerated(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(catalogue_dict(need("2023-FJ-0001"))).encode("utf-8"))
    assert load_catalogue(path).needs[0].code == "2023-FJ-0001"


def test_files_that_cannot_be_catalogues_are_refused(tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    assert "超过 20 MB" in str(refused(huge))
    assert "找不到文件" in str(refused(tmp_path / "none.json"))
    folder = tmp_path / "folder.json"
    folder.mkdir()
    assert "这是一个文件夹" in str(refused(folder))
    (tmp_path / "old.xls").write_bytes(b"x")
    assert "另存为 .xlsx" in str(refused(tmp_path / "old.xls"))
    (tmp_path / "list.txt").write_text("x", "utf-8")
    assert "只能导入 .json 或 .xlsx" in str(refused(tmp_path / "list.txt"))


# --- search and picking ------------------------------------------------------

@pytest.fixture
def catalogue() -> Catalogue:
    return Catalogue((
        CatalogueNeed("2023-FJ-0012", "高精度伺服电机国产化", "澜岳精工装备制造股份有限公司（样例）", sector="高档数控机床和机器人",
                      domain="制造强国重点领域"),
        CatalogueNeed("2023-JS-0003", "工业软件 CAE 求解器", "翊璟智联科技股份有限公司（样例）", sector="新一代信息技术",
                      domain="网络强国重点领域"),
        CatalogueNeed("2023-FJ-0013", "碳纤维复合材料", "澜岳精工装备制造股份有限公司（样例）", sector="新材料",
                      domain="制造强国重点领域"),
    ))


def codes(needs) -> list[str]:
    return [n.code for n in needs]


def test_search_matches_every_term_in_any_field(catalogue):
    assert codes(catalogue.search("")) == ["2023-FJ-0012", "2023-JS-0003", "2023-FJ-0013"]
    assert codes(catalogue.search("fj")) == ["2023-FJ-0012", "2023-FJ-0013"]
    assert codes(catalogue.search("澜岳  材料")) == ["2023-FJ-0013"]
    assert codes(catalogue.search("ＣＡＥ")) == ["2023-JS-0003"]       # full-width typed with a Chinese IME
    assert codes(catalogue.search("网络强国 cae")) == ["2023-JS-0003"]
    assert catalogue.search("澜岳 软件") == []


def test_a_picked_need_fills_the_draft(catalogue):
    picked = catalogue.find(" 2023-fj-0012 ")
    assert fill_from_need(picked) == {"need_code": "2023-FJ-0012", "need_title": "高精度伺服电机国产化",
                                      "need_owner": "澜岳精工装备制造股份有限公司（样例）"}
    assert catalogue.find("2023-FJ-9999") is None


# --- building from 附件1 submissions -----------------------------------------

def test_built_catalogue_lists_only_public_needs(submissions):
    built = catalogue_from_submissions(submissions, campaign="2023-jiebang", created_at=AT)
    public = [(s["data"]["profile"]["name"], n["title"]) for s in submissions for n in s["data"]["needs"]
              if n["is_public"] == "公开"]
    assert 0 < len(public) < sum(len(s["data"]["needs"]) for s in submissions)
    assert sorted((n["owner"], n["title"]) for n in built["needs"]) == sorted(public)
    assert built["created_at"] == "2023-05-10T09:00:00+08:00"
    assert all(re.fullmatch(r"2023-[A-Z]{2}-\d{4}", n["code"]) for n in built["needs"])


def test_codes_are_stable_across_order_and_public_only(submissions):
    public = catalogue_from_submissions(submissions, campaign="2023-jiebang", created_at=AT)
    again = catalogue_from_submissions(list(reversed(submissions)), campaign="2023-jiebang", created_at=AT)
    internal = catalogue_from_submissions(submissions, campaign="2023-jiebang", created_at=AT, public_only=False)
    assert again == public
    assert len(internal["needs"]) == sum(len(s["data"]["needs"]) for s in submissions)
    by_code = {n["code"]: n for n in internal["needs"]}
    assert all(by_code[n["code"]] == n for n in public["needs"])


def test_codes_number_an_enterprises_needs_in_table_order(submissions):
    data = submissions[0]["data"]
    built = catalogue_from_submissions(submissions[:1], campaign="2023-jiebang", created_at=AT, public_only=False)
    region = REGION_CODES[data["profile"]["province"]]
    assert [(n["code"], n["title"]) for n in built["needs"]] == [
        (f"2023-{region}-{i:04d}", need["title"]) for i, need in enumerate(data["needs"], 1)]


def test_enterprises_of_one_region_are_numbered_by_credit_code(submissions):
    first, second = (dict(s, data=dict(s["data"], profile=dict(s["data"]["profile"], province="福建省")))
                     for s in submissions[:2])
    built = catalogue_from_submissions([first, second], campaign="2023-jiebang", created_at=AT, public_only=False)
    low, high = sorted((first, second), key=lambda s: s["data"]["profile"]["uscc"])
    count = len(low["data"]["needs"])
    assert [(n["code"], n["owner_uscc"]) for n in (built["needs"][0], built["needs"][count])] == [
        ("2023-FJ-0001", low["data"]["profile"]["uscc"]), (f"2023-FJ-{count + 1:04d}", high["data"]["profile"]["uscc"])]


def test_a_built_catalogue_round_trips_through_xlsx(submissions, tmp_path):
    built = catalogue_from_submissions(submissions, campaign="2023-jiebang", created_at=AT)
    write_catalogue_xlsx(built, tmp_path / "目录.xlsx")
    assert load_catalogue(tmp_path / "目录.xlsx").to_json() == built


def test_submissions_of_other_forms_are_named(submissions):
    other = sample_submission(get_form("2023-a2-match"), 1)
    with pytest.raises(CatalogueError, match="第 2 份填报数据不是大企业技术创新需求表"):
        catalogue_from_submissions([submissions[0], other], campaign="2023-jiebang", created_at=AT)
