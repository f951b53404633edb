from desktop.engine.submission import make_submission, raw_from_json
from desktop.engine.validate import clean
from desktop.forms.registry import get_form
from desktop.samples import sample_raw, sample_submission

FORM = get_form("2023-a1-needs")


def test_samples_are_valid_distinct_and_full():
    seen, publicity = set(), set()
    for seed in range(15):
        data = sample_submission(FORM, seed)["data"]
        profile = data["profile"]
        seen.add((profile["name"], profile["uscc"]))
        assert len(data["needs"]) == 20
        assert all(200 <= len(n["content"]) <= 1000 and 100 <= len(n["background"]) <= 500 for n in data["needs"])
        assert len({n["title"] for n in data["needs"]}) == 20  # twenty different needs
        publicity |= {n["is_public"] for n in data["needs"]}
        assert profile["size_class"]["class"] == "大型"
    assert len(seen) == 15 and publicity == {"公开", "不公开"}


def test_need_deadline_must_be_after_fill_date():
    raw = sample_raw(FORM, 0)
    raw["needs"][2]["deadline"] = raw["filled_on"]
    problems = [(p.path, p.code) for p in clean(FORM, raw).problems]
    assert problems == [("needs[2].deadline", "need.deadline_before_fill")]


def test_small_enterprise_gets_a_warning_not_an_error():
    raw = sample_raw(FORM, 0)
    raw["profile"].update(employees="250", revenue="1000", rd_staff="40", rd_spend="50")
    problems = clean(FORM, raw).problems
    assert [(p.level, p.code) for p in problems] == [("warning", "size.not_large")]
    assert "小型" in problems[0].message


def test_twenty_one_needs_are_too_many():
    raw = sample_raw(FORM, 0)
    raw["needs"].append(dict(raw["needs"][0]))
    assert [p.code for p in clean(FORM, raw).errors] == ["table.max_rows"]


def test_province_is_suggested_from_the_credit_code():
    profile_section = FORM.section("profile_basic")
    province = next(f for f in profile_section.items if f.id == "province")
    assert province.suggest({"uscc": "91350203MA2Y8K3C79"}, {}) == "厦门市"


def test_json_values_and_raw_strings_give_the_same_result():
    submission = sample_submission(FORM, 4)
    assert make_submission(FORM, submission["data"])[0] == make_submission(FORM, raw_from_json(FORM, submission["data"]))[0]
