"""Every form the program knows, by (id, edition).  A new form or edition is one more module here."""

from __future__ import annotations

from desktop.engine.model import Form

from . import a2023_application, a2023_match, a2023_needs, a2024_report, a2024_schedules, a2024_stats

FORMS: tuple[Form, ...] = (a2023_needs.FORM, a2023_match.FORM, a2023_application.FORM,
                           *a2024_schedules.FORMS, a2024_stats.FORM, a2024_report.FORM)


def get_form(form_id: str, edition: str | None = None) -> Form:
    """The form with that id (latest edition when ``edition`` is None); KeyError when unknown."""
    matches = [f for f in FORMS if f.id == form_id and (edition is None or f.edition == edition)]
    if not matches:
        raise KeyError(form_id if edition is None else f"{form_id}@{edition}")
    return max(matches, key=lambda f: f.edition)


def all_forms() -> tuple[Form, ...]:
    return FORMS
