"""Can a window be shown here?  Asked before Qt starts, because Qt aborts with an English line when not.

Pure Python (no Qt): the answer is a Chinese sentence naming what is missing
— a graphical session, or the system libraries Qt's X11 plug-in loads — or
None when the program can start.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from typing import Callable, Mapping

# Platform plug-ins that draw nowhere (tests, screenshots, benchmarks) need no display.
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")
# The libraries Qt's xcb plug-in needs beyond Xlib itself, with the Debian/统信UOS/麒麟 package of each.
XCB_LIBRARIES = (
    ("xcb-cursor", "libxcb-cursor0"),
    ("xcb-icccm", "libxcb-icccm4"),
    ("xcb-keysyms", "libxcb-keysyms1"),
    ("xcb-shape", "libxcb-shape0"),
    ("xcb-randr", "libxcb-randr0"),
    ("xcb-render-util", "libxcb-render-util0"),
    ("xcb-image", "libxcb-image0"),
    ("xkbcommon-x11", "libxkbcommon-x11-0"),
    ("EGL", "libegl1"),
    ("fontconfig", "libfontconfig1"),
)
NO_SESSION = ("无法打开携手填报的窗口：没有找到图形界面（桌面）。"
              "请在电脑的桌面环境中双击启动，或在桌面里打开的终端中运行；"
              "通过远程命令行登录时没有桌面，无法显示窗口。")


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                    find_library: Callable[[str], str | None] = ctypes.util.find_library) -> str | None:
    """What stops a window from being shown, in Chinese; None when nothing does."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if not platform.startswith("linux") or chosen in HEADLESS_PLATFORMS:
        return None
    x11 = bool(environ.get("DISPLAY", "").strip())
    wayland = bool(environ.get("WAYLAND_DISPLAY", "").strip())
    if not x11 and not wayland:
        return NO_SESSION
    if not x11 or chosen == "wayland":
        return None  # Qt draws through Wayland and needs none of the X11 libraries
    missing = [package for library, package in XCB_LIBRARIES if not find_library(library)]
    if not missing:
        return None
    return (f"无法打开携手填报的窗口：系统缺少图形界面需要的组件 {'、'.join(missing)}。"
            f"请让电脑管理员安装后再启动，命令是：sudo apt install {' '.join(missing)}")
