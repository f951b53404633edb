"""``xieshou``: the GUI without arguments, headless subcommands otherwise (same core, no Qt imported)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from desktop.cli_parser import ChineseParser
from desktop.errorlog import describe
from desktop.oserrors import os_advice, os_reason


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_gui(args: argparse.Namespace) -> int:
    from desktop.handed import handed_paths
    from desktop.ui.app import run

    return run(sys.argv[:1], exit_after_show=args.exit_after_show, files=handed_paths(args.files))


def cmd_sample(args: argparse.Namespace) -> int:
    from desktop.forms.registry import get_form
    from desktop.samples import sample_submission

    try:
        form = get_form(args.form_id)
    except KeyError:
        return _fail(f"未知的表格：{args.form_id}。可用的表格：{_form_ids()}", 2)
    from desktop.attachments import AttachmentError

    try:
        files = _sample_files(form)
    except AttachmentError as exc:
        return _fail(f"无法写入数据文件夹：{exc}", 2)
    except OSError as exc:
        return _fail(f"无法写入数据文件夹（{os_reason(exc)}：{getattr(exc, 'filename', '') or ''}）。"
                     "请检查该文件夹是否可写、磁盘是否已满", 2)
    submission = sample_submission(form, args.seed, files)
    text = json.dumps(submission, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail(f"无法写入 {args.output}：{os_reason(exc)}。{os_advice(exc)}", 2)
    return 0


def _sample_files(form) -> list[dict]:
    """For forms with file fields: three made-up files put into the attachment store."""
    import tempfile

    from desktop.engine.kinds import kind_of
    from desktop.engine.schema import iter_fields, record_items

    if not any(kind_of(f).attachment for _, f in iter_fields(record_items(form))):
        return []
    from desktop.attachments import default_store, make_sample_files

    store = default_store()
    with tempfile.TemporaryDirectory() as folder:
        return [store.add(path).to_value() for path in make_sample_files(Path(folder))]


def _form_ids() -> str:
    from desktop.forms.registry import all_forms

    return "、".join(f.id for f in all_forms())


def _load(path: str) -> dict:
    from desktop.engine.submission import load_submission_file

    return load_submission_file(path)


def cmd_validate(args: argparse.Namespace) -> int:
    from desktop.engine.submission import SubmissionError, validate_submission

    try:
        obj = _load(args.file)
    except SubmissionError as exc:
        return _fail(describe(exc), 2)
    problems = validate_submission(obj) + _attachment_problems(obj)
    for problem in problems:
        if args.json:
            _print_json(problem.to_json())
        else:
            level = "错误" if problem.level == "error" else "提醒"
            print(f"[{level}] {problem.path or '文件'}：{problem.message}")
    errors = sum(p.level == "error" for p in problems)
    if not args.json:
        print(f"共 {errors} 处错误，{len(problems) - errors} 处提醒" if problems else "检查通过，没有发现问题")
    return 1 if errors else 0


def _attachment_problems(obj: dict) -> list:
    """Attached files the export would not find in this computer's attachment store (what export refuses too)."""
    from desktop.engine.submission import SubmissionError, parse_submission

    try:
        form, data = parse_submission(obj)
    except SubmissionError:
        return []  # validate_submission reports it
    from desktop.attachments import default_store, missing_file_problems

    return missing_file_problems(form, data, default_store())


def cmd_export(args: argparse.Namespace) -> int:
    from desktop.attachments import AttachmentError
    from desktop.documents.layout import DocumentError
    from desktop.engine.submission import SubmissionError, parse_submission
    from desktop.package.export import CompanionRefused, ExportRefused, check_companions, export_package

    try:
        obj = _load(args.file)
        form, data = parse_submission(obj)
        companions = [parse_submission(_load(path)) for path in args.companions or ()]
        check_companions(form, data, companions)
        created_at = _timestamp(args.at)
    except (SubmissionError, CompanionRefused, ValueError) as exc:
        return _fail(describe(exc), 2)
    revision = obj.get("revision") if isinstance(obj.get("revision"), int) and obj["revision"] > 0 else 1
    try:
        result = export_package(form, data, Path(args.output), revision=revision, created_at=created_at,
                                draft=args.draft, companions=companions)
    except (ExportRefused, AttachmentError, DocumentError) as exc:
        return _fail(describe(exc), 1)
    except OSError as exc:
        return _fail(f"无法写入 {args.output}：{os_reason(exc)}。{os_advice(exc)}", 2)
    print(f"已导出：{result.folder}")
    if args.draft:  # the papers print 草稿-XXXX: a draft has no binding code to hand in
        print(f"装订码：草稿-{result.binding_code[:4]}（草稿，仅供校对，不能报送）")
    else:
        print(f"装订码：{result.binding_code}")
    for warning in result.warnings:
        print(f"[提醒] {warning.message}")
    if args.iso:
        return _build_iso(result.folder)
    return 0


