"""A second program run for the store tests (run as a script, not collected).

Usage: store_child.py hold DB      open the store, say "ready", wait for a line on stdin
       store_child.py try DB       try to open it, say "opened" or "locked <message>"
       store_child.py autosave DB  open it, create a draft, save it in a tight loop,
                                   printing the counter after each committed save
"""

from __future__ import annotations

import sys

from desktop.store import Store, StoreLockedError


def autosave_data(counter: int) -> dict:
    """A draft of about 40–70 KB whose rows depend on the counter (checkable whole)."""
    rows = [f"第{n}行：高精度轴承寿命检测工艺需求说明，计数 {counter}。" * 6
            for n in range(100 + counter % 60)]
    return {"profile": {"name": "示例精工科技有限公司"}, "counter": counter, "rows": rows}


def hold(db: str) -> None:
    with Store.open(db):
        print("ready", flush=True)
        sys.stdin.readline()


def try_open(db: str) -> None:
    try:
        store = Store.open(db)
    except StoreLockedError as error:
        print(f"locked {error}", flush=True)
        return
    store.close()
    print("opened", flush=True)


def autosave(db: str) -> None:
    store = Store.open(db)
    draft_id = store.create_draft("2023-a1-needs", "2023", "hash", autosave_data(0), title="崩溃测试")
    print(f"draft {draft_id}", flush=True)
    counter = 0
    while True:
        counter += 1
        store.save_draft(draft_id, autosave_data(counter), problem_count=counter % 7)
        print(counter, flush=True)


if __name__ == "__main__":
    mode, db_file = sys.argv[1], sys.argv[2]
    {"hold": hold, "try": try_open, "autosave": autosave}[mode](db_file)
