"""Fixtures: a valid package folder built by hand, and its ISO image."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.package.iso import build_iso

from .sample_package import write_package


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return write_package(tmp_path / "package")


@pytest.fixture
def package_iso(package: Path, tmp_path: Path) -> Path:
    iso = tmp_path / "package.iso"
    build_iso(package, iso)
    return iso
