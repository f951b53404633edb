"""The data and the binding code of a received package (package.md §3, §6).

The submission is checked by the same engine that checked it on the
enterprise's computer; the binding code is recomputed from the bytes on the
disc and compared with the manifest and, when the officer typed or scanned
it, with the sealed paper.
"""

from __future__ import annotations

from typing import Any

from desktop.engine.model import ERROR
from desktop.engine.submission import FORMAT as SUBMISSION_FORMAT
from desktop.engine.submission import validate_submission
from desktop.forms.registry import get_form

from .binding import binding_sha256, code_from_sha256, normalize_code
from .manifest_check import SUBMISSION_PATH, ManifestView
from .safe_json import printable

MAX_DATA_PROBLEMS = 50


def data_problems(submission: Any, view: ManifestView) -> list[str]:
    """Every reason the submission is not a valid filling of the form the manifest names."""
    if not isinstance(submission, dict) or submission.get("format") != SUBMISSION_FORMAT:
        return [f"{SUBMISSION_PATH} 不是携手填报的填报数据（缺少 \"format\": \"{SUBMISSION_FORMAT}\"）"]
    form, edition = submission.get("form"), submission.get("edition")
    problems: list[str] = []
    if (form, edition) != (view.form_id, view.edition):
        problems.append(f"{SUBMISSION_PATH} 的表格 {_show(form)}（{_show(edition)} 版）与 manifest.json 记载的 "
                        f"{_show(view.form_id)}（{_show(view.edition)} 版）不一致")
    try:
        get_form(str(form), str(edition))
    except KeyError:
        return problems + [f"{SUBMISSION_PATH}：未知的表格或版本 {_show(form)}（{_show(edition)} 版），"
                           "请确认光盘来源，或升级携手填报后再校验"]
    errors = [p for p in validate_submission(submission) if p.level == ERROR]
    for problem in errors[:MAX_DATA_PROBLEMS]:
        problems.append(f"{SUBMISSION_PATH}：{printable(problem.path) or '（整体）'}：{printable(problem.message, 200)}")
    if len(errors) > MAX_DATA_PROBLEMS:
        problems.append(f"{SUBMISSION_PATH}：另有 {len(errors) - MAX_DATA_PROBLEMS} 处数据错误未列出")
    return problems


def binding_problems(submission_bytes: bytes, view: ManifestView, actual_attachment_sha256s: list[str],
                     typed_code: str | None) -> tuple[list[str], str]:
    """Problems with the binding code, and the code the disc's actual content gives."""
    problems: list[str] = []
    listed = [f.sha256 for f in view.files if f.role == "attachment"]
    expected = binding_sha256(submission_bytes, listed)
    if view.binding_sha256 != expected:
        problems.append("装订码与数据不一致：manifest.json 记载的 binding_sha256 不是由 "
                        f"{SUBMISSION_PATH} 和附件计算得到的（数据可能在导出后被改动）")
    if view.binding_code != code_from_sha256(expected):
        problems.append(f"manifest.json 记载的装订码 {_show(view.binding_code)} 与数据计算得到的 "
                        f"{code_from_sha256(expected)} 不一致")
    actual_code = code_from_sha256(binding_sha256(submission_bytes, actual_attachment_sha256s))
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
