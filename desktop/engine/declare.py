"""Short constructors so form modules read like the paper form.

``text("name", "企业名称", 100, required=True)`` instead of spelling out
``Field(id=..., kind="text", ...)`` each time.
"""

from __future__ import annotations

from typing import Any, Callable

from .model import Field


def _field(kind: str, id: str, label: str, *, required: bool = False, max_len: int | None = None,
           choices: tuple[str, ...] = (), help: str = "", suggest=None, width: int = 0, **options: Any) -> Field:
    return Field(id=id, label=label, kind=kind, required=required, max_len=max_len, choices=tuple(choices),
                 help=help, suggest=suggest, options=tuple(sorted(options.items())), width=width)


def text(id: str, label: str, max_len: int, **kw: Any) -> Field:
    return _field("text", id, label, max_len=max_len, **kw)


def memo(id: str, label: str, max_len: int, **kw: Any) -> Field:
    return _field("memo", id, label, max_len=max_len, **kw)


def integer(id: str, label: str, **kw: Any) -> Field:
    return _field("int", id, label, **kw)


def money(id: str, label: str, **kw: Any) -> Field:
    return _field("money", id, label, **kw)


def date(id: str, label: str, **kw: Any) -> Field:
    return _field("date", id, label, **kw)


def choice(id: str, label: str, choices: tuple[str, ...], **kw: Any) -> Field:
    return _field("choice", id, label, choices=choices, **kw)


def multi(id: str, label: str, choices: tuple[str, ...], **kw: Any) -> Field:
    return _field("multi", id, label, choices=choices, **kw)


def boolean(id: str, label: str, **kw: Any) -> Field:
    return _field("bool", id, label, **kw)


def uscc(id: str, label: str, **kw: Any) -> Field:
    return _field("uscc", id, label, **kw)


def mobile(id: str, label: str, **kw: Any) -> Field:
    return _field("mobile", id, label, **kw)


def phone(id: str, label: str, **kw: Any) -> Field:
    return _field("phone", id, label, **kw)


def email(id: str, label: str, **kw: Any) -> Field:
    return _field("email", id, label, **kw)


def postcode(id: str, label: str, **kw: Any) -> Field:
    return _field("postcode", id, label, **kw)


def file(id: str, label: str, accept: tuple[str, ...], max_mb: int, **kw: Any) -> Field:
    return _field("file", id, label, accept=tuple(accept), max_mb=max_mb, **kw)


def calc(id: str, label: str, compute: Callable[[dict, dict], Any], render: Callable[[Any], str] | None = None,
         *, reads: tuple[str, ...] = (), optional: tuple[str, ...] = (), **kw: Any) -> Field:
    """A calculated field: ``compute(scope, root)`` runs when none of ``reads`` is empty."""
    if not reads and not optional:
        raise ValueError(f"calc {id}: declare the fields it reads (reads=...)")
    return Field(id=id, label=label, kind="calc", compute=compute, render=render, reads=tuple(reads),
                 optional=tuple(optional), options=tuple(sorted(kw.items())))
