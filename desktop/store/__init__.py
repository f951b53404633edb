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
from desktop.store.store import Store

__all__ = [
    "DraftNotFoundError", "DraftRecord", "DraftSummary", "EnterpriseNotFoundError",
    "EnterpriseRecord", "ExportRecord", "RecoveredDraft", "RecoveryReport", "Store",
    "StoreCorruptError", "StoreError", "StoreLockedError", "StoreTooNewError",
    "StoreValueError", "data_dir", "db_path",
]
