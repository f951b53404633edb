"""The sample draft a newcomer learns on (offered by the start window on first run, and from 帮助).

It is a complete 附件1 made by the sample generator: every name is invented and marked （样例）. It can be
checked, edited, printed as a draft and burnt to a practice disc, but never exported as final material:
the program's export refuses a draft whose title starts with 样例. (Sample data as such — ``xieshou sample``
— stays exportable: the tests and the screenshots export it.)
"""

from __future__ import annotations

from desktop.engine.schema import form_hash
from desktop.forms.registry import get_form
from desktop.samples import sample_raw

LEARNING_FORM = "2023-a1-needs"
SAMPLE_TITLE = "样例（练习用，不能导出正式材料）"
REFUSAL = ("这是练习用的样例草稿，不能导出正式材料。可以点“打印草稿”看看导出的样子；"
           "填报本企业的真实材料，请在开始窗口新建草稿。")


class SampleExportRefused(Exception):
    """A final export of the sample draft; the message (Chinese) says what to do instead."""


def is_learning_sample(title: str) -> bool:
    return title.strip().startswith("样例")


def check_final_export(title: str) -> None:
    if is_learning_sample(title):
        raise SampleExportRefused(REFUSAL)


def create_sample_draft(store) -> int:
    """Add the sample draft to ``store``; returns its id."""
    form = get_form(LEARNING_FORM)
    return store.create_draft(form.id, form.edition, form_hash(form), sample_raw(form, 0), title=SAMPLE_TITLE)


def has_sample_draft(store) -> bool:
    return any(d.title == SAMPLE_TITLE for d in store.list_drafts(include_deleted=True))
