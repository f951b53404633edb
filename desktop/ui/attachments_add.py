"""Adding supporting files from the GUI: a file dialog or a drop, copied in off the UI thread.

Used by every editor of a ``file`` field — the one-field editor and the file
column of a table.  Problems are shown beside the field, never in a dialog.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from desktop.attachments.content import EXTENSION_KIND, LABELS
from desktop.engine.model import Field

from .attachments_files import AddOutcome, accepted_kinds, add_files, attachment_store, size_limit_mb
from .file_dialogs import choose_file, choose_files
from .messages import describe_error


def dropped_paths(mime: QMimeData | None) -> list[Path]:
    """The local files of a drag (links to web pages and text are not files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def file_filter(field: Field) -> str:
    kinds = accepted_kinds(field)
    patterns = " ".join(f"*{ext}" for ext, kind in EXTENSION_KIND.items() if kind in kinds)
    names = "、".join(LABELS.get(kind, kind.upper()) for kind in kinds)
    return f"{names} 文件 ({patterns});;所有文件 (*)"


def accept_hint(field: Field, drop_on: str = "这里") -> str:
    names = "、".join(LABELS.get(kind, kind.upper()) for kind in accepted_kinds(field))
    return f"可添加 {names} 文件，每个不超过 {size_limit_mb(field)} MB；也可以把文件拖到{drop_on}"


def problems_text(outcomes: list[AddOutcome]) -> str:
    return "\n".join(f"✖ {o.message}" for o in outcomes if o.value is None)


class FileAdder(QObject):
    """Copies files for one file field into the context's attachment store, through the task runner."""

    def __init__(self, ctx, field: Field, owner: QWidget):
        super().__init__(owner)
        self.ctx, self.field, self.owner = ctx, field, owner
        self.busy = False

    def choose(self, many: bool) -> list[Path]:
        title = f"选择{self.field.label}"
        if many:
            names = choose_files(self.owner, title, "", file_filter(self.field))
            return [Path(n) for n in names]
        name = choose_file(self.owner, title, "", file_filter(self.field))
        return [Path(name)] if name else []

    def add(self, paths: list[Path], on_done: Callable[[list[AddOutcome]], None]) -> None:
        """Copy ``paths`` in (a 50 MB scan takes a while: never on the UI thread); ``on_done`` gets every outcome."""
        if not paths:
            return
        self.busy = True
        job = partial(add_files, attachment_store(self.ctx.data_dir), list(paths), accepted_kinds(self.field),
                      size_limit_mb(self.field))
        self.ctx.tasks.run(self.owner, job, on_success=lambda outcomes: self._done(outcomes, on_done),
                           on_failure=lambda error: self._failed(error, paths, on_done))

    def _done(self, outcomes: list[AddOutcome], on_done: Callable[[list[AddOutcome]], None]) -> None:
        self.busy = False
        on_done(outcomes)

    def _failed(self, error: BaseException, paths: list[Path], on_done) -> None:
        self.busy = False
        on_done([AddOutcome(Path(p), None, describe_error(error)) for p in paths])


class FileDropStrip(QWidget):
    """A strip that takes files dropped on it (Explorer, the desktop, a file manager)."""

    def __init__(self, parent: QWidget, on_drop: Callable[[list[Path]], None]):
        super().__init__(parent)
        self._on_drop = on_drop
        self.setAcceptDrops(True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self._on_drop(paths)
