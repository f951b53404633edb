"""Opening received discs (收件审核): one verdict per package, 完整 or 有问题 (docs/package.md §6).

Verification reads only: nothing is written to the source, to the workspace
or anywhere else, and nothing from the source is ever run.  A verified
package is kept by :func:`import_package`, which copies it into the officer's
workspace and nowhere else.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.oserrors import os_reason
from .binding import normalize_code
from .iso_read import Entry, SourceUnreadable
from .listed_file import ListedFileError, manifest_view
from .manifest_check import ManifestView
from .package_check import CHUNK, Budget, Findings, check_source
from .resolve import manifest_entry, resolve
from .parallel import run_each
from .progress import CancelCheck, Cancelled, Progress
from .safe_json import printable
from .sources import OpenedSource, SourceRef, discover, source_weight

COMPLETE = "完整"
PROBLEMS = "有问题"
EXIT_COMPLETE, EXIT_PROBLEMS, EXIT_NOTHING_READ = 0, 1, 2
DRAFT_MARK = "·草稿"
DRAFT_CODE_PREFIX = "草稿-"

_REF_PROBLEMS = {
    "missing": "路径不存在：{path}",
    "unknown": "{path} 不是数据包文件夹、光盘或 .iso 光盘映像",
    "empty": "{path} 中没有找到数据包（manifest.json）或光盘映像（.iso）",
    "link": "包含链接文件 {path}，已拒绝读取",
}


@dataclass(frozen=True)
class PackageVerdict:
    source: str
    verdict: str                       # '完整' | '有问题'
    form: str | None
    edition: str | None
    submitter_name: str
    submitter_uscc: str
    binding_code: str | None
    problems: tuple[str, ...]
    readable: bool = True              # False when not even a manifest could be read
    companions: tuple[str, ...] = ()   # the other forms of the package, "2023-a2-match（2023 版）"
    draft: bool = False                # the manifest says 草稿: never a package to accept

    @property
    def shown_code(self) -> str | None:
        """The code as its papers print it: a draft's is 草稿-XXXX (documents/layout.py, DocMeta.printed_code)."""
        if self.draft and self.binding_code:
            return f"{DRAFT_CODE_PREFIX}{self.binding_code[:4]}"
        return self.binding_code

    @property
    def complete(self) -> bool:
        return self.verdict == COMPLETE

    def to_json(self) -> dict:
        return {"source": self.source, "verdict": self.verdict, "form": self.form, "edition": self.edition,
                "submitter": {"name": self.submitter_name, "uscc": self.submitter_uscc},
                "binding_code": self.binding_code, "draft": self.draft, "problems": list(self.problems)}


def verify_paths(paths: list[Path], *, code: str | None = None, workspace: Path | None = None,
                 progress: Progress | None = None, cancel: CancelCheck | None = None,
                 workers: int | None = None) -> list[PackageVerdict]:
    """A verdict for every package found under ``paths``, in the order found.

    ``code`` is the binding code typed or scanned from the sealed paper.  The
    search never descends into ``workspace`` (the officer's own imported
    copies); a path inside it that is named explicitly is verified as usual.
    Several packages are checked at once on ``workers`` threads (default: up
    to four, one per core), see :mod:`desktop.package.parallel`.
    """
    refs = discover([Path(p) for p in paths], skip=workspace)
    return run_each(len(refs), [source_weight(ref) for ref in refs],
                    lambda index, budget: verify_source(refs[index], code, budget),
                    progress=progress, cancel=cancel, workers=workers,
                    whole=(verify_source, [(ref, code) for ref in refs]))


def verify_source(ref: SourceRef, code: str | None, budget: Budget) -> PackageVerdict:
    source_text = printable(ref.shown, 400)
    if ref.kind == "limit":
        return _unreadable(source_text, f"未全部校验：{printable(ref.note, 400)}")
    if ref.kind in _REF_PROBLEMS:
        return _unreadable(source_text, _REF_PROBLEMS[ref.kind].format(path=source_text))
    try:
        with OpenedSource(ref) as source:
            findings = check_source(source, code, budget)
    except SourceUnreadable as exc:
        return _unreadable(source_text, f"{source_text}：{exc}")
    except (OSError, MemoryError, RecursionError) as exc:
        return _unreadable(source_text, f"{source_text}：读取时出错（{os_reason(exc) if isinstance(exc, OSError) else '内容过大或层次过深'}），请检查光盘或文件")
    except Cancelled:
        raise
    except Exception as exc:  # one strange disc must not stop a batch of a hundred
        from desktop.errorlog import log_file, note

        note(exc, f"verify {source_text}")
        return _unreadable(source_text, f"{source_text}：校验时发生内部错误（详情已记入日志文件 {log_file()}），"
                                        "请把这张光盘交给技术人员检查")
    return _verdict(source_text, findings)


def _verdict(source: str, findings: Findings) -> PackageVerdict:
    view = findings.view
    problems = tuple(findings.problems)
    return PackageVerdict(
        source=source, verdict=PROBLEMS if problems else COMPLETE,
        form=view.form_id if view else None, edition=view.edition if view else None,
        submitter_name=printable(view.submitter_name) if view else "",
        submitter_uscc=printable(view.submitter_uscc, 40) if view else "",
        binding_code=printable(findings.binding_code, 40) if findings.binding_code else None,
        problems=problems, readable=view is not None,
        companions=tuple(f"{printable(f, 60)}（{printable(e, 20)} 版）" for f, e in view.forms[1:]) if view else (),
        draft=bool(view and view.draft))


