"""The data and the binding code of a received package (docs/package.md §3, §6).

Every data file (``data/submission.json`` and the companion forms beside it)
is checked by the same engine that checked it on the enterprise's computer;
the binding code is recomputed from the bytes on the disc, by the export's
rule (:func:`binding.is_bound`), and compared with the manifest and, when the
officer typed or scanned it, with the sealed paper.
"""

from __future__ import annotations

from typing import Any

from desktop.engine.model import ERROR
from desktop.engine.schema import iter_fields, record_items
from desktop.engine.submission import FORMAT as SUBMISSION_FORMAT
from desktop.engine.submission import validate_submission
from desktop.forms.registry import get_form

from .binding import binding_sha256, code_from_sha256, is_bound, normalize_code
from .manifest_check import SUBMISSION_PATH, ManifestView
from .safe_json import printable

MAX_DATA_PROBLEMS = 50


def data_problems(submission: Any, view: ManifestView, path: str = SUBMISSION_PATH) -> list[str]:
    """Every reason the data file at ``path`` is not a valid filling of a form the manifest names.

    ``data/submission.json`` holds the manifest's first form; any other data file
    (a companion answering the same need) one of the forms listed after it.
    """
    if not isinstance(submission, dict) or submission.get("format") != SUBMISSION_FORMAT:
        return [f"{printable(path)} 不是携手填报的填报数据（缺少 \"format\": \"{SUBMISSION_FORMAT}\"）"]
    form, edition = submission.get("form"), submission.get("edition")
    problems: list[str] = []
    if path == SUBMISSION_PATH and (form, edition) != (view.form_id, view.edition):
        problems.append(f"{SUBMISSION_PATH} 的表格 {_show(form)}（{_show(edition)} 版）与 manifest.json 记载的 "
                        f"{_show(view.form_id)}（{_show(view.edition)} 版）不一致")
    elif path != SUBMISSION_PATH and (form, edition) not in view.forms[1:]:
        problems.append(f"{printable(path)} 的表格 {_show(form)}（{_show(edition)} 版）不在 manifest.json 的"
                        "表格清单（forms）中")
    try:
        get_form(str(form), str(edition))
    except KeyError:
        return problems + [f"{printable(path)}：未知的表格或版本 {_show(form)}（{_show(edition)} 版），"
                           "请确认光盘来源，或升级携手填报后再校验"]
    errors = [p for p in validate_submission(submission) if p.level == ERROR]
    for problem in errors[:MAX_DATA_PROBLEMS]:
        problems.append(f"{printable(path)}：{printable(problem.path) or '（整体）'}：{printable(problem.message, 200)}")
    if len(errors) > MAX_DATA_PROBLEMS:
        problems.append(f"{printable(path)}：另有 {len(errors) - MAX_DATA_PROBLEMS} 处数据错误未列出")
    return problems


def form_of_data(submission: Any) -> tuple[Any, Any]:
    """(form, edition) a data file names; (None, None) when it is no submission."""
    return (submission.get("form"), submission.get("edition")) if isinstance(submission, dict) else (None, None)


def same_need_problems(path: str, companion: Any, submission: Any) -> list[str]:
    """A companion answers the same need for the same enterprise as ``data/submission.json`` (the export's rule).

    Forms that cannot be read or are unknown are reported elsewhere and give nothing here.
    """
    from desktop.linking import enterprise_code, shared_key

    try:
        primary, other = (get_form(str(d.get("form")), str(d.get("edition"))) for d in (submission, companion))
        mine, theirs = submission["data"], companion["data"]
    except (AttributeError, KeyError, TypeError):
        return []
    if not primary.shared_fields or tuple(other.shared_fields) != tuple(primary.shared_fields):
        return [f"{printable(path)}：{other.attachment_no} {other.title} 与 {SUBMISSION_PATH} 的 {primary.attachment_no} "
                f"{primary.title} 不是回答同一需求的配套表格，不应在同一个数据包中"]
    if shared_key(primary, mine) != shared_key(other, theirs):
        key = primary.shared_fields[0]
        label = next((f.label for p, f in iter_fields(record_items(primary)) if p == key), key)
        return [f"{printable(path)} 的{label}与 {SUBMISSION_PATH} 的不同：两份表格回答的不是同一个需求"]
    codes = enterprise_code(mine), enterprise_code(theirs)
    if codes[0] != codes[1]:
        return [f"{printable(path)} 与 {SUBMISSION_PATH} 的统一社会信用代码不同：不是同一企业的材料"]
    return disagreement_problems(path, primary, mine, other, theirs)


