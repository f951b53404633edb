from desktop.documents import layout as L
from desktop.engine.declare import choice, date, integer, memo, money, multi, text
from desktop.engine.model import Form, Group, Section, Signature, Table
from desktop.engine.submission import make_submission

from .doc_samples import BINDING_CODE, BINDING_SHA256, meta, needs_form, needs_submission


def build(form: Form, raw: dict) -> L.Document:
    submission, _ = make_submission(form, raw)
    return L.build_layout(form, submission, meta())


def cells(document: L.Document) -> dict[str, L.Cell]:
    found = {}
    for block in document.blocks:
        table = block.table if isinstance(block, L.RecordBlock) else block
        if isinstance(table, L.KeyValueTable):
            for row in table.rows:
                for cell in row.cells:
                    found.setdefault(cell.label, cell)
    return found


def small_form(**table_options) -> Form:
    rows = Table("staff", "人员情况", columns=(text("who", "姓名", 20), integer("age", "年龄"),
                                           money("pay", "年薪（万元）")), **table_options)
    return Form(id="small", edition="1", title="小表", attachment_no="附件2", sections=(
        Section("head", "表头", items=(text("unit", "填报单位", 50),)),
        Section("main", "基本情况", items=(
            text("name", "单位名称", 50), text("phone", "电话", 20), memo("note", "说明", 500),
            multi("tags", "标签", ("甲", "乙", "丙")), date("day", "日期"), rows,
            Group("boss", "负责人", fields=(text("boss_name", "姓名", 20), choice("sex", "性别", ("男", "女")))),
        )),
        Section("hidden", "内部记录", items=(text("secret", "备注", 20),), printed=False),
    ), subtitle_fields=("unit",), signature=Signature(lines=("填报人",), statement="本单位承诺所填内容真实。"))


def test_title_and_subtitle_come_from_the_form():
    document = L.build_layout(needs_form(), needs_submission(), meta())
    assert document.title == L.Title("大企业技术创新需求表", "附件1")
    labels = [label for label, _ in document.subtitle.pairs]
    assert labels == ["组织渠道", "组织单位名称"]
    submission = needs_submission()
    submission["data"]["organiser"] = None
    blank = L.build_layout(needs_form(), submission, meta())
    assert blank.subtitle.pairs[1][1] == ""  # empty optional value: blank, never "None"


def test_subtitle_fields_are_not_printed_again_in_their_section():
    document = L.build_layout(needs_form(), needs_submission(), meta())
    headings = [b.text for b in document.blocks if isinstance(b, L.Heading)]
    assert headings == ["一、企业基本信息", "二、经营规模与创新能力", "三、联系人", "四、需求列表", "五、填报人与签字"]
    assert "组织渠道" not in cells(document)


def test_each_need_is_a_record_block_titled_by_its_name():
    document = L.build_layout(needs_form(), needs_submission(), meta())
    records = [b for b in document.blocks if isinstance(b, L.RecordBlock)]
    needs = needs_submission()["data"]["needs"]
    assert [r.title for r in records] == [f"需求{n}：{need['title']}" for n, need in enumerate(needs, start=1)]
    labels = {cell.label for row in records[0].table.rows for cell in row.cells}
    assert "需求名称" not in labels and "需求内容及主要技术指标" in labels


def test_values_print_as_each_kind_displays_them():
    found = cells(L.build_layout(needs_form(), needs_submission(), meta()))
    assert found["营业收入（万元，上年度）"].value == "268,500.00"
    assert found["填报日期"].value == "2023年4月20日"
    assert found["从业人员（人，上年末）"].value == "3860"
    assert found["企业资质"].value == "高新技术企业、制造业单项冠军企业"
    assert found["企业规模"].value == "大型"
    assert found["企业规模"].note.startswith("依据《中小企业划型标准规定》（工业）：从业人员3860人，不少于1000人")


