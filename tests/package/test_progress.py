"""One bar for a job of several stages (forward, then verify): it only grows and ends full."""

from __future__ import annotations

from desktop.package.progress import stage


def test_stages_share_one_bar_that_only_grows():
    seen: list[float] = []

    def progress(done: int, total: int) -> None:
        seen.append(done / total)

    first, second = stage(progress, 0, 2), stage(progress, 1, 2)
    for done in (0, 50, 100):
        first(done, 100)
    for done in (0, 3, 7):              # another unit: a different total
        second(done, 7)
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 1
    assert seen[2] == seen[3] == 0.5    # the first stage ends where the second begins
    second(9, 7)                        # more than announced is the end, not beyond
    assert seen[-1] == 1
    assert stage(None, 0, 2) is None
