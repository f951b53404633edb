"""A picture of the first PDF page for the export page.

PySide6-Essentials has no QtPdf, so the page is drawn by poppler's pdftoppm
when it is installed (Linux, UOS/麒麟); otherwise the page shows a sentence
instead of a picture.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.childenv import child_env

PREVIEW_WIDTH_PX = 420
TIMEOUT_S = 20


def first_page_png(pdf: Path, width: int = PREVIEW_WIDTH_PX) -> bytes | None:
    """PNG bytes of page 1, or None when no renderer is available or it fails."""
    tool = shutil.which("pdftoppm")
    if tool is None or not Path(pdf).is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="xieshou-preview-") as temp:
        root = Path(temp) / "page"
        try:
            subprocess.run([tool, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(width),
                            str(pdf), str(root)], check=True, capture_output=True, timeout=TIMEOUT_S,
                           env=child_env())
        except (OSError, subprocess.SubprocessError):
            return None
        image = root.with_suffix(".png")
        return image.read_bytes() if image.is_file() else None
