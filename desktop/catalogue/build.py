"""A catalogue built from received 附件1 submissions (what the officer's desk publishes).

Need codes are ``{year}-{region}-{NNNN}``:
- year: the leading four digits of the campaign id (``2023-jiebang`` → 2023),
  else the year of ``created_at``;
- region: the enterprise's 所在省级地区 as a two-letter code — the ISO 3166-2:CN
  letters for the 31 省级行政区 (福建省 → FJ, 河南省 → HA, 陕西省 → SN …) and
  DL/QD/NB/XM/SZ for the 计划单列市, BT for 新疆生产建设兵团;
- NNNN: 0001 upwards within a region, over the region's enterprises ordered by
  统一社会信用代码 (ties keep the order given), each enterprise's needs in
  table order.  不公开 needs take their number too, so a need keeps the same
  code in the public and in an internal (``public_only=False``) catalogue.
The same submissions therefore give the same codes whatever order the discs
were opened in.  A need is public only when 是否公开 is 公开.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from desktop.package.manifest import china_time
from desktop.rules.regions import PROVINCES

from .model import FORMAT, VERSION, CatalogueError
from .read_json import parse_catalogue_json

NEEDS_FORMS = ("2023-a1-needs",)
DEFAULT_TITLE = "大企业技术创新需求目录"
REGION_CODES: dict[str, str] = {
    "北京市": "BJ", "天津市": "TJ", "河北省": "HE", "山西省": "SX", "内蒙古自治区": "NM",
    "辽宁省": "LN", "吉林省": "JL", "黑龙江省": "HL",
    "上海市": "SH", "江苏省": "JS", "浙江省": "ZJ", "安徽省": "AH", "福建省": "FJ", "江西省": "JX", "山东省": "SD",
    "河南省": "HA", "湖北省": "HB", "湖南省": "HN", "广东省": "GD", "广西壮族自治区": "GX", "海南省": "HI",
    "重庆市": "CQ", "四川省": "SC", "贵州省": "GZ", "云南省": "YN", "西藏自治区": "XZ",
    "陕西省": "SN", "甘肃省": "GS", "青海省": "QH", "宁夏回族自治区": "NX", "新疆维吾尔自治区": "XJ",
    "大连市": "DL", "青岛市": "QD", "宁波市": "NB", "厦门市": "XM", "深圳市": "SZ", "新疆生产建设兵团": "BT",
}


def catalogue_from_submissions(submissions: list[dict], *, campaign: str, created_at: dt.datetime | str,
                               public_only: bool = True, title: str = DEFAULT_TITLE) -> dict:
    """The JSON catalogue (a dict, see the package docstring) of the needs in ``submissions``.

    ``submissions`` are submission envelopes (``xieshou-submission``) of 附件1.
    Raises CatalogueError listing every submission that cannot be used.
    """
    moment = created_at if isinstance(created_at, str) else china_time(created_at)
    year = campaign_year(campaign, moment)
    numbers: dict[str, int] = defaultdict(int)
    needs = []
    for data, region in _ordered(submissions):
        for need in data["needs"]:
            numbers[region] += 1
            if need.get("is_public") == "公开" or not public_only:
                needs.append(need_json(f"{year}-{region}-{numbers[region]:04d}", need, data["profile"]))
    catalogue = {"format": FORMAT, "version": VERSION, "campaign": campaign, "title": title,
                 "created_at": moment, "needs": needs}
    try:
        parse_catalogue_json(catalogue, title)  # what is published must load back
    except CatalogueError as exc:
        raise CatalogueError.listing(title, exc.problems, "未生成", "请核对相应企业的填报数据") from None
    return catalogue


def campaign_year(campaign: str, moment: str) -> str:
    match = re.match(r"\d{4}", campaign) or re.match(r"\d{4}", moment)
    if not match:
        raise CatalogueError(f"无法从活动编号“{campaign}”或生成时间“{moment}”得到年份")
    return match.group(0)


def _ordered(submissions: list[dict]) -> list[tuple[dict, str]]:
    problems, usable = [], []
    for number, submission in enumerate(submissions, 1):
        if not _is_needs_submission(submission):
            problems.append(f"第 {number} 份填报数据不是大企业技术创新需求表（附件1）")
            continue
        data = submission["data"]
        profile = data["profile"]
        region = REGION_CODES.get(profile.get("province")) if isinstance(profile.get("province"), str) else None
        if region is None:
            problems.append(f"第 {number} 份（{profile.get('name') or '未填写企业名称'}）的所在省级地区未填写或无法识别")
            continue
        usable.append((PROVINCES.index(profile["province"]), str(profile.get("uscc") or ""), number, data, region))
    if problems:
        raise CatalogueError("以下填报数据不能编入需求目录：" + "；".join(problems), problems)
    return [(data, region) for *_, data, region in sorted(usable, key=lambda u: u[:3])]


def _is_needs_submission(submission) -> bool:
    data = submission.get("data") if isinstance(submission, dict) else None
    return (isinstance(data, dict) and submission.get("form") in NEEDS_FORMS
            and isinstance(data.get("profile"), dict) and isinstance(data.get("needs"), list)
            and all(isinstance(need, dict) for need in data["needs"]))


def need_json(code: str, need: dict, profile: dict) -> dict:
    def text(value) -> str:
        return value if isinstance(value, str) else ""

    return {
        "code": code, "title": text(need.get("title")), "owner": text(profile.get("name")),
        "owner_uscc": text(profile.get("uscc")), "province": text(profile.get("province")),
        "sector": text(need.get("sector")), "domain": text(need.get("domain")), "kind": text(need.get("kind")),
        "foundation_category": text(need.get("foundation_category")), "content": text(need.get("content")),
        "deadline": text(need.get("deadline")),
        "contact": text(need.get("need_contact")) or text(profile.get("contact_name")),
        "phone": text(need.get("need_phone")) or text(profile.get("contact_phone")),
    }
