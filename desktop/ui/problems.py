"""The problems of one validation pass, indexed for pages, steps and the review page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from desktop.engine.model import ERROR, Problem


def ack_key(problem: Problem) -> str:
    """How an acknowledged warning is remembered in the draft (path and stable code)."""
    return f"{problem.path}|{problem.code}"


def owns(prefix: str, path: str) -> bool:
    """True when ``path`` is ``prefix`` itself or lies inside it (``needs`` owns ``needs[2].title``)."""
    if not prefix:
        return False
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")


@dataclass(frozen=True)
class ProblemIndex:
    problems: tuple[Problem, ...] = ()
    acknowledged: frozenset[str] = frozenset()
    _by_path: dict[str, list[Problem]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_path: dict[str, list[Problem]] = defaultdict(list)
        for problem in self.problems:
            by_path[problem.path].append(problem)
        object.__setattr__(self, "_by_path", dict(by_path))

    def is_acknowledged(self, problem: Problem) -> bool:
        return problem.level != ERROR and ack_key(problem) in self.acknowledged

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == ERROR)

    @property
    def outstanding(self) -> tuple[Problem, ...]:
        """Errors and the warnings nobody has acknowledged: what still needs a look."""
        return tuple(p for p in self.problems if not self.is_acknowledged(p))

    def at(self, path: str) -> list[Problem]:
        """Problems reported on exactly this field, errors first."""
        found = self._by_path.get(path, [])
        return sorted(found, key=lambda p: p.level != ERROR)

    def count_under(self, prefixes: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int:
        """Outstanding problems inside any of ``prefixes`` but not inside ``exclude``."""
        return sum(1 for p in self.outstanding
                   if any(owns(x, p.path) for x in prefixes) and not any(owns(x, p.path) for x in exclude))
