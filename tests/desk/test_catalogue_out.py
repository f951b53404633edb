"""需求目录 from selected needs: numbering, the 不公开 mark, and a public catalogue that hides what it must."""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections import defaultdict

import openpyxl
import pytest

from desktop.catalogue import CatalogueError, load_catalogue
from desktop.catalogue.build import REGION_CODES
from desktop.desk.catalogue_out import ScreenedNeed, build_catalogues, write_catalogues
from desktop.forms.registry import get_form
from desktop.samples import sample_submission

from .helpers import BEIJING, pdf_text, squeeze

CREATED = dt.datetime(2023, 5, 10, 9, 0, tzinfo=BEIJING)
SECRET_KEYS = ("title", "content", "background", "requirements", "need_contact", "need_phone")


def submissions() -> list[dict]:
    """Five enterprises, two in one province; every hidden need's texts made unique to it."""
    form = get_form("2023-a1-needs")
    found = [copy.deepcopy(sample_submission(form, seed)) for seed in range(5)]
    found[1]["data"]["profile"]["province"] = found[0]["data"]["profile"]["province"]
    for s, submission in enumerate(found):
        for i, need in enumerate(submission["data"]["needs"][:6]):
            need["is_public"] = "不公开" if (s + i) % 3 == 0 else "公开"
            if need["is_public"] == "不公开":
                for key in SECRET_KEYS:
                    need[key] = f"隐{s}{i}{key[:3]}秘" + ("保密内容" * 3 if key in ("content", "background") else "")
                need["need_phone"] = f"0591-8{s}{i}00{s}{i}1"
            else:
                need["title"] = f"{need['title'][:16]}（第{s}{i}号）"
                need["need_contact"], need["need_phone"] = f"公联{s}{i}", f"0592-7{s}{i}00{s}{i}2"
    return found


def screened(subs: list[dict]) -> list[ScreenedNeed]:
    """Six needs of each enterprise scored; every sixth one dropped (not 入选)."""
    return [ScreenedNeed(s, i, 1 + (i % 5), 5 - (i % 5), selected=i != 5, key=f"2023-35-{n:04d}{i}")
            for n, s in enumerate(subs) for i in range(6)]


@pytest.fixture(scope="module")
def built():
    subs = submissions()
    return subs, screened(subs), build_catalogues(screened(subs), campaign="2023-jiebang", created_at=CREATED)