def _unreadable(source: str, problem: str) -> PackageVerdict:
    return PackageVerdict(source, PROBLEMS, None, None, "", "", None, (problem,), readable=False)


def verify_main_output(verdicts: list[PackageVerdict], as_json: bool) -> tuple[str, int]:
    """Text for ``xieshou verify`` and its exit code: 0 all 完整, 1 any 有问题, 2 nothing readable."""
    if not verdicts or not any(v.readable for v in verdicts):
        code = EXIT_NOTHING_READ
    else:
        code = EXIT_COMPLETE if all(v.complete for v in verdicts) else EXIT_PROBLEMS
    if as_json:
        return "\n".join(json.dumps(v.to_json(), ensure_ascii=False) for v in verdicts), code
    if not verdicts:
        return "没有找到可以校验的数据包。", code
    return "\n\n".join(_text_block(v) for v in verdicts), code


def _text_block(verdict: PackageVerdict) -> str:
    lines = [f"【{verdict.verdict}{DRAFT_MARK if verdict.draft else ''}】{verdict.source}"]
    if verdict.readable:
        lines.append(f"  报送单位：{verdict.submitter_name or '（未填写）'}  统一社会信用代码：{verdict.submitter_uscc or '（未填写）'}")
        also = f"，一并报送：{'、'.join(verdict.companions)}" if verdict.companions else ""
        lines.append(f"  表格：{verdict.form or '（未知）'}（{verdict.edition or '未知'} 版）{also}  "
                     f"装订码：{verdict.shown_code or '（无）'}")
    lines.extend(f"  - {problem}" for problem in verdict.problems)
    return "\n".join(lines)


class ImportRefused(Exception):
    """The package was not copied; the message (Chinese) says why."""


def import_package(verdict: PackageVerdict, workspace: Path) -> Path:
    """Copy a 完整 package into ``workspace/<binding code>/`` and return that folder.

    The source is checked again while it is copied (a disc may be swapped
    between verification and import); on any difference nothing is kept.
    """
    code = normalize_code(verdict.binding_code or "")
    if not verdict.complete or code is None:
        raise ImportRefused("只能导入校验结果为“完整”的数据包；请先处理列出的问题，或联系报送单位重新报送")
    workspace = Path(workspace).resolve()
    workspace.mkdir(parents=True, exist_ok=True)
    refs = discover([Path(verdict.source)])
    if len(refs) != 1 or refs[0].kind not in ("folder", "iso"):
        raise ImportRefused(f"找不到数据包 {verdict.source}，请重新放入光盘或选择文件夹后再校验")
    return import_source(refs[0], code, workspace)


def import_source(ref: SourceRef, code: str, workspace: Path, *, recheck: bool = True) -> Path:
    """Copy the package at ``ref`` (verified 完整 with binding code ``code``) into ``workspace/<code>/``.

    With ``recheck`` the whole package is checked again first; without, every
    file is still hashed while it is copied and must match the manifest, whose
    binding code must be ``code`` — enough when the verdict was just given.
    """
    workspace = Path(workspace).resolve()
    workspace.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".import-{code}-", dir=workspace))
    try:
        _copy_verified(ref, code, temp, recheck)
        return _move_into_place(temp, workspace / code)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _copy_verified(ref: SourceRef, code: str, temp: Path, recheck: bool) -> None:
    with OpenedSource(ref) as source:
        view = _view_for_copy(source, code, recheck)
        resolution = resolve(source.listings, [f.path for f in view.files])
        if any(f.path not in resolution.found for f in view.files):
            raise ImportRefused("数据包在校验之后发生了变化（缺少清单中的文件），未导入，请重新校验")
        for listed in view.files:
            _copy_entry(source, resolution.found[listed.path], temp, listed.path, listed.sha256)
        found = manifest_entry(source.listings)
        assert found is not None  # check_source just read it
        _copy_entry(source, found[1], temp, "manifest.json", None)


def _view_for_copy(source: OpenedSource, code: str, recheck: bool) -> ManifestView:
    if recheck:
        findings = check_source(source, code, Budget())
        if findings.problems or findings.view is None:
            raise ImportRefused("数据包在校验之后发生了变化（" + (findings.problems or ["清单不可读"])[0]
                                + "），未导入，请重新校验")
        return findings.view
    try:
        view = manifest_view(source)
    except ListedFileError as exc:
        raise ImportRefused(f"数据包在校验之后发生了变化（{exc}），未导入，请重新校验") from None
    if normalize_code(view.binding_code) != code:
        raise ImportRefused("数据包在校验之后被更换（装订码不同），未导入，请重新校验")
    return view


def _copy_entry(source: OpenedSource, entry: Entry, root: Path, relpath: str, sha256: str | None) -> None:
    target = (root / relpath).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ImportRefused(f"文件路径 {printable(relpath)} 指向工作区以外，未导入")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with source.open_entry(entry) as stream, open(target, "xb") as out:
        left = entry.size
        while left > 0:
            chunk = stream.read(min(CHUNK, left))
            if not chunk:
                raise ImportRefused(f"读取 {printable(relpath)} 时文件变短了，未导入，请重新校验")
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
    if sha256 is not None and digest.hexdigest() != sha256:
        raise ImportRefused(f"复制 {printable(relpath)} 时内容与清单不符，未导入，请重新校验")


def _move_into_place(temp: Path, target: Path) -> Path:
    if not target.exists():
        os.replace(temp, target)
        return target
    old = target.with_name(f".old-{target.name}-{os.getpid()}")
    os.replace(target, old)
    os.replace(temp, target)
    shutil.rmtree(old, ignore_errors=True)
    return target
