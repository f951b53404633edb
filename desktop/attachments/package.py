"""A draft's attachments: the stored files it refers to, and their names in the disc package.

Nothing here knows a form: file fields are found by walking the form
definition for fields of kind ``file``.  In a table, a file is named after its
row — ``attachments/03_营业执照.pdf`` for row 3, the name taken from the row's
first text column (材料名称) — so the package lists files in the order and
with the numbers of the printed 附件材料 list.  A file field outside a table
is named after its label, as row 01.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from desktop.engine.kinds import kind_of
from desktop.engine.model import ERROR, Field, Form, Group, Item, Problem, Table
from desktop.engine.schema import record_items
from desktop.package.folder import PackageFile, safe_name
from desktop.package.safe_json import printable

from .content import EXTENSION_KIND, KINDS
from .store import AttachmentError, AttachmentStore, is_sha256


@dataclass(frozen=True)
class _Slot:
    number: int      # row number (from 1) of the table row holding the file
    title: str       # 材料名称, "" when not filled in
    value: dict      # the file field's raw value
    path: str = ""   # the file field's path, attachments[2].file


def referenced_hashes(raw_draft_data: object) -> set[str]:
    """Every stored file a draft's raw data refers to (any dict with a name and a valid sha256)."""
    found: set[str] = set()
    stack = [raw_draft_data]
    while stack:  # iterative: draft data nests only a few levels, but need not be trusted
        item = stack.pop()
        if isinstance(item, dict):
            if is_sha256(item.get("sha256")) and isinstance(item.get("name"), str):
                found.add(item["sha256"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def package_files(form: Form, raw_data: dict, store: AttachmentStore) -> list[PackageFile]:
    """The package files of every attached file, in form order; AttachmentError when one is gone from the store."""
    files: list[PackageFile] = []
    used: set[str] = set()
    for slot in _slots(record_items(form), raw_data if isinstance(raw_data, dict) else {}):
        sha256 = slot.value.get("sha256")
        if not is_sha256(sha256):
            continue  # an incomplete record; validation reports it as file.invalid
        name = str(slot.value.get("name") or "")
        title = slot.title or Path(name).stem
        path = _unique(f"attachments/{slot.number:02d}_{safe_name(title)}", _extension(slot.value, name), used)
        files.append(PackageFile(path=path, role="attachment", source=_stored(store, slot.value, name),
                                 sha256=sha256))
    return files


def missing_file_problems(form: Form, raw_data: dict, store: AttachmentStore) -> list[Problem]:
    """An error per attached file the export could not take from ``store`` (gone, or its copy damaged)."""
    problems = []
    for slot in _slots(record_items(form), raw_data if isinstance(raw_data, dict) else {}):
        if not is_sha256(slot.value.get("sha256")):
            continue  # validation reports it as file.invalid
        try:
            _stored(store, slot.value, str(slot.value.get("name") or ""))
        except AttachmentError as exc:
            problems.append(Problem(slot.path, ERROR, "file.missing", exc.message))
    return problems


def _slots(items: tuple[Item, ...], record: dict) -> Iterator[_Slot]:
    for item in items:
        value = record.get(item.id)
        if isinstance(item, Table):
            yield from _table_slots(item, value if isinstance(value, list) else [])
        elif isinstance(item, Group):
            yield from _slots(item.fields, value if isinstance(value, dict) else {})
        elif kind_of(item).attachment and isinstance(value, dict):
            yield _Slot(1, item.label, value, item.id)


def _table_slots(table: Table, rows: list) -> Iterator[_Slot]:
    file_columns = [c for c in table.columns if kind_of(c).attachment]
    title_column: Field | None = next((c for c in table.columns if kind_of(c).title_like), None)
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            continue
        title = row.get(title_column.id) if title_column else None
        for column in file_columns:
            if isinstance(row.get(column.id), dict):
                yield _Slot(number, title.strip() if isinstance(title, str) else "", row[column.id],
                            f"{table.id}[{number - 1}].{column.id}")


def _extension(value: dict, name: str) -> str:
    kind = value.get("kind")
    return kind if kind in KINDS else EXTENSION_KIND.get(Path(name).suffix.lower(), "dat")


def _unique(stem: str, extension: str, used: set[str]) -> str:
    """Two rows with the same 材料名称 and number cannot happen in one table, but can across tables."""
    path, n = f"{stem}.{extension}", 2
    while path in used:
        path, n = f"{stem}_{n}.{extension}", n + 1
    used.add(path)
    return path


def _stored(store: AttachmentStore, value: dict, name: str) -> Path:
    path = store.path_of(value["sha256"])
    shown = printable(name, 60)
    if not path.is_file():
        raise AttachmentError(f"附件“{shown}”在本机附件库中找不到了（数据文件夹可能被清理过），"
                              "请在“附件材料”页删除该附件并重新添加原文件")
    size = value.get("size")
    if isinstance(size, int) and path.stat().st_size != size:
        raise AttachmentError(f"附件“{shown}”在本机附件库中的副本已损坏（大小不符），请删除该附件并重新添加原文件")
    return path
