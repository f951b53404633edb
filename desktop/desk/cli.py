"""``xieshou desk …``: the officer's desk on the command line (same core as the 收件与审核 window).

Exit codes as for ``verify``: 0 done and nothing wrong; 1 done but something
needs the officer (a package 有问题, a refused or stale decision, a broken
audit chain); 2 nothing could be done (wrong arguments, store unreadable,
nothing found to read). Messages are Chinese and say what to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from desktop.package.manifest import CHINA_TZ

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


def _out(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str))


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    print(message, file=sys.stderr)
    return code


def _open(args):
    from desktop.desk.db import DeskDB

    return DeskDB.open(args.db)


def run(args: argparse.Namespace) -> int:
    """Dispatch with the desk's errors turned into messages and exit codes."""
    from desktop.desk.db import DeskError
    from desktop.desk.review import StaleDecision

    if getattr(args, "desk_func", None) is None:
        return _fail("请给出 desk 的子命令，如 xieshou desk receive 光盘目录；用 xieshou desk -h 查看全部")
    try:
        return args.desk_func(args)
    except StaleDecision as exc:
        return _fail(str(exc), EXIT_PROBLEMS)
    except DeskError as exc:
        return _fail(str(exc), EXIT_FAILED)


# ------------------------------------------------------------- receive
def cmd_receive(args) -> int:
    from desktop.desk.receive import Batch, receive_paths

    arrived = _moment(args.at) if args.at else None
    with _open(args) as db:
        batch = Batch(ems_no=(args.ems or "").strip()[:40], **({"arrived_at": arrived} if arrived else {}))
        results = receive_paths(db, [Path(p) for p in args.paths], batch=batch)
    if not results:
        return _fail("没有找到可以收件的数据包（manifest.json）或光盘映像（.iso），请检查路径")
    for result in results:
        if args.json:
            _out(result.to_json())
        else:
            print(_receive_text(result))
    readable = [r for r in results if r.verdict.readable]
    if not readable:
        return EXIT_FAILED
    return EXIT_OK if all(r.verdict.complete for r in results) else EXIT_PROBLEMS


