"""The form model: what a form module declares (forms are data).

A form is a sequence of sections (wizard pages / document chapters); a section
holds fields, groups (a nested record such as the 项目负责人) and tables
(repeatable rows).  Every kind of field is looked up in the kind registry
(``desktop.engine.kinds``), never special-cased here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Union

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a form: ``needs[3].budget``, error/warning, stable code, Chinese message."""

    path: str
    level: str
    code: str
    message: str

    def to_json(self) -> dict:
        return {"path": self.path, "level": self.level, "code": self.code, "message": self.message}


# check(scope, root) -> message or None/False.  ``scope`` is the record that
# holds the rule's field (the row for a table rule), ``root`` the whole form.
Check = Callable[[dict, dict], Union[str, None, bool]]


@dataclass(frozen=True)
class SampleHint:
    """A ``Form.samples`` pin naming a sample hint instead of a value, e.g. ``SampleHint("owner")``:
    the 附件1 sample's enterprise is the 发榜企业 the SME forms' samples of the same seed answer."""

    hint: str


@dataclass(frozen=True)
class Rule:
    """A cross-field rule attached to the field ``field`` of its scope.

    ``reads``: the paths the check reads (``desktop.engine.reads``); the rule is
    skipped while one of them is empty and runs otherwise — whatever it raises
    propagates. ``optional``: paths it also reads that may be empty.
    """

    field: str
    code: str
    check: Check
    level: str = ERROR
    reads: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.reads:
            raise ValueError(f"rule {self.code}: declare the fields it reads (reads=...)")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str
    required: bool = False
    max_len: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    # calc fields: compute(scope, root) -> JSON value; render(value) -> text
    compute: Callable[[dict, dict], Any] | None = None
    render: Callable[[Any], str] | None = None
    # a value the program offers when the field is still empty, e.g. the
    # province read from the credit code: suggest(scope, root) -> raw value
    suggest: Callable[[dict, dict], Any] | None = None
    # kind-specific options, e.g. {"province_field": "province"} for uscc,
    # {"accept": ("pdf", "jpg")} for file, {"sample": "future"} for samples
    options: tuple[tuple[str, Any], ...] = ()
    width: int = 0  # relative column width in printed grids (0 = automatic)
    # calc fields: the paths compute reads (empty → the value is empty) and those that may be empty
    reads: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()

    def option(self, name: str, default: Any = None) -> Any:
        return dict(self.options).get(name, default)


@dataclass(frozen=True)
class Group:
    """A nested record (e.g. 项目负责人) stored under ``data[id]``."""

    id: str
    label: str
    fields: tuple["Item", ...]
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Table:
    """Repeatable rows stored as a list of records under ``data[id]``."""

    id: str
    label: str
    columns: tuple[Field, ...]
    min_rows: int = 0
    max_rows: int = 100
    row_label: str = "第{n}行"            # label of row n (1-based), may use {title_field}
    row_title_field: str | None = None    # column whose value names the row
    page_per_row: bool = False            # each row edited on its own wizard page
    fixed_rows: tuple[str, ...] = ()      # fixed row headings (e.g. years); rows cannot be added
    rules: tuple[Rule, ...] = ()          # checked once per row, scope = the row
    help: str = ""

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.columns


Item = Union[Field, Group, Table]


@dataclass(frozen=True)
class Lookup:
    """Fill several fields of a section from a picked record of a data source (e.g. the 需求目录).

    ``fills`` maps field id → the source record's attribute; the program offers
    a searchable picker, and typing the values by hand still works.
    """

    source: str                     # "catalogue"
    label: str                      # button text, e.g. 从需求目录选择…
    fills: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Section:
    """A wizard page and a document chapter.  ``scope`` nests its data (e.g. "profile")."""

    id: str
    title: str
    items: tuple[Item, ...]
    scope: str | None = None
    help: str = ""
    printed: bool = True
    lookup: Lookup | None = None
    # printed documents: other sections (by id) printed inside this section's chapter, first, each
    # under its own title as a sub-heading (the shared profile inside 一、企业基本情况) ...
    subsections: tuple[str, ...] = ()
    # ... and then this section's own items under this sub-heading
    items_title: str = ""


@dataclass(frozen=True)
class Signature:
    """How the printed form ends: signature lines, date line and the empty seal area."""

    lines: tuple[str, ...] = ("单位负责人（签字）",)
    seal_caption: str = "企业（盖章）"
    statement: str = ""          # e.g. the 承诺书 text printed above the lines


@dataclass(frozen=True)
class Form:
    id: str
    edition: str
    title: str                   # 大企业技术创新需求表
    attachment_no: str           # 附件1
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...] = ()  # form-wide rules, scope = root
    signature: Signature = field(default_factory=Signature)
    campaign: str = ""
    sign_date_field: str = ""    # field id printed as the signature date
    subtitle_fields: tuple[str, ...] = ()  # paths printed under the title
    # values the sample generator must use: path (``needs[].kind`` every row, ``needs[0].title`` one) → raw
    # value or SampleHint
    samples: tuple[tuple[str, object], ...] = ()
    # a document with a cover page lists these on it: a path, or (path, printed label) where the cover
    # names a value differently, e.g. ("profile.name", "申报单位（盖章）"); a date last is printed at the foot
    cover_fields: tuple[Union[str, tuple[str, str]], ...] = ()
    table_of_contents: bool = False     # a long document gets a contents page after the cover
    # top-level fields typed once for all drafts of the same enterprise that name the same
    # value of the first one (e.g. a 附件2 and a 附件3 answering the same need)
    shared_fields: tuple[str, ...] = ()

    def __hash__(self) -> int:
        # forms key caches (record_items): the generated hash would walk every section and field on each call
        return hash((self.id, self.edition))

    @property
    def document_name(self) -> str:
        return f"{self.attachment_no}_{self.title}"

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)
