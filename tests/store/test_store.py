import os
import threading

import pytest

from desktop.store import Store, StoreCorruptError, StoreError, StoreLockedError
from desktop.store.paths import DATA_DIR_ENV

# No process number, never a restart: say the program is open and where to find it.
LOCKED_MESSAGE = ("携手填报已经打开了，同一时间只能打开一个。请在屏幕下方的任务栏中找到“携手填报”，"
                  "点击它回到已打开的窗口；窗口也可能被其他窗口挡住或已经最小化。")


def test_integrity_check_passes_on_a_fresh_store(store):
    assert store.integrity_ok()


def test_damaged_file_gives_a_plain_message_and_no_lock(db_file):
    db_file.write_bytes("这不是数据库文件。".encode() * 200)
    with pytest.raises(StoreCorruptError, match="数据文件已损坏") as error:
        Store.open(db_file)
    assert error.value.path == db_file.resolve()
    with pytest.raises(StoreCorruptError):
        Store.open(db_file)  # not StoreLockedError: the first attempt let go


def test_second_open_in_the_same_process_is_refused_until_closed(db_file):
    first = Store.open(db_file)
    with pytest.raises(StoreLockedError) as error:
        Store.open(db_file)
    assert str(error.value) == LOCKED_MESSAGE
    first.close()
    with Store.open(db_file) as again:
        assert again.recovery is None, "a clean close is not reported as a crash"


def test_closed_store_refuses_work_instead_of_bypassing_the_lock(db_file):
    store = Store.open(db_file)
    store.close()
    store.close()  # twice is harmless
    with pytest.raises(StoreError, match="已经关闭"):
        store.list_drafts()


def test_default_store_lives_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "便携"))
    with Store.open() as store:
        assert store.path == (tmp_path / "便携" / "xieshou.db").resolve()
    assert (tmp_path / "便携" / "xieshou.db.lock").read_text().strip() == str(os.getpid())


def test_context_manager_closes(db_file):
    with Store.open(db_file) as store:
        store.create_draft("2023-a1-needs", "2023", "h", {})
    with Store.open(db_file) as again:
        assert len(again.list_drafts()) == 1


def test_saves_from_several_threads_all_arrive(store):
    draft_ids = [store.create_draft("2023-a1-needs", "2023", "h", {"n": 0}) for _ in range(4)]
    errors: list[BaseException] = []

    def autosave(draft_id: int) -> None:
        try:
            for n in range(1, 31):
                store.save_draft(draft_id, {"n": n, "text": "字" * 2000}, problem_count=n)
                store.list_drafts()
        except BaseException as error:  # collected for the main thread to report
            errors.append(error)

    threads = [threading.Thread(target=autosave, args=(i,)) for i in draft_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [store.get_draft(i).data["n"] for i in draft_ids] == [30] * 4
    assert store.integrity_ok()
