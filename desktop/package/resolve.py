"""Matching the manifest's paths to what a source holds.

A listed file is looked up under its own path and under the names
:func:`disc_names.plan_names` gives it on a disc (shortened Joliet names, the
8.3 ISO 9660 name), so a disc made by this program, a copy of it made on
Windows and a disc from another burner are all read the same way.  Of the
namespaces an image offers, the one where most listed files are found is used
(Joliet before Rock Ridge before ISO 9660 on a tie).
"""

from __future__ import annotations

from dataclasses import dataclass

from .disc_names import DiscName, plan_names
from .iso_read import Entry, Listing
from .safe_json import printable

MANIFEST = "manifest.json"
MAX_DISAGREEMENTS = 5


@dataclass(frozen=True)
class Resolution:
    namespace: str
    found: dict[str, Entry]    # listed path → entry on the source
    extra: tuple[Entry, ...]   # entries no listed path (nor the manifest) claims


def manifest_entry(listings: dict[str, Listing]) -> tuple[str, Entry] | None:
    """The first namespace holding manifest.json, and its entry."""
    for namespace, listing in listings.items():
        entry = listing.entries.get("MANIFEST.JSO" if namespace == "iso9660" else MANIFEST)
        if entry is not None:
            return namespace, entry
    return None


def resolve(listings: dict[str, Listing], listed_paths: list[str]) -> Resolution:
    plan = None  # the disc names are worked out only when a path is not found under its own name
    best: Resolution | None = None
    for namespace, listing in listings.items():
        found: dict[str, Entry] = {}
        for path in [*listed_paths, MANIFEST]:
            if namespace != "iso9660" and path in listing.entries:
                found[path] = listing.entries[path]  # the first candidate of every namespace but ISO 9660
                continue
            if plan is None:
                plan = plan_names([*listed_paths, MANIFEST])
            for candidate in _candidates(path, plan.files[path], namespace):
                if candidate in listing.entries:
                    found[path] = listing.entries[candidate]
                    break
        claimed = {entry.path for entry in found.values()}
        extra = tuple(e for p, e in listing.entries.items() if p not in claimed)
        found.pop(MANIFEST, None)
        if best is None or len(found) > len(best.found):
            best = Resolution(namespace, found, extra)
    return best or Resolution("", {}, ())


def _candidates(path: str, name: DiscName, namespace: str) -> list[str]:
    if namespace == "iso9660":
        return [name.iso_path.lstrip("/").removesuffix(";1").rstrip(".")]
    if namespace == "joliet":
        return [path, name.joliet_path.lstrip("/")]
    if namespace == "rockridge":
        return [path, name.rr_path.lstrip("/")]
    return [path, name.joliet_path.lstrip("/"), name.rr_path.lstrip("/")]


def namespace_disagreements(listings: dict[str, Listing], listed_paths: list[str]) -> list[str]:
    """Files that Windows (Joliet) and Linux (Rock Ridge) would see differently on the same disc.

    Both trees of a sound image point every name at the same data; a disc
    whose trees differ shows one package on one system and another elsewhere.
    """
    if "joliet" not in listings or "rockridge" not in listings:
        return []
    joliet = resolve({"joliet": listings["joliet"]}, listed_paths)
    rock = resolve({"rockridge": listings["rockridge"]}, listed_paths)
    differing = [p for p in listed_paths if _where(joliet.found.get(p)) != _where(rock.found.get(p))]
    differing += sorted({e.path for e in joliet.extra} ^ {e.path for e in rock.extra})
    return [f"光盘上 Windows 显示的目录（Joliet）与 Linux 显示的目录（Rock Ridge）不一致：{printable(path)}"
            for path in differing[:MAX_DISAGREEMENTS]]


def _where(entry: Entry | None) -> tuple[int, int, str] | None:
    return (entry.location, entry.size, entry.kind) if entry else None
