import pytest

from desktop.rules.regions import (
    PLAN_CITY_PARENT, PROVINCES, REGION_PREFIX, province_for_region, same_place,
)


def test_provinces_list_shape():
    assert len(PROVINCES) == 37 and len(set(PROVINCES)) == 37
    assert PROVINCES[:3] == ("北京市", "天津市", "河北省")
    assert PROVINCES[30] == "新疆维吾尔自治区"
    assert PROVINCES[31:] == ("大连市", "青岛市", "宁波市", "厦门市", "深圳市", "新疆生产建设兵团")


def test_plan_city_parents_are_provinces():
    assert set(PLAN_CITY_PARENT) == set(PROVINCES[31:])
    assert all(parent in PROVINCES[:31] for parent in PLAN_CITY_PARENT.values())
    assert PLAN_CITY_PARENT["大连市"] == "辽宁省"


@pytest.mark.parametrize("region, place", [
    ("110105", "北京市"),
    ("210100", "辽宁省"),
    ("210203", "大连市"),
    ("330200", "宁波市"),
    ("330100", "浙江省"),
    ("350203", "厦门市"),
    ("370212", "青岛市"),
    ("440305", "深圳市"),
    ("440100", "广东省"),
    ("659001", "新疆生产建设兵团"),
    ("650100", "新疆维吾尔自治区"),
    ("540000", "西藏自治区"),
])
def test_province_for_region(region, place):
    assert province_for_region(region) == place


@pytest.mark.parametrize("region", ["990000", "100000", "1101", "11010A", "１１０１０５", ""])
def test_unknown_regions(region):
    assert province_for_region(region) is None


@pytest.mark.parametrize("place", PROVINCES)
def test_every_choice_has_a_region_prefix(place):
    prefix = REGION_PREFIX[place]
    assert province_for_region(prefix.ljust(6, "0")) == place


def test_same_place():
    assert same_place("厦门市", "福建省") and same_place("福建省", "厦门市")
    assert same_place("福建省", "福建省")
    assert not same_place("厦门市", "大连市")
    assert not same_place("福建省", "广东省")
