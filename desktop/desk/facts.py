"""What the desk registers about a package kept in its workspace: manifest and forms' data.

The folder was verified on arrival, but it is read again under the verifier's
limits (manifest ≤ 1 MB, data files hashed against the manifest): a workspace
can be changed behind the program's back. Anything missing or of the wrong
type is simply left empty; the register never trusts a type it did not check.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from desktop.package.listed_file import ListedFileError, read_data_files
from desktop.package.manifest import MANIFEST_NAME
from desktop.package.package_check import MANIFEST_MAX_BYTES
from desktop.package.safe_json import JsonRefused, loads_limited, printable

SEARCHED_KEYS = ("title", "project_title", "need_title", "need_owner", "name", "uscc", "need_code")
MAX_NEEDS = 20


@dataclass(frozen=True)
class NeedFacts:
    row: int
    title: str
    sector: str
    domain: str
    is_public: bool
    budget: Decimal | None
    deadline: str
    data: dict


@dataclass
class PackageFacts:
    province: str = ""
    channel: str = ""
    revision: int = 0
    created_at: dt.datetime | None = None
    draft: bool = False
    answers_notice: str = ""
    campaign_id: str = ""
    forms_text: str = ""
    need_code: str = ""
    data: dict[str, dict] = field(default_factory=dict)      # form id → submission data
    needs: list[NeedFacts] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    search_text: str = ""


def fold(text: str) -> str:
    """Text as searched: NFKC (full-width → half-width) and case-folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def _text(obj: Any, key: str, limit: int = 200) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    return printable(value, limit) if isinstance(value, str) else ""


def read_facts(folder: Path) -> PackageFacts:
    facts = PackageFacts()
    manifest = _manifest(folder)
    submitter = manifest.get("submitter") if isinstance(manifest.get("submitter"), dict) else {}
    facts.province, facts.channel = _text(submitter, "province", 40), _text(submitter, "channel", 40)
    facts.draft = manifest.get("draft") is True
    facts.answers_notice = _text(manifest, "answers_notice", 64)
    campaign = manifest.get("campaign")
    facts.campaign_id = _text(campaign, "id", 60)
    facts.created_at = _moment(manifest.get("created_at"))
    forms = manifest.get("forms") if isinstance(manifest.get("forms"), list) else []
    facts.forms_text = "、".join(f"{_text(f, 'title', 60)}（{_text(f, 'id', 40)}）" for f in forms[:9])
    for envelope in _envelopes(folder):
        form_id, data = _text(envelope, "form", 64), envelope.get("data")
        if not form_id or not isinstance(data, dict):
            continue
        facts.data[form_id] = data
        if not facts.revision and type(envelope.get("revision")) is int:
            facts.revision = envelope["revision"]
    _derive(facts)
    return facts


def _manifest(folder: Path) -> dict:
    path = folder / MANIFEST_NAME
    try:
        if path.stat().st_size > MANIFEST_MAX_BYTES:
            return {}
        obj = loads_limited(path.read_bytes(), max_bytes=MANIFEST_MAX_BYTES)
    except (OSError, JsonRefused):
        return {}
    return obj if isinstance(obj, dict) else {}


def _envelopes(folder: Path) -> list[dict]:
    try:
        files = read_data_files(folder)
    except ListedFileError:
        return []
    out = []
    for _path, raw in files:
        try:
            obj = loads_limited(raw, max_bytes=len(raw) + 1)
        except JsonRefused:
            continue
        if isinstance(obj, dict):
            out.append(obj)
    return out


def _moment(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value[:40])
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _derive(facts: PackageFacts) -> None:
    words: list[str] = []
    for data in facts.data.values():
        facts.need_code = facts.need_code or _text(data, "need_code", 40)
        if not facts.channel:
            facts.channel = _text(data, "channel", 40)
        profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
        facts.province = facts.province or _text(profile, "province", 40)
        words += [_text(data, key) for key in SEARCHED_KEYS] + [_text(profile, "name"), _text(profile, "uscc")]
        for row, need in enumerate(_rows(data.get("needs"))):
            facts.needs.append(_need(row, need))
            words.append(_text(need, "title"))
    facts.sectors = sorted({n.sector for n in facts.needs if n.sector})
    facts.domains = sorted({n.domain for n in facts.needs if n.domain})
    facts.search_text = fold(" ".join(w for w in words if w))


def _rows(value: Any) -> list[dict]:
    return [row for row in value[:MAX_NEEDS] if isinstance(row, dict)] if isinstance(value, list) else []


def _need(row: int, need: dict) -> NeedFacts:
    return NeedFacts(row=row, title=_text(need, "title"), sector=_text(need, "sector", 60),
                     domain=_text(need, "domain", 60), is_public=_text(need, "is_public", 10) != "不公开",
                     budget=_money(need.get("budget")), deadline=_text(need, "deadline", 10), data=need)


def _money(value: Any) -> Decimal | None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value)[:30])
    except InvalidOperation:
        return None
    return amount.quantize(Decimal("0.01")) if amount.is_finite() and abs(amount) < Decimal("1e12") else None


def data_json(facts: PackageFacts) -> str:
    return json.dumps(facts.data, ensure_ascii=False, sort_keys=True)