def test_memo_is_full_width_and_short_fields_pair_up():
    document = build(small_form(), {"name": "甲单位", "phone": "010-12345678", "note": "说明文字",
                                    "tags": ["乙", "甲"], "day": "2023-4-20"})
    table = next(b for b in document.blocks if isinstance(b, L.KeyValueTable))
    shapes = [[cell.label for cell in row.cells] for row in table.rows]
    assert shapes == [["单位名称", "电话"], ["说明"], ["标签", "日期"]]
    assert table.rows[1].cells[0].long and not table.rows[0].cells[0].long
    assert table.rows[2].cells[0].value == "甲、乙"


def test_empty_values_print_blank_never_none():
    document = build(small_form(), {})
    values = [cell.value for cell in cells(document).values()]
    assert values and all(value == "" for value in values)
    grid_note = [b for b in document.blocks if isinstance(b, L.Note)]
    assert grid_note == [L.Note("（未填写）")]


def test_small_table_is_a_grid_and_group_has_its_sub_heading():
    document = build(small_form(), {"staff": [{"who": "王伟", "age": "41", "pay": "35.5"}],
                                    "boss": {"boss_name": "李娜", "sex": "女"}})
    grid = next(b for b in document.blocks if isinstance(b, L.GridTable))
    assert grid.header == ("序号", "姓名", "年龄", "年薪（万元）")
    assert grid.rows == (("1", "王伟", "41", "35.50"),)
    assert abs(sum(grid.widths) - 1) < 1e-9
    headings = [(b.text, b.level) for b in document.blocks if isinstance(b, L.Heading)]
    assert ("人员情况", 2) in headings and ("负责人", 2) in headings
    assert cells(document)["性别"].value == "女"


def test_fixed_rows_head_the_grid():
    document = build(small_form(fixed_rows=("2021年", "2022年")), {"staff": [{"who": "甲"}, {"who": "乙"}]})
    grid = next(b for b in document.blocks if isinstance(b, L.GridTable))
    assert grid.header[0] == "" and [row[0] for row in grid.rows] == ["2021年", "2022年"]


def test_grid_with_a_very_long_cell_becomes_record_blocks():
    document = build(small_form(row_label="第{n}人", row_title_field="who"), {"staff": [{"who": "王" * 130}]})
    assert not any(isinstance(b, L.GridTable) for b in document.blocks)
    record = next(b for b in document.blocks if isinstance(b, L.RecordBlock))
    assert record.title == "第1人：" + "王" * 130


def test_sections_not_printed_are_left_out():
    document = build(small_form(), {"secret": "不打印的内容"})
    assert "备注" not in cells(document)
    assert all(b.text != "三、内部记录" for b in document.blocks if isinstance(b, L.Heading))


def test_signature_footer_and_qr_payload():
    document = build(small_form(), {})
    assert document.signature.lines == ("填报人",)
    assert document.signature.statement == "本单位承诺所填内容真实。"
    assert document.signature.seal_caption == "企业（盖章）"
    assert document.signature.qr_payload == f"XSBIND:{BINDING_CODE}:{BINDING_SHA256}"
    assert document.footer.parts(3, 12) == (f"装订码 {BINDING_CODE}", "第 3 页 共 12 页", "第 2 版")



def test_amounts_are_right_aligned_in_grids_and_key_value_tables():
    from desktop.documents import layout as L
    from desktop.forms.registry import get_form

    from .doc_samples import form_submission, meta as doc_meta

    document = L.build_layout(get_form("2023-a3-application"), form_submission("2023-a3-application"), doc_meta())
    grids = {b.header[1:]: b for b in document.blocks if isinstance(b, L.GridTable)}
    finance = next(g for h, g in grids.items() if "营业收入（万元）" in h)
    assert dict(zip(finance.header, finance.align)) == {
        "": "left", "年度": "right", "营业收入（万元）": "right", "净利润（万元）": "right", "研发投入（万元）": "right",
        "研发投入占比（%）": "right"}
    budget = next(g for h, g in grids.items() if "金额（万元）" in h)
    assert dict(zip(budget.header, budget.align))["金额（万元）"] == "right"
    assert dict(zip(budget.header, budget.align))["科目"] == "left"
    cells = {c.label: c for b in document.blocks if isinstance(b, L.KeyValueTable) for r in b.rows for c in r.cells}
    assert cells["预算合计（万元）"].align == cells["注册资本（万元）"].align == "right"
    assert cells["企业名称"].align == "left"
