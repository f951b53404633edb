"""The licence texts that travel in the bundle (used by xieshou.spec; checked by ``xieshou --bundle-check``).

``_internal/LICENSE`` is the program's own (MIT). ``_internal/licenses/`` holds:
- the texts the Python packages do not carry in their metadata: LGPL-3.0 and GPL-3.0 (Qt, PySide6,
  Shiboken), ICU's licence (inside Qt) and Python's own licence;
- on Linux, for every system library the bundle copies from the build machine (SQLite, zlib, xz, …),
  the Debian copyright file of the package it came from (``dpkg -S``), named ``<package>.copyright``;
- ``INDEX.txt``: one line per bundled library or package and the file holding its licence.
The Python packages' own licence files travel in their ``*.dist-info`` folders (the spec copies them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent
FOLDER = "licenses"
TEXTS = {  # bundled part → licence file under installer/licenses/
    "Qt 6, PySide6, Shiboken 6": "LGPL-3.0.txt",
    "（LGPL-3.0 的基础条款）": "GPL-3.0.txt",
    "ICU (in Qt)": "ICU-LICENSE.txt",
}


def _python_licence() -> Path | None:
    for candidate in (Path(sys.base_prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
                      / "LICENSE.txt", Path(sys.base_prefix) / "LICENSE.txt"):
        if candidate.is_file():
            return candidate
    return None


def _debian_package(source: str) -> str | None:
    try:
        out = subprocess.run(["dpkg", "-S", str(Path(source).resolve())], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    if out.returncode != 0:
        out = subprocess.run(["dpkg", "-S", source], capture_output=True, text=True)
    return out.stdout.split(":", 1)[0].strip() or None if out.returncode == 0 else None


def host_libraries(binaries) -> list[tuple[str, str]]:
    """(name in the bundle, source path) of the top-level libraries taken from the build machine's system."""
    return [(dest, source) for dest, source, *_ in binaries
            if len(PurePosixPath(dest.replace("\\", "/")).parts) == 1 and dest.startswith("lib")
            and source.startswith(("/usr/lib", "/lib"))]


def licence_datas(binaries, build_dir: Path, program_licence: Path) -> list[tuple[str, str, str]]:
    """PyInstaller TOC entries (name in the bundle, source, "DATA") for the licence texts; INDEX.txt is
    written into ``build_dir``."""
    build_dir.mkdir(parents=True, exist_ok=True)
    datas = [(str(program_licence), ".")]
    index = ["携手填报: LICENSE (MIT)"]
    for part, name in TEXTS.items():
        datas.append((str(HERE / FOLDER / name), FOLDER))
        index.append(f"{part}: {FOLDER}/{name}")
    python = _python_licence()
    if python is not None:
        copy = build_dir / "Python-LICENSE.txt"
        copy.write_bytes(python.read_bytes())
        datas.append((str(copy), FOLDER))
        index.append(f"Python: {FOLDER}/Python-LICENSE.txt")
    for dest, source in sorted(host_libraries(binaries)):
        package = _debian_package(source)
        copyright_file = Path("/usr/share/doc", package or "-", "copyright")
        if package is None or not copyright_file.is_file():
            index.append(f"{dest}: (no licence file found for {source})")
            continue
        copy = build_dir / f"{package}.copyright"
        copy.write_bytes(copyright_file.read_bytes())
        datas.append((str(copy), FOLDER))
        index.append(f"{dest}: {FOLDER}/{package}.copyright (Debian package {package})")
    index.append("Python packages (SQLAlchemy, ReportLab, Pillow and the libraries inside it, …): "
                 "their *.dist-info folders")
    (build_dir / "INDEX.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    datas.append((str(build_dir / "INDEX.txt"), FOLDER))
    return [(Path(source).name if folder == "." else f"{folder}/{Path(source).name}", source, "DATA")
            for source, folder in datas]
