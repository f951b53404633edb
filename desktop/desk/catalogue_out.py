"""需求目录 from the needs the ministry desk selected: the internal one and the public one.

Input: :class:`ScreenedNeed` values — a 附件1 submission envelope, the row of
the need in its ``needs`` table, the 迫切性 and 可行性 scores (1–5) and 入选.
Output: :class:`BuiltCatalogues` with both catalogues as catalogue JSON dicts
(the format ``desktop.catalogue`` reads, so the SME side imports either), and
:func:`write_catalogues` writing each as ``.json``, ``.xlsx`` and ``.pdf``.

- internal (内部): every selected need, 不公开 ones included and marked
  (``"visibility": "不公开"`` in the JSON, a 是否公开 column in the XLSX, the
  mark in the PDF), with contact person and phone — for the provinces' 定向揭榜;
- public (公开): no 不公开 need at all, no contact person, no phone.

Need codes keep the catalogue's scheme ``{year}-{region}-{NNNN}`` (regions and
their order, enterprises by 统一社会信用代码, needs in table order), numbered
over the SELECTED needs only, and public needs are numbered first among
themselves: 0001, 0002 … without a gap in every region, so a public code
reveals nothing about hidden or dropped needs.  A 不公开 need takes a code of
its own series ``{year}-{region}-D{NNN}``, the same in every internal list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from desktop.catalogue import CatalogueError, write_catalogue_json, write_catalogue_xlsx
from desktop.catalogue.build import DEFAULT_TITLE, NEEDS_FORMS, REGION_CODES, campaign_year, need_json
from desktop.catalogue.model import FORMAT, VERSION
from desktop.catalogue.read_json import parse_catalogue_json
from desktop.fileio import write_atomically
from desktop.package.manifest import china_time
from desktop.rules.regions import PROVINCES

from .model import NOT_PUBLIC, PUBLIC

SCORE_RANGE = range(1, 6)
INTERNAL, PUBLIC_SCOPE = "internal", "public"
INTERNAL_SUFFIX = "（内部，含不公开需求）"
HIDDEN_KEYS = ("contact", "phone")           # never in a public catalogue


@dataclass(frozen=True)
class ScreenedNeed:
    submission: dict        # the 附件1 submission the need is in: its envelope, or at least {"form": id, "data": …}
    index: int              # its row in data["needs"] (0-based)
    urgency: int | None     # 迫切性 1–5
    feasibility: int | None  # 可行性 1–5
    selected: bool          # 入选
    key: str = ""           # the desk's own name for the need (its register code), handed back in ``published``

    @property
    def need(self) -> dict:
        return self.submission["data"]["needs"][self.index]

    @property
    def profile(self) -> dict:
        return self.submission["data"]["profile"]

    @property
    def public(self) -> bool:
        return self.need.get("is_public") == PUBLIC


@dataclass(frozen=True)
class Entry:
    serial: int             # 1, 2, 3 … within its catalogue
    code: str
    public: bool
    need: ScreenedNeed


@dataclass(frozen=True)
class BuiltCatalogues:
    internal: dict
    public: dict
    internal_entries: tuple[Entry, ...]
    public_entries: tuple[Entry, ...]

    @property
    def published(self) -> dict[str, str]:
        """The desk's key of each selected need → the 需求编号 the catalogues publish for it."""
        return {e.need.key: e.code for e in self.internal_entries if e.need.key}


def build_catalogues(needs: Sequence[ScreenedNeed], *, campaign: str, created_at: dt.datetime,
                     title: str = DEFAULT_TITLE) -> BuiltCatalogues:
    """Both catalogues of the selected needs; CatalogueError listing every need that cannot be used."""
    moment = china_time(created_at)
    selected = [n for n in needs if n.selected]
    _check(needs)
    if not selected:
        raise CatalogueError("还没有入选的需求：请先在需求遴选中把需求标为入选，再生成需求目录")
    year = campaign_year(campaign, moment)
    coded = _codes(_ordered(selected), year)
    internal_entries = tuple(Entry(n, code, need.public, need) for n, (code, need) in enumerate(coded, 1))
    public_entries = tuple(Entry(n, code, True, need)
                           for n, (code, need) in enumerate(((c, x) for c, x in coded if x.public), 1))
    internal = _catalogue(internal_entries, campaign, title + INTERNAL_SUFFIX, moment, INTERNAL)
    public = _catalogue(public_entries, campaign, title, moment, PUBLIC_SCOPE)
    return BuiltCatalogues(internal, public, internal_entries, public_entries)


