import copy

from desktop.documents import layout as L
from desktop.documents.fonts import missing_characters
from desktop.documents.glyphs import ADDED_BY_PRINTING, CODE, _every_character, missing_glyph_problems, printed_values
from desktop.documents.values import display_value
from desktop.engine.declare import text
from desktop.engine.model import Form, Section
from desktop.forms.registry import all_forms, get_form
from desktop.samples import sample_submission

from .doc_samples import meta, needs_form, needs_submission

RARE = "𪚥"     # U+2A6A5, CJK Ext-B: not in the bundled font
RARE_2 = "𬺰"   # U+2CEB0, CJK Ext-F


def changed(edit) -> dict:
    """A copy of the sample with ``edit(data)`` applied."""
    submission = copy.deepcopy(needs_submission())
    edit(submission["data"])
    return submission


def test_sample_has_no_missing_characters():
    assert missing_glyph_problems(needs_form(), needs_submission()) == []


def test_rare_character_is_reported_for_its_field_with_what_to_do():
    submission = changed(lambda data: data["needs"][3].update(content=data["needs"][3]["content"] + RARE))
    problems = missing_glyph_problems(needs_form(), submission)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.level, problem.code) == ("needs[3].content", "error", "font.missing_glyph")
    assert problem.message == ("需求内容及主要技术指标中的“𪚥”等 1 个字在打印字体中没有，"
                               "打印后会显示为空白方框，请改用常用字或以拼音/图片说明")


def test_each_field_is_reported_once_with_all_its_characters():
    submission = changed(lambda data: (data["profile"].update(name=f"{RARE}{RARE_2}{RARE}精工（样例）"),
                                       data.update(filled_by=f"王{RARE_2}")))
    problems = missing_glyph_problems(needs_form(), submission)
    assert [(p.path, p.message.split("个字")[0]) for p in problems] == [
        ("profile.name", "企业名称中的“𪚥、𬺰”等 2 "),
        ("filled_by", "填报人中的“𬺰”等 1 "),
    ]
    assert missing_characters(RARE + RARE_2) == [RARE, RARE_2]  # both really lack a glyph


def test_sections_that_are_not_printed_are_not_checked():
    form = Form(id="g", edition="1", title="测试表", attachment_no="附件9", sections=(
        Section("a", "打印部分", items=(text("shown", "名称", 20),)),
        Section("b", "内部", items=(text("hidden", "备注", 20),), printed=False),
    ))
    problems = missing_glyph_problems(form, {"data": {"shown": "好", "hidden": RARE}})
    assert problems == []
    assert [p.path for p in missing_glyph_problems(form, {"data": {"shown": RARE}})] == ["shown"]


def test_every_fixed_text_of_every_form_can_be_printed():
    for form in all_forms():
        document = L.build_layout(form, sample_submission(form, 0), meta())
        fixed = [document.title.text, document.title.attachment_no, *document.signature.lines,
                 document.signature.seal_caption, document.signature.date_line, document.signature.qr_caption,
                 L.WATERMARK_TEXT, L.SEAM_CAPTION, *document.footer.parts(12, 34), document.signature.heading,
                 *(label for label, _ in document.signature.pairs)]
        if document.cover:
            fixed += [*document.cover.title_lines, *(line.label + "：" for line in document.cover.lines)]
            fixed += [document.cover.foot.label] if document.cover.foot else []
        if document.contents:
            fixed += [document.contents.title, *document.contents.entries]
        for block in document.blocks:
            if isinstance(block, (L.Heading, L.Note)):
                fixed.append(block.text)
            elif isinstance(block, L.RecordBlock):
                fixed += [cell.label for row in block.table.rows for cell in row.cells]
            elif isinstance(block, L.KeyValueTable):
                fixed += [cell.label for row in block.rows for cell in row.cells]
        assert missing_characters("".join(fixed)) == [], form.id


def test_cover_values_are_checked_though_the_cover_section_is_not_a_chapter():
    form = get_form("2023-a3-application")
    data = {"project_title": f"{RARE}项目", "profile": {"name": f"王{RARE_2}科技"}, "need_code": "好"}
    problems = missing_glyph_problems(form, {"data": data})
    assert [(p.path, p.code) for p in problems] == [("profile.name", CODE), ("project_title", CODE)]


def test_what_printing_adds_to_a_value_can_be_printed():
    assert missing_characters(ADDED_BY_PRINTING) == []


def test_printed_text_holds_only_the_values_own_characters_or_what_printing_adds():
    """The one-scan pre-check looks at the stored strings (and calculated fields' renderings) only: sound
    only while no printed text brings other characters; a kind that did would have to extend ADDED_BY_PRINTING."""
    for form in all_forms():
        for seed in range(3):
            data = sample_submission(form, seed)["data"]
            allowed = set(_every_character(form, data)) | set(ADDED_BY_PRINTING)
            for path, field, value in printed_values(form, data):
                extra = set(display_value(field, value)) - allowed
                assert not extra, (form.id, path, extra)


def test_a_rare_character_anywhere_printed_is_found_despite_the_pre_check():
    form = get_form("2023-a1-needs")
    for path, field, value in list(printed_values(form, needs_submission()["data"])):
        if not isinstance(value, str) or not value or field.choices:
            continue
        submission = copy.deepcopy(needs_submission())
        scope, key = _parent(submission["data"], path)
        scope[key] = value + RARE
        assert [p.path for p in missing_glyph_problems(form, submission)] == [path]


def _parent(data: dict, path: str):
    *parents, last = path.split(".")
    scope = data
    for part in parents:
        name, _, index = part.partition("[")
        scope = scope[name][int(index[:-1])] if index else scope[name]
    name, _, index = last.partition("[")
    return (scope[name], int(index[:-1])) if index else (scope, name)
