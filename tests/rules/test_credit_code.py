import random

import pytest

from desktop.rules import credit_code as cc
from desktop.rules.regions import PROVINCES, province_for_region

VALID = ["91350100M000100Y43", "91350203MA2Y8K3C79", "91440300MA5G0T7Q7U"]


def codes(findings):
    return [f.code for f in findings]


@pytest.mark.parametrize("code", VALID)
def test_spec_examples_are_valid(code):
    result = cc.check(code)
    assert result.valid
    assert result.errors == () and result.warnings == ()
    assert result.normalized == code


def test_spec_examples_provinces():
    assert [cc.check(c).province for c in VALID] == ["福建省", "厦门市", "深圳市"]


def test_weights_are_powers_of_three_mod_31():
    assert cc._WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_check_character_and_make_code():
    assert cc.check_character("91350100M000100Y4") == "3"
    assert cc.make_code("91440300MA5G0T7Q7") == "91440300MA5G0T7Q7U"


def test_check_character_maps_31_to_zero():
    # Find a 17-character prefix whose weighted sum is a multiple of 31.
    first17 = next(p for p in (f"9135010000000{n:04d}" for n in range(10000))
                   if sum(cc.ALPHABET.index(c) * w for c, w in zip(p, cc._WEIGHTS)) % 31 == 0)
    assert cc.check_character(first17) == "0"


@pytest.mark.parametrize("bad", ["123", "91350100M000100Y4I", "91350100M000100Y43"])
def test_check_character_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        cc.check_character(bad)


def test_org_code_check():
    assert cc.org_code_check("M000100Y") == "4"
    assert cc.org_code_check("MA2Y8K3C") == "7"
    assert cc.org_code_check("40000000") == "X"  # Σ = 12, 11 − 1 = 10 → X
    assert cc.org_code_check("00000000") == "0"  # Σ = 0, 11 − 0 = 11 → 0
    assert cc.org_code_check("00000001") == "9"  # Σ = 2


def test_org_code_check_rejects_bad_input():
    with pytest.raises(ValueError):
        cc.org_code_check("1234567")


@pytest.mark.parametrize("raw", [
    "91350100m000100y43",
    " 9135 0100 M000 100Y 43 ",
    "9135-0100-M000-100Y-43",
    "\u3000９１３５０１００Ｍ０００１００Ｙ４３\u3000",
    "\t91350100M000100Y43\n",
])
def test_normalize_accepts_case_spaces_hyphens_full_width(raw):
    assert cc.normalize(raw) == "91350100M000100Y43"
    assert cc.check(raw).valid


@pytest.mark.parametrize("raw, n", [("", 0), ("9135010", 7), ("91350100M000100Y431", 19)])
def test_wrong_length_is_an_error(raw, n):
    result = cc.check(raw)
    assert not result.valid
    assert codes(result.errors) == ["uscc.length"]
    assert f"应为 18 位，现为 {n} 位" in result.errors[0].message


@pytest.mark.parametrize("letter", "IOSVZ")
def test_unused_letters_are_errors_naming_char_and_position(letter):
    result = cc.check("91350100" + letter + "000100Y43")
    assert not result.valid
    assert codes(result.errors) == ["uscc.charset"]
    message = result.errors[0].message
    assert "第 9 位" in message and f"“{letter}”" in message
    assert "I、O、S、V、Z" in message


def test_every_bad_character_is_reported():
    result = cc.check("91350100M00010*Y4O")
    assert codes(result.errors) == ["uscc.charset", "uscc.charset"]
    assert "第 15 位" in result.errors[0].message and "第 18 位" in result.errors[1].message


def test_wrong_check_character_is_an_error_with_right_value():
    result = cc.check("91350100M000100Y44")
    assert not result.valid
    assert codes(result.errors) == ["uscc.check"]
    assert "校验位应为 3" in result.errors[0].message
    assert "现为 4" in result.errors[0].message


def test_single_typo_is_caught_by_check_character():
    result = cc.check("91350100M000200Y43")
    assert codes(result.errors) == ["uscc.check"]


def test_org_code_mismatch_is_only_a_warning():
    code = cc.make_code("91350100M000100Y5")  # org check should be 4
    result = cc.check(code)
    assert result.valid
    assert codes(result.warnings) == ["uscc.org_code"]
    assert "应为 4" in result.warnings[0].message


def test_unknown_region_is_only_a_warning():
    code = cc.make_code("91990100M000100Y4")
    result = cc.check(code)
    assert result.valid and result.province is None
    assert codes(result.warnings) == ["uscc.region"]
    assert "990100" in result.warnings[0].message


def test_province_mismatch_is_only_a_warning():
    result = cc.check(VALID[0], province="北京市")
    assert result.valid
    assert codes(result.warnings) == ["uscc.province_mismatch"]
    assert "福建省" in result.warnings[0].message and "北京市" in result.warnings[0].message


@pytest.mark.parametrize("code, province", [
    (VALID[0], "福建省"),
    (VALID[1], "厦门市"),
    (VALID[1], "福建省"),  # a 厦门 code submitted through the province
    (VALID[0], "厦门市"),  # a 福建 code with the province's 计划单列市
    (VALID[2], "广东省"),
    (VALID[2], "深圳市"),
])
def test_plan_city_and_parent_province_match(code, province):
    assert cc.check(code, province=province).warnings == ()


@pytest.mark.parametrize("code, province", [
    (VALID[1], "大连市"),  # 厦门 code, another plan city
    (VALID[2], "福建省"),  # 深圳 code, another province
    (VALID[0], "广东省"),
])
def test_other_places_warn(code, province):
    assert codes(cc.check(code, province=province).warnings) == ["uscc.province_mismatch"]


def test_bingtuan_code_matches_xinjiang_and_bingtuan():
    code = cc.make_code("91659001M000100Y4")
    assert cc.check(code).province == "新疆生产建设兵团"
    assert cc.check(code, "新疆维吾尔自治区").warnings == ()
    assert cc.check(code, "新疆生产建设兵团").warnings == ()
    assert codes(cc.check(code, "青海省").warnings) == ["uscc.province_mismatch"]


def test_to_json():
    data = cc.check("91350100M000100Y44", province="福建省").to_json()
    assert data["input"] == "91350100M000100Y44"
    assert data["normalized"] == "91350100M000100Y44"
    assert data["valid"] is False
    assert data["province"] == "福建省"
    assert len(data["errors"]) == 1 and "校验位应为 3" in data["errors"][0]
    assert data["warnings"] == []


@pytest.mark.parametrize("province", PROVINCES)
def test_random_code_is_valid_and_in_its_province(province):
    rng = random.Random(province)
    for _ in range(20):
        code = cc.random_code(rng, province)
        result = cc.check(code, province=province)
        assert result.valid and result.warnings == (), code
        assert code.startswith("91")
        assert province_for_region(code[2:8]) == province


def test_random_code_without_province_is_reproducible():
    first = [cc.random_code(random.Random(7)) for _ in range(3)]
    assert first == [cc.random_code(random.Random(7)) for _ in range(3)]
    assert all(cc.check(c).valid and c != VALID[0] for c in first)


def test_random_code_rejects_unknown_province():
    with pytest.raises(ValueError):
        cc.random_code(random.Random(1), "火星")
