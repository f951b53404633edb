"""Render resources/icons/xieshou.svg (the program icon) to the PNG sizes of the Linux menus and to the Windows .ico.

    .venv/bin/python installer/make_icons.py

The outputs are kept in the repository (installer/icons/png/, installer/windows/xieshou.ico), so building
the .deb or the setup program needs neither Qt's SVG renderer nor Pillow.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "xieshou.svg"
PNG_DIR = HERE / "icons" / "png"
ICO = HERE / "windows" / "xieshou.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QImage needs it)
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in SIZES:
        data = render(size)
        (PNG_DIR / f"xieshou-{size}.png").write_bytes(data)
        images[size] = Image.open(io.BytesIO(data))
    images[256].save(ICO, format="ICO", sizes=[(s, s) for s in SIZES if s != 24 and s != 64],
                     append_images=[images[s] for s in SIZES if s not in (24, 64, 256)])
    print(f"{len(SIZES)} PNG files in {PNG_DIR.relative_to(HERE.parent)}, {ICO.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
