"""installer/icu_trim.py: which ICU data items stay, and the rebuilt archive and library are sound."""

from __future__ import annotations

import ctypes
import importlib.util
import shutil
import struct
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("icu_trim", ROOT / "installer" / "icu_trim.py")
icu_trim = importlib.util.module_from_spec(spec)
spec.loader.exec_module(icu_trim)


@pytest.mark.parametrize("name", [
    "icudt73l/root.res", "icudt73l/pool.res", "icudt73l/zh.res", "icudt73l/zh_Hans_CN.res", "icudt73l/en.res",
    "icudt73l/likelySubtags.res", "icudt73l/res_index.res", "icudt73l/cnvalias.icu", "icudt73l/gb18030.cnv",
    "icudt73l/windows-936-2000.cnv", "icudt73l/coll/zh.res", "icudt73l/coll/root.res", "icudt73l/coll/ucadata.icu",
    "icudt73l/zone/zh.res", "icudt73l/zoneinfo64.res", "icudt73l/metaZones.res", "icudt73l/nfkc.nrm"])
def test_kept(name):
    assert icu_trim.keep_item(name)


@pytest.mark.parametrize("name", [
    "icudt73l/de.res", "icudt73l/ja_JP.res", "icudt73l/ibm-943_P15A-2003.cnv", "icudt73l/euc-tw-2014.cnv",
    "icudt73l/coll/de.res", "icudt73l/zone/fr.res", "icudt73l/brkitr/cjdict.dict", "icudt73l/brkitr/zh.res",
    "icudt73l/translit/root.res", "icudt73l/curr/zh.res", "icudt73l/unit/root.res", "icudt73l/rbnf/zh.res"])
def test_left_out(name):
    assert not icu_trim.keep_item(name)


def _archive(items):
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + b"\0" * 8 + b"CmnD" + b"\0" * 16
    return icu_trim.write_archive(header, items)


def test_an_archive_reads_back_sorted_and_aligned():
    items = [("icudt73l/b.res", b"bbb"), ("icudt73l/a.res", b"a" * 17), ("icudt73l/coll/c.res", b"")]
    header, read = icu_trim.read_archive(_archive(items))
    assert read == [(name, data + b"\xaa" * (-len(data) % 16)) for name, data in sorted(items)]
    blob = _archive(items)
    count = struct.unpack_from("<I", blob, 32)[0]
    offsets = [struct.unpack_from("<II", blob, 32 + 4 + 8 * i)[1] for i in range(count)]
    assert all(offset % 16 == 0 for offset in offsets) and count == 3


def test_not_an_icu_archive_is_refused():
    with pytest.raises(ValueError):
        icu_trim.read_archive(b"\x20\x00" + b"\0" * 40)


def _qt_icu_data() -> Path | None:
    pyside = importlib.util.find_spec("PySide6")
    if pyside is None:
        return None
    found = sorted(Path(pyside.origin).parent.glob("Qt/lib/libicudata.so.*"))
    return next((p for p in found if not p.is_symlink()), None)


@pytest.mark.skipif(shutil.which("as") is None or shutil.which("ld") is None or shutil.which("readelf") is None,
                    reason="binutils (as, ld, readelf) are not installed")
def test_the_rebuilt_library_exports_the_trimmed_archive(tmp_path):
    source = _qt_icu_data()
    if source is None:
        pytest.skip("PySide6 without a separate ICU data library (not Linux)")
    symbol, offset, size = icu_trim.symbol_of(source)
    header, items = icu_trim.read_archive(source.read_bytes()[offset:offset + size])
    assert icu_trim.write_archive(header, items) == source.read_bytes()[offset:offset + size]  # exact round trip
    kept = [(name, data) for name, data in items if icu_trim.keep_item(name)]
    names = {name.split("/", 1)[1] for name, _ in kept}
    assert {"coll/zh.res", "coll/ucadata.icu", "gb18030.cnv", "zone/zh.res", "pool.res"} <= names
    assert not any(name.startswith(("brkitr/", "translit/")) for name in names)
    archive = icu_trim.write_archive(header, kept)
    target = tmp_path / source.name
    icu_trim.build_library(archive, symbol, source.name, target)
    assert icu_trim.symbol_of(target)[2] == len(archive)
    import subprocess
    sections = subprocess.run(["readelf", "-S", "-W", str(target)], capture_output=True, text=True, check=True).stdout
    assert ".symtab" not in sections  # stripped, as lintian wants shipped libraries
    library = ctypes.CDLL(str(target))
    address = ctypes.addressof(ctypes.c_char.in_dll(library, symbol))
    assert ctypes.string_at(address, len(archive)) == archive
    assert target.stat().st_size < size / 4
