import json

from desktop.engine.schema import form_hash
from desktop.engine.submission import (canonical_bytes, make_submission, raw_from_json, validate_submission)
from desktop.forms.registry import get_form
from desktop.samples import sample_raw, sample_submission

FORM = get_form("2023-a1-needs")


def test_sample_round_trips_through_raw_values():
    submission = sample_submission(FORM, 5)
    again, cleaned = make_submission(FORM, raw_from_json(FORM, submission["data"]))
    assert cleaned.errors == () and again == submission


def test_canonical_bytes_are_sorted_compact_utf8():
    assert canonical_bytes({"b": 1, "a": "汉"}) == '{"a":"汉","b":1}'.encode()


def test_envelope_carries_form_edition_hash_and_revision():
    submission, _ = make_submission(FORM, sample_raw(FORM, 1), revision=3)
    assert (submission["form"], submission["edition"], submission["revision"]) == ("2023-a1-needs", "2023", 3)
    assert submission["form_hash"] == form_hash(FORM)


def test_unknown_form_is_one_clear_error():
    problems = validate_submission({"format": "xieshou-submission", "version": 1, "form": "x", "edition": "1",
                                    "data": {}})
    assert [p.code for p in problems] == ["submission.invalid"] and "未知的表格" in problems[0].message


def test_not_a_submission():
    assert validate_submission([1, 2])[0].code == "submission.invalid"


def test_changed_form_definition_is_flagged_not_silently_accepted():
    submission = sample_submission(FORM, 2)
    submission["form_hash"] = "0" * 16
    assert validate_submission(json.loads(json.dumps(submission)))[0].code == "submission.form_hash"
