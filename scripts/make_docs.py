"""Write the generated parts of docs/forms.md and docs/rules.md from the form definitions.

    .venv/bin/python scripts/make_docs.py          # rewrite the blocks between the markers
    .venv/bin/python scripts/make_docs.py --check  # exit 1 when a block is out of date

Only the text between ``<!-- 以下由 scripts/make_docs.py 生成 -->`` and
``<!-- 生成内容结束 -->`` is replaced; the hand-written parts stay as they are.
tests/test_docs.py checks that every field and every rule of every form is listed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.engine.model import ERROR, Field, Form, Group, Rule, Table  # noqa: E402
from desktop.forms.registry import all_forms  # noqa: E402

BEGIN, END = "<!-- 以下由 scripts/make_docs.py 生成 -->", "<!-- 生成内容结束 -->"
KINDS = {"text": "单行文字", "memo": "多行文字", "int": "整数", "money": "金额（万元，两位小数，≥0）", "date": "日期",
         "choice": "单选", "multi": "多选", "bool": "是/否", "uscc": "统一社会信用代码", "mobile": "手机号码",
         "phone": "电话（固定电话或手机）", "email": "电子邮箱", "postcode": "邮政编码（6 位）", "file": "附件文件",
         "calc": "自动计算"}
# where each cross-field rule comes from (docs/rules.md §5)
SOURCES = {
    "size.not_large": "填报说明：附件1由大企业填报（§1 划型）；只提醒",
    "size.not_sme": "通知：揭榜方须为符合《中小企业划型标准规定》的中小企业（§1）",
    "profile.rd_staff_over_employees": "研发人员是从业人员的一部分（统计口径）",
    "profile.rd_over_revenue": "研发投入高于营业收入极少见，多为单位填错；只提醒",
    "need.deadline_before_fill": "附件1：期望完成时间应晚于填报日期",
    "match.finish_before_fill": "附件2：计划完成时间应晚于填报日期",
    "milestone.end_before_start": "附件3 六、进度安排：结束日期不早于开始日期",
    "milestone.before_project": "附件3 六、进度安排：各阶段在项目周期内",
    "milestone.after_project": "附件3 六、进度安排：各阶段在项目周期内",
    "project.end_before_start": "附件3 封面：项目周期",
    "budget.funding_sum": "附件3 七、经费预算：资金来源合计等于预算合计",
    "finance.years": "附件3 一、近三年经营情况：年度按申报日期计",
    "finance.revenue_differs_from_profile": "同一企业同一年度的营业收入只有一个数",
    "finance.rd_differs_from_profile": "同一企业同一年度的研发投入只有一个数",
    "promise.legal_rep": "附件3 承诺书由企业基本信息中的法定代表人签字",
    "ip.granted_after_filing": "附件3 五、研发能力：只列已授权的知识产权",
    "ip.granted_before_founding": "企业成立前授权的知识产权只能是受让取得；只提醒",
    "stats.little_giants_over_smes": "附件6：“其中”一栏是参与中小企业的一部分",
    "stats.specialised_over_smes": "附件6：“其中”一栏是参与中小企业的一部分",
    "stats.signed_over_intentions": "签约项目通常来自达成的合作意向；只提醒",
    "stats.outside_period": "2024年通知：两个报送期（上半年、全年累计）按举办时间统计",
}


def _type(field: Field) -> str:
    kind = KINDS.get(field.kind, field.kind)
    if field.max_len:
        kind += f"（≤{field.max_len} 字）"
    if field.choices:
        kind += "：" + "；".join(field.choices)
    if field.kind == "calc":
        kind += "，读取 " + "、".join(f"`{r}`" for r in (*field.reads, *field.optional))
    if field.kind == "file":
        kind += "（" + "/".join(x.upper() for x in field.option("accept", ())) + f"，≤{field.option('max_mb')} MB）"
    return kind


def _rows(items, prefix: str = "") -> list[str]:
    rows = []
    for item in items:
        path = f"{prefix}{item.id}"
        if isinstance(item, Table):
            count = (f"固定 {len(item.fixed_rows)} 行：{'、'.join(item.fixed_rows)}" if item.fixed_rows
                     else f"{item.min_rows}–{item.max_rows} 行")
            rows.append(f"| `{path}` | **{item.label}** | 表格，{count} |")
            rows += _rows(item.columns, f"{path}[].")
        elif isinstance(item, Group):
            rows.append(f"| `{path}` | **{item.label}** | 一组字段 |")
            rows += _rows(item.fields, f"{path}.")
        else:
            rows.append(f"| `{path}` | {item.label}{'＊' if item.required else ''} | {_type(item)} |")
    return rows


def forms_block() -> str:
    out: list[str] = []
    profile_done = False
    for form in all_forms():
        out += [f"### {form.attachment_no} {form.title}（`{form.id}`，{form.edition} 版）", ""]
        for section in form.sections:
            prefix = f"{section.scope}." if section.scope else ""
            if section.scope == "profile" and profile_done:
                continue
            title = section.title + ("（不单独成章，印在封面）" if not section.printed else "")
            out += [f"#### {title}", "", "| 路径 | 名称 | 类型 |", "|---|---|---|", *_rows(section.items, prefix), ""]
        profile_done = profile_done or any(s.scope == "profile" for s in form.sections)
        if form.shared_fields:
            out += [f"共同信息（与同一企业回答同一需求的其他表格保持一致）：{'、'.join(f'`{f}`' for f in form.shared_fields)}"
                    "，以及企业基本信息的全部字段。", ""]
    return "\n".join(out)


def _all_rules(form: Form) -> list[tuple[str, Rule]]:
    found = [("", rule) for rule in form.rules]

    def walk(items, prefix):
        for item in items:
            if isinstance(item, Table):
                found.extend((f"{prefix}{item.id}[].", r) for r in item.rules)
                walk(item.columns, f"{prefix}{item.id}[].")
            elif isinstance(item, Group):
                found.extend((f"{prefix}{item.id}.", r) for r in item.rules)
                walk(item.fields, f"{prefix}{item.id}.")
    for section in form.sections:
        walk(section.items, f"{section.scope}." if section.scope else "")
    return found


def rules_block() -> str:
    seen: dict[str, tuple[str, Rule, list[str]]] = {}
    for form in all_forms():
        for prefix, rule in _all_rules(form):
            entry = seen.setdefault(rule.code, (prefix, rule, []))
            entry[2].append(form.attachment_no)
    out = ["| 规则代码 | 表格 | 问题记在 | 读取的字段 | 级别 | 来源 |", "|---|---|---|---|---|---|"]
    for code, (prefix, rule, forms) in seen.items():
        reads = "、".join(f"`{r}`" for r in (*rule.reads, *(f"{o}（可空）" for o in rule.optional)))
        level = "错误" if rule.level == ERROR else "提醒"
        out.append(f"| `{code}` | {'、'.join(forms)} | `{prefix}{rule.field}` | {reads} | {level} | "
                   f"{SOURCES.get(code, '（未写来源）')} |")
    return "\n".join(out)


def _replace(path: Path, block: str) -> tuple[str, str]:
    text = path.read_text("utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return text, f"{head}{BEGIN}\n\n{block}\n\n{END}{tail}"


def main(argv: list[str]) -> int:
    stale = []
    for name, block in (("forms.md", forms_block()), ("rules.md", rules_block())):
        path = ROOT / "docs" / name
        old, new = _replace(path, block)
        if old != new:
            stale.append(name)
            if "--check" not in argv:
                path.write_text(new, "utf-8")
    if stale and "--check" in argv:
        print("过期：" + "、".join(stale) + "，请运行 scripts/make_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
