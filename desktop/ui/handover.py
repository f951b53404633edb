"""Files handed to the program, and the one running copy that takes them from a second start.

The first copy listens on a local socket (QLocalServer: a Unix socket that
only its user may open, a named pipe on Windows) once its store is open. A
second start — a double-click on an .iso while the program runs, or the menu
entry again — connects, sends its paths as one JSON line and ends; the first
copy brings its start window forward and opens each path where it belongs
(:mod:`desktop.handed` decides where). The message is a stranger's bytes:
its size is capped and anything but ``{"open": [paths]}`` is dropped.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.handed import classify
from desktop.errorlog import reason

MAX_MESSAGE = 64 * 1024
MAX_PATHS = 100
WAIT_MS = 3000


def server_name(data_dir: Path) -> str:
    """One name per user and data folder: two data folders are two independent programs."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        user = ""
    digest = hashlib.sha256(f"{user}\0{Path(data_dir).resolve()}".encode("utf-8")).hexdigest()
    return f"xieshou-{digest[:20]}"


def hand_over(paths: list[Path], data_dir: Path, wait_ms: int = WAIT_MS) -> bool:
    """Give ``paths`` to the copy already running on ``data_dir``; True when it took them."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(wait_ms):
        return False
    socket.write(json.dumps({"open": [str(p) for p in paths]}, ensure_ascii=False).encode("utf-8") + b"\n")
    socket.waitForBytesWritten(wait_ms)
    answer = b""
    while b"\n" not in answer and socket.waitForReadyRead(wait_ms):
        answer += socket.readAll().data()
    socket.abort()
    return answer.startswith(b"ok")


def parse_message(line: bytes) -> list[Path] | None:
    """The paths of ``{"open": [...]}``, or None for anything else."""
    try:
        obj = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    paths = obj.get("open") if isinstance(obj, dict) else None
    if not isinstance(paths, list) or len(paths) > MAX_PATHS or not all(isinstance(p, str) and p for p in paths):
        return None
    return [Path(p) for p in paths]


class InstanceServer(QObject):
    """Listens for second starts; ``received`` carries the paths they hand over (maybe none)."""

    received = Signal(list)

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; call only while holding the store's single-instance lock."""
        QLocalServer.removeServer(self.name)  # a socket file left behind by a copy that was killed
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += socket.readAll().data()
        if len(buffer) > MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        paths = parse_message(bytes(buffer).split(b"\n", 1)[0])
        if paths is None:
            socket.abort()
            return
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.received.emit(paths)


def serve_second_starts(window, files=()) -> InstanceServer:
    """Once the store is open: open ``files``, then take what later starts hand over."""
    server = InstanceServer(window.ctx.data_dir, window)

    def take(paths: list) -> None:
        bring_forward(window)
        for path in paths:
            open_handed(window, path)
    server.received.connect(take)
    if not server.listen():
        logging.getLogger("xieshou").warning("later starts cannot reach this copy: %s", server.server.errorString())
    for path in files:
        open_handed(window, Path(path))
    return server


def bring_forward(window: QWidget) -> None:
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def open_handed(window, path: Path) -> str:
    """Open ``path`` from the start window where it belongs; returns the kind (see desktop.handed)."""
    handed = classify(path)
    if handed.kind == "disc":
        window.ctx.windows.open_verify().open_paths([handed.path])
    elif handed.kind == "submission":
        _import_submission(window, handed.path)
    elif handed.kind == "catalogue":
        _import_catalogue(window, handed.path)
    elif handed.kind == "campaign":
        window.import_campaign_file(handed.path)
    else:
        QMessageBox.warning(window, "无法打开", handed.message)
    return handed.kind


def _import_submission(window, path: Path) -> None:
    """A submission file always becomes a new draft: no draft is ever replaced by a double-click."""
    from desktop.engine.schema import form_hash
    from desktop.engine.submission import (SubmissionError, load_submission_file, parse_submission, raw_from_json,
                                           validate_submission)

    from .messages import show_error

    try:
        obj = load_submission_file(path)
        form, data = parse_submission(obj)
        draft_id = window.ctx.store.create_draft(form.id, form.edition, form_hash(form), raw_from_json(form, data))
    except SubmissionError as error:
        show_error(window, error, "无法导入填报数据")
        return
    except Exception as error:  # a store failure is told, never raised at the clerk
        show_error(window, error, "无法导入填报数据")
        return
    window._created(draft_id)
    notes = [p.message for p in validate_submission(obj) if p.code == "submission.form_hash"]
    if notes:
        QMessageBox.information(window, "导入填报数据", "\n".join(notes))


def _import_catalogue(window, path: Path) -> None:
    from .catalogue_picker import import_catalogue
    from .messages import show_error

    try:
        catalogue = import_catalogue(window.ctx.data_dir, path)
    except Exception as error:  # CatalogueError, OSError: the remembered catalogue is unchanged
        show_error(window, f"{reason(error)}。\n原来的需求目录没有改变。", "无法导入需求目录")
        return
    QMessageBox.information(window, "导入需求目录",
                            f"已导入需求目录“{catalogue.title}”（{len(catalogue.needs)} 项需求）。\n"
                            "填写附件2、附件3 时，可在“揭榜需求”处从中选择。")
