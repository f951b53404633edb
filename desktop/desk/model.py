"""Plain values the desk's outputs take, independent of how the desk stores them.

The desk store turns its rows into these; the output modules (notice,
catalogue_out, forward, selection) never see the store.
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "公开"
NOT_PUBLIC = "不公开"


@dataclass(frozen=True)
class FieldComment:
    """An officer's comment on one field of a package: ``path`` as the form engine names it
    (``needs[0].budget``, ``profile.name``; "" = the form as a whole); ``form_id`` "" = the primary form."""

    path: str
    text: str
    form_id: str = ""


@dataclass(frozen=True)
class Issuer:
    """The desk's 本单位 as it signs its letters: name, and who to ask (optional)."""

    name: str
    contact: str = ""
    phone: str = ""