def _check(needs: Sequence[ScreenedNeed]) -> None:
    problems = []
    for number, need in enumerate(needs, 1):
        where = f"第 {number} 条需求"
        if not _usable(need):
            problems.append(f"{where}不是大企业技术创新需求表（附件1）中的需求")
            continue
        name = f"{where}（{need.need.get('title') or '未填写需求名称'}）"
        if REGION_CODES.get(need.profile.get("province")) is None:
            problems.append(f"{name}的所在省级地区未填写或无法识别")
        for label, score in (("迫切性", need.urgency), ("可行性", need.feasibility)):
            if score is not None and (not isinstance(score, int) or isinstance(score, bool) or score not in SCORE_RANGE):
                problems.append(f"{name}的{label}评分应为 1 到 5 的整数")
            elif score is None and need.selected:
                problems.append(f"{name}已入选，但还没有{label}评分")
    if problems:
        raise CatalogueError("以下需求不能编入需求目录：" + "；".join(problems), problems)


def _usable(need: ScreenedNeed) -> bool:
    submission = need.submission
    data = submission.get("data") if isinstance(submission, dict) else None
    rows = data.get("needs") if isinstance(data, dict) else None
    return (submission.get("form") in NEEDS_FORMS and isinstance(data.get("profile"), dict)
            and isinstance(rows, list) and isinstance(need.index, int) and 0 <= need.index < len(rows)
            and isinstance(rows[need.index], dict))


def _ordered(selected: list[ScreenedNeed]) -> list[ScreenedNeed]:
    """Region order of the catalogue, then 统一社会信用代码, then the need's row; the order given breaks ties."""
    def key(item: tuple[int, ScreenedNeed]):
        number, need = item
        return (PROVINCES.index(need.profile["province"]), str(need.profile.get("uscc") or ""), need.index, number)
    return [need for _, need in sorted(enumerate(selected), key=key)]


def _codes(ordered: list[ScreenedNeed], year: str) -> list[tuple[str, ScreenedNeed]]:
    public_numbers: dict[str, int] = defaultdict(int)
    hidden_numbers: dict[str, int] = defaultdict(int)
    coded = []
    for need in ordered:
        region = REGION_CODES[need.profile["province"]]
        if need.public:
            public_numbers[region] += 1
            coded.append((f"{year}-{region}-{public_numbers[region]:04d}", need))
        else:
            hidden_numbers[region] += 1
            coded.append((f"{year}-{region}-D{hidden_numbers[region]:03d}", need))
    return coded


def _catalogue(entries: tuple[Entry, ...], campaign: str, title: str, moment: str, scope: str) -> dict:
    needs = []
    for entry in entries:
        item = need_json(entry.code, entry.need.need, entry.need.profile)
        if scope == PUBLIC_SCOPE:
            item.update({key: "" for key in HIDDEN_KEYS})
        else:
            item["visibility"] = PUBLIC if entry.public else NOT_PUBLIC
        needs.append(item)
    catalogue = {"format": FORMAT, "version": VERSION, "campaign": campaign, "title": title, "created_at": moment,
                 "scope": scope, "needs": needs}
    if needs:  # what is published must load back (a catalogue of nothing is not published at all)
        parse_catalogue_json(catalogue, title)
    return catalogue


@dataclass(frozen=True)
class WrittenCatalogue:
    json_path: Path
    xlsx_path: Path
    pdf_path: Path


def write_catalogues(built: BuiltCatalogues, out_dir: Path | str, *, public_only: bool = False,
                     include_public: bool = True) -> list[WrittenCatalogue]:
    """需求目录_公开.{json,xlsx,pdf} (unless not ``include_public``) and, unless ``public_only``,
    需求目录_内部.{json,xlsx,pdf}.

    A catalogue without a need (every selected need is 不公开) is not written: there is nothing to publish.
    """
    from .catalogue_pdf import catalogue_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for scope, catalogue, entries in ((PUBLIC_SCOPE, built.public, built.public_entries),
                                      (INTERNAL, built.internal, built.internal_entries)):
        if (scope == INTERNAL and public_only) or (scope == PUBLIC_SCOPE and not include_public) or not entries:
            continue
        stem = out / f"需求目录_{'公开' if scope == PUBLIC_SCOPE else '内部'}"
        paths = WrittenCatalogue(stem.with_suffix(".json"), stem.with_suffix(".xlsx"), stem.with_suffix(".pdf"))
        text = json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n"
        if scope == PUBLIC_SCOPE:
            write_catalogue_json(catalogue, paths.json_path)
            write_catalogue_xlsx(catalogue, paths.xlsx_path)
        else:  # the standard writers drop keys they do not know; the 不公开 mark must stay
            write_atomically(paths.json_path, text.encode("utf-8"))
            write_catalogue_xlsx(catalogue, paths.xlsx_path,
                                 extra_columns=[("是否公开", [n["visibility"] for n in catalogue["needs"]])])
        write_atomically(paths.pdf_path, catalogue_pdf(catalogue, entries, internal=scope == INTERNAL))
        written.append(paths)
    return written
