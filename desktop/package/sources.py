"""What the officer pointed at → the packages in it, and a read-only handle on each.

A path may be a package folder (it holds manifest.json), a mounted disc (the
same), an ``.iso`` file, an optical drive's device node, or a folder holding
many of those.  Folders are searched without following links; a link met on
the way is reported, never entered.  The path the officer chose is taken as
given (it may itself be a link, e.g. /media/cdrom).

Nothing is skipped in silence: the search is streamed (no cap on the number
of packages), and where it stops — a folder nested deeper than
``SEARCH_DEPTH``, a folder with more than ``MAX_FOLDER_ITEMS`` entries, more
than ``MAX_SEARCHED_FOLDERS`` folders or ``MAX_SOURCES`` packages in all —
it yields a source of kind ``limit`` that gets its own 有问题 verdict naming
what was not searched, so the run cannot end 完整.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from desktop.oserrors import os_reason

from .folder_read import FolderTree, is_link
from .iso_read import MAX_DEPTH, MAX_ENTRIES, Entry, IsoImage, Listing
from .nested import INNER_SEP, inner_listings, packages_in_image, split_inner

SEARCH_DEPTH = 32               # folders below the chosen one; a disc of packages has one or two levels
MAX_FOLDER_ITEMS = 100_000      # entries read from one folder
MAX_SEARCHED_FOLDERS = 100_000  # folders opened while searching one run
MAX_SOURCES = 100_000           # packages and images in one run


@dataclass(frozen=True)
class SourceRef:
    path: Path
    kind: str  # 'folder' | 'iso' | 'link' | 'missing' | 'unknown' | 'empty' | 'limit'
    note: str = ""  # for 'limit': what was not searched
    inner: str = ""  # a package folder inside an image that holds several (``desktop.package.nested``)

    @property
    def shown(self) -> str:
        """How the source is named to the officer (and found again by :func:`discover`)."""
        return f"{self.path}{INNER_SEP}{self.inner}" if self.inner else str(self.path)


class OpenedSource:
    """A package folder or an image, opened read-only, with one listing per namespace."""

    def __init__(self, ref: SourceRef) -> None:
        self.ref = ref
        self._image: IsoImage | None = None
        self._tree: FolderTree | None = None
        if ref.kind == "iso":
            self._image = IsoImage(ref.path)
            self.listings: dict[str, Listing] = self._image.listings
            if ref.inner:
                self.listings = inner_listings(self.listings, ref.inner)
            self.problems: list[str] = self._image.problems
        else:
            self._tree = FolderTree(ref.path)
            self.listings = {"folder": self._tree.listing}
            self.problems = []

    def open_entry(self, entry: Entry) -> BinaryIO:
        if self._image is not None:
            return self._image.open_entry(entry)  # type: ignore[return-value]
        assert self._tree is not None
        return self._tree.open_entry(entry)

    def close(self) -> None:
        if self._image is not None:
            self._image.close()

    def __enter__(self) -> "OpenedSource":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def discover(paths: list[Path], *, skip: Path | None = None) -> list[SourceRef]:
    """Every package source under the given paths, in a stable order."""
    return list(iter_sources(paths, skip=skip))


def iter_sources(paths: list[Path], *, skip: Path | None = None) -> Iterator[SourceRef]:
    """The sources one by one; a ``limit`` source wherever the search stopped short."""
    search = _Search(skip)
    count = 0
    for path in paths:
        for ref in search.one(Path(path)):
            count += ref.kind != "limit"
            if count > MAX_SOURCES:
                yield SourceRef(Path(path), "limit", f"找到的数据包和光盘映像超过 {MAX_SOURCES} 个，其余未校验，"
                                                     "请分批选择文件夹")
                return
            yield ref


def source_weight(ref: SourceRef) -> int:
    """Bytes the check will read at most (for progress)."""
    try:
        if ref.kind == "iso" and ref.inner:
            with OpenedSource(ref) as opened:
                listing = next(iter(opened.listings.values()), None)
                return sum(e.size for e in listing.entries.values() if e.kind == "file") if listing else 0
        if ref.kind == "iso":
            with open(ref.path, "rb") as handle:
                return handle.seek(0, os.SEEK_END)
        if ref.kind == "folder":
            return _folder_bytes(ref.path)
    except OSError:
        pass
    return 0


def _folder_bytes(root: Path) -> int:
    """The size of the regular files under ``root`` (links not followed), as far as the folder reader would list.

    Only a progress weight: the listing itself is made again, checked, when the package is verified.
    """
    total, seen, stack = 0, 0, [(str(root), 0)]
    while stack and seen < MAX_ENTRIES:
        folder, depth = stack.pop()
        with os.scandir(folder) as items:
            for item in items:
                seen += 1
                if item.is_symlink():
                    continue
                if item.is_dir(follow_symlinks=False):
                    if depth < MAX_DEPTH:
                        stack.append((item.path, depth + 1))
                elif item.is_file(follow_symlinks=False):
                    total += item.stat(follow_symlinks=False).st_size
    return total


class _Search:
    """Depth-first, sorted, without recursion; counts the folders it opens."""

    def __init__(self, skip: Path | None) -> None:
        self.skip = skip
        self.folders = 0

    def one(self, path: Path) -> Iterator[SourceRef]:
        nested = split_inner(path)
        if nested is not None:  # one package of a forwarding disc, named as a verdict names it
            yield SourceRef(nested[0], "iso", inner=nested[1]) if nested[0].is_file() else SourceRef(path, "missing")
            return
        try:
            info = os.stat(path)  # the officer's own choice may be a link (e.g. /media/cdrom)
        except OSError:
            yield SourceRef(path, "missing")
            return
        if stat.S_ISDIR(info.st_mode):
            if _has_manifest(path):
                yield SourceRef(path, "folder")
                return
            found = False
            for ref in self._search(path):
                found = True
                yield ref
            if not found:
                yield SourceRef(path, "empty")
        elif _is_image(path, info):
            yield from _image_refs(path)
        elif path.name == "manifest.json":
            yield SourceRef(path.parent, "folder")
        else:
            yield SourceRef(path, "unknown")

    def _search(self, top: Path) -> Iterator[SourceRef]:
        stack: list[tuple[Iterator[os.DirEntry], int]] = []
        opened = self._open(top, 1, stack)
        yield from opened
        while stack:
            items, depth = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
                continue
            path = Path(item.path)
            if self.skip is not None and _same(path, self.skip):
                continue
            if is_link(item):
                yield SourceRef(path, "link")
            elif item.is_dir(follow_symlinks=False):
                if _has_manifest(path):
                    yield SourceRef(path, "folder")
                elif depth < SEARCH_DEPTH:
                    yield from self._open(path, depth + 1, stack)
                else:
                    yield SourceRef(path, "limit", f"文件夹 {path} 的层级超过 {SEARCH_DEPTH} 层，其中的内容未搜索，"
                                                   "请直接选择这个文件夹再校验")
            elif item.is_file(follow_symlinks=False) and item.name.lower().endswith(".iso"):
                yield from _image_refs(path)

    def _open(self, folder: Path, depth: int, stack: list) -> list[SourceRef]:
        """Push the folder's sorted entries onto ``stack``; the limit sources met in doing so."""
        self.folders += 1
        if self.folders > MAX_SEARCHED_FOLDERS:
            stack.clear()
            return [SourceRef(folder, "limit", f"搜索的文件夹超过 {MAX_SEARCHED_FOLDERS} 个，"
                                               f"{folder} 及之后的文件夹未搜索，请分批选择文件夹")]
        children, limit = _children(folder)
        stack.append((iter(children), depth))
        return [SourceRef(folder, "limit", limit)] if limit else []


