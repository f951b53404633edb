"""One published need (发布的需求), the catalogue that lists them, and the import error."""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass, field
from typing import Sequence

FORMAT = "xieshou-catalogue"
VERSION = 1
SHEET = "需求目录"
INFO_SHEET = "目录信息"
CODE_MAX_LEN = 30          # the forms' need_code is text(30): a longer code could never be picked
MAX_NEEDS = 20_000
MAX_BYTES = 20 * 1024 * 1024
SHOWN_PROBLEMS = 30        # an error message lists this many problems, then counts the rest


@dataclass(frozen=True)
class Column:
    """A need attribute: its JSON key and its XLSX header."""

    key: str
    header: str
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", "需求编号", True),
    Column("title", "需求名称", True),
    Column("owner", "发榜企业", True),
    Column("owner_uscc", "统一社会信用代码"),
    Column("province", "所在地区"),
    Column("sector", "重点产业链"),
    Column("domain", "所属领域"),
    Column("kind", "需求类型"),
    Column("foundation_category", "产业基础类别"),
    Column("content", "需求内容"),
    Column("deadline", "期望完成时间"),
    Column("contact", "联系人"),
    Column("phone", "联系电话"),
)
HEADERS: dict[str, str] = {c.key: c.header for c in COLUMNS}


def folded(text: str) -> str:
    """Text as compared: NFKC (full-width → half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class CatalogueNeed:
    code: str
    title: str
    owner: str                    # 发榜企业名称
    owner_uscc: str = ""
    province: str = ""
    sector: str = ""              # 重点产业链
    domain: str = ""              # 所属领域
    kind: str = ""                # 需求类型
    foundation_category: str = ""
    content: str = ""             # 需求内容摘要
    deadline: str = ""            # YYYY-MM-DD or ""
    contact: str = ""
    phone: str = ""

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


def _haystack(need: CatalogueNeed) -> tuple[str, ...]:
    return tuple(folded(v) for v in (need.code, need.title, need.owner, need.sector, need.domain))


@dataclass(frozen=True)
class Catalogue:
    needs: tuple[CatalogueNeed, ...]
    campaign: str = ""
    title: str = ""
    created_at: str = ""
    # folded search texts, computed once: a search runs on every keystroke
    _haystacks: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_haystacks", tuple(_haystack(n) for n in self.needs))

    def search(self, text: str) -> list[CatalogueNeed]:
        """Needs whose 编号、名称、发榜企业、产业链 or 领域 contain every white-space separated term."""
        terms = folded(text).split()
        return [need for need, hay in zip(self.needs, self._haystacks)
                if all(any(term in part for part in hay) for term in terms)]

    def find(self, code: str) -> CatalogueNeed | None:
        """The need with this code (compared as the duplicate check compares), or None."""
        wanted = folded(code).strip()
        return next((n for n in self.needs if folded(n.code) == wanted), None)

    def to_json(self) -> dict:
        return {"format": FORMAT, "version": VERSION, "campaign": self.campaign, "title": self.title,
                "created_at": self.created_at, "needs": [n.to_json() for n in self.needs]}


def fill_from_need(need: CatalogueNeed) -> dict:
    """The raw draft values a picked need fills in on 附件2 and 附件3."""
    return {"need_code": need.code, "need_title": need.title, "need_owner": need.owner}


class CatalogueError(ValueError):
    """A catalogue that was not imported (or not written); ``problems`` lists every reason."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.problems = tuple(problems) or (message,)

    @classmethod
    def refused(cls, source: str, reason: str) -> CatalogueError:
        """The file as a whole cannot be used (wrong type, damaged, too big …)."""
        return cls(f"需求目录“{source}”未导入：{reason}", [reason])

    @classmethod
    def listing(cls, source: str, problems: Sequence[str], outcome: str = "未导入任何需求",
                advice: str = "请修改后重新导入") -> CatalogueError:
        shown = "；".join(problems[:SHOWN_PROBLEMS])
        more = f"；……另有 {len(problems) - SHOWN_PROBLEMS} 处问题" if len(problems) > SHOWN_PROBLEMS else ""
        return cls(f"需求目录“{source}”有 {len(problems)} 处问题，{outcome}：{shown}{more}。{advice}", problems)
