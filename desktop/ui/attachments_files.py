"""The GUI's attachment store work, run on the task runner's threads (no Qt here).

Files are kept in ``<data folder>/attachments`` — the data folder of the open
context, never the default one, so tests and a second data folder stay apart.
After a save that dropped a file, files no draft refers to any more are
deleted; drafts in the recycle bin still count (they can be restored).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from desktop.attachments import KINDS, AttachmentError, AttachmentStore, referenced_hashes
from desktop.attachments.store import DEFAULT_MAX_MB
from desktop.engine.model import Field

if TYPE_CHECKING:  # the store module pulls in SQLAlchemy; start-up paints before loading it
    from desktop.store.store import Store

ATTACHMENTS_DIR = "attachments"


def attachment_store(data_dir: Path) -> AttachmentStore:
    return AttachmentStore(Path(data_dir) / ATTACHMENTS_DIR)


def accepted_kinds(field: Field) -> tuple[str, ...]:
    return tuple(field.option("accept") or KINDS)


def size_limit_mb(field: Field) -> int:
    return int(field.option("max_mb") or DEFAULT_MAX_MB)


@dataclass(frozen=True)
class AddOutcome:
    """One chosen file: its draft value when kept, else the Chinese reason it was not."""

    path: Path
    value: dict | None
    message: str = ""


def add_files(files: AttachmentStore, paths: Iterable[Path], accept: tuple[str, ...], max_mb: int) -> list[AddOutcome]:
    """Copy each file into the store (checked by content); a refused file never stops the others."""
    outcomes = []
    for path in paths:
        try:
            stored = files.add(Path(path), accept=accept, max_mb=max_mb)
        except AttachmentError as error:
            outcomes.append(AddOutcome(Path(path), None, error.message))
        else:
            outcomes.append(AddOutcome(Path(path), stored.to_value()))
    return outcomes


def referenced_by_drafts(store: Store) -> set[str]:
    """Every stored file a draft refers to, drafts in the recycle bin included."""
    used: set[str] = set()
    for summary in store.list_drafts(include_deleted=True):
        used |= referenced_hashes(store.get_draft(summary.id).data)
    return used | referenced_by_register(store)


def referenced_by_register(store: Store) -> set[str]:
    """Evidence files and report photos of the 2024 activity register, kept in the same store's database."""
    from desktop.register.evidence_edit import files_in_use
    from desktop.register.store import Register

    target = store.path if store.path is not None else store.url.render_as_string(hide_password=False)
    with Register.open(target) as register:
        return files_in_use(register)


def _landed_since(files: AttachmentStore, since: float) -> set[str]:
    """Files kept after ``since``: an add that finished while the clean-up waited is not yet in any draft."""
    landed: set[str] = set()
    if not files.root.is_dir():
        return landed
    for entry in files.root.iterdir():
        try:
            if entry.stat().st_mtime >= since:
                landed.add(entry.name)
        except OSError:
            landed.add(entry.name)  # cannot tell: keep it
    return landed


def remove_unused_files(store: Store, files: AttachmentStore, also_keep: Iterable[str], since: float) -> list[str]:
    """Delete files no saved draft, no open draft (``also_keep``) and no add still landing uses."""
    keep = referenced_by_drafts(store) | set(also_keep) | _landed_since(files, since)
    return files.remove_unused(keep)
