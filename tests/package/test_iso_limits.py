"""The raw-image limits: what an export and another burner write passes, UDF is hidden from pycdlib, lies are refused."""

from __future__ import annotations

import pycdlib
import pytest

from desktop.package import iso_limits
from desktop.package.iso_limits import DescriptorWindow, ImageTooLarge, check_raw_limits
from desktop.package.verify import COMPLETE, verify_paths

from .hostile_iso import PVD, SECTOR, _pack_both


def _udf_image(package, target):
    """The package burned as Windows' own burner or ImgBurn would: ISO 9660 + Joliet + Rock Ridge + a UDF bridge."""
    iso = pycdlib.PyCdlib()
    iso.new(joliet=3, rock_ridge="1.09", udf="2.60")
    folders = sorted({p.parent for p in package.rglob("*") if p.is_file()} - {package})
    for index, folder in enumerate(folders):
        rel = folder.relative_to(package).as_posix()
        iso.add_directory(f"/DIR{index}", rr_name=rel, joliet_path=f"/{rel}", udf_path=f"/{rel}")
    for index, path in enumerate(sorted(p for p in package.rglob("*") if p.is_file())):
        rel = path.relative_to(package).as_posix()
        parent = f"/DIR{folders.index(path.parent)}" if path.parent != package else ""
        iso.add_file(str(path), f"{parent}/F{index}.;1", rr_name=path.name, joliet_path=f"/{rel}", udf_path=f"/{rel}")
    iso.write(str(target))
    iso.close()
    return target


def test_an_image_with_a_udf_bridge_is_read_through_joliet_with_udf_hidden(package, tmp_path):
    image = _udf_image(package, tmp_path / "udf.iso")
    with open(image, "rb") as handle:
        blank = check_raw_limits(handle, image.stat().st_size)
        assert blank is not None  # the UDF descriptors after the terminator
        handle.seek(blank * SECTOR)
        assert handle.read(6)[1:6] in (b"BEA01", b"NSR02", b"NSR03")
        window = DescriptorWindow(handle, blank)
        window.seek(blank * SECTOR - 10)
        assert window.read(20)[10:] == bytes(10)
    (verdict,) = verify_paths([image])
    assert verdict.verdict == COMPLETE, verdict.problems


def test_our_own_image_needs_no_window(package_iso):
    with open(package_iso, "rb") as handle:
        assert check_raw_limits(handle, package_iso.stat().st_size) is None


@pytest.mark.parametrize("name, value, expected", [
    ("MAX_DIRECTORIES", 1, "目录超过 1 个"), ("MAX_RECORDS", 5, "目录记录超过 5 个"),
    ("MAX_TREE_BYTES", 2048, "目录共超过 2048 字节"), ("MAX_DIRECTORY_BYTES", 1024, "超过上限 1024"),
])
def test_each_tree_limit_refuses(package_iso, monkeypatch, name, value, expected):
    monkeypatch.setattr(iso_limits, name, value)
    with open(package_iso, "rb") as handle, pytest.raises(ImageTooLarge, match=expected):
        check_raw_limits(handle, package_iso.stat().st_size)


def test_a_huge_path_table_is_refused(package_iso, tmp_path):
    image = bytearray(package_iso.read_bytes())
    _pack_both(image, PVD * SECTOR + 132, 2 << 20)
    bad = tmp_path / "bad.iso"
    bad.write_bytes(bytes(image))
    (verdict,) = verify_paths([bad])
    assert "路径表" in verdict.problems[0]
