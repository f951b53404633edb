"""``xieshou register`` commands for the ministry's schedules (附件1–4)."""

from __future__ import annotations

from pathlib import Path

from .cli import _fail, _open, _print_json, _who


def cmd_import_schedule(args) -> int:
    from desktop.register.schedules import import_schedule, read_schedule_file
    from desktop.register.sheet import SheetError

    try:
        info, rows = read_schedule_file(Path(args.file), args.schedule)
    except KeyError:
        return _fail(f"不认识日程表“{args.schedule}”，应为 2024-a1-chain-events 等附件1–4 的编号", 2)
    except (SheetError, OSError) as exc:
        return _fail(getattr(exc, "message", str(exc)), 1 if isinstance(exc, SheetError) and exc.problems[1:] else 2)
    with _open(args) as register:
        result = import_schedule(register, info, rows, _who(args))
    print("\n".join(result.lines()))
    return 0


def cmd_schedule_template(args) -> int:
    from desktop.register.schedules import schedule, write_schedule_template

    try:
        info = schedule(args.schedule)
    except KeyError:
        return _fail(f"不认识日程表“{args.schedule}”，应为 2024-a1-chain-events、2024-a2-provincial-events、"
                     "2024-a3-private-events 或 2024-a4-expo-events", 2)
    write_schedule_template(info, Path(args.output))
    print(f"已生成 {info.form.attachment_no} 模板：{args.output}")
    return 0


def cmd_schedules(args) -> int:
    from desktop.register.schedules import list_rows

    with _open(args) as register:
        rows = list_rows(register, kind=args.type or "", chain=args.chain or "", month=args.month,
                         place=args.place or "", organiser=args.organiser or "",
                         joined=True if args.joined else None)
    for row in rows:
        if args.json:
            _print_json(row.to_json())
        else:
            flags = ("【本省参加】" if row.joined else "") + ("【已取消】" if row.cancelled else "")
            data = row.data
            print(f"{row.id}\t{row.schedule.form.attachment_no} {row.schedule.short}\t{data.get('held_on', '')}\t"
                  f"{data.get('name', '')}\t{data.get('place', '')}\t{data.get('chain', '')}{flags}")
    if not args.json:
        print(f"共 {len(rows)} 项")
    return 0


def cmd_join(args) -> int:
    from desktop.register.schedules import mark_joined

    with _open(args) as register:
        try:
            row = mark_joined(register, args.row, not args.undo, _who(args))
        except KeyError:
            return _fail(f"没有编号为 {args.row} 的日程，请用 register schedules 查看编号", 2)
    print(f"{row.data.get('name', '')}：{'已标记本省参加' if row.joined else '已取消本省参加'}")
    return 0
