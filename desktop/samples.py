"""Made-up, complete and valid sample submissions (``xieshou sample``).

The generator reads the form definition — no per-form code: each kind knows how
to invent a value, a field's ``sample`` option gives a hint ("company",
"person", "past", "future", "fill") and a form's ``samples`` pins values that
its rules need (e.g. a 附件1 enterprise is 大型).  Every name is invented and
marked （样例）; credit codes are generated with valid check characters.  The
enterprise profile and the forms' common fields come from the seed alone, so
samples of different forms with one seed belong together (one enterprise, one
need) and can be exported as one package.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from desktop.engine.model import Field, Form, Group, Item, Table
from desktop.engine.schema import record_items
from desktop.engine.submission import make_submission
from desktop.rules import credit_code
from desktop.rules.regions import PROVINCES

FILL_DATE = dt.date(2023, 4, 20)
PROFILE = "profile"              # the enterprise profile's group (desktop.forms.profile)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜秀敏静丽强磊军洋勇艳杰涛明超霞平刚桂英华玉兰萍红鹏辉建国志宏海燕雪梅晨宇浩然子轩思远嘉怡"
NAME_HEADS = "澜岳曜衡嵘翊璟珩琮霁砺昉晟骁甄璞铎崧"
NAME_TAILS = ("精工", "智造", "芯材", "数控", "动力", "新材", "微电", "光电", "智联", "重装")
NAME_TRADES = ("装备制造", "科技", "电子", "材料科技", "智能装备", "工业技术")
PHRASES = (
    "围绕高端装备关键零部件的国产化替代开展联合攻关",
    "现有产品在高温、高速、重载工况下的可靠性与寿命仍有差距",
    "需突破精密加工、表面处理和在线检测等关键工艺",
    "主要技术指标包括精度保持性、疲劳寿命、一致性和环境适应性",
    "企业已建成省级企业技术中心和中试验证平台，具备批量验证条件",
    "拟通过联合研发形成样机并完成装机验证，逐步实现批量配套",
    "需求方将提供应用场景、试验条件和必要的数据支持",
    "成果应具备自主知识产权，关键软件和核心部件实现自主可控",
    "项目完成后将纳入供应商目录，并在后续产品中持续采购",
    "要求揭榜企业具有相关领域研发经验和稳定的技术团队",
    "检测方法应符合国家标准和行业标准的相关要求",
    "通过数字化手段提升生产过程的稳定性和质量追溯能力",
)


class SampleMaker:
    def __init__(self, form: Form, seed: int, files: list[dict] = ()):
        self.form = form
        self.seed = seed
        self.files = list(files)  # stored-file values (desktop.attachments) for file fields, used in order
        self.rng = random.Random(f"{form.id}:{seed}")
        self.pinned = dict(form.samples)
        # a form sharing fields with others (a 附件2 and its 附件3) takes its enterprise and common
        # fields from the seed alone, so its sample belongs with theirs; the others keep their own
        self.together = bool(form.shared_fields)
        province_rng = random.Random(f"{PROFILE}:province:{seed}") if self.together else self.rng
        self.province = province_rng.choice(PROVINCES)
        self.row_index = 0

    def make(self) -> dict:
        return self._record(record_items(self.form), "")

    def _record(self, items: tuple[Item, ...], prefix: str, draw_pinned: bool = False) -> dict:
        out: dict = {}
        for item in items:
            path = f"{prefix}.{item.id}" if prefix else item.id
            if prefix or not self.together or not (item.id == PROFILE or item.id in self.form.shared_fields):
                self._item(items, item, path, out, draw_pinned)
                continue
            # the profile and the common fields (Form.shared_fields) are drawn from seeds that do not
            # depend on the form: a 附件2 and a 附件3 sample of one seed name the same enterprise and need
            own, self.rng = self.rng, random.Random(f"{item.id}:{self.seed}")
            try:
                self._item(items, item, path, out, draw_pinned=True)
            finally:
                self.rng = own
        return out

    def _item(self, items: tuple[Item, ...], item: Item, path: str, out: dict, draw_pinned: bool) -> None:
        """``draw_pinned``: draw a value even where a pin replaces it, so that forms pinning
        different fields still draw the same values for the rest (the seed-only parts)."""
        if isinstance(item, Table):
            out[item.id] = []
            for self.row_index in range(self._row_count(item, path)):
                out[item.id].append(self._record(item.columns, f"{path}[]", draw_pinned))
        elif isinstance(item, Group):
            out[item.id] = self._record(item.fields, path, draw_pinned)
        elif item.kind == "file":
            files = [f for f in self.files if f.get("kind") in item.option("accept", (f.get("kind"),))]
            if self.row_index < len(files):
                out[item.id] = files[self.row_index]
                self._name_row_after_file(items, out, files[self.row_index])
        elif item.kind != "calc":
            drawn = self.value(item) if draw_pinned or path not in self.pinned else None
            value = self.pinned[path] if path in self.pinned else drawn
            value = list(value) if isinstance(value, tuple) else value
            if value is not None:
                out[item.id] = value

    def _row_count(self, table: Table, path: str) -> int:
        accepts = [c.option("accept", ()) for c in table.columns if c.kind == "file"]
        if accepts:  # one row per supplied file of an accepted kind; none without files
            return sum(f.get("kind") in accepts[0] for f in self.files)
        return self.pinned.get(path, len(table.fixed_rows) or self.rng.randint(max(1, table.min_rows),
                                                                                min(table.max_rows, 5)))

    def value(self, field: Field) -> Any:
        maker = getattr(self, f"_{field.kind}", None)
        return maker(field) if maker else None

    def _text(self, field: Field) -> str:
        hint = field.option("sample")
        if hint == "company":
            return self.company()
        if hint == "authority":  # 省级中小企业主管部门
            return self.province + ("工业和信息化局" if self.province.endswith("市") else "工业和信息化厅")
        if hint == "province":
            return self.province
        if hint == "person":
            return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.randint(1, 2)))
        return self.prose(min(field.max_len or 20, 24)).rstrip("。；")

    def _memo(self, field: Field) -> str:
        return self.prose(field.max_len or 200)

    def prose(self, length: int) -> str:
        text = ""
        while len(text) < length:
            text += self.rng.choice(PHRASES) + ("；" if self.rng.random() < 0.4 else "。")
        return text[: length - 1] + "。"

    def company(self) -> str:
        rng = self.rng
        return (rng.choice(NAME_HEADS) + rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
                + rng.choice(NAME_TRADES) + "股份有限公司（样例）")

    @staticmethod
    def _name_row_after_file(items: tuple[Item, ...], row: dict, value: dict) -> None:
        title = next((i for i in items if isinstance(i, Field) and i.kind == "text"), None)
        if title is not None:
            row[title.id] = value["name"].rsplit(".", 1)[0][: title.max_len or 40]

    def _int(self, field: Field) -> str:
        if field.option("sample_range"):  # bounds that keep a form's rules true (其中 ≤ 总数)
            return str(self.rng.randint(*field.option("sample_range")))
        if field.option("sample") == "year":  # the last three years before the fill date, oldest first
            return str(FILL_DATE.year - 3 + self.row_index)
        return str(self.rng.randint(1, 500))

    def _money(self, field: Field) -> str:
        return f"{self.rng.randint(10, 50000)}.{self.rng.randint(0, 99):02d}"

    def _date(self, field: Field) -> str:
        if field.option("sample_range"):  # a day inside the campaign's own dates
            first, last = (dt.date.fromisoformat(d) for d in field.option("sample_range"))
            return (first + dt.timedelta(days=self.rng.randint(0, (last - first).days))).isoformat()
        hint = field.option("sample")
        if hint == "past":
            return dt.date(self.rng.randint(1990, 2015), self.rng.randint(1, 12), self.rng.randint(1, 28)).isoformat()
        if hint == "future":
            return (FILL_DATE + dt.timedelta(days=self.rng.randint(180, 1100))).isoformat()
        return FILL_DATE.isoformat()

    def _choice(self, field: Field) -> str:
        if field.id == field.option("province_of", "province") and set(field.choices) == set(PROVINCES):
            return self.province
        return self.rng.choice(field.choices)

    def _multi(self, field: Field) -> list[str]:
        choices = [c for c in field.choices if c != "无"]
        return sorted(self.rng.sample(choices, self.rng.randint(1, min(3, len(choices)))), key=field.choices.index)

    def _bool(self, field: Field) -> bool:
        return self.rng.random() < 0.5

    def _uscc(self, field: Field) -> str:
        return credit_code.random_code(self.rng, self.province)

    def _mobile(self, field: Field) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randint(0, 999999999):09d}"

    def _phone(self, field: Field) -> str:
        return f"0{self.rng.randint(10, 999):03d}-{self.rng.randint(2000000, 89999999)}"

    def _email(self, field: Field) -> str:
        return f"contact{self.rng.randint(100, 999)}@example.com"

    def _postcode(self, field: Field) -> str:
        return f"{self.rng.randint(100000, 859999)}"


def sample_raw(form: Form, seed: int = 0, files: list[dict] = ()) -> dict:
    return SampleMaker(form, seed, files).make()


def sample_submission(form: Form, seed: int = 0, files: list[dict] = ()) -> dict:
    submission, cleaned = make_submission(form, sample_raw(form, seed, files))
    if cleaned.errors:
        raise AssertionError(f"sample for {form.id} is invalid: {cleaned.errors[:3]}")
    return submission
