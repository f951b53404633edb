"""``xieshou register …``: the activity register from the command line (no Qt).

Exit codes as elsewhere: 0 done, 1 refused (problems listed), 2 a file or
argument that cannot be used.  Messages are Chinese; ``--json`` prints one
JSON object per line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

from desktop.oserrors import os_reason


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, sort_keys=True))


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _campaign():
    from desktop.rules.campaign import campaign_by_id

    return campaign_by_id("2024-baichang")


def _open(args):
    from desktop.register.store import Register

    return Register.open(args.db)


def _who(args) -> str:
    return args.by or getpass.getuser() or "经办人"


def _activity(register, text: str):
    found = register.find(text)
    if len(found) != 1:
        raise LookupError(f"没有找到活动“{text}”，请用 register list 查看编号" if not found else
                          f"“{text}”对应 {len(found)} 项活动，请改用编号（register list 第一列）")
    return found[0]


def _at(text: str | None) -> dt.datetime:
    from desktop.package.manifest import CHINA_TZ

    if not text:
        return dt.datetime.now(CHINA_TZ).replace(microsecond=0)
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)


# ---------------------------------------------------------------- activities
def cmd_template(args) -> int:
    from desktop.register.department import write_department_template

    with _open(args) as register:
        mine = [a for a in register.activities() if args.department in a.departments] if args.with_rows else []
    write_department_template(Path(args.output), args.department, _campaign(), mine)
    print(f"已生成{args.department}的填报模板：{args.output}" + (f"（含已登记的 {len(mine)} 项活动）" if mine else ""))
    return 0


def cmd_import(args) -> int:
    from desktop.register.department import read_department_file
    from desktop.register.sheet import SheetError

    try:
        department, activities, warnings = read_department_file(Path(args.file), _campaign(), args.department or "")
    except SheetError as exc:
        return _fail(exc.message, 1 if len(exc.problems) > 1 or "第 " in exc.message else 2)
    except OSError as exc:
        return _fail(f"无法读取 {args.file}：{os_reason(exc)}", 2)
    from desktop.register.schedules import unknown_schedule_refs

    with _open(args) as register:
        result = register.merge(activities, department)
        warnings += unknown_schedule_refs(register, activities)
    print(f"{department}：{len(activities)} 项活动。{result.summary()}")
    for warning in warnings:
        print(f"[提醒] {warning}")
    if result.conflicts:
        print("[提醒] 数据不一致的活动用 register show 编号 查看，用 register decide 编号 --take 部门 裁定")
    return 0


def cmd_list(args) -> int:
    from desktop.register.evidence import evidence_text

    with _open(args) as register:
        activities = register.activities()
    for a in activities:
        if args.json:
            _print_json({**_activity_json(a), "evidence_text": evidence_text(a)})
        else:
            flag = "【数据不一致待裁定】" if a.conflicts else ""
            print(f"{a.id}\t{a.start.isoformat()}\t{a.name}\t{a.place}\t{a.kind}\t{a.host_text}{flag}")
    if not args.json:
        print(f"共 {len(activities)} 项活动")
    return 0


def _activity_json(a) -> dict:
    from desktop.register.activity import figure_json

    return {"id": a.id, "name": a.name, "start": a.start.isoformat(), "end": a.end.isoformat(), "place": a.place,
            "mode": a.mode, "level": a.level, "kind": a.kind, "chain": a.chain, "lead": a.lead,
            "co_hosts": list(a.co_hosts), "schedule_ref": a.schedule_ref,
            "figures": {k: figure_json(v) for k, v in a.figures.items()}, "evidence": a.evidence,
            "conflicts": list(a.conflicts), "updated_by": a.updated_by}


def cmd_show(args) -> int:
    from desktop.register.evidence import evidence_text
    from desktop.rules.formats import format_date_cn

    with _open(args) as register:
        try:
            a = _activity(register, args.activity)
        except LookupError as exc:
            return _fail(str(exc), 2)
        changes = register.changes(a.id)
    if args.json:
        _print_json(_activity_json(a))
        return 0
    print(f"{a.id} {a.name}\n  时间：{format_date_cn(a.start)} 至 {format_date_cn(a.end)}　地点：{a.place}　{a.mode}　{a.level}级　{a.kind}　{a.chain}")
    print(f"  主办部门：{a.host_text}\n  佐证：{evidence_text(a)}")
    for conflict in a.conflicts:
        print(f"  【待裁定】{conflict['by']} 报送：{conflict['figures']}")
    for change in changes:
        print(f"  {change.at.astimezone().strftime('%Y-%m-%d %H:%M')} {change.by} {change.action}：{change.detail}")
    return 0


def cmd_decide(args) -> int:
    with _open(args) as register:
        try:
            a = _activity(register, args.activity)
        except LookupError as exc:
            return _fail(str(exc), 2)
        if args.take not in [c["by"] for c in a.conflicts] + [a.lead, *a.co_hosts]:
            return _fail(f"“{args.take}”没有报送这项活动的数据，可选：{'、'.join(c['by'] for c in a.conflicts)}", 2)
        register.decide(a.id, args.take, _who(args), reason=args.reason or "")
    print(f"{a.name}：已采用{args.take}报送的数据")
    return 0


def cmd_attach(args) -> int:
    from desktop.register.evidence import EvidenceError, attach

    with _open(args) as register:
        try:
            a = _activity(register, args.activity)
            updated = attach(a, Path(args.file), [f for f in args.figures.replace("，", ",").split(",") if f])
        except (LookupError, EvidenceError) as exc:
            return _fail(str(exc), 2 if isinstance(exc, LookupError) else 1)
        register.update(updated, _who(args), "佐证材料", f"{Path(args.file).name}：{args.figures}")
    print(f"{a.name}：已添加佐证材料 {Path(args.file).name}")
    return 0


def cmd_correct(args) -> int:
    from desktop.register.stats import CorrectionError, correct

    with _open(args) as register:
        try:
            a = _activity(register, args.activity)
            correct(register, _campaign(), args.period, a.id, args.column, None if args.undo else args.value,
                    args.reason or "", _who(args))
        except (LookupError, CorrectionError) as exc:
            return _fail(str(exc), 2 if isinstance(exc, LookupError) else 1)
        except KeyError:
            return _fail(f"报送期应为 2024H1 或 2024，不是“{args.period}”", 2)
    print(f"{a.name}：{'已撤销手工修改' if args.undo else '已记录手工修改'}（{args.period}）")
    return 0


# ---------------------------------------------------------------- 附件6, reports
def cmd_stats(args) -> int:
    from desktop.register.stats import compute, row_json, totals_json
    from desktop.register.submit import write_submission

    campaign = _campaign()
    try:
        campaign.period(args.period)
    except KeyError:
        return _fail(f"报送期应为 {' 或 '.join(p.id for p in campaign.periods)}，不是“{args.period}”", 2)
    with _open(args) as register:
        table = compute(register, campaign, args.period)
    if args.json:
        for row in table.rows:
            _print_json(row_json(row))
        _print_json(totals_json(table))
    elif not args.output:
        from desktop.register.stats import FIGURE_COLUMNS

        print(f"{table.title}：{len(table.rows)} 项活动；{table.scope_note}；{table.deadline(_at(args.at).date())}")
        print("合计：" + "，".join(f"{c.label} {table.totals[c.id]:,}" for c in FIGURE_COLUMNS))
    if args.output:
        try:
            result = write_submission(table, args.unit, Path(args.output), _at(args.at))
        except OSError as exc:
            return _fail(f"无法写入 {args.output}：{os_reason(exc)}。请检查磁盘空间和写入权限", 2)
        out = sys.stderr if args.json else sys.stdout
        print(f"已生成{table.period.label}统计表（{len(table.rows)} 项活动）：{result.folder}", file=out)
        print(f"{table.deadline(_at(args.at).date())}；收件邮箱：{campaign.email_recipient().email}", file=out)
        if result.open_conflicts:
            print(f"[提醒] 有 {result.open_conflicts} 项活动的数据尚未裁定，见 报送说明.txt", file=out)
    return 0


def cmd_report(args) -> int:
    from desktop.attachments import AttachmentError
    from desktop.documents.layout import DocumentError
    from desktop.package.export import ExportRefused, export_package
    from desktop.register.report import FORM, ReportError, read_texts, report_raw

    with _open(args) as register:
        try:
            a = _activity(register, args.activity)
            texts = read_texts(Path(args.texts)) if args.texts else register.report_texts(a.id)
        except (LookupError, ReportError) as exc:
            return _fail(str(exc), 2)
        if not texts:
            return _fail(f"“{a.name}”还没有活动信息，请用 --texts 文件.json 提供标题、地区、主要做法、取得成效、经验启示和照片"
                         "（格式见 docs/2024.md）", 2)
        if args.texts:
            register.save_report(a.id, texts, _who(args))
    try:
        at = _at(args.at)
        result = export_package(FORM, report_raw(a, texts, at.date()), Path(args.output), created_at=at)
    except ExportRefused as exc:
        return _fail("活动信息未导出，请补全后重试：\n" + "\n".join(f"  {p.message}" for p in exc.problems), 1)
    except (AttachmentError, DocumentError) as exc:
        return _fail(str(exc), 1)
    print(f"已导出活动信息：{result.folder}")
    return 0


# -------------------------------------------------------------------- parser
def add_register_parser(sub) -> None:
    """``register`` and its subcommands, each with ``--db``."""
    from .cli_schedules import cmd_import_schedule, cmd_join, cmd_schedule_template, cmd_schedules

    top = sub.add_parser("register", help="2024“百场万企”活动登记、附件6 统计表与活动信息")
    commands = top.add_subparsers(dest="register_command", required=True)

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help)
        p.add_argument("--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认为用户数据目录中的 xieshou.db）")
        p.add_argument("--by", help="经办人（记入变更记录，默认为当前登录用户）")
        p.set_defaults(func=func)
        return p

    p = command("import-schedule", cmd_import_schedule, "导入附件1–4 日程表（XLSX 或 JSON），列出与上次导入相比的变化")
    p.add_argument("file")
    p.add_argument("--schedule", help="日程表编号（默认按表头识别）")
    p = command("schedule-template", cmd_schedule_template, "生成附件1–4 日程表的 XLSX 模板")
    p.add_argument("schedule")
    p.add_argument("-o", "--output", required=True)
    p = command("schedules", cmd_schedules, "列出日程（可按类型、产业链、月份、地点、主办单位筛选）")
    p.add_argument("--type")
    p.add_argument("--chain")
    p.add_argument("--month", type=int)
    p.add_argument("--place")
    p.add_argument("--organiser")
    p.add_argument("--joined", action="store_true", help="只列本省参加的")
    p.add_argument("--json", action="store_true")
    p = command("join", cmd_join, "标记本省参加某项日程")
    p.add_argument("row", type=int)
    p.add_argument("--undo", action="store_true")
    p = command("template", cmd_template, "生成部门填报模板（XLSX）")
    p.add_argument("--department", required=True)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--with-rows", action="store_true", help="带上该部门已登记的活动")
    p = command("import", cmd_import, "导入部门填报的模板，按活动合并")
    p.add_argument("file")
    p.add_argument("--department", help="填报部门（默认读模板中的“填报部门”）")
    p = command("list", cmd_list, "列出登记的活动")
    p.add_argument("--json", action="store_true")
    p = command("show", cmd_show, "查看一项活动：数据、佐证、待裁定的数据和变更记录")
    p.add_argument("activity")
    p.add_argument("--json", action="store_true")
    p = command("decide", cmd_decide, "裁定数据不一致的活动：采用某部门报送的数据")
    p.add_argument("activity")
    p.add_argument("--take", required=True, help="采用哪个部门的数据")
    p.add_argument("--reason", help="裁定理由（记入变更记录）")
    p = command("attach", cmd_attach, "添加佐证材料（PDF/JPG/PNG）")
    p.add_argument("activity")
    p.add_argument("file")
    p.add_argument("--figures", required=True, help="这份材料佐证的数据项，逗号分隔（如 参与中小企业数,签约项目数）")
    p = command("correct", cmd_correct, "手工修改附件6 某一格（须写理由）")
    p.add_argument("activity")
    p.add_argument("column")
    p.add_argument("value", nargs="?")
    p.add_argument("--period", required=True)
    p.add_argument("--reason")
    p.add_argument("--undo", action="store_true")
    p = command("stats", cmd_stats, "计算附件6 统计表并生成报送文件夹（XLSX、PDF、报送说明）")
    p.add_argument("--period", required=True, help="2024H1（上半年）或 2024（全年，累计）")
    p.add_argument("-o", "--output")
    p.add_argument("--unit", default="（填报单位）", help="填报单位")
    p.add_argument("--json", action="store_true")
    p.add_argument("--at", help="生成时间（ISO 8601），相同数据得到相同的文件")
    p = command("report", cmd_report, "导出一项活动的活动信息和成效（PDF、Word）")
    p.add_argument("activity")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--texts", help="活动信息 JSON（标题、地区、主要做法、取得成效、经验启示、照片）")
    p.add_argument("--at", help="导出时间（ISO 8601）")
