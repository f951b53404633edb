"""Made-up activities for samples, tests and benchmarks (cities of the unnamed 某省 invented).

``make_year`` draws a year of activities for three departments, with a number
of activities reported by two departments (co-hosted) and some of those with
differing figures; all from a seed, so a test can compute what to expect.
Names, venues and types go together as an officer would write them
(``desktop.sample_events``); no two activities share name, date and place.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from decimal import Decimal

from desktop import sample_events as events
from desktop.engine.kinds import kind_of
from desktop.forms.a2024_stats import ACTIVITY_KINDS

from .activity import FIGURES, LEVELS, MODES, Activity

DEPARTMENTS3 = ("某省工业和信息化厅", "某省国资委", "某省知识产权局")
CHAINS = events.CHAINS
CITIES = ("澜江市", "岳川市", "衡州市", "嵘山市", "翊阳市", "璟湖市")


@dataclass(frozen=True)
class SampleYear:
    reports: dict[str, list[Activity]]        # department → its rows
    duplicates: int                           # activities reported by two departments
    conflicts: int                            # of which the second report's figures differ


def make_activity(rng: random.Random, n: int, department: str, year: int = 2024) -> Activity:
    """Activity ``n`` of a sample year (``n`` only keeps the signature of earlier samples)."""
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
    kind, chain, city = rng.choice(ACTIVITY_KINDS), rng.choice(CHAINS), rng.choice(CITIES)
    return Activity(name=events.event_name(rng, kind, chain, city), start=start, end=end,
                    place=events.venue(rng, city), mode=rng.choice(MODES), level=rng.choice(LEVELS), kind=kind,
                    lead=department, chain=chain, figures=figures)


def make_year(total: int = 300, duplicates: int = 20, conflicts: int = 10, seed: int = 2024) -> SampleYear:
    """``total`` rows over three departments; ``duplicates`` of them repeat another department's activity."""
    rng = random.Random(seed)
    reports: dict[str, list[Activity]] = {d: [] for d in DEPARTMENTS3}
    originals = []
    keys: set[str] = set()
    for n in range(total - duplicates):
        department = DEPARTMENTS3[n % 3]
        activity = make_activity(rng, n, department)
        while activity.key in keys:                  # one activity per name, date and place
            activity = make_activity(rng, n, department)
        keys.add(activity.key)
        reports[department].append(activity)
        originals.append((department, activity))
    for n, (department, original) in enumerate(rng.sample(originals, duplicates)):
        other = DEPARTMENTS3[(DEPARTMENTS3.index(department) + 1) % 3]
        copy = replace(original, lead=department, co_hosts=(other,),
                       name=f" {original.name} ", place=f"{original.place[:2]} {original.place[2:]}")  # typed a little differently
        if n < conflicts:
            copy = replace(copy, figures={**original.figures, "smes": original.figures["smes"] + 7})
        reports[other].append(copy)
    return SampleYear(reports, duplicates, conflicts)
