"""The registry of field kinds (one lookup table, as pyxform's question types).

Each kind says how a raw value (what the user typed, as stored in a draft) is
converted, checked, written to the submission JSON and printed.  Adding a kind
means adding an entry here (and a widget factory in ``desktop/ui``), never
touching the engine.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from desktop.rules import credit_code, formats

from .model import ERROR, WARNING, Field


class FieldError(ValueError):
    """A raw value that cannot be converted; ``code`` is stable, the message is Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


Finding = tuple[str, str, str]  # (level, code, message)


def _no_checks(field: Field, value: Any, scope: dict, root: dict) -> list[Finding]:
    return []


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Kind:
    name: str
    empty: Callable[[], Any]
    parse: Callable[[Field, Any], Any]
    display: Callable[[Field, Any], str]
    checks: Callable[[Field, Any, dict, dict], list[Finding]] = _no_checks
    to_json: Callable[[Any], Any] = _same
    to_raw: Callable[[Any], Any] = _same   # submission JSON value → raw draft value
    verb: str = "填写"                      # 请填写… / 请选择…
    # Traits the faces ask about instead of naming kinds (the UI, the CLI, the packer):
    computed: bool = False    # worked out by the engine, never typed, pasted or stored
    attachment: bool = False  # a file put into the attachment store, chosen by a dialog
    multiline: bool = False   # long text: edited in a box of several lines (in a table: beside it)
    number: bool = False      # right-aligned in tables, like figures on paper
    title_like: bool = False  # a short text that can name a table row (attachments are named by it)
    prose: bool = False       # words the user wrote (a line or a box): what a photo's caption is made of
    calendar_day: bool = False  # a day of the calendar: a cover's last date line is printed at its foot
    short_raw: bool = False   # typed as a few digits (numbers, dates): a long raw value is not ours
    several: bool = False     # several choices, kept as a list
    amount: bool = False      # money: two decimals, thousands separators, a number cell in a spreadsheet
    align: str = "left"        # printed documents: numbers are right-aligned

    @property
    def checks_values(self) -> bool:
        """Has checks beyond converting (length, format, credit code) that run on a converted value."""
        return self.checks is not _no_checks

    @property
    def typed(self) -> bool:
        """Typed or pasted into a field or cell (not computed, not a file)."""
        return not (self.computed or self.attachment)

    @property
    def figure(self) -> bool:
        """A typed figure (an integer or an amount): what statistics add up."""
        return self.number and self.typed


def is_empty(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):  # as clean_text(raw) == "": NFC neither makes nor unmakes white space (tests/engine)
        return not raw.strip()
    if isinstance(raw, (list, tuple, dict)):
        return len(raw) == 0
    return False


def _as_text(raw: Any, field: Field) -> str:
    if isinstance(raw, str):
        # every value of every form passes here: a printable text (most) holds no control character or
        # surrogate, and str.isprintable is quicker than the search
        if not raw.isprintable() and formats.find_forbidden(raw) is not None:
            raise FieldError("text.forbidden_char", f"{field.label}：{formats.forbidden_character(raw)}")
        return raw
    if isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > 133:
        raise FieldError("number.too_long", f"{field.label}：数字超过 40 位，请核对")
    if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool):
        return str(raw)
    raise FieldError("type.text", f"{field.label}应为文字")


def _parse_line(field: Field, raw: Any) -> str:
    """One line: line breaks pasted into it become spaces."""
    text = formats.clean_text(_as_text(raw, field))
    return " ".join(text.splitlines()) if not text.isprintable() else text


def _parse_lines(field: Field, raw: Any) -> str:
    return formats.clean_text(_as_text(raw, field)).replace("\r\n", "\n")


def _check_length(field: Field, value: str, scope: dict, root: dict) -> list[Finding]:
    if field.max_len is None:
        return []
    count = len(value)   # a cleaned text is NFC already (clean_text): formats.char_count without normalising again
    if count > field.max_len:
        return [(ERROR, "text.too_long",
                 f"{field.label}最多 {field.max_len} 个字，现有 {count} 个字，请删减 {count - field.max_len} 个字")]
    return []


def _wrap(parser: Callable[[str], Any], code: str) -> Callable[[Field, Any], Any]:
    def parse(field: Field, raw: Any) -> Any:
        try:
            return parser(formats.clean_text(_as_text(raw, field)))
        except ValueError as exc:
            raise FieldError(code, f"{field.label}：{exc}") from None
    return parse


def _format_check(checker: Callable[[str], str | None], code: str):
    def checks(field: Field, value: str, scope: dict, root: dict) -> list[Finding]:
        message = checker(value)
        return [(ERROR, code, f"{field.label}：{message}")] if message else []
    return checks


