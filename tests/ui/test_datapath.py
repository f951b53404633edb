"""Scopes in raw data and the engine's path spelling."""

from __future__ import annotations

from desktop.ui.datapath import field_path, record_at, split_path, value_at


def test_paths_are_spelled_as_the_engine_spells_them():
    assert field_path(("needs", 3), "title") == "needs[3].title"
    assert field_path(("profile",), "uscc") == "profile.uscc"
    assert field_path((), "channel") == "channel"
    assert split_path("needs[3].title") == ("needs", 3, "title")


def test_records_are_created_on_the_way_and_rows_stay_lists():
    raw: dict = {"needs": [{}]}
    record_at(raw, ("needs", 0))["title"] = "甲"
    record_at(raw, ("profile",))["name"] = "乙"
    assert raw == {"needs": [{"title": "甲"}], "profile": {"name": "乙"}}
    assert value_at(raw, ("needs", 5, "title")) is None
    assert value_at(raw, ("needs", 0, "title")) == "甲"
