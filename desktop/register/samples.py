"""Made-up activities for samples, tests and benchmarks (names marked （样例）, places invented).

``make_year`` draws a year of activities for three departments, with a number
of activities reported by two departments (co-hosted) and some of those with
differing figures; all from a seed, so a test can compute what to expect.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from desktop.engine.kinds import kind_of
from desktop.forms.a2024_stats import ACTIVITY_KINDS

from .activity import FIGURES, LEVELS, MODES, Activity

DEPARTMENTS3 = ("某省工业和信息化厅", "某省国资委", "某省知识产权局")
CHAINS = ("工业母机", "新能源汽车", "集成电路", "生物医药", "新材料", "智能装备", "绿色低碳", "现代纺织")
CITIES = ("澜江市", "岳川市", "衡州市", "嵘山市", "翊阳市", "璟湖市")
VENUES = ("会展中心", "高新区创新中心", "产业园区", "科技大厦", "国际会议中心")
EVENTS = ("大中小企业融通对接会", "产业链供需对接活动", "专利转化对接会", "央企走进专场", "民营企业专场对接会")


@dataclass(frozen=True)
class SampleYear:
    reports: dict[str, list[Activity]]        # department → its rows
    duplicates: int                           # activities reported by two departments
    conflicts: int                            # of which the second report's figures differ


def make_activity(rng: random.Random, n: int, department: str, year: int = 2024) -> Activity:
    start = dt.date(year, 1, 2) + dt.timedelta(days=rng.randint(0, 360))
    end = start + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
    if end.year != year:
        end = start
    smes = rng.randint(20, 400)
    intentions = rng.randint(0, 80)
    figures = {f.id: rng.randint(0, 60) for f in FIGURES if not kind_of(f).amount}
    figures.update(smes=smes, little_giants=rng.randint(0, smes // 5), specialised=rng.randint(0, smes // 2),
                   intentions=intentions, projects_signed=rng.randint(0, intentions),
                   amount_signed=Decimal(rng.randint(0, 500000)) / 100)
    return Activity(name=f"{rng.choice(CHAINS)}{rng.choice(EVENTS)}（样例{n:05d}）", start=start, end=end,
                    place=f"{rng.choice(CITIES)}{rng.choice(VENUES)}", mode=rng.choice(MODES),
                    level=rng.choice(LEVELS), kind=rng.choice(ACTIVITY_KINDS), lead=department,
                    chain=rng.choice(CHAINS), figures=figures)


def make_year(total: int = 300, duplicates: int = 20, conflicts: int = 10, seed: int = 2024) -> SampleYear:
    """``total`` rows over three departments; ``duplicates`` of them repeat another department's activity."""
    rng = random.Random(seed)
    reports: dict[str, list[Activity]] = {d: [] for d in DEPARTMENTS3}
    originals = []
    for n in range(total - duplicates):
        department = DEPARTMENTS3[n % 3]
        activity = make_activity(rng, n, department)
        reports[department].append(activity)
        originals.append((department, activity))
    for n, (department, original) in enumerate(rng.sample(originals, duplicates)):
        other = DEPARTMENTS3[(DEPARTMENTS3.index(department) + 1) % 3]
        copy = replace(original, lead=department, co_hosts=(other,),
                       name=f" {original.name} ", place=original.place.replace("市", "市 "))  # typed a little differently
        if n < conflicts:
            copy = replace(copy, figures={**original.figures, "smes": original.figures["smes"] + 7})
        reports[other].append(copy)
    return SampleYear(reports, duplicates, conflicts)
