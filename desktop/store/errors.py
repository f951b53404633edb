"""Errors raised by the store; every message is a sentence a clerk can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: the message (str(error)) is shown to the user as is."""


class StoreLockedError(StoreError):
    """Another running copy of the program holds the data directory."""

    MESSAGE = ("携手填报已经打开了，同一时间只能打开一个。请在屏幕下方的任务栏中找到“携手填报”，"
               "点击它回到已打开的窗口；窗口也可能被其他窗口挡住或已经最小化。")

    def __init__(self, pid: int | None) -> None:
        self.pid = pid  # kept for the log; a clerk cannot do anything with a process number
        super().__init__(self.MESSAGE)


class StoreTooNewError(StoreError):
    """The database was written by a newer program with a schema we do not know."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"这个数据文件是由更新版本的携手填报保存的（数据版本 {revision}），"
            "当前程序无法打开。请安装最新版本的携手填报后再试。"
        )


class StoreCorruptError(StoreError):
    """The database file cannot be read as a SQLite database."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"数据文件已损坏，无法打开：{path}。请把这个文件复制一份交给技术支持人员；"
            "如需马上继续填报，可先把它改名（例如加上“损坏”二字），"
            "再重新启动程序，程序会新建一个空的数据文件。"
        )


class DraftNotFoundError(StoreError, LookupError):
    """No draft with that id (it may have been purged from the recycle bin)."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        super().__init__(
            f"找不到编号为 {draft_id} 的草稿，它可能已被彻底删除。请刷新草稿列表后再试。"
        )


class EnterpriseNotFoundError(StoreError, LookupError):
    """No enterprise profile with that id."""

    def __init__(self, enterprise_id: int) -> None:
        self.enterprise_id = enterprise_id
        super().__init__(
            f"找不到编号为 {enterprise_id} 的企业信息。请在“企业基本信息”中重新填写并保存。"
        )


class StoreValueError(StoreError, ValueError):
    """A value handed to the store cannot be kept (the message says which and why)."""


class StoreFolderError(StoreError):
    """The data folder (or its lock file) cannot be created or written."""

    def __init__(self, folder: Path, reason: str) -> None:
        self.folder = folder
        super().__init__(
            f"数据文件夹无法写入：{folder}（{reason}）。携手填报需要在这里保存草稿。"
            "请检查这个文件夹的权限、磁盘是否已满或是否只读（如光盘、写保护的 U 盘），"
            "或者设置环境变量 XIESHOU_DATA_DIR 指向一个可以写入的文件夹，然后重新启动程序。"
        )


class StoreDiskFullError(StoreError):
    """A write failed because the disk is full; what was saved before is intact."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        where = f"（{path}）" if path else ""
        super().__init__(
            f"磁盘已满，刚才的修改没有保存。上一次保存的内容完好无损{where}。"
            "请删除一些不需要的文件腾出空间，程序会在下一次自动保存时写入新的修改；"
            "在此之前请不要关闭程序。"
        )


class StoreWriteError(StoreError):
    """A write failed for another reason (read-only file, I/O error); what was saved before is intact."""

    def __init__(self, path: Path | None, reason: str) -> None:
        self.path = path
        super().__init__(
            f"无法写入数据文件{f' {path}' if path else ''}（{reason}），刚才的修改没有保存，"
            "上一次保存的内容完好无损。请检查磁盘或文件夹是否变成只读、U 盘是否已拔出，然后再试；"
            "在此之前请不要关闭程序。"
        )


class StoreForeignError(StoreError):
    """The file is an SQLite database of some other program."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} 不是携手填报的数据文件（其中是其他程序的数据），程序没有改动它。"
            "请把这个文件移到别处或改名后重新启动携手填报（会新建一个空的数据文件），"
            "或者设置环境变量 XIESHOU_DATA_DIR 指向另一个文件夹。"
        )
