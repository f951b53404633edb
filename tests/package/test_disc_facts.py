"""What the burn window shows about an image: labels from the volume descriptors, the manifest's who and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.package.disc_facts import DiscFactsError, image_facts, volume_labels
from desktop.package.disc_names import joliet_volume_label

from .sample_package import read_manifest


def test_an_image_is_described_from_its_descriptors_and_manifest(package: Path, package_iso: Path):
    manifest = read_manifest(package)
    facts = image_facts(package_iso)
    assert facts.volume_id == f"XS2023A1_{manifest['submitter']['uscc']}"
    assert facts.joliet_label == joliet_volume_label(manifest["submitter"]["name"])
    assert facts.binding_code == manifest["binding_code"] and facts.form_id == "2023-a1-needs"
    assert facts.submitter_name == manifest["submitter"]["name"] and facts.edition == "2023"
    assert facts.size == package_iso.stat().st_size and facts.file_count == len(manifest["files"]) + 1


def test_labels_are_read_from_the_raw_descriptors(package_iso: Path):
    primary, joliet = volume_labels(package_iso)
    assert primary.startswith("XS2023A1_") and joliet and joliet != primary


def test_a_file_that_is_no_image_gets_a_reason(tmp_path: Path):
    missing = tmp_path / "gone.iso"
    with pytest.raises(DiscFactsError, match="找不到光盘映像"):
        image_facts(missing)
    text = tmp_path / "notes.iso"
    text.write_bytes(b"plain text " * 2000)
    with pytest.raises(DiscFactsError, match="notes.iso"):
        image_facts(text)
