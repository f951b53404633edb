"""The desk's output commands, ready to be wired to ``xieshou desk notice|catalogue|forward|select``.

Each function takes what the command line parsed plus plain data the desk
store supplies (package folders, comments, screened needs, scores), does the
work through the output modules, prints what an officer needs to read (or one
JSON object with ``as_json``) and returns the exit code, as ``verify`` does:
0 done; 1 done but something needs the officer (a forwarded package that does
not verify); 2 nothing done (the reason, in Chinese, on stderr).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Mapping, Sequence, TextIO

from desktop.catalogue import CatalogueError
from desktop.catalogue.build import DEFAULT_TITLE

from .catalogue_out import ScreenedNeed, build_catalogues, write_catalogues
from .forward import ForwardPackage, ForwardRefused, forward
from .model import FieldComment, Issuer
from .notice import NoticeRefused, build_notice, make_notice_id, write_notice
from .package_read import PackageUnreadable, read_package
from .selection import Candidate, NeedRef, SelectionRefused, finalise

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2


def _fail(message: str, err: TextIO | None) -> int:
    print(message, file=err or sys.stderr)
    return EXIT_FAILED


def _emit(obj: dict, lines: list[str], as_json: bool, out: TextIO | None) -> None:
    stream = out or sys.stdout
    if as_json:
        print(json.dumps(obj, ensure_ascii=False), file=stream)
    else:
        for line in lines:
            print(line, file=stream)


def notice_command(package_folder: Path, out_dir: Path, *, issuer: Issuer, reason: str, problems: Sequence[str],
                   comments: Sequence[FieldComment], issued_at: dt.datetime, reply_by: dt.date | None = None,
                   as_json: bool = False, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``desk notice ID -o DIR``: the 补正通知 letter (PDF) and notice file (JSON) of one package."""
    try:
        package = read_package(package_folder)
        notice = build_notice(package, notice_id=make_notice_id(package.binding_code, issued_at),
                              issued_at=issued_at, issuer=issuer, reason=reason, problems=problems,
                              comments=comments, reply_by=reply_by)
        files = write_notice(notice, out_dir)
    except (PackageUnreadable, NoticeRefused, OSError) as exc:
        return _fail(f"补正通知未生成：{exc}", err)
    _emit({"notice_id": notice.notice_id, "binding_code": notice.binding_code, "json": str(files.json_path),
           "pdf": str(files.pdf_path), "pages": files.pages, "comments": len(notice.comments),
           "problems": len(notice.problems)},
          [f"补正通知 {notice.notice_id}（{notice.enterprise_name}，装订码 {notice.binding_code}）",
           f"  通知书：{files.pdf_path}（{files.pages} 页，盖章后寄送）",
           f"  通知文件：{files.json_path}（发给企业，用携手填报打开）",
           f"  共 {len(notice.problems)} 个问题、{len(notice.comments)} 条填写项意见"], as_json, out)
    return EXIT_OK


