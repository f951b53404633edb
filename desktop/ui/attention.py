"""Which problems the pages show yet: quiet until asked (docs/workflow.md "The form wizard").

A new draft is full of empty required fields; shouting 30 red errors before
anything is typed helps nobody.  "Please fill in" problems (QUIET_CODES) of a
field are shown once the user has been in that field (typed, or left it), or
everywhere once the review page was opened or an export attempted.  Every
other problem — a wrong credit code, a number over its limit — shows at once,
and the counts (sidebar, bottom bar, review page) always count everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.engine.model import Problem

from .problems import owns

QUIET_CODES = frozenset({"required", "table.min_rows"})


class Attention:
    def __init__(self) -> None:
        self.visited: set[str] = set()
        self.everything = False

    def visit(self, path: str) -> bool:
        """The user has been in ``path`` (a field, a table row or a table); True when that is news."""
        if self.everything or path in self.visited:
            return False
        self.visited.add(path)
        return True

    def reveal_all(self) -> bool:
        """The review page or an export asked for every problem; True when that is news."""
        news, self.everything = not self.everything, True
        return news

    def shown(self, problem: Problem) -> bool:
        if self.everything or problem.code not in QUIET_CODES:
            return True
        return any(owns(path, problem.path) for path in self.visited)

    def filter(self, problems: Iterable[Problem]) -> list[Problem]:
        return [p for p in problems if self.shown(p)]
