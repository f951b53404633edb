"""JSON from an untrusted disc, read with limits checked before parsing.

Python's ``json`` recurses once per nesting level and raises RecursionError
around level 1000 (or exhausts the C stack on some builds), so nesting depth
is measured on the raw bytes first: strings are blanked out, the remaining
brackets are kept, and innermost ``[]``/``{}`` pairs are peeled one level per
pass — each pass is a C-speed regex, and at most ``max_depth + 1`` passes run.
Size is capped before any of that.  Duplicate keys are refused because two
readers may keep different copies of the value (one sees the first
``binding_code``, another the last).
"""

from __future__ import annotations

import json
import re
from typing import Any

MB = 1024 * 1024
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_ITEMS = 1_000_000   # values in arrays and objects: a 20 MB file of "[]," would make ten million lists

_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_INNER_PAIR = re.compile(rb"\[\]|\{\}")
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
MAX_NUMBER_DIGITS = 400  # far beyond any value; Python refuses integers over 4,300 digits, and converts long ones slowly
_LONG_NUMBER = re.compile(rb"(?<![0-9])[0-9]{%d}" % (MAX_NUMBER_DIGITS + 1))  # each run tried once, from its start


class JsonRefused(ValueError):
    """Why the bytes were not accepted, in Chinese, without the file name."""


def nesting_depth_exceeds(raw: bytes, max_depth: int) -> bool:
    """True when arrays/objects nest deeper than ``max_depth`` (strings ignored)."""
    return _depth_exceeds(_outside_strings(raw).translate(None, _NOT_BRACKET), max_depth)


def _outside_strings(raw: bytes) -> bytes:
    """The bytes between the strings (what nesting, item count and numbers are measured on), in C speed.

    Escaped backslashes go first, then escaped quotes, so every quote left opens or closes a string, as a
    JSON reader tokenises it.  Where the text is not JSON the reader stops at the first wrong byte, before
    anything this could have mismeasured.
    """
    if b"\\" in raw:   # one byte is found at memory speed; most files have no escape at all
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")   # in this order
    return b"".join(raw.split(b'"')[::2])


def _depth_exceeds(brackets: bytes, max_depth: int) -> bool:
    for _ in range(max_depth):
        peeled = _INNER_PAIR.sub(b"", brackets)
        if peeled == brackets:
            return False  # nothing left to peel (or unbalanced: json.loads will say so)
        brackets = peeled
    return bool(_INNER_PAIR.search(brackets))


def loads_limited(raw: bytes, *, max_bytes: int, max_depth: int = DEFAULT_MAX_DEPTH,
                  max_items: int = DEFAULT_MAX_ITEMS) -> Any:
    """Parse UTF-8 JSON bytes, or raise :class:`JsonRefused` saying what is wrong."""
    if len(raw) > max_bytes:
        raise JsonRefused(f"文件过大（{len(raw) / MB:.1f} MB，上限 {max_bytes // MB} MB）")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a BOM added by Windows Notepad does not change the content
    text = _decode_utf8(raw)
    outside_strings = _outside_strings(raw)
    if outside_strings.count(b",") + outside_strings.count(b":") > max_items:
        raise JsonRefused(f"JSON 中的数值超过 {max_items} 个，不是本程序生成的文件")
    if _LONG_NUMBER.search(outside_strings):
        raise JsonRefused(f"JSON 中有超过 {MAX_NUMBER_DIGITS} 位的数字，不是本程序生成的文件")
    if _depth_exceeds(outside_strings.translate(None, _NOT_BRACKET), max_depth):
        raise JsonRefused(f"JSON 嵌套超过 {max_depth} 层，不是本程序生成的文件")
    value = _parse(text)
    if b"\\" in raw and _ESCAPED_SURROGATE.search(raw):
        _refuse_lone_surrogates(value)
    return value


def _decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonRefused(f"不是 UTF-8 编码的文本（第 {exc.start + 1} 字节起无法解码）") from None


def _parse(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constants)
    except JsonRefused:
        raise
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列附近格式不对）") from None
    except RecursionError:
        raise JsonRefused("JSON 嵌套过深，不是本程序生成的文件") from None
    except ValueError:  # e.g. an integer with more digits than Python converts
        raise JsonRefused("JSON 中有位数过多、无法读取的数值") from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonRefused(f"键 {printable(key)!s} 重复出现，无法确定以哪一个为准")
            seen.add(key)
    return result


def _no_constants(name: str) -> Any:
    raise JsonRefused(f"JSON 中出现了非标准的数值 {name}")


def _refuse_lone_surrogates(value: Any) -> None:
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise JsonRefused("JSON 中有无效的 Unicode 字符（孤立的代理项 \\uD800–\\uDFFF）") from None


def printable(text: str, limit: int = 120) -> str:
    """A name or value from the disc made safe to show on one line.

    Control characters, lone surrogates (undecodable file-name bytes) and
    bidirectional overrides are shown as escapes so that a hostile name can
    neither break the line, the terminal nor the encoding of the report.
    """
    out = []
    for char in text:
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code in _BIDI:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    shown = "".join(out)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


_BIDI = frozenset([0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069])