def _receive_text(result) -> str:
    v = result.verdict
    number = f"#{result.package_id}" if result.package_id is not None else "（未登记）"
    lines = [f"{number}【{v.verdict}】【{result.outcome}】{v.source}",
             f"  报送单位：{v.submitter_name or '（未知）'}  表格：{v.form or '（未知）'}  装订码：{v.binding_code or '（无）'}"]
    if result.linked:
        lines.append(f"  关联版本：{'、'.join(f'#{i}' for i in result.linked)}")
    lines += [f"  - {p}" for p in v.problems] + [f"  [提醒] {w}" for w in result.warnings]
    return "\n".join(lines)


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        from desktop.desk.db import DeskError

        raise DeskError(f"时间“{text}”格式不对，应为 2023-04-27T10:15:00+08:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)


def _day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        from desktop.desk.db import DeskError

        raise DeskError(f"日期“{text}”格式不对，应为 2023-04-27") from None


# ---------------------------------------------------------------- list
def _filter(args):
    from desktop.desk.query import PackageFilter

    return PackageFilter(province=args.province or "", channel=args.channel or "", form=args.form or "",
                         verdict=args.verdict or "", state=args.state or "", sector=args.sector or "",
                         domain=args.domain or "", arrived_from=_day(args.since), arrived_to=_day(args.until),
                         text=args.text or "")


def cmd_list(args) -> int:
    from desktop.desk import xlsx_out
    from desktop.desk.query import list_rows

    with _open(args) as db:
        flt = _filter(args)
        rows = list_rows(db, flt, args.sort, args.desc)
        if args.xlsx:
            count = xlsx_out.write_receipts(db, Path(args.xlsx), flt)
            print(f"已写出收件清单 {args.xlsx}（{count} 行）", file=sys.stderr)
        if args.needs_xlsx:
            count = xlsx_out.write_needs(db, Path(args.needs_xlsx), [r.id for r in rows])
            print(f"已写出需求汇总表 {args.needs_xlsx}（{count} 行）", file=sys.stderr)
        if args.needs:
            return _print_needs(db, [r.id for r in rows], args.json)
    for row in rows:
        if args.json:
            _out(row.to_json())
        else:
            print(f"#{row.id}  {row.state:<5} {row.verdict}  {row.form}  第{row.revision}版  {row.submitter}  "
                  f"{row.province}  {row.binding_code or '（无装订码）'}")
    if not args.json:
        print(f"共 {len(rows)} 份", file=sys.stderr)
    return EXIT_OK


def _print_needs(db, ids: list[int], as_json: bool) -> int:
    from desktop.desk.xlsx_out import need_rows

    for need in need_rows(db, ids):
        item = {"code": need.code, "title": need.title, "package_id": need.package_id, "owner": need.submitter_name,
                "state": need.state, "is_public": need.is_public, "urgency": need.urgency,
                "feasibility": need.feasibility, "selected": need.selected}
        if as_json:
            _out(item)
        else:
            mark = {True: "入选", False: "不入选"}.get(need.selected, "未筛选")
            print(f"{need.code}  {mark:<3} {'公开' if need.is_public else '不公开'}  #{need.package_id} {need.state}  "
                  f"{need.title}  （{need.submitter_name}）")
    return EXIT_OK


def cmd_show(args) -> int:
    from desktop.desk import diff
    from desktop.desk.query import detail

    with _open(args) as db:
        found = detail(db, args.id)
        changes = [c for older in found.older for c in diff.between(db, older, args.id)]
    if args.json:
        _out({**found.to_json(), "changes": [c.to_json() for c in changes]})
        return EXIT_OK
    row = found.row
    print(f"收件 #{row.id}  {row.state}  校验：{row.verdict}  装订码：{row.binding_code or '（无）'}")
    print(f"报送单位：{row.submitter}（{row.uscc}） {row.province}  组织渠道：{row.channel or '—'}")
    print(f"表格：{found.forms_text or row.form}  第 {row.revision} 版  到达：{row.arrived_at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M}")
    if row.superseded_by:
        print(f"已更新：新版本为 #{row.superseded_by}")
    for title, items, fmt in (
            ("问题", row.problems, "{}"), ("提醒", row.warnings, "{}"),
            ("决定", found.decisions, "{at:.16} {officer} {old_state} → {new_state} {reason}"),
            ("意见", found.comments, "{field_path}：{text}（{officer}）"),
            ("纸质核对", found.paper_checks, "{at:.16} {typed_code} {matched}"),
            ("需求", found.needs, "{code} {title} {sector}")):
        if items:
            print(f"{title}：")
            for item in items:
                print("  " + (fmt.format(**item) if isinstance(item, dict) else fmt.format(item)))
    if changes:
        print(f"与旧版本（{'、'.join(f'#{i}' for i in found.older)}）相比的修改：")
        for change in changes:
            print(f"  {change.label}：{change.old[:60] or '（空）'} → {change.new[:60] or '（空）'}")
    return EXIT_OK


# -------------------------------------------------------------- review
def cmd_decide(args) -> int:
    from desktop.desk.db import DeskError
    from desktop.desk.review import decide

    expected = {}
    for item in args.expect or ():
        try:
            pid, version = item.split("=")
            expected[int(pid)] = int(version)
        except ValueError:
            raise DeskError(f"--expect “{item}” 格式不对，应为 收件编号=状态版本，如 12=3") from None
    with _open(args) as db:
        done = decide(db, args.ids, args.decision, args.reason or "", expected=expected,
                      confirm_count=args.confirm if len(set(args.ids)) > 1 else None)
    for item in done:
        print(f"#{item.package_id}：{item.old_state} → {item.new_state}")
    return EXIT_OK


def cmd_comment(args) -> int:
    from desktop.desk.review import comment

    with _open(args) as db:
        comment_id = comment(db, args.id, args.field, args.text, args.form or "")
    print(f"已记录意见 {comment_id}：#{args.id} {args.field}")
    return EXIT_OK


def cmd_paper(args) -> int:
    from desktop.desk.review import paper_check

    with _open(args) as db:
        package_id, matched = paper_check(db, args.code, args.id)
    print(f"#{package_id}：纸质材料装订码{'与光盘一致' if matched else '与光盘不一致，请核对是否为同一份材料'}")
    return EXIT_OK if matched else EXIT_PROBLEMS


def cmd_settings(args) -> int:
    from desktop.desk.db import OFFICER, UNIT, WORKSPACE
    from desktop.desk.review import SETTINGS, set_setting

    with _open(args) as db:
        for key, value in ((UNIT, args.unit), (OFFICER, args.officer), (WORKSPACE, args.workspace)):
            if value is not None:
                set_setting(db, key, value)
        for key, name in SETTINGS.items():
            print(f"{name}：{db.setting(key) or '（未设置）'}")
    return EXIT_OK


def cmd_audit(args) -> int:
    from sqlalchemy import select

    from desktop.desk.audit import check_chain
    from desktop.desk.tables import DeskAudit

    with _open(args) as db, db.reading() as session:
        if args.check:
            report = check_chain(session)
            print(report.message, file=sys.stdout if report.ok else sys.stderr)
            return EXIT_OK if report.ok else EXIT_PROBLEMS
        for row in session.scalars(select(DeskAudit).order_by(DeskAudit.id)):
            item = {"id": row.id, "at": row.at.astimezone(CHINA_TZ).isoformat(), "officer": row.officer,
                    "os_user": row.os_user, "action": row.action, "package_id": row.package_id,
                    "subject": row.subject, "old": row.old_value, "new": row.new_value, "hash": row.row_hash}
            if args.json:
                _out(item)
            else:
                print(f"{item['id']:>5} {item['at'][:19]} {row.officer or row.os_user} {row.action} "
                      f"{row.subject} {row.old_value} → {row.new_value}")
    return EXIT_OK


def cmd_screen(args) -> int:
    from desktop.desk.db import DeskError
    from desktop.desk.screening import screen

    if bool(args.codes) == bool(args.all_passed):
        raise DeskError("请给出需求编号，或用 --all-passed 表示全部初核通过的需求（二者选一）")
    with _open(args) as db:
        done = screen(db, None if args.all_passed else args.codes, args.select, urgency=args.urgency,
                      feasibility=args.feasibility)
    for item in done:
        print(f"{item.code} {'入选' if item.selected else '不入选'}  迫切性 {item.urgency or '-'}  "
              f"可行性 {item.feasibility or '-'}  {item.title}")
    return EXIT_OK


# -------------------------------------------------------------- parser
def add_parser(sub) -> None:
    """Register ``desk`` and its subcommands on the main parser's subparsers."""
    desk = sub.add_parser("desk", help="收件与审核：收件登记、审核决定、审计、需求目录、报送、遴选")
    desk.set_defaults(func=run, desk_func=None)
    commands = desk.add_subparsers(dest="desk_command")

    def command(name: str, func, help_text: str) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=help_text)
        p.add_argument("--db", help="收件数据库：SQLite 文件路径或 postgresql+psycopg://… 地址（默认：数据目录中的 desk.db）")
        p.set_defaults(desk_func=func)
        return p

    p = command("receive", cmd_receive, "收件登记：校验并登记光盘、光盘映像或数据包文件夹")
    p.add_argument("paths", nargs="+")
    p.add_argument("--ems", help="EMS 邮件号")
    p.add_argument("--at", help="到达时间（ISO 8601），默认为现在")
    p.add_argument("--json", action="store_true")
    p = command("list", cmd_list, "收件列表（可筛选），可导出收件清单和需求汇总表（XLSX）")
    for name, help_text in (("province", "所在地区"), ("channel", "组织渠道"), ("form", "表格编号"),
                            ("verdict", "完整|有问题"), ("state", "状态"), ("sector", "重点产业链"),
                            ("domain", "所属领域"), ("since", "到达日期起（2023-04-20）"),
                            ("until", "到达日期止"), ("text", "名称、信用代码、装订码中的文字")):
        p.add_argument(f"--{name}", help=help_text)
    p.add_argument("--sort", default="id", help="id|arrived|submitter|state|province|form")
    p.add_argument("--desc", action="store_true")
    p.add_argument("--xlsx", help="写出收件清单 XLSX")
    p.add_argument("--needs-xlsx", help="写出需求汇总表 XLSX")
    p.add_argument("--needs", action="store_true", help="列出需求（每项需求一行）而不是收件")
    p.add_argument("--json", action="store_true")
    p = command("show", cmd_show, "查看一份收件：问题、决定、意见、与旧版本相比的修改")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p = command("decide", cmd_decide, "作出决定：初核通过、需补正、不予推荐")
    p.add_argument("ids", nargs="+", type=int)
    p.add_argument("--decision", required=True)
    p.add_argument("--reason")
    p.add_argument("--confirm", type=int, help="多份材料时，确认份数（须与给出的收件数一致）")
    p.add_argument("--expect", action="append", metavar="ID=VERSION", help="查看时的状态版本，已变化则拒绝")
    p = command("comment", cmd_comment, "对某个字段提出意见")
    p.add_argument("id", type=int)
    p.add_argument("field", help="字段路径，如 profile.name、needs[0].budget")
    p.add_argument("text")
    p.add_argument("--form", help="配套表格的编号（默认为主表）")
    p = command("paper", cmd_paper, "纸质材料核对：输入或扫描纸质材料上的装订码")
    p.add_argument("code")
    p.add_argument("--id", type=int, help="要核对的收件编号（默认按装订码查找）")
    p = command("settings", cmd_settings, "本单位、经办人等设置")
    p.add_argument("--unit", help="本单位：省份（如 福建省）或部司局名称")
    p.add_argument("--officer", help="经办人姓名")
    p.add_argument("--workspace", help="收件工作区文件夹")
    p = command("audit", cmd_audit, "审计记录；--check 校验记录是否被改动")
    p.add_argument("--check", action="store_true")
    p.add_argument("--json", action="store_true")
    p = command("screen", cmd_screen, "需求筛选：标记入选或不入选，可打分")
    p.add_argument("codes", nargs="*")
    p.add_argument("--all-passed", action="store_true")
    mark = p.add_mutually_exclusive_group(required=True)
    mark.add_argument("--select", action="store_true", dest="select")
    mark.add_argument("--drop", action="store_false", dest="select")
    p.add_argument("--urgency", type=int, help="迫切性 1-5")
    p.add_argument("--feasibility", type=int, help="可行性 1-5")
    from desktop.desk.cli_out import add_commands

    add_commands(command)
