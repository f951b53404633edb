"""The sample draft to learn on: a valid 附件1 marked 样例 that the program never exports as final."""

from __future__ import annotations

import pytest

from desktop.learning import (REFUSAL, SAMPLE_TITLE, SampleExportRefused, check_final_export, create_sample_draft,
                              has_sample_draft, is_learning_sample)
from desktop.store.store import Store


@pytest.fixture
def store(tmp_path):
    opened = Store.open(tmp_path / "xieshou.db")
    yield opened
    opened.close()


def test_the_sample_draft_is_marked_and_complete(store):
    assert not has_sample_draft(store)
    draft_id = create_sample_draft(store)
    record = store.get_draft(draft_id)
    assert record.title == SAMPLE_TITLE and record.form_id == "2023-a1-needs"
    assert record.data["profile"]["name"].endswith("（样例）")
    assert has_sample_draft(store)


def test_only_a_draft_titled_sample_is_refused():
    for title in (SAMPLE_TITLE, " 样例（副本）"):
        assert is_learning_sample(title)
        with pytest.raises(SampleExportRefused, match="不能导出正式材料"):
            check_final_export(title)
    for title in ("", "第二批需求", "需求表（样例数据核对）"):
        check_final_export(title)
    assert "打印草稿" in REFUSAL
