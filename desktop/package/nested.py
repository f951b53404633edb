"""Images that hold several packages side by side (a forwarding disc: 数据包/<package>/manifest.json …).

An image with a package at its root is one source, as always.  An image
without one, whose folders hold packages, is taken as one source per such
folder, named ``报送.iso::数据包/附件1_…`` so that a verdict can be traced and
the package imported again.  Only the Joliet and Rock Ridge trees are used
for these packages (their names are the real ones; ISO 9660 8.3 names were
planned for the whole disc, not for each package).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .iso_read import IsoImage, Listing
from .resolve import MANIFEST, manifest_entry

INNER_SEP = "::"
NAMESPACES = ("joliet", "rockridge")
MAX_DEPTH = 4                  # as deep as a folder search goes
MAX_PACKAGES = 2_000


def packages_in_image(path: Path) -> list[str]:
    """The folders of the image that hold a package, when its root holds none; [] otherwise or if unreadable."""
    try:
        with IsoImage(path) as image:
            listings = image.listings
    except Exception:  # unreadable images are reported by the verification itself
        return []
    if manifest_entry(listings) is not None:
        return []
    listing = next((listings[ns] for ns in NAMESPACES if ns in listings), None)
    if listing is None:
        return []
    suffix = "/" + MANIFEST
    found = sorted(p[:-len(suffix)] for p in listing.entries
                   if p.endswith(suffix) and p.count("/") <= MAX_DEPTH)
    outer = [f for f in found if not any(f.startswith(other + "/") for other in found)]
    return outer[:MAX_PACKAGES]


def inner_listings(listings: dict[str, Listing], inner: str) -> dict[str, Listing]:
    """Each usable tree cut down to the files under ``inner``, their paths made relative to it."""
    prefix = inner + "/"
    cut: dict[str, Listing] = {}
    for namespace in NAMESPACES:
        if namespace in listings:
            entries = {path[len(prefix):]: dataclasses.replace(entry, path=path[len(prefix):])
                       for path, entry in listings[namespace].entries.items() if path.startswith(prefix)}
            cut[namespace] = Listing(entries, list(listings[namespace].problems))
    return cut


def split_inner(path: Path) -> tuple[Path, str] | None:
    """``报送.iso::数据包/附件1_…`` → (the image, the folder inside it); None for an ordinary path."""
    text = str(path)
    if INNER_SEP not in text:
        return None
    image, inner = text.split(INNER_SEP, 1)
    return (Path(image), inner.strip("/")) if image.lower().endswith(".iso") and inner.strip("/") else None
