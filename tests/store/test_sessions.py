"""Unclean ends: a killed autosave loop, and what the next start reports."""

import re
import time
from datetime import datetime, timezone

from desktop.store import RecoveredDraft, RecoveryReport, Store

from .store_child import autosave_data


def run_until_killed(start_child, db_file, saves_before_kill: int) -> tuple[int, int]:
    """Start the autosave loop, kill -9 it mid-loop; (draft id, last counter reported)."""
    child = start_child("autosave", db_file)
    header = child.stdout.readline()
    match = re.fullmatch(r"draft (\d+)\n", header)
    assert match, header + child.stderr.read()
    last = 0
    deadline = time.monotonic() + 60
    while last < saves_before_kill and time.monotonic() < deadline:
        last = int(child.stdout.readline())
    child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
    rest, _ = child.communicate(timeout=30)
    reported = [int(line) for line in rest.split()]
    return int(match.group(1)), max([last, *reported])


def test_kill_during_autosave_loses_nothing_committed(db_file, start_child):
    with Store.open(db_file) as before:
        untouched = before.create_draft("2023-a2-answers", "2023", "h", {"a": 1})
    draft_id, last_reported = run_until_killed(start_child, db_file, saves_before_kill=60)

    with Store.open(db_file) as store:
        assert store.integrity_ok()
        draft = store.get_draft(draft_id)
        counter = draft.data["counter"]
        # Every save the child reported had been committed before it printed.
        assert counter >= last_reported >= 60
        assert draft.data == autosave_data(counter), "the kept version is complete"
        report = store.recovery
        assert report is not None
        assert [d.draft_id for d in report.drafts] == [draft_id]
        assert untouched not in [d.draft_id for d in report.drafts]
        assert report.drafts[0].label == "崩溃测试"
        assert report.drafts[0].updated_at == draft.updated_at
        assert report.previous_started_at <= draft.updated_at
    with Store.open(db_file) as after:
        assert after.recovery is None, "reported once, then the run ended cleanly"


def test_recovery_message_names_each_draft_and_its_time():
    started = datetime(2023, 4, 27, 1, 0, tzinfo=timezone.utc)
    saved = datetime(2023, 4, 27, 2, 41, 7, tzinfo=timezone.utc)
    report = RecoveryReport(started, [RecoveredDraft(3, "示例精工科技有限公司 · 2023-a1-needs", saved)])
    text = report.message()
    local = saved.astimezone()
    assert "没有正常关闭" in text
    assert f"· 示例精工科技有限公司 · 2023-a1-needs（保存于 {local.year}年{local.month}月{local.day}日" in text
    assert f"{local:%H:%M:%S}）" in text


def test_recovery_message_without_changed_drafts_reassures():
    report = RecoveryReport(datetime(2023, 4, 27, tzinfo=timezone.utc), [])
    assert "所有数据都完好" in report.message()
