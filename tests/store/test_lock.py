"""The single-instance lock, checked across real processes."""

import pytest

from desktop.store import Store, StoreLockedError

# No process number, never a restart: say the program is open and where to find it.
LOCKED_MESSAGE = ("携手填报已经打开了，同一时间只能打开一个。请在屏幕下方的任务栏中找到“携手填报”，"
                  "点击它回到已打开的窗口；窗口也可能被其他窗口挡住或已经最小化。")


def wait_for_ready(child) -> None:
    line = child.stdout.readline()
    assert line.strip() == "ready", line + child.stderr.read()


def test_second_copy_in_another_process_gets_the_chinese_message(db_file, start_child):
    child = start_child("hold", db_file)
    wait_for_ready(child)
    with pytest.raises(StoreLockedError) as error:
        Store.open(db_file)
    assert error.value.pid == child.pid
    assert str(error.value) == LOCKED_MESSAGE
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.wait(timeout=30) == 0
    with Store.open(db_file) as store:
        assert store.recovery is None


def test_other_process_is_refused_while_we_hold_the_store(db_file, start_child):
    with Store.open(db_file):
        child = start_child("try", db_file)
        out, err = child.communicate(timeout=60)
    assert out.strip() == "locked " + LOCKED_MESSAGE, err


def test_lock_dies_with_a_killed_process(db_file, start_child):
    child = start_child("hold", db_file)
    wait_for_ready(child)
    child.kill()
    child.wait(timeout=30)
    with Store.open(db_file) as store:
        assert store.integrity_ok()
        assert store.recovery is not None, "a killed run is an unclean end"
        assert store.recovery.drafts == []