def _build_iso(folder: Path) -> int:
    from desktop.package.iso import IsoError, build_iso

    iso_path = folder.parent / f"{folder.name}.iso"  # with_suffix would cut a name containing "."
    try:
        result = build_iso(folder, iso_path)
    except IsoError as exc:
        return _fail(describe(exc), 1)
    print(f"光盘映像：{iso_path}")
    for message in result.messages:
        print(message)
    return 0


def _timestamp(text: str | None) -> dt.datetime:
    from desktop.package.manifest import CHINA_TZ

    if not text:
        return dt.datetime.now(CHINA_TZ).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text[:64])
        moment = moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)
        moment.astimezone(dt.timezone.utc).astimezone(CHINA_TZ)  # every date shown is in China time
    except (ValueError, OverflowError):
        raise ValueError(f"--at 的时间“{text[:64]}”格式不对或超出范围，应为 2023-04-20T10:15:00+08:00") from None
    if not 2000 <= moment.year <= 2999:
        raise ValueError(f"--at 的时间“{text[:64]}”超出范围，年份应在 2000 到 2999 之间")
    return moment


def cmd_verify(args: argparse.Namespace) -> int:
    import tempfile

    from desktop.package.processes import start_early

    start_early(Path(p) for p in args.paths)   # before the imports below, which the server makes too
    from desktop.package.binding import normalize_code
    from desktop.package.verify import verify_main_output, verify_paths

    code = None
    if args.code:
        code = normalize_code(args.code.split(":")[1] if args.code.startswith("XSBIND:") else args.code)
        if code is None:
            return _fail(f"装订码“{args.code}”格式不对，应为 16 位字母数字，如 7KQ2-M9XD-4TBE-Q1W8", 2)
    with tempfile.TemporaryDirectory(prefix="xieshou-verify-") as workspace:
        paths = list(dict.fromkeys(Path(p) for p in args.paths))  # the same source named twice is checked once
        verdicts = verify_paths(paths, code=code, workspace=Path(workspace))
    text, status = verify_main_output(verdicts, args.json)
    print(text)
    return status


def cmd_burn(args: argparse.Namespace) -> int:
    from desktop.package.burn import BurnError, burn, find_burner, missing_burner_message, read_back_against_iso
    from desktop.package.iso import iso_capacity_check

    iso = Path(args.iso)
    if not iso.is_file():
        return _fail(f"找不到光盘映像文件 {iso}，请先导出材料并生成 ISO", 2)
    level, message = iso_capacity_check(iso.stat().st_size)
    if level == "error":
        return _fail(message, 1)
    if level == "warning":
        print(message)
    if find_burner() is None:
        return _fail(missing_burner_message(), 2)
    try:
        result = burn(iso, args.device, progress=_console_progress("刻录"))
    except BurnError as exc:
        return _fail(describe(exc), 1)
    print(result.message)
    if not result.ok:
        return 1
    check = read_back_against_iso(args.device, iso, progress=_console_progress("校验"))
    print(check.message)
    for problem in check.problems:
        print(f"  · {problem}")
    return 0 if check.ok else 1


def _console_progress(what: str):
    last = [-1]

    def show(done: int, total: int) -> None:
        percent = int(done * 100 / total) if total else 100
        if percent // 10 != last[0] // 10:
            print(f"{what} {percent}%", file=sys.stderr, flush=True)
        last[0] = percent
    return show


def cmd_uscc(args: argparse.Namespace) -> int:
    from desktop.rules.credit_code import check

    any_invalid = False
    for code in args.codes:
        result = check(code)
        any_invalid |= not result.valid
        if args.json:
            _print_json(result.to_json())
        else:
            notes = [f.message for f in result.errors + result.warnings]
            state = "正确" if result.valid else "错误"
            where = f"（{result.province}）" if result.province else ""
            print(f"{result.normalized or code}：{state}{where}" + ("；" + "；".join(notes) if notes else ""))
    return 1 if any_invalid else 0


def cmd_size(args: argparse.Namespace) -> int:
    rows = [vars(args)] if args.industry else _stdin_rows()
    if rows is None:
        return 2
    status = 0
    for row in rows:
        status = max(status, _size_one(row, args.json))
    return status


STDIN_LINE_MAX = 64 * 1024


