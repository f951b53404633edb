"""Storage of drafts, enterprise profiles and exports (SQLAlchemy + Alembic).

Pure Python, no Qt: the GUI and the CLI both use :class:`Store`.
"""

from desktop.store.errors import (
    DraftNotFoundError,
    EnterpriseNotFoundError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreTooNewError,
    StoreValueError,
)
from desktop.store.paths import data_dir, db_path
from desktop.store.records import (
    DraftRecord,
    DraftSummary,
    EnterpriseRecord,
    ExportRecord,
    RecoveredDraft,
    RecoveryReport,
)


def __getattr__(name: str):
    # The Store pulls in SQLAlchemy (~0.25 s); the GUI paints its window before it needs it.
    if name == "Store":
        from desktop.store.store import Store

        return Store
    raise AttributeError(name)


__all__ = [
    "DraftNotFoundError", "DraftRecord", "DraftSummary", "EnterpriseNotFoundError",
    "EnterpriseRecord", "ExportRecord", "RecoveredDraft", "RecoveryReport", "Store",
    "StoreCorruptError", "StoreError", "StoreLockedError", "StoreTooNewError",
    "StoreValueError", "data_dir", "db_path",
]
