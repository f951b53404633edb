"""The cyclic collector is paused for bulk work and left as it was found, also when the work fails."""

from __future__ import annotations

import gc

import pytest

from desktop.bulk import collector_paused


@pytest.fixture(autouse=True)
def collector_restored():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_paused_inside_and_on_again_after():
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_on_again_after_an_error():
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("失败")
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