@pytest.fixture(scope="module")
def written(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("catalogues")
    write_catalogues(built[2], out)
    return out


def test_public_codes_run_without_gaps_in_every_region(built):
    _, needs, result = built
    expected = defaultdict(int)                 # independent count: selected public needs per region
    for need in needs:
        if need.selected and need.need["is_public"] == "公开":
            expected[REGION_CODES[need.profile["province"]]] += 1
    numbers = defaultdict(list)
    for item in result.public["needs"]:
        year, region, number = item["code"].split("-")
        assert year == "2023" and number.isdigit()
        numbers[region].append(int(number))
    assert {r: sorted(n) for r, n in numbers.items()} == {r: list(range(1, k + 1)) for r, k in expected.items()}
    assert [e.serial for e in result.public_entries] == list(range(1, sum(expected.values()) + 1))


def test_internal_lists_every_selected_need_once_hidden_ones_marked(built):
    _, needs, result = built
    selected = [n for n in needs if n.selected]
    assert len(result.internal["needs"]) == len(selected)
    hidden = sum(n.need["is_public"] == "不公开" for n in selected)
    assert sum(item["visibility"] == "不公开" for item in result.internal["needs"]) == hidden
    assert all(item["code"].split("-")[2].startswith("D") == (item["visibility"] == "不公开")
               for item in result.internal["needs"])
    public_codes = {item["code"]: item["title"] for item in result.public["needs"]}
    internal_codes = {item["code"]: item["title"] for item in result.internal["needs"] if item["visibility"] == "公开"}
    assert public_codes == internal_codes       # a public need has the same code in both lists
    published = result.published
    assert len(published) == len(selected) and set(published) == {n.key for n in selected}
    assert sorted(published.values()) == sorted(item["code"] for item in result.internal["needs"])
    dropped = [n.need["title"] for n in needs if not n.selected]
    assert not set(dropped) & {item["title"] for item in result.internal["needs"]}


def test_codes_do_not_depend_on_arrival_order(built):
    subs, needs, result = built
    shuffled = list(needs)
    random.Random(7).shuffle(shuffled)
    again = build_catalogues(shuffled, campaign="2023-jiebang", created_at=CREATED)
    assert again.internal == result.internal and again.public == result.public


def _hidden_strings(needs: list[ScreenedNeed]) -> list[str]:
    return [need.need[key] for need in needs if need.need["is_public"] == "不公开" for key in SECRET_KEYS]


def _xlsx_cells(path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def test_no_string_of_a_hidden_need_is_in_any_public_file(built, written):
    _, needs, result = built
    secrets = _hidden_strings(needs)
    public_contacts = [n.need[k] for n in needs if n.need["is_public"] == "公开" for k in ("need_contact", "need_phone")]
    public_contacts += [n.profile[k] for n in needs for k in ("contact_name", "contact_phone", "contact_mobile")]
    assert len(secrets) >= 30 and all(secrets)
    texts = {
        "json": (written / "需求目录_公开.json").read_text("utf-8"),
        "xlsx": "\n".join(_xlsx_cells(written / "需求目录_公开.xlsx")),
        "pdf": squeeze(pdf_text((written / "需求目录_公开.pdf").read_bytes())),
    }
    for name, text in texts.items():
        for secret in secrets + public_contacts:
            assert secret not in text and squeeze(secret) not in squeeze(text), (name, secret)
        for item in result.public["needs"]:              # the check can see what is there
            assert squeeze(item["title"]) in squeeze(text), (name, item["title"])
    public_count = sum(n.selected and n.need["is_public"] == "公开" for n in needs)
    assert squeeze(f"共 {public_count} 项需求") in texts["pdf"]
    # the internal files do carry them, so the public check above looked at real content
    internal = (written / "需求目录_内部.json").read_text("utf-8")
    listed = [n.need[k] for n in needs if n.selected and n.need["is_public"] == "不公开"
              for k in ("title", "content", "need_contact", "need_phone")]
    assert listed and all(s in internal for s in listed)


def test_hidden_strings_in_every_xlsx_cell_of_the_internal_file(built, written):
    _, needs, _ = built
    cells = "\n".join(_xlsx_cells(written / "需求目录_内部.xlsx"))
    hidden_titles = [n.need["title"] for n in needs if n.selected and n.need["is_public"] == "不公开"]
    assert hidden_titles and all(t in cells for t in hidden_titles)
    book = openpyxl.load_workbook(written / "需求目录_内部.xlsx")
    header = [c.value for c in book["需求目录"][1]]
    marks = [row[header.index("是否公开")] for row in book["需求目录"].iter_rows(min_row=2, values_only=True)]
    assert marks.count("不公开") == len(hidden_titles)
    assert "【不公开】" in pdf_text((written / "需求目录_内部.pdf").read_bytes())


def test_public_files_import_back_into_the_sme_picker(built, written):
    _, _, result = built
    expected = [(n["code"], n["title"], n["owner"], n["contact"], n["phone"]) for n in result.public["needs"]]
    for name in ("需求目录_公开.json", "需求目录_公开.xlsx"):
        catalogue = load_catalogue(written / name)
        assert [(n.code, n.title, n.owner, n.contact, n.phone) for n in catalogue.needs] == expected
        assert all(n.contact == "" and n.phone == "" for n in catalogue.needs)
    for name in ("需求目录_内部.json", "需求目录_内部.xlsx"):
        assert len(load_catalogue(written / name).needs) == len(result.internal["needs"])


def test_public_only_writes_no_internal_file(built, tmp_path):
    written = write_catalogues(built[2], tmp_path, public_only=True)
    assert len(written) == 1 and sorted(p.name for p in tmp_path.iterdir()) == [
        "需求目录_公开.json", "需求目录_公开.pdf", "需求目录_公开.xlsx"]


@pytest.mark.parametrize("change, message", [
    (dict(urgency=0), "迫切性评分应为 1 到 5"),
    (dict(feasibility=6), "可行性评分应为 1 到 5"),
    (dict(urgency=True), "迫切性评分应为 1 到 5"),
    (dict(feasibility=None), "还没有可行性评分"),
    (dict(index=99), "不是大企业技术创新需求表"),
])
def test_bad_scores_and_needs_are_refused(built, change, message):
    subs = built[0]
    args = dict(submission=subs[0], index=0, urgency=3, feasibility=3, selected=True) | change
    with pytest.raises(CatalogueError, match=message):
        build_catalogues([ScreenedNeed(**args)], campaign="2023-jiebang", created_at=CREATED)


def test_nothing_selected_is_refused(built):
    subs = built[0]
    with pytest.raises(CatalogueError, match="还没有入选的需求"):
        build_catalogues([ScreenedNeed(subs[0], 0, 3, 3, False)], campaign="2023-jiebang", created_at=CREATED)


@pytest.mark.parametrize("value", [None, "", "公开 ", "public", 1])
def test_a_need_not_plainly_marked_public_stays_out_of_the_public_catalogue(built, value):
    submission = copy.deepcopy(built[0][0])
    submission["data"]["needs"][0]["is_public"] = value
    result = build_catalogues([ScreenedNeed(submission, 0, 3, 3, True)], campaign="2023-jiebang", created_at=CREATED)
    assert result.public["needs"] == [] and result.internal["needs"][0]["visibility"] == "不公开"


def test_nothing_public_writes_only_the_internal_catalogue(built, tmp_path):
    submission = copy.deepcopy(built[0][0])
    submission["data"]["needs"][0]["is_public"] = "不公开"
    result = build_catalogues([ScreenedNeed(submission, 0, 3, 3, True)], campaign="2023-jiebang", created_at=CREATED)
    written = write_catalogues(result, tmp_path)
    assert [w.json_path.name for w in written] == ["需求目录_内部.json"]
    assert write_catalogues(result, tmp_path / "public", public_only=True) == []
