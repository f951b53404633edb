"""Names on the disc: one package path → its ISO 9660, Joliet and Rock Ridge names.

* ISO 9660 interchange level 1 (8.3, ``A–Z 0–9 _``): only DOS-era readers use
  it, but it must exist and be unique per directory.
* Joliet (what Windows shows): at most 64 UTF-16 units per name (Joliet
  specification, 1995); Windows-forbidden ``\\ / : * ? " < > |`` (and ``;``,
  the ISO version separator) become their full-width forms, which read the
  same to a Chinese user; names unique without regard to case.
* Rock Ridge (what Linux shows): the same safe name, at most 255 UTF-8 bytes.

The plan depends only on the sorted set of paths, so the verifier can compute
it again from a manifest and find each listed file under its disc name even
when the name had to be shortened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

JOLIET_MAX_UNITS = 64
JOLIET_VOLUME_MAX_UNITS = 16
RR_MAX_BYTES = 255
ISO_MAX_DEPTH = 7  # Ecma-119 6.8.2.1: eight levels including the root

_WINDOWS_FORBIDDEN = str.maketrans({
    "\\": "＼", "/": "／", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜", ">": "＞", "|": "｜", ";": "；",
})
# Names Windows maps to devices, whatever the extension.
RESERVED_STEMS = frozenset({"CON", "PRN", "AUX", "NUL"} | {f"{p}{i}" for p in ("COM", "LPT") for i in range(10)})
_NOT_D_CHAR = re.compile(r"[^A-Z0-9_]")
_BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)")
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团")


@dataclass(frozen=True)
class DiscName:
    """Absolute paths of one file or directory in each namespace of the image."""

    iso_path: str
    joliet_path: str
    rr_path: str

    @property
    def rr_name(self) -> str:
        return self.rr_path.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class NamePlan:
    dirs: dict[str, DiscName]   # package-relative directory → names, parents first
    files: dict[str, DiscName]  # package-relative file path → names

    def renamed(self) -> list[tuple[str, str]]:
        """(package path, Joliet path) for every file Windows will show under another name."""
        return [(path, name.joliet_path) for path, name in self.files.items() if "/" + path != name.joliet_path]


def plan_names(relpaths: Iterable[str]) -> NamePlan:
    """Names for every file (``a/b.pdf`` style paths) and every directory above them."""
    paths = sorted(set(relpaths))
    children: dict[str, list[tuple[str, bool]]] = {"": []}
    for path in paths:
        parts = path.split("/")
        for depth in range(1, len(parts)):
            parent, child = "/".join(parts[: depth - 1]), "/".join(parts[:depth])
            if child not in children:
                children[child] = []
                children[parent].append((parts[depth - 1], True))
        children["/".join(parts[:-1])].append((parts[-1], False))
    dirs: dict[str, DiscName] = {"": DiscName("", "", "")}
    files: dict[str, DiscName] = {}
    for directory in sorted(children, key=lambda d: (d.count("/") if d else -1, d)):
        parent = dirs[directory]
        for name, is_dir in _named_children(children[directory], parent):
            key = f"{directory}/{name[0]}" if directory else name[0]
            (dirs if is_dir else files)[key] = name[1]
    del dirs[""]
    return NamePlan(dirs, files)


def _named_children(entries: list[tuple[str, bool]], parent: DiscName) -> list[tuple[tuple[str, DiscName], bool]]:
    originals = sorted(entries)
    used_iso: set[str] = set()
    isos = [_unique(_iso_candidates(name, is_dir), used_iso, str.upper) for name, is_dir in originals]
    joliets = _assign([n for n, _ in originals], JOLIET_MAX_UNITS, _utf16_units, str.casefold)
    rrs = _assign([n for n, _ in originals], RR_MAX_BYTES, _utf8_bytes, str)
    out = []
    for (original, is_dir), iso, joliet, rr in zip(originals, isos, joliets, rrs):
        name = DiscName(f"{parent.iso_path}/{iso}" + ("" if is_dir else ";1"),
                        f"{parent.joliet_path}/{joliet}", f"{parent.rr_path}/{rr}")
        out.append(((original, name), is_dir))
    return out


def _assign(originals: list[str], limit: int, measure, fold) -> list[str]:
    """Names that can stay as they are keep them first, so a shortened name never takes another file's own name.

    (The verifier looks a listed path up under its own name before its planned one.)
    """
    used: set[str] = set()
    kept: dict[int, str] = {}
    for index, original in enumerate(originals):
        if windows_safe(original) == original and measure(original) <= limit and fold(original) not in used:
            used.add(fold(original))
            kept[index] = original
    return [kept[i] if i in kept else _unique(_shortened(windows_safe(o), limit, measure), used, fold)
            for i, o in enumerate(originals)]


def _unique(candidates: Iterable[str], used: set[str], fold) -> str:
    for candidate in candidates:
        if fold(candidate) not in used:
            used.add(fold(candidate))
            return candidate
    raise AssertionError("candidate generators never run dry")


def windows_safe(name: str) -> str:
    """A name Windows can create: no forbidden or control characters, no trailing dot/space."""
    safe = "".join("_" if ord(c) < 0x20 or ord(c) == 0x7F else c for c in name.translate(_WINDOWS_FORBIDDEN))
    if safe.endswith((".", " ")):
        safe = safe[:-1] + "_"
    if safe.split(".", 1)[0].upper().rstrip() in RESERVED_STEMS:
        safe = "_" + safe
    return safe or "_"


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


def _utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def _split_ext(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and 0 < len(ext) <= 16:
        return stem, "." + ext
    return name, ""


def _shortened(name: str, limit: int, measure) -> Iterable[str]:
    """The name itself if it fits, then ``stem~N.ext`` variants that fit."""
    if measure(name) <= limit:
        yield name
    stem, ext = _split_ext(name)
    for number in range(1, 1_000_000):
        tail = f"~{number}{ext}"
        yield _cut(stem, limit - measure(tail), measure) + tail


def _cut(text: str, budget: int, measure) -> str:
    """The longest prefix of ``text`` within ``budget`` (never splits a character)."""
    out = ""
    for char in text:
        if measure(out + char) > budget:
            break
        out += char
    return out


def _iso_candidates(name: str, is_dir: bool) -> Iterable[str]:
    stem, ext = _split_ext(name) if not is_dir else (name, "")
    stem = _NOT_D_CHAR.sub("", stem.upper())[:8] or ("D" if is_dir else "F")
    ext = _NOT_D_CHAR.sub("", ext.upper())[:3]
    suffix = "" if is_dir else f".{ext}"
    yield stem + suffix
    for number in range(1, 100_000_000):
        tag = f"_{number}"
        yield stem[: 8 - len(tag)] + tag + suffix


def joliet_volume_label(text: str) -> str:
    """At most 16 UTF-16 units, Windows-safe (Windows shows it beside the drive letter).

    A long enterprise name first loses bracketed notes, then its legal-form
    suffix (股份有限公司 …), before it is cut: 「厦门某某新材料科技」 reads
    better on a drive than a name cut inside 「有限公」.
    """
    label = windows_safe(text.strip()) if text.strip() else ""
    plain = _BRACKETED.sub("", label)
    candidates = [label, plain] + [plain[: -len(form)] for form in _LEGAL_FORMS if plain.endswith(form)]
    for candidate in candidates:
        if candidate and _utf16_units(candidate) <= JOLIET_VOLUME_MAX_UNITS:
            return candidate
    return _cut(plain or label, JOLIET_VOLUME_MAX_UNITS, _utf16_units)


def primary_volume_id(form_id: str, uscc: str) -> str:
    """``XS2023A1_91350203MA2Y8K3C79``: ASCII d-characters, at most 32."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", form_id) if p][:2]
    tag = _NOT_D_CHAR.sub("", "".join(parts).upper())[:8]
    code = _NOT_D_CHAR.sub("", uscc.upper())[:18]
    return (f"XS{tag}_{code}" if code else f"XS{tag}")[:32]
