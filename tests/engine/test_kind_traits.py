"""Facts about field kinds are traits of the kind: the faces ask the trait, never the kind's name."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.engine.kinds import KINDS
from desktop.sample_hints import MAKERS

ROOT = Path(__file__).resolve().parents[2] / "desktop"
# The registries: the kinds themselves, the UI's table of editors and delegates, the sample side's table of makers.
REGISTRIES = {"engine/kinds.py", "ui/widgets.py", "ui/table_cells.py", "ui/editors_text.py", "sample_hints.py"}
NAMING = re.compile(r"\.kind\s*(==|!=|in|not in)\s*[\"'(]")


def test_traits_of_the_kinds():
    assert [name for name, kind in KINDS.items() if kind.computed] == ["calc"]
    assert [name for name, kind in KINDS.items() if kind.attachment] == ["file"]
    assert [name for name, kind in KINDS.items() if kind.multiline] == ["memo"]
    assert sorted(name for name, kind in KINDS.items() if kind.number) == ["calc", "int", "money"]
    assert [name for name, kind in KINDS.items() if not kind.typed] == ["file", "calc"]
    assert [name for name, kind in KINDS.items() if kind.prose] == ["text", "memo"]
    assert [name for name, kind in KINDS.items() if kind.calendar_day] == ["date"]


def test_every_typed_kind_has_a_sample_maker():
    assert sorted(MAKERS) == sorted(name for name, kind in KINDS.items() if kind.typed)


def test_no_module_outside_the_registries_names_a_field_kind():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative in REGISTRIES:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if NAMING.search(line) and re.search(r"(\b(field|column|item|c|f)|\bcolumns\[.+\])\.kind\b", line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