def _stdin_rows() -> list[dict] | None:
    from desktop.package.safe_json import JsonRefused, loads_limited

    rows = []
    for number, line in enumerate(iter(lambda: sys.stdin.buffer.readline(STDIN_LINE_MAX + 1), b""), 1):
        if not line.strip():
            continue
        try:
            if len(line) > STDIN_LINE_MAX:
                raise JsonRefused(f"一行超过 {STDIN_LINE_MAX // 1024} KB")
            row = loads_limited(line, max_bytes=STDIN_LINE_MAX, max_depth=4)
        except JsonRefused as exc:
            _fail(f"第 {number} 行不是有效的 JSON（{exc}），应为 {{\"industry\": \"工业\", \"employees\": 250, ...}}", 2)
            return None
        rows.append(row if isinstance(row, dict) else {})
    return rows


def _number(value) -> Decimal | None:
    from desktop.rules.numbers import bounded_decimal

    if value is None or value == "":
        return None
    return bounded_decimal(value)


def _size_one(row: dict, as_json: bool) -> int:
    from desktop.rules.size_class import classify

    try:
        employees = _number(row.get("employees"))
        result = classify(str(row.get("industry") or "")[:200], int(employees) if employees is not None else None,
                          _number(row.get("revenue")), _number(row.get("assets")))
    except ValueError as exc:
        if as_json:
            _print_json({"error": describe(exc)})
        else:
            print(f"无法划型：{describe(exc)}", file=sys.stderr)
        return 1
    if as_json:
        _print_json(result.to_json())
    else:
        print(f"{result.size_class}：{result.reason}")
    return 0


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(prog="xieshou", description="携手填报：融通创新申报材料的填报、导出、刻录与收件审核")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("gui", help="打开图形界面")
    p.add_argument("--exit-after-show", action="store_true", help="窗口显示后立即退出（用于检测）")
    p.add_argument("files", nargs="*", metavar="FILE", help="要打开的材料包、光盘映像、填报数据、需求目录或活动文件")
    p.set_defaults(func=cmd_gui)
    p = sub.add_parser("sample", help="生成一份虚构的完整样例数据")
    p.add_argument("form_id")
    p.add_argument("-o", "--output")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_sample)
    p = sub.add_parser("validate", help="检查填报数据文件")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("export", help="导出材料包（PDF、Word、数据）")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--with", dest="companions", action="append", metavar="FILE.json",
                   help="一并放入材料包的配套表格（同一企业、同一揭榜需求，如附件3 申请书所对应的附件2 对接表），可重复")
    p.add_argument("--draft", action="store_true", help="导出带“草稿”水印的校对稿")
    p.add_argument("--iso", action="store_true", help="同时生成光盘映像（ISO）")
    p.add_argument("--at", help="导出时间（ISO 8601），同一时间重复导出得到完全相同的文件")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("verify", help="核验收到的材料包、光盘映像或光盘")
    p.add_argument("paths", nargs="+", help="材料包文件夹、.iso 文件、光盘挂载目录，或包含多个材料包的文件夹")
    p.add_argument("--code", help="纸质材料页脚上的装订码（或扫描二维码得到的内容）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("burn", help="刻录光盘映像并读回校验")
    p.add_argument("iso")
    p.add_argument("--device", required=True, help="刻录机设备，如 /dev/sr0；测试可用 stdio:/路径/disc.iso")
    p.set_defaults(func=cmd_burn)
    p = sub.add_parser("uscc", help="检查统一社会信用代码")
    p.add_argument("codes", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_uscc)
    p = sub.add_parser("size", help="企业规模划型")
    p.add_argument("--industry")
    p.add_argument("--employees")
    p.add_argument("--revenue")
    p.add_argument("--assets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_size)
    from desktop.desk.cli import add_parser as add_desk_parser  # 收件与审核 (the officer's desk)

    add_desk_parser(sub)
    from desktop.register.cli import add_register_parser  # 2024 百场万企 activity register

    add_register_parser(sub)
    parser.subcommands = set(sub.choices)  # so that ``xieshou FILE`` is told from a subcommand
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in parser.subcommands:
        argv = ["gui", *argv]  # ``xieshou FILE``: a double-clicked file opens in the program
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.ui.app import run

        return run(sys.argv[:1])
    try:
        return args.func(args)
    except Exception as exc:  # an internal error: a Chinese sentence here, the traceback in the log file
        return _fail(_internal(exc, args.command), 3)


def _internal(exc: Exception, command: str) -> str:
    from desktop.errorlog import log_to, unexpected
    from desktop.store.paths import data_dir

    log_to(data_dir())
    return unexpected(exc, f"执行“xieshou {command}”")


if __name__ == "__main__":
    sys.exit(main())