def disagreement_problems(path: str, primary, mine: Any, other, theirs: Any) -> list[str]:
    """Each field the two forms share but fill differently (desktop.package.agreement), one line each."""
    from .agreement import differences, message

    if not isinstance(mine, dict) or not isinstance(theirs, dict):
        return []
    found = differences(primary, mine, other, theirs)
    return [f"{printable(path)}：{printable(message(primary, other, d), 300)}" for d in found[:MAX_DATA_PROBLEMS]]


def companion_form_problems(view: ManifestView, named: list[tuple[Any, Any]]) -> list[str]:
    """Forms listed after the first without a data file, and forms two data files claim.

    ``named``: the (form, edition) of each data file besides ``data/submission.json``.
    """
    problems = [f"manifest.json 列出的表格 {_show(form)}（{_show(edition)} 版）没有对应的数据文件"
                for form, edition in view.forms[1:] if (form, edition) not in named]
    claimed = [(form, edition) for form, edition in dict.fromkeys(named) if named.count((form, edition)) > 1]
    problems += [f"有多个数据文件都是表格 {_show(form)}（{_show(edition)} 版）：每种表格只能有一份"
                 for form, edition in claimed]
    return problems


def binding_problems(submission_bytes: bytes, view: ManifestView, actual_bound_sha256s: list[str],
                     typed_code: str | None) -> tuple[list[str], str]:
    """Problems with the binding code, and the code the disc's actual content gives.

    ``actual_bound_sha256s``: the digests, as read, of the files :func:`binding.is_bound` names.
    """
    problems: list[str] = []
    listed = [f.sha256 for f in view.files if is_bound(f.path, f.role)]
    expected = binding_sha256(submission_bytes, listed)
    if view.binding_sha256 != expected:
        problems.append("装订码与数据不一致：manifest.json 记载的 binding_sha256 不是由 "
                        f"{SUBMISSION_PATH}、其他数据文件和附件计算得到的（数据可能在导出后被改动）")
    if view.binding_code != code_from_sha256(expected):
        problems.append(f"manifest.json 记载的装订码 {_show(view.binding_code)} 与数据计算得到的 "
                        f"{code_from_sha256(expected)} 不一致")
    actual = expected if actual_bound_sha256s == listed else binding_sha256(submission_bytes, actual_bound_sha256s)
    actual_code = code_from_sha256(actual)
    problems.extend(typed_code_problems(typed_code, actual_code))
    return problems, actual_code


def typed_code_problems(typed_code: str | None, actual_code: str | None) -> list[str]:
    """The officer's code (from the sealed paper) against the disc's."""
    if typed_code is None:
        return []
    wanted = normalize_code(typed_code)
    if wanted is None:
        return [f"输入的装订码 “{printable(typed_code, 40)}” 格式不对：应为 16 位字母数字，如 7KQ2-M9XD-4TBE-Q1W8"]
    if actual_code is None:
        return [f"无法核对输入的装订码 {wanted}：{SUBMISSION_PATH} 不可读"]
    if wanted != actual_code:
        return [f"光盘与纸质材料不是同一份：纸质材料上的装订码为 {wanted}，光盘数据计算得到 {actual_code}"]
    return []


def _show(value: Any) -> str:
    return printable(value, 60) if isinstance(value, str) else printable(repr(value), 60)