def _parse_choice(field: Field, raw: Any) -> str:
    value = formats.clean_text(_as_text(raw, field))
    if value not in field.choices:
        raise FieldError("choice.invalid", f"{field.label}只能从列表中选择，“{value}”不在其中")
    return value


def _parse_multi(field: Field, raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = [part for part in raw.replace("，", ",").replace("、", ",").split(",") if part.strip()]
    if not isinstance(raw, (list, tuple)):
        raise FieldError("type.multi", f"{field.label}应为多选项列表")
    picked = {formats.clean_text(str(item)) for item in raw}
    unknown = sorted(picked - set(field.choices))
    if unknown:
        raise FieldError("choice.invalid", f"{field.label}只能从列表中选择，“{'、'.join(unknown)}”不在其中")
    return [choice for choice in field.choices if choice in picked]


def _parse_bool(field: Field, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = formats.clean_text(str(raw)).lower()
    if text in ("是", "true", "1", "yes"):
        return True
    if text in ("否", "false", "0", "no"):
        return False
    raise FieldError("type.bool", f"{field.label}应为“是”或“否”")


def _parse_uscc(field: Field, raw: Any) -> str:
    return credit_code.normalize(_as_text(raw, field))


def _check_uscc(field: Field, value: str, scope: dict, root: dict) -> list[Finding]:
    province_field = field.option("province_field")
    province = scope.get(province_field) if province_field else None
    result = credit_code.check(value, province if isinstance(province, str) else None)
    found = [(ERROR, f.code, f"{field.label}：{f.message}") for f in result.errors]
    found += [(WARNING, f.code, f"{field.label}：{f.message}") for f in result.warnings]
    return found


def _parse_file(field: Field, raw: Any) -> dict:
    if not isinstance(raw, dict) or not raw.get("sha256") or not raw.get("name"):
        raise FieldError("file.invalid", f"{field.label}：附件记录不完整，请重新添加文件")
    return dict(raw)


def _display_file(field: Field, value: dict) -> str:
    size = int(value.get("size", 0))
    pages = value.get("pages")
    extent = f"{pages} 页" if pages else f"{size / 1024 / 1024:.2f} MB" if size >= 1 << 20 else f"{max(1, size // 1024)} KB"
    return f"{value.get('name', '')}（{extent}）"


def _money_json(value: Decimal) -> str:
    return f"{value:.2f}"


def _date_json(value: dt.date) -> str:
    return value.isoformat()


def _text_kind(name: str, checks=_check_length, **traits: bool) -> Kind:
    return Kind(name, str, _parse_lines if traits.get("multiline") else _parse_line, lambda f, v: v, checks, **traits)


KINDS: dict[str, Kind] = {
    "text": _text_kind("text", title_like=True, prose=True),
    "memo": _text_kind("memo", multiline=True, prose=True),
    "int": Kind("int", str, _wrap(formats.parse_int, "int.invalid"), lambda f, v: str(v), to_raw=str, number=True, short_raw=True, align="right"),
    "money": Kind("money", str, _wrap(formats.parse_money, "money.invalid"),
                  lambda f, v: formats.format_money(v), to_json=_money_json, to_raw=str, number=True, short_raw=True, align="right",
                  amount=True),
    "date": Kind("date", str, _wrap(formats.parse_date, "date.invalid"),
                 lambda f, v: formats.format_date_cn(v), to_json=_date_json, to_raw=str, short_raw=True, calendar_day=True),
    "choice": Kind("choice", str, _parse_choice, lambda f, v: v, verb="选择"),
    "multi": Kind("multi", list, _parse_multi, lambda f, v: "、".join(v), to_raw=list, verb="选择", several=True),
    "bool": Kind("bool", lambda: None, _parse_bool, lambda f, v: "是" if v else "否", verb="选择"),
    "uscc": Kind("uscc", str, _parse_uscc, lambda f, v: v, _check_uscc),
    "mobile": _text_kind("mobile", _format_check(formats.check_mobile, "mobile.invalid")),
    "phone": _text_kind("phone", _format_check(formats.check_phone, "phone.invalid")),
    "email": _text_kind("email", _format_check(formats.check_email, "email.invalid")),
    "postcode": _text_kind("postcode", _format_check(formats.check_postcode, "postcode.invalid")),
    "file": Kind("file", lambda: None, _parse_file, _display_file, verb="添加", attachment=True),
    # calc values are computed by the engine, never typed: parse is the identity
    "calc": Kind("calc", lambda: None, lambda f, v: v, lambda f, v: f.render(v) if f.render else str(v),
                 to_json=lambda v: _money_json(v) if isinstance(v, Decimal) else v, computed=True, number=True),
}


def kind_of(field: Field) -> Kind:
    try:
        return KINDS[field.kind]
    except KeyError:
        raise KeyError(f"unknown field kind {field.kind!r} in field {field.id!r}") from None
