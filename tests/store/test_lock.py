"""The single-instance lock, checked across real processes."""

import os

import pytest

from desktop.store import Store, StoreLockedError

LOCKED_MESSAGE = ("携手填报已在运行（进程 {pid}），请切换到已打开的窗口；"
                  "如果确认没有在运行，请重启电脑后再试。")


def wait_for_ready(child) -> None:
    line = child.stdout.readline()
    assert line.strip() == "ready", line + child.stderr.read()


def test_second_copy_in_another_process_gets_the_chinese_message(db_file, start_child):
    child = start_child("hold", db_file)
    wait_for_ready(child)
    with pytest.raises(StoreLockedError) as error:
        Store.open(db_file)
    assert error.value.pid == child.pid
    assert str(error.value) == LOCKED_MESSAGE.format(pid=child.pid)
    child.stdin.write("\n")
    child.stdin.flush()
    assert child.wait(timeout=30) == 0
    with Store.open(db_file) as store:
        assert store.recovery is None


def test_other_process_is_refused_while_we_hold_the_store(db_file, start_child):
    with Store.open(db_file):
        child = start_child("try", db_file)
        out, err = child.communicate(timeout=60)
    assert out.strip() == "locked " + LOCKED_MESSAGE.format(pid=os.getpid()), err


def test_lock_dies_with_a_killed_process(db_file, start_child):
    child = start_child("hold", db_file)
    wait_for_ready(child)
    child.kill()
    child.wait(timeout=30)
    with Store.open(db_file) as store:
        assert store.integrity_ok()
        assert store.recovery is not None, "a killed run is an unclean end"
        assert store.recovery.drafts == []
