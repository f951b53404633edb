"""Replace the bundle's ICU data library (32 MB) by one holding only the data Qt can ask for.

PySide6's Qt Core links ICU (libicuuc/libicui18n/libicudata); the data library is one symbol,
``icudtNN_dat``, an ICU "common data" archive of ~3,900 items. The ICU functions the bundled Qt
imports (measured with ``objdump -T``, checked again by :func:`icu_functions_used`) are only:
converters (ucnv_*), collation (ucol_*), time-zone names (ucal_*) and case mapping (u_strTo*,
whose tables are compiled into libicuuc). So the archive keeps:

- every item that is not locale data (pool.res, res_index.res, likelySubtags, ucadata.icu,
  cnvalias.icu, normalisation and property files, ...);
- locale data only for root, zh* and en*, and only in the top level, coll/ and zone/;
- of the converter tables (.cnv) only the Chinese ones (GB18030, GBK, GB2312, Big5, HKSCS);

and leaves out the trees Qt never opens: break iterators, transliterators, number spell-out,
units, currencies, language and region names. The new archive is assembled into a shared library
with the same name, soname and symbol (binutils ``as`` and ``ld``).

``xieshou --bundle-check`` (installer/bundle_check.py, run by smoke.sh) proves that Chinese
collation, a GBK/GB18030 converter and a Chinese time-zone name still work from the bundle.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

USED_PREFIXES = ("ucnv_", "ucol_", "ucal_", "u_strTo", "UCNV_")  # what Qt may call (checked at build)
TREES_KEPT = {"", "coll", "zone"}
LOCALES_KEPT = {"root", "zh", "en"}
CONVERTERS_KEPT = {"gb18030", "windows-936-2000", "ibm-1383_P110-1999", "ibm-1386_P100-2001", "ibm-5478_P100-1995",
                   "ibm-950_P110-1999", "windows-950-2000", "ibm-1373_P100-2002", "ibm-1375_P100-2008",
                   "ibm-5471_P100-2006", "ibm-964_P110-1999", "cns-11643-1992"}
PAD = b"\xaa"
NOT_LOCALES = {"res_index.res", "pool.res"}  # every tree's list of locales and shared key pool
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")


def keep_item(name: str) -> bool:
    """Whether an archive item (``icudt73l/coll/zh.res``) stays."""
    parts = name.split("/")[1:]
    tree, base = ("/".join(parts[:-1]), parts[-1])
    if tree not in TREES_KEPT:
        return False
    if base.endswith(".cnv"):
        return base[:-4] in CONVERTERS_KEPT
    locale = None if base in NOT_LOCALES else _LOCALE.match(base)
    return locale is None or locale.group(1) in LOCALES_KEPT


def read_archive(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common-data archive into its header and (name, data) items."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data archive")
    count = struct.unpack_from("<I", blob, header_size)[0]
    toc = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _name, offset in toc[1:]] + [len(blob) - header_size]
    items = []
    for (name_offset, data_offset), end in zip(toc, ends):
        start = header_size + name_offset
        name = blob[start:blob.index(b"\0", start)].decode("ascii")
        items.append((name, blob[header_size + data_offset:header_size + end]))
    return blob[:header_size], items


def write_archive(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An archive of the given items (sorted by name, as ICU searches it), data aligned to 16 bytes and
    padded with 0xAA as ICU's own tool does."""
    items = sorted(items)
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    names_start = 4 + 8 * len(items)
    data_start = -(-(names_start + len(names)) // 16) * 16
    toc, data, name_offset = [], bytearray(), names_start
    for name, item in items:
        toc.append(struct.pack("<II", name_offset, data_start + len(data)))
        name_offset += len(name) + 1
        data += item + PAD * (-len(item) % 16)
    body = struct.pack("<I", len(items)) + b"".join(toc) + names
    return header + body + PAD * (data_start - len(body)) + bytes(data)


def symbol_of(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size in the ICU data library."""
    out = subprocess.run(["readelf", "-W", "--dyn-syms", "--sections", str(library)], check=True,
                         capture_output=True, text=True).stdout
    symbol = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\w+\s+\d+\s+(icudt\d+_dat)$", out, re.M)
    section = re.search(r"\]\s+\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", out)
    address, size, name = int(symbol.group(1), 16), int(symbol.group(2), 0), symbol.group(3)
    offset = address - int(section.group(1), 16) + int(section.group(2), 16)
    return name, offset, size


def icu_functions_used(bundle: Path, version: str) -> set[str]:
    """ICU functions (``name_73``) imported by any library of the bundle other than ICU itself."""
    used = set()
    for lib in bundle.rglob("*.so*"):
        if lib.is_symlink() or lib.name.startswith("libicu"):
            continue
        out = subprocess.run(["objdump", "-T", str(lib)], capture_output=True, text=True).stdout
        used |= set(re.findall(rf"\*UND\*\s+\S+\s+(?:\S+\s+)?(\w+)_{version}$", out, re.M))
    return used


def build_library(archive: bytes, symbol: str, soname: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dat, asm, obj = Path(tmp, "data.dat"), Path(tmp, "data.s"), Path(tmp, "data.o")
        dat.write_bytes(archive)
        asm.write_text(f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n'
                       f'.incbin "{dat}"\n.size {symbol}, . - {symbol}\n'
                       '.section .note.GNU-stack,"",@progbits\n')
        subprocess.run(["as", "-o", str(obj), str(asm)], check=True)
        subprocess.run(["ld", "-shared", "-s", "-soname", soname, "-z", "noexecstack", "-o", str(target), str(obj)],
                       check=True)


def trim(bundle: Path) -> None:
    libraries = [p for p in bundle.rglob("libicudata.so.*") if not p.is_symlink()]
    if not libraries:
        print("icu_trim: no ICU data library in the bundle")
        return
    version = libraries[0].name.rsplit(".", 1)[1]
    used = icu_functions_used(bundle, version)
    unexpected = {f for f in used if not f.startswith(USED_PREFIXES)}
    if not used:
        raise SystemExit("icu_trim: no library imports ICU functions: check the measurement")
    if unexpected:
        raise SystemExit(f"icu_trim: Qt now calls ICU functions whose data would be missing: {sorted(unexpected)}")
    for library in libraries:
        symbol, offset, size = symbol_of(library)
        header, items = read_archive(library.read_bytes()[offset:offset + size])
        kept = [(name, data) for name, data in items if keep_item(name)]
        archive = write_archive(header, kept)
        build_library(archive, symbol, library.name, library)
        print(f"icu_trim: {library.name}: {len(kept)} of {len(items)} items, {size / 1e6:.1f} MB → "
              f"{library.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    trim(Path(sys.argv[1]))
