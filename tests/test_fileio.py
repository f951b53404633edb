"""Atomic writes: the old content stays whole when writing the new one fails."""

from pathlib import Path

import pytest

from desktop.fileio import replace_atomically, write_atomically


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = write_atomically(tmp_path / "a" / "settings.json", b"new")
    assert target.read_bytes() == b"new" and [p.name for p in target.parent.iterdir()] == ["settings.json"]


def test_a_failing_writer_keeps_the_old_file_and_cleans_up(tmp_path):
    target = tmp_path / "catalogue.json"
    target.write_bytes(b"old")

    def broken(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        replace_atomically(target, broken)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["catalogue.json"]
