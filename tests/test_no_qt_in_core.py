"""Everything under desktop/ except desktop/ui/ imports without PySide6 (the core runs headless)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"

PROBE = r"""
import importlib, importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith(("PySide6.", "shiboken6")):
            raise ImportError(f"core module imported {name}")
        return None

sys.meta_path.insert(0, NoQt())
failed = []
for module in sys.argv[1:]:
    try:
        importlib.import_module(module)
    except ImportError as error:
        failed.append(f"{module}: {error}")
print("\n".join(failed))
sys.exit(1 if failed else 0)
"""


def core_modules() -> list[str]:
    modules = []
    for path in sorted(DESKTOP.rglob("*.py")):
        parts = path.relative_to(DESKTOP.parent).with_suffix("").parts
        if parts[1:2] == ("ui",) or "migrations" in parts:
            continue  # migrations are loaded by Alembic from files, not imported as modules
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_core_modules_import_without_pyside6():
    modules = core_modules()
    assert "desktop.engine.validate" in modules and not any(m.startswith("desktop.ui") for m in modules)
    result = subprocess.run([sys.executable, "-c", PROBE, *modules], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_probe_catches_a_qt_import():
    result = subprocess.run([sys.executable, "-c", PROBE, "desktop.ui.tasks"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "desktop.ui.tasks: core module imported" in result.stdout
