"""Child processes get the user's environment, not the bundle's library path."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import childenv
from desktop.childenv import child_env

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"
BUNDLE_ENV = {"PATH": "/usr/bin:/bin", "HOME": "/home/clerk", "LD_LIBRARY_PATH": "/opt/xieshou/_internal:/opt/own",
              "LD_LIBRARY_PATH_ORIG": "/opt/own", "_PYI_APPLICATION_HOME_DIR": "/opt/xieshou/_internal",
              "_PYI_PARENT_PROCESS_LEVEL": "0", "QT_PLUGIN_PATH": "/opt/xieshou/_internal/PySide6/Qt/plugins",
              "QML2_IMPORT_PATH": "/opt/xieshou/_internal/PySide6/Qt/qml"}


def test_bundle_restores_the_original_library_path(monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/xieshou/_internal", raising=False)
    env = child_env(BUNDLE_ENV, bundled=True)
    assert env == {"PATH": "/usr/bin:/bin", "HOME": "/home/clerk", "LD_LIBRARY_PATH": "/opt/own"}


def test_bundle_without_an_original_path_drops_the_bundle_entries(monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/xieshou/_internal", raising=False)
    base = {k: v for k, v in BUNDLE_ENV.items() if k != "LD_LIBRARY_PATH_ORIG"}
    assert child_env(base, bundled=True)["LD_LIBRARY_PATH"] == "/opt/own"
    base["LD_LIBRARY_PATH"] = "/opt/xieshou/_internal:/opt/xieshou/_internal/PySide6"
    env = child_env(base, bundled=True)
    assert "LD_LIBRARY_PATH" not in env
    assert env["PATH"] == "/usr/bin:/bin"


def test_an_empty_original_path_means_none(monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/xieshou/_internal", raising=False)
    env = child_env(dict(BUNDLE_ENV, LD_LIBRARY_PATH_ORIG=""), bundled=True)
    assert "LD_LIBRARY_PATH" not in env


def test_source_checkout_hands_the_environment_on_unchanged():
    assert child_env(BUNDLE_ENV, bundled=False) == BUNDLE_ENV
    assert child_env(BUNDLE_ENV, bundled=False) is not BUNDLE_ENV


def test_restore_host_environment_in_a_bundle(monkeypatch):
    for name, value in BUNDLE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/xieshou/_internal", raising=False)
    childenv.restore_host_environment()
    assert os.environ["LD_LIBRARY_PATH"] == "/opt/own"
    assert "LD_LIBRARY_PATH_ORIG" not in os.environ
    assert not [n for n in os.environ if n.startswith("_PYI_") or n.startswith("QT_PLUGIN")]


@pytest.mark.skipif(sys.platform == "win32", reason="LD_LIBRARY_PATH is a Linux matter")
def test_a_real_child_sees_the_original_path(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/xieshou/_internal", raising=False)
    base = dict(os.environ, LD_LIBRARY_PATH="/opt/xieshou/_internal", LD_LIBRARY_PATH_ORIG="")
    out = subprocess.run(["env"], capture_output=True, text=True, env=child_env(base), check=True).stdout
    assert "/opt/xieshou/_internal" not in out


def _subprocess_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess" \
                and node.func.attr in {"run", "Popen", "call", "check_call", "check_output"}:
            yield node


def test_every_child_process_of_the_program_gets_child_env():
    calls = 0
    for path in DESKTOP.rglob("*.py"):
        for call in _subprocess_calls(ast.parse(path.read_text(encoding="utf-8"))):
            calls += 1
            env = [k.value for k in call.keywords if k.arg == "env"]
            assert env and isinstance(env[0], ast.Call) and getattr(env[0].func, "id", "") == "child_env", \
                f"{path.relative_to(DESKTOP.parent)}:{call.lineno} starts a program without env=child_env()"
    assert calls >= 4  # xorriso -devices, burning, the media check, pdftoppm
    sources = " ".join(p.read_text(encoding="utf-8") for p in DESKTOP.rglob("*.py"))
    assert "os.system(" not in sources and "QProcess" not in sources
