from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store import Store

CHILD = Path(__file__).with_name("store_child.py")


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "xieshou.db"


@pytest.fixture
def store(db_file: Path):
    opened = Store.open(db_file)
    yield opened
    opened.close()


@pytest.fixture
def start_child():
    """Start store_child.py in another process; every child is ended after the test."""
    children: list[subprocess.Popen] = []

    def start(mode: str, db: Path) -> subprocess.Popen:
        child = subprocess.Popen(
            [sys.executable, str(CHILD), mode, str(db)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8",
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


@pytest.fixture
def profile() -> dict:
    """A made-up enterprise profile (not a real company)."""
    return {"name": "示例精工科技有限公司", "uscc": "91110000MA00000001",
            "address": "北京市示例区样板路 1 号", "contact_name": "张三"}
