"""``xieshou --bundle-check``: prove, from inside the built bundle, that what build.sh trimmed is not needed.

Run by installer/smoke.sh (with QT_QPA_PLATFORM=offscreen). Each check uses a part that the bundle keeps
only in reduced form, the way Qt or the program uses it; a check that fails names the part. Qt warnings
(a plugin or library Qt could not load, a collator it could not open) fail the check as well.
"""

from __future__ import annotations

import io
import sys


def _qt_checks() -> list[tuple[str, bool, str]]:
    from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
    from PySide6.QtGui import QImage, QImageReader
    from PySide6.QtNetwork import QLocalServer  # noqa: F401 (the single-instance hand-over)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["xieshou"])
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    collator = QCollator(zh)
    names = sorted(["中", "不", "啊"], key=collator.sortKey)
    # Qt opens an ICU converter when it is built (the decoding call itself is not bound in PySide6);
    # GB18030 and GBK are table converters, so this fails when their tables are missing.
    chinese = {name: QStringDecoder(name).isValid() for name in ("GB18030", "GBK", "GB2312", "Big5", "Big5-HKSCS")}
    zone = QTimeZone(b"Asia/Shanghai").displayName(QTimeZone.TimeType.StandardTime,
                                                   QTimeZone.NameType.LongName, zh)
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    svg = QImage()
    svg.loadFromData(b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>',
                     "SVG")
    del app
    return [
        ("ICU collation (zh pinyin order 啊 不 中)", names == ["啊", "不", "中"], "".join(names)),
        ("ICU converters GB18030/GBK/GB2312/Big5/HKSCS", all(chinese.values()), str(chinese)),
        ("ICU time-zone name in Chinese", "中国" in zone, zone),
        ("Qt image formats svg/jpeg/png/ico", {"svg", "jpeg", "png", "ico"} <= formats, " ".join(sorted(formats))),
        ("Qt SVG rendering", not svg.isNull(), f"{svg.width()}x{svg.height()}"),
    ]


def _python_checks() -> list[tuple[str, bool, str]]:
    from PIL import Image, ImageDraw, ImageFont

    from desktop.documents.fonts import BOLD_FONT_FILE, REGULAR_FONT_FILE, register_fonts
    from desktop.resources import resource_path

    fonts = register_fonts()  # reportlab parses both shipped weights
    font = ImageFont.truetype(str(resource_path(*REGULAR_FONT_FILE)), 24)
    image = Image.new("L", (80, 40), 255)
    ImageDraw.Draw(image).text((4, 4), "携手", font=font, fill=0)
    jpeg = io.BytesIO()
    image.convert("RGB").save(jpeg, "JPEG")
    png = io.BytesIO()
    image.save(png, "PNG")
    Image.open(io.BytesIO(jpeg.getvalue())).load()
    "携手".encode("gb18030").decode("gbk")  # Python's own Chinese codecs (_codecs_cn)
    sheet = _calamine_round_trip()
    return [
        ("reportlab fonts (both weights)", fonts.bold.endswith("Bold") and resource_path(*BOLD_FONT_FILE).is_file(),
         f"{fonts.regular}, {fonts.bold}"),
        ("Pillow text, JPEG and PNG", image.getextrema()[0] == 0 and png.tell() > 0, f"{jpeg.tell()} B JPEG"),
        ("python-calamine reads a sheet (Rust extension)", sheet == [("活动名称", 12)], str(sheet)),
    ]


def _calamine_round_trip() -> list[tuple]:
    """A sheet written by XlsxWriter and read back by the department and catalogue reader (calamine)."""
    import tempfile
    from pathlib import Path

    import xlsxwriter

    from desktop.catalogue.xlsx_cells import Workbook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "check.xlsx"
        with xlsxwriter.Workbook(str(path)) as workbook:
            workbook.add_worksheet("表").write_row(0, 0, ["活动名称", 12])
        book = Workbook(path)
        try:
            return list(book.rows("表", 2))
        finally:
            book.close()


def _licence_checks() -> list[tuple[str, bool, str]]:
    """The licence texts travel: the program's own, licenses/INDEX.txt naming an existing file for every
    library at the top of the bundle, and a licence file in the metadata of every package 关于 names."""
    from importlib import metadata
    from pathlib import Path

    from desktop.about import BUNDLED

    root = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    own = root / "LICENSE"
    index_file = root / "licenses" / "INDEX.txt"
    index = index_file.read_text(encoding="utf-8") if index_file.is_file() else ""
    named = {line.split(": ", 1)[0]: line.split(": ", 1)[1].split(" ")[0] for line in index.splitlines()
             if ": " in line}
    top = [p.name for p in root.glob("lib*.so*") if not p.is_symlink()]
    unlisted = [name for name in top if not name.startswith(("libpython", "libpyside", "libshiboken"))
                and not (root / named.get(name, "-")).is_file()]
    missing_texts = [target for target in named.values() if "/" in target and not (root / target).is_file()]
    without = []
    for _name, dist, _licence in BUNDLED:
        if dist in (None, "python"):
            continue
        files = metadata.distribution(dist).files or []
        if not any(("licen" in str(f).lower() or "copying" in str(f).lower()) and f.locate().is_file()
                   for f in files) and dist.lower() not in ("pyside6-essentials", "shiboken6"):
            without.append(dist)
    return [
        ("the program's LICENSE (MIT)", own.is_file() and "MIT License" in own.read_text(encoding="utf-8"),
         str(own)),
        ("licenses/INDEX.txt names a text for every system library", bool(index) and not unlisted
         and not missing_texts, f"{len(top)} libraries; unlisted {unlisted}; missing {missing_texts}"),
        ("a licence file in every named package's metadata", not without, f"without: {without}"),
    ]


def main() -> int:
    warnings: list[str] = []
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def handler(kind, _context, message):
        # The locale warning is about the caller's environment (smoke.sh runs with an empty one), not the bundle.
        if kind != QtMsgType.QtDebugMsg and not message.startswith('Detected locale "C"'):
            warnings.append(message)

    qInstallMessageHandler(handler)
    results = _qt_checks() + _python_checks() + _licence_checks()
    results.append(("no Qt warnings", not warnings, "; ".join(warnings)[:300]))
    for name, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    return 0 if all(ok for _name, ok, _detail in results) else 1


if __name__ == "__main__":
    sys.exit(main())
