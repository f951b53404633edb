"""Where verification's worker processes come from: a clean server process that imports the checking code once.

The workers are started from a server (``forkserver``; Windows and macOS:
``spawn``), never forked from a program that runs threads; the server imports
the checking code once, so each worker starts in milliseconds.  Starting the
server itself costs about a fifth of a second of imports, so ``xieshou verify``
starts it first thing when it is given a folder of many packages: the server
imports on one core while the program imports the same code on the other.

This module imports nothing of the checking code itself.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from pathlib import Path
from typing import Iterable

PROCESS_MIN_SOURCES = 32   # fewer packages check their data faster than worker processes start
# "__main__" is Python's own default, kept: where Python hands the start script's path to the server (3.11 does not)
# the server imports it once instead of every worker on its start
PRELOAD = ["__main__", "desktop.package.verify", "desktop.package.package_check", "desktop.documents.glyphs",
           "desktop.linking", "desktop.package.agreement"]


def context() -> multiprocessing.context.BaseContext:
    """The start method of the worker processes, its server running (it is started once per program)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        from multiprocessing import forkserver

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        forkserver.ensure_running()  # returns at once: the server imports while the program goes on
        return ctx
    return multiprocessing.get_context("spawn")


def start_early(paths: Iterable[Path]) -> None:
    """Start the server now when a path looks like a batch: a folder that is no package itself and holds at
    least ``PROCESS_MIN_SOURCES`` entries (only that many are counted).  A wrong guess costs an idle process;
    where workers are spawned (Windows) there is no server and nothing starts."""
    if any(_batch_folder(p) for p in paths):
        try:
            context()
        except (OSError, ValueError, RuntimeError):
            pass   # no processes here: verification finds that out again and checks on threads


def _batch_folder(path: Path) -> bool:
    try:
        if not path.is_dir() or (path / "manifest.json").exists():
            return False
        with os.scandir(path) as entries:
            return sum(1 for _ in itertools.islice(entries, PROCESS_MIN_SOURCES)) >= PROCESS_MIN_SOURCES
    except OSError:
        return False
