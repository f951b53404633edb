"""What the bundle leaves out (used by xieshou.spec; tested by tests/installer/test_bundle_filter.py).

The program is offline, draws with Qt Widgets on X11 (or offscreen), reads
PNG/JPEG/SVG pictures and writes PDF, DOCX and ISO files. Everything that
serves something else is left out, and so are the libraries of the desktop
itself, which the system provides (see installer/linux/control: Depends).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# Python modules the program never imports (test tools that may sit in the build venv, Tk, TLS).
PYTHON_EXCLUDES = [
    "tkinter", "_tkinter", "pytest", "_pytest", "pytestqt", "psutil", "psycopg", "psycopg_binary", "psycopg_c",
    "fontTools", "pygments", "setuptools", "pkg_resources", "distutils", "lib2to3", "pydoc_data",
    "ssl", "_ssl", "_hashlib", "readline", "xmlrpc", "lxml.objectify", "lxml.html", "lxml.isoschematron",
    "PySide6.QtOpenGL", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtPrintSupport", "PySide6.QtDBus",
    "sqlalchemy.dialects.mysql", "sqlalchemy.dialects.mssql", "sqlalchemy.dialects.oracle", "sqlalchemy.ext.mypy",
    "sqlalchemy.testing", "charset_normalizer", "doctest", "pydoc", "unittest", "http.server", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
]
# Pillow image formats and helpers the program never reads (it reads PNG and JPEG; attachments are
# recognised by their bytes, not opened with Pillow).
PIL_EXCLUDES = [
    "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingtk", "PIL.ImageTk",
    "PIL._imagingcms", "PIL.ImageCms", "PIL.ImageQt", "PIL.SpiderImagePlugin", "PIL.FpxImagePlugin",
    "PIL.MicImagePlugin", "PIL.PsdImagePlugin", "PIL.IcnsImagePlugin", "PIL.Jpeg2KImagePlugin",
]

# Qt plugins kept, by folder; every other plugin folder is dropped whole.
QT_PLUGINS = {
    "platforms": {"libqxcb.so", "libqoffscreen.so", "qwindows.dll", "qoffscreen.dll"},
    "imageformats": {"libqsvg.so", "libqjpeg.so", "libqico.so", "qsvg.dll", "qjpeg.dll", "qico.dll"},
    "iconengines": {"libqsvgicon.so", "qsvgicon.dll"},
    "platforminputcontexts": {"libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so"},
    "styles": {"qmodernwindowsstyle.dll", "qwindowsvistastyle.dll"},
}
QT_TRANSLATIONS_KEPT = {"qtbase_zh_CN.qm"}
# Qt libraries for platforms the bundle does not carry (Wayland, EGLFS) or GL it does not use.
QT_LIBRARIES_DROPPED = re.compile(r"libQt6(WaylandClient|WlShellIntegration|EglFSDeviceIntegration|EglFsKmsSupport"
                                  r"|OpenGL|WaylandEglClientHwIntegration)\.so")
# Host libraries of the Linux desktop: taken from the system, never from the build machine.
HOST_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|Xcursor|Xrandr|Xinerama|xcb(-[a-z0-9-]+)?|xkbcommon(-x11)?"
    r"|fontconfig|freetype|harfbuzz|graphite2|png16|glib-2\.0|gio-2\.0|gobject-2\.0|gmodule-2\.0"
    r"|gthread-2\.0|dbus-1|systemd|gcrypt|gpg-error|lz4|cap|selinux|mount|blkid|pcre2-8|bsd|md|atk-1\.0"
    r"|atk-bridge-2\.0|atspi|cairo|cairo-gobject|gdk_pixbuf-2\.0|gdk-3|gtk-3|pango-1\.0|pangocairo-1\.0"
    r"|pangoft2-1\.0|pixman-1|thai|datrie|fribidi|epoxy|wayland-[a-z]+|EGL|GL|GLX|GLdispatch|OpenGL|drm|gbm"
    r"|readline|tinfo|ncursesw|krb5|krb5support|k5crypto|gssapi_krb5|com_err|keyutils"
    r"|ssl|crypto|jpeg|expat"
    r"|stdc\+\+|gcc_s)\.so")  # OpenSSL: only Qt's TLS plugin would load it, and the program is offline
# The C++ runtime (libstdc++, libgcc_s) is the system's too: every Linux desktop has it, the Qt wheels
# need only GLIBCXX_3.4.29 (GCC 11) of it, and the build host's copy alone needed glibc 2.36
# (installer/README.md: "Oldest Linux").


def _name(dest: str) -> str:
    return PurePosixPath(dest.replace("\\", "/")).name


def keep_binary(dest: str, source: str = "") -> bool:
    """Whether a binary (destination path inside the bundle) belongs in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name
    if "plugins" in path.parts:
        folder = path.parts[path.parts.index("plugins") + 1] if len(path.parts) > path.parts.index("plugins") + 2 \
            else ""
        return name in QT_PLUGINS.get(folder, set())
    if QT_LIBRARIES_DROPPED.match(name):
        return False
    if len(path.parts) == 1 or "pillow.libs" not in path.parts:  # Pillow's own hashed copies stay
        return not HOST_LIBRARIES.match(name)
    return True


def keep_data(dest: str) -> bool:
    """Whether a data file belongs in the bundle: of Qt's translations only qtbase_zh_CN."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if "translations" in path.parts and path.suffix == ".qm":
        return path.name in QT_TRANSLATIONS_KEPT
    return "plugins" not in path.parts or keep_binary(dest)
