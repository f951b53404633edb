"""省级地区 choice list and the 行政区划代码 → place lookup (docs/rules.md §2)."""

from __future__ import annotations

# The profile's `province` choices: the 31 省级行政区 in the usual order, then the
# five 计划单列市 and 新疆生产建设兵团, which MIIT notices treat as separate
# reporting channels.
PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区",
    "辽宁省", "吉林省", "黑龙江省",
    "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
    "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省",
    "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
    "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区",
    "大连市", "青岛市", "宁波市", "厦门市", "深圳市",
    "新疆生产建设兵团",
)

PLAN_CITY_PARENT: dict[str, str] = {
    "大连市": "辽宁省",
    "青岛市": "山东省",
    "宁波市": "浙江省",
    "厦门市": "福建省",
    "深圳市": "广东省",
    "新疆生产建设兵团": "新疆维吾尔自治区",
}

# First two digits of a 行政区划代码 (GB/T 2260) → 省级行政区.
_PROVINCE_PREFIX: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省",
    "15": "内蒙古自治区", "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省",
    "35": "福建省", "36": "江西省", "37": "山东省", "41": "河南省",
    "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省",
    "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省",
    "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
}

# Four-digit prefixes that take precedence: the 计划单列市 and the 兵团's cities (6590).
_CITY_PREFIX: dict[str, str] = {
    "2102": "大连市", "3302": "宁波市", "3502": "厦门市",
    "3702": "青岛市", "4403": "深圳市", "6590": "新疆生产建设兵团",
}

# Reverse lookup used to make sample codes: place → its prefix.
REGION_PREFIX: dict[str, str] = {
    place: prefix for prefix, place in {**_PROVINCE_PREFIX, **_CITY_PREFIX}.items()
}


def province_for_region(region6: str) -> str | None:
    """The place (a PROVINCES entry) of a six-digit 行政区划代码, or None if unknown."""
    if len(region6) != 6 or not region6.isascii() or not region6.isdigit():
        return None
    return _CITY_PREFIX.get(region6[:4]) or _PROVINCE_PREFIX.get(region6[:2])


def same_place(region_place: str, chosen: str) -> bool:
    """True when a code's place and the chosen province are the same or parent/child.

    A 厦门 code with 福建省 chosen matches, and so does a 福建 code with 厦门市:
    registration and reporting place may legitimately differ within one province.
    """
    family = {region_place, PLAN_CITY_PARENT.get(region_place, region_place)}
    return chosen in family or PLAN_CITY_PARENT.get(chosen) in family
