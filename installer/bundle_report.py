"""Print the unpacked size of a bundle folder and its ten largest parts (files or package folders)."""

from __future__ import annotations

import sys
from pathlib import Path

PART_DEPTH = 2  # _internal/<top>/… counts as one part, except the folders below
SPLIT = {"PySide6", "resources", "pillow.libs"}


def files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path


def part_of(root: Path, path: Path) -> str:
    parts = path.relative_to(root).parts
    if parts[0] == "_internal" and len(parts) > 2:
        parts = parts[1:]
        depth = 1 if parts[0] not in SPLIT else min(len(parts), 3 if parts[0] == "PySide6" else 2)
        return "/".join(parts[:depth])
    return "/".join(parts)


def report(root: Path) -> tuple[int, list[tuple[str, int]]]:
    total, parts = 0, {}
    for path in files(root):
        size = path.stat().st_size
        total += size
        key = part_of(root, path)
        parts[key] = parts.get(key, 0) + size
    return total, sorted(parts.items(), key=lambda kv: -kv[1])[:10]


def main(folder: str, max_mb: float | None = None) -> int:
    total, largest = report(Path(folder))
    print(f"bundle {folder}: {total / 1e6:.1f} MB unpacked ({total / 2**20:.1f} MiB)"
          + (f", target ≤ {max_mb:g} MB" if max_mb else ""))
    for name, size in largest:
        print(f"  {size / 1e6:7.1f} MB  {name}")
    if max_mb and total > max_mb * 1e6:
        print(f"over the target by {(total - max_mb * 1e6) / 1e6:.1f} MB")
        return 1
    return 0


if __name__ == "__main__":  # bundle_report.py FOLDER [MAX_MB]
    sys.exit(main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else None))
