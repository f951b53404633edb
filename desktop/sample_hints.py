"""One made-up value per field for the sample generator (desktop.samples), by kind and ``sample`` hint.

Hints (a field's ``sample`` option) say what a field holds, so that it looks
like what a clerk would type:

- text: ``company``, ``authority``, ``person``, ``city``, ``address``,
  ``job:<contact|leader|team>``, ``prof_title``, ``major``, ``role``,
  ``need_title``, ``pick:<list>:<column>`` (a row of a word list, each row of a
  table its own), ``budget_note`` (what the row's 科目 buys), ``ip_number``;
- int: ``year`` (the fixed finance rows, counted from the filing year),
  ``share:<field>:<lo>-<hi>`` (a percentage of another int of the record),
  ``range:<lo>-<hi>``;
- money: ``series:<path>@<row>`` (a yearly series with growth through the
  value at ``path`` in row ``row``; the current year's row holds the months
  before filing), ``share:<field>:<lo>-<hi>``, ``range:<lo>-<hi>``,
  ``part:<table>.<column>:<percent>`` and ``rest:<table>.<column>:<f1>,<f2>``
  (parts of a table's total);
- date: ``past`` (a founding date), ``fill`` (the filing date), ``future``,
  ``project_start``, ``stage_start``/``stage_end`` (rows splitting the project
  period), ``ip_granted`` (after the row's application year, before filing);
- choice: ``distinct`` (no two rows of a table alike);
- the 2024 officers' forms (``desktop.sample_events``): text ``chain``,
  ``event:<chain|provincial|private|expo|any>``, ``expo``, ``venue``,
  ``organiser[:<chain|expo>]``, ``contact``, ``province:row``, ``report_title``,
  ``report_activity``; memo ``report:<practice|results|lessons>``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import re
from decimal import Decimal
from typing import Any, Iterator

from desktop.engine.model import Field
from desktop.rules import credit_code
from desktop.rules.regions import PLAN_CITY_PARENT

from . import sample_events as events
from . import sample_words as words

FILL_DATE = dt.date(2023, 4, 20)
LISTS = {"indicators": words.INDICATORS, "stages": words.STAGES, "ip": words.IP_ITEMS}
ORDERED = {"stages"}
PROSE_MAX = 240  # a sample's long text; the word lists hold about 90 sentences, so one document rarely repeats one
EVENT_HINTS = {"chain", "event", "expo", "venue", "organiser", "contact", "report_title",
               "report_activity"}
PROVINCE_ROWS = tuple(p for p in words.PLACES if p not in PLAN_CITY_PARENT)   # a 省份 column: no 计划单列市
ALL_PLACES = tuple(place for places in words.PLACES.values() for place in places)
IP_KINDS = {"发明专利": "1", "实用新型": "2", "外观设计": "3"}


def _money(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class Values:
    """The generator's state: the random source, the enterprise's place, the record being drawn."""

    def __init__(self, rng: random.Random, province: str, seed: int = 0):
        self.rng = rng
        self.seed = seed
        self.province = province
        self.place = random.Random(f"place:{province}").choice(words.PLACES[province])
        self.root: dict = {}
        self.scope: dict = {}
        self.row_index = 0
        self.rows = 0
        self.table_id = ""
        self.picks: dict[str, list] = {}
        self.people: set[str] = set()
        self.said: set[str] = set()

    @contextlib.contextmanager
    def drawing_from(self, rng: random.Random) -> Iterator[None]:
        own, self.rng = self.rng, rng
        try:
            yield
        finally:
            self.rng = own

    @contextlib.contextmanager
    def table(self, table_id: str, rows: int) -> Iterator[None]:
        outer = self.table_id, self.rows, self.row_index
        self.table_id, self.rows, self.row_index = table_id, rows, 0
        try:
            yield
        finally:
            self.table_id, self.rows, self.row_index = outer

    def value(self, field: Field) -> Any:
        maker = MAKERS.get(field.kind)
        return maker(self, field, str(field.option("sample") or "")) if maker else None

    # -- helpers -------------------------------------------------------------------------------------------

    def _pick(self, name: str, items: tuple) -> Any:
        """Row ``row_index`` of a shuffled copy of ``items``, shuffled once per table: rows never repeat.

        Lists in ``ORDERED`` (the project's stages) keep their order."""
        key = f"{self.table_id}:{name}"
        if key not in self.picks:
            self.picks[key] = list(items) if name in ORDERED else self.rng.sample(list(items), len(items))
        return self.picks[key][self.row_index % len(items)]

    def _number(self, name: str) -> Decimal | None:
        value = self.scope.get(name)
        try:
            return Decimal(str(value))
        except ArithmeticError:
            return None

    def _filed(self) -> dt.date:
        return _iso(self.root.get("filed_on")) or _iso(self.root.get("filled_on")) or FILL_DATE

    def _founded(self) -> dt.date:
        profile = self.root.get("profile") if isinstance(self.root.get("profile"), dict) else {}
        return _iso(profile.get("founded")) or dt.date(2005, 1, 1)

    def person(self) -> str:
        """A name not yet used in this sample (two people of one team never share a name)."""
        rng = self.rng
        for _ in range(20):
            given = rng.choice(words.GIVEN_ONE) if rng.random() < 0.35 else rng.choice(words.GIVEN_TWO)
            name = rng.choice(words.SURNAMES) + given
            if name not in self.people:
                break
        self.people.add(name)
        return name

    def company(self) -> str:
        rng = self.rng
        return ("".join(rng.sample(words.NAME_HEADS, 2)) + rng.choice(words.NAME_TAILS)
                + rng.choice(words.NAME_TRADES) + "股份有限公司（样例）")

    def owner(self) -> str:
        """The 发榜企业 of a seed: the 附件1 sample's enterprise, named by the SME samples' 发榜企业名称."""
        with self.drawing_from(random.Random(f"owner:{self.seed}")):
            return self.company()

    def prose(self, length: int, topic: str = "") -> str:
        """Whole sentences, none twice, ending with 。: 35–60 % of ``length``, at most ``PROSE_MAX`` characters.

        The topic's sentences (``sample_words.TOPICS``) come first, then general ones."""
        goal = min(length * self.rng.uniform(0.35, 0.6), PROSE_MAX)
        own = self.rng.sample(words.TOPICS.get(topic, ()), len(words.TOPICS.get(topic, ())))
        general = [p for p in self.rng.sample(words.PHRASES, len(words.PHRASES)) if p not in own]
        # sentences not yet used by an earlier text of this sample first: a document does not repeat itself
        order = sorted(own + general, key=lambda p: (p in self.said, p not in own))
        text = ""
        for phrase in order:
            if text and len(text) + len(phrase) + 1 > goal:
                break
            text += phrase + ("；" if self.rng.random() < 0.3 else "。")
            self.said.add(phrase)
        return (text[:-1] + "。")[:length - 1].rstrip("，；。") + "。"

    # -- kinds ---------------------------------------------------------------------------------------------

    def _text(self, field: Field, hint: str) -> str:
        city, district, _, _ = self.place
        head, _, rest = hint.partition(":")
        simple = {
            "company": self.company, "person": self.person, "owner": self.owner, "province": lambda: self._pick("province", PROVINCE_ROWS) if rest == "row" else self.province,
            "authority": lambda: self.province + ("工业和信息化局" if self.province.endswith("市") else "工业和信息化厅"),
            "city": lambda: district if self.province == city else city,
            "address": lambda: (f"{'' if self.province == city else PLAN_CITY_PARENT.get(self.province, self.province)}"
                                f"{city}{district}{self.rng.choice(words.STREETS)}{self.rng.randint(1, 399)}"
                                f"{self.rng.choice(words.BUILDINGS)}"),
            "prof_title": lambda: self.rng.choice(words.PROF_TITLES[:3] if rest == "senior" else words.PROF_TITLES),
            "major": lambda: self.rng.choice(words.MAJORS),
            "role": lambda: self._pick("role", words.ROLES),
            "need_title": lambda: self._pick("need_title", words.NEED_TITLES),
            "budget_note": lambda: words.BUDGET_NOTES.get(self.scope.get("item"), "项目实施相关支出"),
            "ip_number": self._ip_number,
            "job": lambda: self.rng.choice(words.JOBS[rest]),
            "pick": lambda: self._pick_column(rest),
        }
        if head in simple:
            return str(simple[head]())[: field.max_len or 200]
        if head in EVENT_HINTS:
            return self._event_text(head, rest)[: field.max_len or 200]
        return self.prose(min(field.max_len or 20, 24))

    # -- the 2024 officers' forms (desktop.sample_events) ---------------------------------------------------

    def _row_place(self) -> tuple:
        """The place of the row being drawn: in the row's province (附件2) or the sample's, else anywhere (附件1/3/4)."""
        province = self.scope.get("province")
        if province in words.PLACES:
            return words.PLACES[province][0]
        if self.table_id and not self.root.get("unit"):
            return self._pick("place", ALL_PLACES)          # the ministry's national schedules
        return self._pick("place", words.PLACES[self.province])

    def _event(self, kind: str) -> str:
        """One activity name per row (the title and the 活动 of a report name the same activity)."""
        key = f"event:{self.table_id}:{self.row_index}"
        if key not in self.picks:
            city = events.city_of(self._row_place())
            self.picks[key] = [events.event_name(self.rng, kind, self._pick("chain", events.CHAINS), city)]
        return self.picks[key][0]

    def _event_text(self, head: str, rest: str) -> str:
        place = self._row_place()
        city = events.city_of(place)
        province = self.scope.get("province") or self.province
        if head == "chain":
            return self._pick("chain", events.CHAINS)
        if head == "event":
            if rest == "expo":
                return f"{self.scope.get('expo') or events.expo_name(self.rng, city)}大中小企业融通对接专场"
            kind = {"chain": "产业链专场", "provincial": "地方自办", "private": "民企专场"}.get(rest)
            return self._event(kind or self._pick("kind", tuple(events.NAMES_BY_KIND)))
        if head == "expo":
            return events.expo_name(self.rng, city)
        if head == "venue":
            return events.venue(self.rng, city)
        if head == "organiser":
            national = not self.root.get("unit") and "province" not in self.scope
            return events.organiser(self.rng, province, city, rest or ("" if not national else "chain"))
        if head == "contact":
            return f"{self.person()} {self._phone_in(place)}"
        if head == "report_title":
            return events.report_title(self.province, self._event("地方自办"))
        return f"{self._event('地方自办')}（{events.venue(self.rng, city)}）"       # report_activity

    def _pick_column(self, spec: str) -> str:
        name, _, column = spec.partition(":")
        row = self._pick(name, LISTS[name])
        return row[int(column)] if column else row

    def _ip_number(self) -> str:
        year = self.rng.randint(max(self._founded().year + 1, self._filed().year - 12), self._filed().year - 2)
        kind = self.scope.get("type")
        if kind in IP_KINDS:
            return f"ZL{year}{IP_KINDS[kind]}{self.rng.randint(1000000, 9999999)}.{self.rng.randint(0, 9)}"
        return f"{year}SR{self.rng.randint(100000, 999999):07d}" if kind == "软件著作权" else f"{year}-{self.rng.randint(100, 999)}"

    def _memo(self, field: Field, hint: str) -> str:
        if hint.startswith("report:"):
            return events.report_text(self.rng, hint[7:], field.max_len or 200)
        if hint.startswith("pick:"):
            return self._pick_column(hint[5:])
        return self.prose(field.max_len or 200, hint.partition(":")[2] if hint.startswith("topic:") else "")

    def _int(self, field: Field, hint: str) -> str:
        if field.option("sample_range"):  # bounds that keep a form's rules true (其中 ≤ 总数)
            return str(self.rng.randint(*field.option("sample_range")))
        if hint == "year":  # the fixed rows 前年/上年/本年, counted from the filing year
            return str(self._filed().year - self.rows + 1 + self.row_index)
        head, _, rest = hint.partition(":")
        if head == "share":
            name, _, span = rest.partition(":")
            low, high = map(int, span.split("-"))
            base = self._number(name) or Decimal(100)
            return str(max(1, int(base * self.rng.randint(low, high) / 100)))
        if head == "range":
            low, high = map(int, rest.split("-"))
            return str(self.rng.randint(low, high))
        return str(self.rng.randint(1, 500))

    def _money(self, field: Field, hint: str) -> str:
        head, _, rest = hint.partition(":")
        if head == "series":
            return self._series(rest)
        if head == "share":
            name, _, span = rest.partition(":")
            low, high = map(int, span.split("-"))
            base = self._number(name) or Decimal(1000)
            return _money(base * Decimal(self.rng.randint(low * 10, high * 10)) / 1000)
        if head == "range":
            low, high = map(int, rest.split("-"))
            return f"{self.rng.randint(low * 2, high * 2) / 2:.2f}"
        if head in ("part", "rest"):
            return self._part(head, rest)
        return f"{self.rng.randint(10, 50000)}.{self.rng.randint(0, 99):02d}"

    def _series(self, spec: str) -> str:
        """Year ``anchor`` holds the value at ``path``; earlier years grow into it, the current year is partial."""
        path, _, anchor = spec.partition("@")
        group, _, name = path.partition(".")
        base = Decimal(str((self.root.get(group) or {}).get(name) or "1000"))
        key = f"{self.table_id}:growth"
        growth = self.picks.setdefault(key, [Decimal(self.rng.randint(106, 124)) / 100])[0]
        step = self.row_index - int(anchor)
        if step <= 0:
            return _money(base / growth ** -step)
        months = max(self._filed().month - 1, 1)  # 本年: January up to the month before filing
        return _money(base * growth * months / 12 * Decimal(self.rng.randint(92, 106)) / 100)

    def _part(self, head: str, spec: str) -> str:
        source, _, share = spec.partition(":")
        table, _, column = source.partition(".")
        total = sum(Decimal(str(r.get(column) or 0)) for r in self.root.get(table) or [])
        if head == "part":
            return _money(total * int(share) / 100)
        taken = sum(Decimal(str(self.root.get(name) or 0)) for name in share.split(","))
        return _money(total - taken)

    def _date(self, field: Field, hint: str) -> str:
        if field.option("sample_range"):  # a day inside the campaign's own dates
            first, last = (dt.date.fromisoformat(d) for d in field.option("sample_range"))
            return (first + dt.timedelta(days=self.rng.randint(0, (last - first).days))).isoformat()
        filed = self._filed()
        if hint == "past":  # founded: 6 to 30 years before filing
            return dt.date(filed.year - self.rng.randint(6, 30), self.rng.randint(1, 12), self.rng.randint(1, 28)).isoformat()
        if hint == "future":
            return (filed + dt.timedelta(days=self.rng.randint(180, 1100))).isoformat()
        if hint == "project_start":  # the first of the month, two to three months after filing
            month = filed.month + self.rng.randint(2, 3)
            return dt.date(filed.year + (month - 1) // 12, (month - 1) % 12 + 1, 1).isoformat()
        if hint in ("stage_start", "stage_end"):
            return self._stage(hint).isoformat()
        if hint == "ip_granted":
            match = re.match(r"(?:ZL)?(\d{4})", str(self.scope.get("number") or ""))
            year = int(match.group(1)) + self.rng.randint(1, 2) if match else filed.year - 3
            granted = dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))
            return min(granted, filed - dt.timedelta(days=30)).isoformat()
        return filed.isoformat()

    def _stage(self, hint: str) -> dt.date:
        """Row n of ``rows`` stages splitting the project period into consecutive parts."""
        start = _iso(self.root.get("project_start")) or self._filed()
        end = _iso(self.root.get("project_end")) or start + dt.timedelta(days=730)
        span = (end - start).days / max(self.rows, 1)
        if hint == "stage_start":
            return start + dt.timedelta(days=round(span * self.row_index))
        return start + dt.timedelta(days=round(span * (self.row_index + 1)) - 1)

    def _choice(self, field: Field, hint: str) -> str:
        if field.id == field.option("province_of", "province") and self.province in field.choices:
            return self.province
        if hint == "distinct":  # as a clerk lists them: in the form's order, each once
            key = f"{self.table_id}:{field.id}"
            if key not in self.picks:
                chosen = self.rng.sample(list(field.choices), min(self.rows, len(field.choices)))
                self.picks[key] = sorted(chosen, key=field.choices.index)
            return self.picks[key][self.row_index % len(self.picks[key])]
        if hint.startswith("pick:"):
            return self._pick_column(hint[5:])
        if hint == "event_kind":        # the 活动类型 the row's activity name was drawn for
            return self._pick("kind", field.choices)
        return self.rng.choice(field.choices)

    def _multi(self, field: Field, hint: str) -> list[str]:
        choices = [c for c in field.choices if c != "无"]
        return sorted(self.rng.sample(choices, self.rng.randint(1, min(3, len(choices)))), key=field.choices.index)

    def _bool(self, field: Field, hint: str) -> bool:
        return self.rng.random() < 0.5

    def _uscc(self, field: Field, hint: str) -> str:
        return credit_code.random_code(self.rng, self.province)

    def _mobile(self, field: Field, hint: str) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randint(0, 999999999):09d}"

    def _phone(self, field: Field, hint: str) -> str:
        return self._phone_in(self.place)

    def _phone_in(self, place: tuple) -> str:
        area = place[3]
        digits = 8 if len(area) == 3 or area in ("0571", "0512", "0755", "0769", "0757") else 7
        return f"{area}-{self.rng.randint(2, 8)}{self.rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}"

    def _email(self, field: Field, hint: str) -> str:
        return f"{self.rng.choice(('office', 'keji', 'rd', 'contact', 'info'))}{self.rng.randint(10, 99)}@example.com"

    def _postcode(self, field: Field, hint: str) -> str:
        return self.place[2]


# The sample side's table of kinds (as the UI has its table of editors): one maker per typed kind.
# Files come from the files handed to the generator and calculated fields from the engine, so neither has one.
MAKERS = {"text": Values._text, "memo": Values._memo, "int": Values._int, "money": Values._money,
          "date": Values._date, "choice": Values._choice, "multi": Values._multi, "bool": Values._bool,
          "uscc": Values._uscc, "mobile": Values._mobile, "phone": Values._phone, "email": Values._email,
          "postcode": Values._postcode}