def _children(folder: Path) -> tuple[list[os.DirEntry], str]:
    """The folder's entries sorted by name (at most MAX_FOLDER_ITEMS), and what was left out."""
    children: list[os.DirEntry] = []
    try:
        with os.scandir(folder) as items:
            for item in items:
                if len(children) >= MAX_FOLDER_ITEMS:
                    return sorted(children, key=lambda i: i.name), \
                        f"文件夹 {folder} 中的项目超过 {MAX_FOLDER_ITEMS} 个，只搜索了其中一部分"
                children.append(item)
    except OSError as exc:
        return [], f"无法读取文件夹 {folder}（{os_reason(exc)}），其中的内容未搜索"
    return sorted(children, key=lambda i: i.name), ""


def _has_manifest(folder: Path) -> bool:
    try:
        os.lstat(folder / "manifest.json")
        return True
    except OSError:
        return False


def _is_image(path: Path, info: os.stat_result) -> bool:
    return stat.S_ISBLK(info.st_mode) or (stat.S_ISREG(info.st_mode) and path.suffix.lower() == ".iso")


def _same(path: Path, other: Path) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def _image_refs(path: Path) -> list[SourceRef]:
    """One source for an image; one per package for an image holding several (a forwarding disc)."""
    inner = packages_in_image(path) if path.is_file() else []
    return [SourceRef(path, "iso", inner=folder) for folder in inner] or [SourceRef(path, "iso")]
