"""Made-up, complete and valid sample submissions (``xieshou sample``).

The generator reads the form definition — no per-form code: each kind knows how
to invent a value, and a field's ``sample`` option says what the field holds
(``desktop.sample_hints``: "company", "person", "city", "address", "job:leader",
"series:profile.revenue@1", "stage_start" …) so that every value looks like what
a clerk would type. A form's ``samples`` pins values its rules need (e.g. a
附件1 enterprise is 大型). Every enterprise name is invented and marked
（样例）; credit codes are generated with valid check characters.

The enterprise profile and the forms' common fields come from the seed alone,
and the SME forms pin the same enterprise (``desktop.forms.common.SME_SAMPLE``),
so samples of different forms with one seed describe one enterprise and one
need and can be exported as one package.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from desktop.engine.kinds import kind_of
from desktop.engine.model import Field, Form, Group, Item, SampleHint, Table
from desktop.engine.schema import record_items
from desktop.engine.submission import make_submission
from desktop.rules.regions import PROVINCES

from .sample_hints import FILL_DATE, Values

PROFILE = "profile"              # the enterprise profile's group (desktop.forms.profile)
__all__ = ["FILL_DATE", "SampleMaker", "sample_raw", "sample_submission"]


class SampleMaker:
    def __init__(self, form: Form, seed: int, files: list[dict] = ()):
        self.form = form
        self.seed = seed
        self.files = list(files)  # stored-file values (desktop.attachments) for file fields, used in order
        self.pinned = dict(form.samples)
        # a form sharing fields with others (a 附件2 and its 附件3) takes its enterprise and common
        # fields from the seed alone, so its sample belongs with theirs; the others keep their own
        self.together = bool(form.shared_fields)
        own = random.Random(f"{form.id}:{seed}")
        province_rng = random.Random(f"{PROFILE}:province:{seed}") if self.together else own
        self.values = Values(own, province_rng.choice(PROVINCES), seed)

    def make(self) -> dict:
        root: dict = {}
        self.values.root = root
        self._record(record_items(self.form), "", root)
        return root

    def _record(self, items: tuple[Item, ...], prefix: str, out: dict, draw_pinned: bool = False) -> dict:
        for item in items:
            self.values.scope = out
            path = f"{prefix}.{item.id}" if prefix else item.id
            if prefix or not self.together or not (item.id == PROFILE or item.id in self.form.shared_fields):
                self._item(items, item, path, out, draw_pinned)
                continue
            # the profile and the common fields (Form.shared_fields) are drawn from seeds that do not
            # depend on the form: a 附件2 and a 附件3 sample of one seed name the same enterprise and need
            with self.values.drawing_from(random.Random(f"{item.id}:{self.seed}")):
                self._item(items, item, path, out, draw_pinned=True)
        return out

    def _item(self, items: tuple[Item, ...], item: Item, path: str, out: dict, draw_pinned: bool) -> None:
        """``draw_pinned``: draw a value even where a pin replaces it, so that forms pinning
        different fields still draw the same values for the rest (the seed-only parts)."""
        if isinstance(item, Table):
            rows: list[dict] = []
            out[item.id] = rows
            count = self._row_count(item, path)
            with self.values.table(item.id, count):
                for index in range(count):
                    self.values.row_index = index
                    rows.append(self._record(item.columns, f"{path}[]", {}, draw_pinned))
        elif isinstance(item, Group):
            out[item.id] = self._record(item.fields, path, {}, draw_pinned)
        elif kind_of(item).attachment:
            files = [f for f in self.files if f.get("kind") in item.option("accept", (f.get("kind"),))]
            if self.values.row_index < len(files):
                out[item.id] = files[self.values.row_index]
                self._name_row_after_file(items, out, files[self.values.row_index])
        elif not kind_of(item).computed:
            self._field(item, path, out, draw_pinned)

    def _field(self, field: Field, path: str, out: dict, draw_pinned: bool) -> None:
        self.values.scope = out
        pin = self._pin(path)
        drawn = self.values.value(field) if draw_pinned or pin is None else None
        if isinstance(pin, SampleHint):
            value = self.values.value(replace(field, options=(*field.options, ("sample", pin.hint))))
        elif pin is not None:
            value = pin
        elif field.suggest is not None and field.option("sample") is None:
            value = field.suggest(out, self.values.root) or drawn  # e.g. the 承诺书's 法定代表人 from the profile
        else:
            value = drawn
        value = list(value) if isinstance(value, tuple) else value
        if value is not None:
            out[field.id] = value

    def _pin(self, path: str) -> Any:
        """The pinned value of ``needs[].title`` for every row, or of ``needs[0].title`` for the first."""
        return self.pinned.get(path.replace("[]", f"[{self.values.row_index}]"), self.pinned.get(path))

    def _row_count(self, table: Table, path: str) -> int:
        accepts = [c.option("accept", ()) for c in table.columns if kind_of(c).attachment]
        if accepts:  # one row per supplied file of an accepted kind; none without files
            return sum(f.get("kind") in (accepts[0] or (f.get("kind"),)) for f in self.files)
        rng = self.values.rng
        return self.pinned.get(path, len(table.fixed_rows) or rng.randint(max(1, table.min_rows),
                                                                           min(table.max_rows, 5)))

    @staticmethod
    def _name_row_after_file(items: tuple[Item, ...], row: dict, value: dict) -> None:
        title = next((i for i in items if isinstance(i, Field) and kind_of(i).title_like), None)
        if title is not None:
            row[title.id] = value["name"].rsplit(".", 1)[0][: title.max_len or 40]


def sample_raw(form: Form, seed: int = 0, files: list[dict] = ()) -> dict:
    return SampleMaker(form, seed, files).make()


def sample_submission(form: Form, seed: int = 0, files: list[dict] = ()) -> dict:
    submission, cleaned = make_submission(form, sample_raw(form, seed, files))
    if cleaned.errors:
        raise AssertionError(f"sample for {form.id} is invalid: {cleaned.errors[:3]}")
    return submission
