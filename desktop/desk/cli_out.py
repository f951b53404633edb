"""``xieshou desk notice|catalogue|forward|select``: the store's rows handed to the output commands.

The work and the printing are in ``desktop.desk.commands_out``; here the
store supplies the inputs and records afterwards what was done.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.desk.cli import EXIT_OK, _day, _fail, _open
from desktop.package.manifest import CHINA_TZ

if TYPE_CHECKING:  # the desk's modules load when a command runs, not when the parser is built
    from desktop.desk.selection import NeedRef


def _now() -> dt.datetime:
    return dt.datetime.now(CHINA_TZ).replace(microsecond=0)


def cmd_notice(args) -> int:
    from desktop.desk import outputs
    from desktop.desk.commands_out import notice_command
    from desktop.desk.notice import make_notice_id
    from desktop.desk.package_read import read_package

    with _open(args) as db:
        given = outputs.notice_inputs(db, args.id)
        issued_at = _now()
        code = notice_command(given["folder"], Path(args.output), issuer=outputs.issuer(db), reason=given["reason"],
                              problems=given["problems"], comments=given["comments"], issued_at=issued_at,
                              reply_by=_day(args.reply_by), as_json=args.json)
        if code == EXIT_OK:   # the notice id names which comments it carried (desktop.desk.comments)
            notice_id = make_notice_id(read_package(given["folder"]).binding_code, issued_at)
            outputs.record(db, "补正通知", str(args.output), f"{notice_id}：{len(given['comments'])} 条意见，"
                           f"{len(given['problems'])} 个问题", package_id=args.id)
    return code


def cmd_catalogue(args) -> int:
    from desktop.desk import outputs
    from desktop.desk.commands_out import catalogue_command
    from desktop.rules.campaign import current_campaign

    with _open(args) as db:
        needs = outputs.screened_needs(db)
        code = catalogue_command(needs, Path(args.output), campaign=current_campaign().id, created_at=_now(),
                                 public_only=args.public, as_json=args.json)
        if code == EXIT_OK:
            outputs.record(db, "需求目录", str(args.output), f"{'公开目录' if args.public else '内部及公开目录'}，"
                           f"入选需求 {len(needs)} 项")
    return code


def cmd_forward(args) -> int:
    from desktop.desk import outputs
    from desktop.desk.commands_out import forward_command

    with _open(args) as db:
        packages, ids = outputs.forward_selection(db, args.ids)
        code = forward_command(packages, Path(args.output), issuer=outputs.issuer(db),
                               recipient=args.to or "工业和信息化部中小企业局", created_at=_now(), iso=args.iso,
                               as_json=args.json)
        if code == EXIT_OK:
            outputs.mark_forwarded(db, ids, str(args.output))
    return code


def _pairs(text: str, what: str) -> dict[str, float]:
    from desktop.desk.db import DeskError
    from desktop.desk.selection import CRITERIA

    names = {key: key for key, _ in CRITERIA} | {label: key for key, label in CRITERIA}
    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name.strip() not in names:
            raise DeskError(f"{what}中的“{name}”不是评分项，可用：" + "、".join(f"{k}（{l}）" for k, l in CRITERIA))
        try:
            out[names[name.strip()]] = float(value)
        except ValueError:
            raise DeskError(f"{what}中“{part}”的分值不是数字") from None
    return out


def cmd_select(args) -> int:
    from desktop.desk import outputs
    from desktop.desk.db import DeskError
    from desktop.desk.commands_out import select_command
    from desktop.desk.package_read import read_package
    from desktop.desk.selection import Candidate, SelectionRefused, rank

    with _open(args) as db:
        packages = outputs.candidates(db, args.need)
        by_id = {p.id: p for p in packages}
        if args.weights:
            outputs.save_weights(db, args.need, _pairs(args.weights, "--weights"))
        for item in args.score or ():
            pid, _, scores = item.partition(":")
            if not pid.strip().isdigit() or int(pid) not in by_id:
                raise DeskError(f"--score “{item}”：{pid} 不是本需求揭榜材料的收件编号，应如 12:team=80,rd=75,plan=90,match=85")
            outputs.save_scores(db, args.need, int(pid), _pairs(scores, "--score"))
        weights, scores = outputs.saved_weights(db, args.need), outputs.saved_scores(db, args.need)
        folders = {p.id: outputs.package_folder(db, p) for p in packages}
        need = _need_ref(args.need, packages)
        if not args.choose:
            try:
                ranked = rank([Candidate(read_package(folders[p.id]), scores.get(p.id, {})) for p in packages], weights)
            except SelectionRefused as exc:
                return _fail(str(exc))
            for row in ranked:
                print(f"{row.rank or '—':>2}  {row.weighted if row.weighted is not None else '未评分':>6}  "
                      f"{row.candidate.name}（装订码 {row.candidate.key}）")
            return EXIT_OK
        if not args.output:
            return _fail("确定入选企业时请用 -o 给出遴选结果的保存文件夹")
        unknown = [i for i in args.choose if i not in by_id]
        if unknown:
            return _fail(f"收件 {'、'.join(f'#{i}' for i in unknown)} 不是需求 {args.need} 的揭榜材料")
        code = select_command(need, [(folders[p.id], scores.get(p.id, {})) for p in packages],
                              [by_id[i].binding_code for i in args.choose], Path(args.output), decided_at=_now(),
                              weights=weights, as_json=args.json)
        if code == EXIT_OK:
            outputs.mark_chosen(db, args.need, list(dict.fromkeys(args.choose)))
    return code


def _need_ref(code: str, packages) -> NeedRef:
    from desktop.desk.selection_data import need_ref

    return need_ref(code, packages[0].data_json)


def add_commands(command) -> None:
    p = command("notice", cmd_notice, "补正通知：通知书（PDF，盖章后寄送）和通知文件（发给企业）")
    p.add_argument("id", type=int)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--reply-by", help="补正截止日期（2023-05-12）")
    p.add_argument("--json", action="store_true")
    p = command("catalogue", cmd_catalogue, "需求目录：入选需求的内部目录和公开目录（JSON、XLSX、PDF）")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--public", action="store_true", help="只生成公开目录")
    p.add_argument("--json", action="store_true")
    p = command("forward", cmd_forward, "报送：初核通过的材料、需求汇总表和推荐汇总表，可生成光盘映像")
    p.add_argument("ids", nargs="*", type=int, help="要报送的收件编号（默认：全部初核通过的材料）")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--iso", action="store_true")
    p.add_argument("--to", help="收件单位（默认：工业和信息化部中小企业局）")
    p.add_argument("--json", action="store_true")
    p = command("select", cmd_select, "遴选：为一项需求的揭榜企业评分、排序，确定 1–3 家入选")
    p.add_argument("need", help="需求编号")
    p.add_argument("--weights", help="权重，如 team=1,rd=1,plan=2,match=1")
    p.add_argument("--score", action="append", metavar="ID:team=…,rd=…,plan=…,match=…")
    p.add_argument("--choose", nargs="+", type=int, metavar="ID", help="入选的收件编号（1–3 个）")
    p.add_argument("-o", "--output")
    p.add_argument("--json", action="store_true")