def catalogue_command(needs: Sequence[ScreenedNeed], out_dir: Path, *, campaign: str, created_at: dt.datetime,
                      public_only: bool = False, title: str = DEFAULT_TITLE, as_json: bool = False,
                      out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``desk catalogue -o DIR [--public]``: the 需求目录 of the selected needs as JSON, XLSX and PDF."""
    try:
        built = build_catalogues(needs, campaign=campaign, created_at=created_at, title=title)
        written = write_catalogues(built, out_dir, public_only=public_only)
    except CatalogueError as exc:
        return _fail(f"需求目录未生成：{exc}", err)
    hidden = len(built.internal_entries) - len(built.public_entries)
    files = [str(p) for w in written for p in (w.json_path, w.xlsx_path, w.pdf_path)]
    lines = [f"公开目录：{len(built.public_entries)} 项需求（不含不公开需求和联系人、电话）" if built.public_entries
             else "公开目录：入选需求均为不公开需求，未生成公开目录"]
    if not public_only:
        lines.append(f"内部目录：{len(built.internal_entries)} 项需求，其中不公开 {hidden} 项（已标注）")
    _emit({"public": len(built.public_entries), "internal": None if public_only else len(built.internal_entries),
           "hidden": hidden, "files": files, "codes": built.published},
          lines + [f"  {f}" for f in files], as_json, out)
    return EXIT_OK


def forward_command(packages: Sequence[ForwardPackage], out_dir: Path, *, issuer: Issuer, recipient: str,
                    created_at: dt.datetime, iso: bool = False, as_json: bool = False, out: TextIO | None = None,
                    err: TextIO | None = None) -> int:
    """``desk forward -o DIR [--iso]``: the forwarding folder (and image), verified as ``verify`` would."""
    from desktop.package.verify import verify_paths

    try:
        result = forward(packages, out_dir, issuer=issuer, recipient=recipient, created_at=created_at, iso=iso)
    except (ForwardRefused, OSError) as exc:
        return _fail(f"报送材料未生成：{exc}", err)
    except Exception as exc:  # the disc code's IsoError and others: told, never a traceback
        return _fail(f"报送材料未全部生成：{exc}", err)
    verdicts = verify_paths([result.folder])
    broken = [v for v in verdicts if not v.complete]
    lines = [f"报送文件夹：{result.folder}（{len(result.packages)} 份材料，需求 {result.need_count} 项）"]
    if result.iso_path:
        lines.append(f"光盘映像：{result.iso_path}（{result.iso_message}）")
    lines.append("校验：全部完整" if not broken else f"校验：{len(broken)} 份有问题，请勿报送")
    lines += [f"  {v.source}：{'；'.join(v.problems)}" for v in broken]
    _emit({"folder": str(result.folder), "iso": str(result.iso_path) if result.iso_path else None,
           "packages": [p.binding_code for p in result.packages], "needs": result.need_count,
           "verified": len(verdicts) - len(broken), "problems": [v.to_json() for v in broken]}, lines, as_json, out)
    return EXIT_PROBLEMS if broken or len(verdicts) != len(result.packages) else EXIT_OK


def select_command(need: NeedRef, candidates: Sequence[tuple[Path, Mapping[str, float | int | None]]],
                   chosen: Sequence[str], out_dir: Path, *, decided_at: dt.datetime,
                   weights: Mapping[str, float | int] | None = None, as_json: bool = False,
                   out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``desk select NEED_CODE --choose CODE…``: finalise the 遴选 and write the 遴选结果 sheet (PDF, DOCX).

    ``candidates``: (package folder, scores by criterion id); ``chosen``: binding codes.
    """
    from desktop.fileio import write_atomically

    from .selection_doc import selection_docx, selection_pdf

    try:
        result = finalise(need, [Candidate(read_package(folder), scores) for folder, scores in candidates], chosen,
                          weights=weights, decided_at=decided_at)
        target = Path(out_dir)
        target.mkdir(parents=True, exist_ok=True)
        stem = target / f"遴选结果_{need.code}"
        pdf = write_atomically(stem.with_suffix(".pdf"), selection_pdf(result))
        docx = write_atomically(stem.with_suffix(".docx"), selection_docx(result))
    except (SelectionRefused, PackageUnreadable, OSError) as exc:
        return _fail(str(exc), err)
    rows = [{"rank": r.rank, "binding_code": r.candidate.key, "name": r.candidate.name,
             "weighted": None if r.weighted is None else str(r.weighted), "chosen": r.chosen} for r in result.rows]
    lines = [f"需求 {need.code} {need.title}：候选 {len(result.rows)} 家，入选 {len(result.chosen)} 家"]
    lines += [f"  {r['rank'] or '—':>2}  {r['weighted'] or '未评分':>6}  {'入选' if r['chosen'] else '    '}  {r['name']}"
              for r in rows]
    lines += [f"遴选结果：{pdf}", f"         {docx}"]
    _emit({"need": need.code, "rows": rows, "pdf": str(pdf), "docx": str(docx)}, lines, as_json, out)
    return EXIT_OK
