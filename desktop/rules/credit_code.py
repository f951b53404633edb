"""统一社会信用代码 checks (GB 32100-2015, docs/rules.md §2).

Errors block export (length, characters, check character); warnings only inform
(组织机构代码 part, region code, region vs. chosen province), because a company
may register in one place and submit in another.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from desktop.rules.regions import PROVINCES, REGION_PREFIX, province_for_region, same_place

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
LENGTH = 18
# w_i = 3^(i-1) mod 31 for i = 1..17 (GB 32100-2015 §5).
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# GB 11714 weights over the eight body characters of the 组织机构代码.
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_STRIP = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


@dataclass(frozen=True)
class CreditCodeResult:
    input: str
    normalized: str
    valid: bool
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    province: str | None

    def to_json(self) -> dict:
        return {
            "input": self.input,
            "normalized": self.normalized,
            "valid": self.valid,
            "errors": [f.message for f in self.errors],
            "warnings": [f.message for f in self.warnings],
            "province": self.province,
        }


def normalize(raw: str) -> str:
    """Full-width → ASCII (NFKC), drop whitespace (incl. U+3000) and hyphens, upper-case."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", raw)).upper()


def check_character(first17: str) -> str:
    """The 18th character for the given first 17 characters."""
    if len(first17) != 17:
        raise ValueError(f"计算校验位需要前 17 位，现为 {len(first17)} 位")
    bad = [c for c in first17 if c not in ALPHABET]
    if bad:
        raise ValueError(f"字符“{bad[0]}”不属于统一社会信用代码字符集")
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, _WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_check(code8: str) -> str:
    """GB 11714 check character (a digit or 'X') for the eight-character body."""
    if len(code8) != 8 or not all(c.isascii() and c.isalnum() for c in code8):
        raise ValueError(f"组织机构代码本体应为 8 位数字或字母，现为“{code8}”")
    total = sum(int(c, 36) * w for c, w in zip(code8.upper(), _ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def make_code(first17: str) -> str:
    return first17 + check_character(first17)


def check(raw: str, province: str | None = None) -> CreditCodeResult:
    code = normalize(raw)
    errors = _shape_errors(code)
    warnings: list[Finding] = []
    place = None
    if not errors:
        errors = _check_char_errors(code)
        warnings += _org_code_warnings(code)
        place = province_for_region(code[2:8])
        warnings += _region_warnings(code[2:8], place, province)
    return CreditCodeResult(
        input=raw,
        normalized=code,
        valid=not errors,
        errors=tuple(errors),
        warnings=tuple(warnings),
        province=place,
    )


def _shape_errors(code: str) -> list[Finding]:
    errors = []
    if len(code) != LENGTH:
        errors.append(Finding(
            "uscc.length", f"统一社会信用代码应为 18 位，现为 {len(code)} 位，请核对营业执照"))
    for pos, c in enumerate(code, start=1):
        if c not in ALPHABET:
            errors.append(Finding("uscc.charset", _charset_message(pos, c)))
    return errors


def _charset_message(pos: int, c: str) -> str:
    # The usual slips: letter O typed for digit 0, letter I for digit 1.
    hint = {"O": "（可能应为数字 0）", "I": "（可能应为数字 1）"}.get(c, "")
    return (f"第 {pos} 位字符“{c}”无效{hint}：统一社会信用代码只由数字和大写字母组成，"
            "且不使用字母 I、O、S、V、Z，请核对营业执照")


def _check_char_errors(code: str) -> list[Finding]:
    expected = check_character(code[:17])
    if code[17] == expected:
        return []
    return [Finding(
        "uscc.check",
        f"第 18 位校验位应为 {expected}，现为 {code[17]}，请核对营业执照（可能有字符录入错误）")]


def _org_code_warnings(code: str) -> list[Finding]:
    expected = org_code_check(code[8:16])
    if code[16] == expected:
        return []
    return [Finding(
        "uscc.org_code",
        f"第 9–17 位组织机构代码的校验位应为 {expected}，现为 {code[16]}；"
        "部分早期代码存在此情况，如与营业执照一致可忽略")]


def _region_warnings(region: str, place: str | None, chosen: str | None) -> list[Finding]:
    if place is None:
        return [Finding(
            "uscc.region",
            f"第 3–8 位行政区划代码“{region}”不对应已知的省级地区，无法推断所在地，请核对")]
    if chosen and not same_place(place, chosen):
        return [Finding(
            "uscc.province_mismatch",
            f"代码显示登记地在{place}，与所选的“{chosen}”不同；"
            f"如确在{chosen}报送可忽略，否则请修改所在省级地区")]
    return []


def random_code(rng: random.Random, province: str | None = None) -> str:
    """A valid made-up code for samples: "91" + a region of the province + 组织机构代码 + check."""
    place = province or rng.choice(PROVINCES)
    if place not in REGION_PREFIX:
        raise ValueError(f"未知的省级地区“{place}”")
    prefix = REGION_PREFIX[place]
    # "01" as the city part keeps a province's code clear of its 计划单列市/兵团 prefixes.
    region = prefix + ("01" if len(prefix) == 2 else "") + f"{rng.randint(0, 99):02d}"
    body = "".join(rng.choice(ALPHABET) for _ in range(8))
    return make_code("91" + region + body + org_code_check(body))
