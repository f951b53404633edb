"""The project's reference in docs/ stays in step with the code, and the code cites it, not files elsewhere."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from desktop.engine.model import Group, Table
from desktop.engine.schema import iter_fields, record_items
from desktop.forms.registry import all_forms

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _rules(items):
    for item in items:
        if isinstance(item, (Table, Group)):
            yield from item.rules
            yield from _rules(item.columns if isinstance(item, Table) else item.fields)


def test_forms_md_lists_every_field_of_every_form_with_its_label():
    text = (DOCS / "forms.md").read_text("utf-8")
    for form in all_forms():
        assert f"`{form.id}`" in text and form.title in text
        for path, field in iter_fields(record_items(form)):
            labels = {label.strip().rstrip("＊")
                      for label in re.findall(rf"^\| `{re.escape(path)}` \| ([^|]+) \|", text, re.MULTILINE)}
            assert field.label in labels, f"{form.id}: {path} {field.label} is not in docs/forms.md (run scripts/make_docs.py)"


def test_rules_md_lists_every_rule_of_every_form():
    text = (DOCS / "rules.md").read_text("utf-8")
    for form in all_forms():
        for rule in (*form.rules, *_rules(record_items(form))):
            assert f"| `{rule.code}` |" in text, f"{rule.code} is not in docs/rules.md (run scripts/make_docs.py)"
    assert "（未写来源）" not in text


def test_code_cites_the_reference_in_docs_only():
    files = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    outside = re.compile(r"(?<![/\w])(forms|package|rules|ui)\.md")
    cited = re.compile(r"docs/(\w+)\.md")
    for name in files:
        text = (ROOT / name).read_text("utf-8")
        assert not outside.search(text.replace('"forms.md"', "").replace('"rules.md"', "")), name
        for doc in cited.findall(text):
            assert (DOCS / f"{doc}.md").is_file(), f"{name} cites docs/{doc}.md, which does not exist"
