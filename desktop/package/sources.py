"""What the officer pointed at → the packages in it, and a read-only handle on each.

A path may be a package folder (it holds manifest.json), a mounted disc (the
same), an ``.iso`` file, an optical drive's device node, or a folder holding
many of those.  Folders are searched to a limited depth without following
links; a link met on the way is reported, never entered.  The path the
officer chose is taken as given (it may itself be a link, e.g. /media/cdrom).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .folder_read import FolderTree, is_link
from .iso_read import Entry, IsoImage, Listing
from .nested import INNER_SEP, inner_listings, packages_in_image, split_inner

SEARCH_DEPTH = 4
MAX_SOURCES = 2_000


@dataclass(frozen=True)
class SourceRef:
    path: Path
    kind: str  # 'folder' | 'iso' | 'link' | 'missing' | 'unknown' | 'empty'
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
    refs: list[SourceRef] = []
    for path in paths:
        refs.extend(_discover_one(Path(path), skip))
        if len(refs) >= MAX_SOURCES:
            break
    return refs[:MAX_SOURCES]


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
            return sum(e.size for e in FolderTree(ref.path).listing.entries.values() if e.kind == "file")
    except OSError:
        pass
    return 0


def _discover_one(path: Path, skip: Path | None) -> list[SourceRef]:
    nested = split_inner(path)
    if nested is not None:  # one package of a forwarding disc, named as a verdict names it
        return [SourceRef(nested[0], "iso", nested[1]) if nested[0].is_file() else SourceRef(path, "missing")]
    try:
        info = os.stat(path)  # the officer's own choice may be a link (e.g. /media/cdrom)
    except OSError:
        return [SourceRef(path, "missing")]
    if stat.S_ISDIR(info.st_mode):
        if _has_manifest(path):
            return [SourceRef(path, "folder")]
        found = list(_search(path, 1, skip))
        return found or [SourceRef(path, "empty")]
    if _is_image(path, info):
        return _image_refs(path)
    if path.name == "manifest.json":
        return [SourceRef(path.parent, "folder")]
    return [SourceRef(path, "unknown")]


def _search(folder: Path, depth: int, skip: Path | None) -> Iterator[SourceRef]:
    try:
        with os.scandir(folder) as items:
            children = sorted(items, key=lambda item: item.name)
    except OSError:
        return
    for item in children:
        path = Path(item.path)
        if skip is not None and _same(path, skip):
            continue
        if is_link(item):
            yield SourceRef(path, "link")
        elif item.is_dir(follow_symlinks=False):
            if _has_manifest(path):
                yield SourceRef(path, "folder")
            elif depth < SEARCH_DEPTH:
                yield from _search(path, depth + 1, skip)
        elif item.is_file(follow_symlinks=False) and item.name.lower().endswith(".iso"):
            yield from _image_refs(path)


def _image_refs(path: Path) -> list[SourceRef]:
    """One source for an image; one per package for an image holding several (a forwarding disc)."""
    inner = packages_in_image(path) if path.is_file() else []
    return [SourceRef(path, "iso", folder) for folder in inner] or [SourceRef(path, "iso")]


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
