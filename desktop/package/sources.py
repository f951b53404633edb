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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO, Iterator

from .folder_read import FolderTree, is_link
from .iso_read import Entry, IsoImage, Listing, SourceUnreadable

SEARCH_DEPTH = 4
MAX_SOURCES = 2_000


@dataclass(frozen=True)
class SourceRef:
    path: Path
    kind: str  # 'folder' | 'iso' | 'link' | 'missing' | 'unknown' | 'empty'
    inner: str = ""   # a package folder inside an image holding several (a forwarding disc), "" = the whole image

    @property
    def shown(self) -> Path:
        """How the source is named to the officer (and can be named back to :func:`discover`)."""
        return self.path / self.inner if self.inner else self.path


class OpenedSource:
    """A package folder or an image, opened read-only, with one listing per namespace."""

    def __init__(self, ref: SourceRef) -> None:
        self.ref = ref
        self._image: IsoImage | None = None
        self._tree: FolderTree | None = None
        if ref.kind == "iso":
            self._image = IsoImage(ref.path)
            self.listings: dict[str, Listing] = _inside(self._image.listings, ref.inner)
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


def _inside(listings: dict[str, Listing], inner: str) -> dict[str, Listing]:
    """The listings of one package folder inside an image, its paths relative to that folder.

    The plain ISO 9660 names are mangled (8.3, upper case), so a folder inside
    an image is read through the Joliet and Rock Ridge names only.
    """
    if not inner:
        return listings
    prefix = inner.rstrip("/") + "/"
    return {namespace: Listing({path[len(prefix):]: replace(entry, path=entry.path[len(prefix):])
                                for path, entry in listing.entries.items() if path.startswith(prefix)},
                               list(listing.problems))
            for namespace, listing in listings.items() if namespace != "iso9660"}


def image_packages(path: Path) -> list[SourceRef]:
    """An image as one source, or — when it holds package folders instead (a forwarding disc) — one per folder."""
    try:
        image = IsoImage(path)
    except (SourceUnreadable, OSError):
        return [SourceRef(path, "iso")]     # verified, the reason is reported there
    try:
        listings = image.listings
        if any("manifest.json" in l.entries or "MANIFEST.JSO" in l.entries for l in listings.values()):
            return [SourceRef(path, "iso")]
        inner = sorted({p[:-len("/manifest.json")] for n, l in listings.items() if n != "iso9660"
                        for p in l.entries if p.endswith("/manifest.json") and p.count("/") <= SEARCH_DEPTH})
    except Exception:  # a strange image is reported by the verification, not here
        return [SourceRef(path, "iso")]
    finally:
        image.close()
    outermost = [p for p in inner if not any(p.startswith(q + "/") for q in inner)]
    return [SourceRef(path, "iso", p) for p in outermost[:MAX_SOURCES]] or [SourceRef(path, "iso")]


def source_weight(ref: SourceRef) -> int:
    """Bytes the check will read at most (for progress)."""
    try:
        if ref.kind == "iso" and ref.inner:
            with OpenedSource(ref) as opened:
                return max((sum(e.size for e in l.entries.values()) for l in opened.listings.values()), default=0)
        if ref.kind == "iso":
            with open(ref.path, "rb") as handle:
                return handle.seek(0, os.SEEK_END)
        if ref.kind == "folder":
            return sum(e.size for e in FolderTree(ref.path).listing.entries.values() if e.kind == "file")
    except (OSError, SourceUnreadable):
        pass
    return 0


def _discover_one(path: Path, skip: Path | None) -> list[SourceRef]:
    try:
        info = os.stat(path)  # the officer's own choice may be a link (e.g. /media/cdrom)
    except OSError:
        return [_in_image(path) or SourceRef(path, "missing")]
    if stat.S_ISDIR(info.st_mode):
        if _has_manifest(path):
            return [SourceRef(path, "folder")]
        found = list(_search(path, 1, skip))
        return found or [SourceRef(path, "empty")]
    if _is_image(path, info):
        return image_packages(path)
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
            yield from image_packages(path)


def _in_image(path: Path) -> SourceRef | None:
    """``disc.iso/江苏某公司`` (as :attr:`SourceRef.shown` names it): that folder inside the image."""
    for parent in path.parents:
        if parent.suffix.lower() == ".iso" and parent.is_file():
            return SourceRef(parent, "iso", path.relative_to(parent).as_posix())
    return None


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
