"""Forwarding upward (报部): the accepted packages, the 需求汇总表 and the 推荐汇总表, as a folder and a disc image.

Input: the accepted packages' folders in the desk's workspace, each with its
state (:class:`ForwardPackage`), the desk's 本单位 (:class:`~desktop.desk.model.Issuer`),
whom it goes to, and the moment of forwarding.  Output (:class:`ForwardResult`)::

    DIR/
      推荐汇总表.pdf      cover letter: every package listed, counts by form, seal area
      需求汇总表.xlsx     one row per need of the 附件1 packages; a sheet listing every package
      数据包/<package folder>/…   each package copied unchanged, byte for byte
    DIR.iso               with ``iso=True``: the folder as a disc image (the program's disc code)

``xieshou verify DIR`` and ``xieshou verify DIR.iso`` find and pass every
package (the extra files sit outside the package folders; an image holding
several packages is read package by package, ``desktop.package.nested``).  The same selection — in any order, a package
named twice counted once — and the same moment give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from desktop.fileio import write_atomically
from desktop.package.disc_names import joliet_volume_label
from desktop.package.progress import CancelCheck, Progress, check_cancel, report
from desktop.package.safe_json import printable

from .forward_letter import letter_pdf, package_title
from .model import Issuer
from .package_read import PackageData, read_package
from .summary_xlsx import StatedPackage, summary_xlsx

PACKAGES_DIR = "数据包"
LETTER_NAME = "推荐汇总表.pdf"
SUMMARY_NAME = "需求汇总表.xlsx"
ACCEPTED = "初核通过"
COPY_BLOCK = 1024 * 1024


class ForwardRefused(ValueError):
    """Nothing was written; the message (Chinese) says why and what to do."""


@dataclass(frozen=True)
class ForwardPackage:
    folder: Path            # the package folder in the desk's workspace
    state: str = ACCEPTED


@dataclass(frozen=True)
class ForwardResult:
    folder: Path
    iso_path: Path | None
    packages: tuple[PackageData, ...]   # as copied, in the order listed
    need_count: int
    iso_message: str = ""


def forward(selection: Sequence[ForwardPackage], out_dir: Path | str, *, issuer: Issuer, recipient: str,
            created_at: dt.datetime, iso: bool = False, progress: Progress | None = None,
            cancel: CancelCheck | None = None) -> ForwardResult:
    out = Path(out_dir)
    stated = _stated(selection)
    _check_target(out)
    folders = _copy_packages(stated, out / PACKAGES_DIR, progress, cancel)
    packages = tuple(s.package for s in stated)
    write_atomically(out / SUMMARY_NAME, summary_xlsx(stated, package_title, created_at))
    letter, needs = letter_pdf(stated, issuer=issuer, recipient=recipient, created_at=created_at)
    write_atomically(out / LETTER_NAME, letter)
    iso_path, message = None, ""
    if iso:
        from desktop.package.iso import build_tree_iso

        iso_path = out.with_name(out.name + ".iso")
        result = build_tree_iso(out, iso_path, created_at=created_at, volume_id=f"XSFWD_{created_at:%Y%m%d}",
                                label=joliet_volume_label(f"{issuer.name}报送材料") or "XSFWD", cancel=cancel)
        message = result.capacity_message
    report(progress, 1, 1)
    return ForwardResult(out, iso_path, tuple(PackageData(f, p.manifest, p.binding_code, p.created_at, p.forms)
                                              for f, p in zip(folders, packages)), needs, message)


def _stated(selection: Sequence[ForwardPackage]) -> list[StatedPackage]:
    if not selection:
        raise ForwardRefused("没有选择要报送的材料：请先选择初核通过的材料")
    found: dict[str, StatedPackage] = {}
    problems = []
    for item in selection:
        try:
            package = read_package(item.folder)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if not package.binding_code:
            problems.append(f"{printable(str(item.folder))} 没有装订码，不是完整的数据包")
        elif package.manifest.get("draft") is True:
            problems.append(f"{printable(str(item.folder))} 是草稿，不能报送")
        else:
            found.setdefault(package.binding_code, StatedPackage(package, item.state))
    if problems:
        raise ForwardRefused("以下材料不能报送，未生成任何文件：" + "；".join(problems))
    return sorted(found.values(), key=_order)


def _order(item: StatedPackage) -> tuple:
    package = item.package
    return (package.primary.form_id, package.text("province"), package.text("uscc"), package.binding_code)


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ForwardRefused(f"{out} 已存在且不是空文件夹：请选择一个新的或空的文件夹，以免与旧的报送材料混在一起")


def _copy_packages(stated: list[StatedPackage], target: Path, progress: Progress | None,
                   cancel: CancelCheck | None) -> list[Path]:
    folders = []
    used: set[str] = set()
    for n, item in enumerate(stated):
        check_cancel(cancel)
        report(progress, n, len(stated) + 1)
        name = _folder_name(item.package, used)
        copy_tree(item.package.folder, target / name)
        folders.append(target / name)
    return folders


def _folder_name(package: PackageData, used: set[str]) -> str:
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", package.folder.name) or package.binding_code
    if name in used:  # two workspace folders of the same name: the binding code tells them apart
        name = f"{name}_{package.binding_code[:9]}"
    used.add(name)
    return name


def copy_tree(source: Path, target: Path) -> None:
    """Every regular file under ``source``, byte for byte; links and special files are refused."""
    for folder, dirs, files in os.walk(source, followlinks=False):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            if not stat.S_ISREG(os.lstat(path).st_mode):
                raise ForwardRefused(f"{printable(str(path))} 不是普通文件（可能是链接），数据包已被改动，请重新收件")
            with open(path, "rb") as src, open(target / relative / name, "wb") as dst:
                shutil.copyfileobj(src, dst, COPY_BLOCK)
