"""The environment for programs the desktop program starts (xorriso, pdftoppm, isoburn, a PDF viewer).

A PyInstaller bundle on Linux starts with ``LD_LIBRARY_PATH`` pointing into
the bundle (the original value is kept in ``LD_LIBRARY_PATH_ORIG``), so that
its own copies of Qt, zlib … are found, and its Qt hook points
``QT_PLUGIN_PATH`` at the bundle's Qt 6 plugins. A system program started with
those values would load the bundle's libraries or plugins instead of its own
and may fail ("symbol lookup error"). Every child process of the program is
therefore started with :func:`child_env`, which gives back the environment
the user started the program with: the loader variables as they were, and no
variable that points into the bundle.

The dynamic loader reads ``LD_LIBRARY_PATH`` once, when a process starts, and
Qt reads ``QT_PLUGIN_PATH`` once, when the application object is made; after
that :func:`restore_host_environment` puts the user's environment back into
``os.environ`` (for the processes Qt itself starts, such as ``xdg-open``
behind "open the exported PDF") without changing what the program loads.
"""

from __future__ import annotations

import os
import sys
from typing import Mapping

# Variables the bundle's loader changes; "<name>_ORIG" holds the value before the change.
LOADER_VARIABLES = ("LD_LIBRARY_PATH", "LIBPATH")
# Variables that only mean something to the bundle itself.
BUNDLE_PREFIXES = ("_PYI_", "_MEIPASS")


def is_bundle() -> bool:
    """True when running from a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def child_env(base: Mapping[str, str] | None = None, bundled: bool | None = None) -> dict[str, str]:
    """A copy of ``base`` (``os.environ``) as the user had it before the bundle changed it.

    From a source checkout (``bundled`` false) the environment is the user's own
    and is handed on unchanged.
    """
    env = dict(os.environ if base is None else base)
    if not (is_bundle() if bundled is None else bundled):
        return env
    inside = str(getattr(sys, "_MEIPASS", "")) or None
    for name in LOADER_VARIABLES:
        original = env.pop(f"{name}_ORIG", None)
        value = original if original is not None else _without(env.get(name, ""), inside)
        if value:
            env[name] = value
        else:
            env.pop(name, None)
    for name in [n for n in env if n.startswith(BUNDLE_PREFIXES) or (inside and inside in env[n])]:
        del env[name]  # the bundle's own settings (QT_PLUGIN_PATH, QML2_IMPORT_PATH …)
    return env


def _without(search_path: str, folder: str | None) -> str:
    """``search_path`` less the entries inside ``folder`` (the bundle)."""
    if not folder:
        return search_path
    return os.pathsep.join(p for p in search_path.split(os.pathsep)
                           if p and p != folder and not p.startswith(folder.rstrip(os.sep) + os.sep))


def restore_host_environment() -> None:
    """In a bundle, once the Qt application exists: make ``os.environ`` the user's environment again."""
    if not is_bundle():
        return
    restored = child_env(bundled=True)
    for name in [n for n in os.environ if n not in restored]:
        del os.environ[name]
    os.environ.update(restored)
