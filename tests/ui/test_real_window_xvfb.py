"""The real program in a real X server (Xvfb), driven by keyboard and mouse from outside (xdotool).

Nothing here calls the program's functions: it is started as a clerk starts it
(``python -m desktop.cli``, its own data folder), a 附件1 draft is made with
Ctrl+N and Enter, ASCII and number fields are typed with the keyboard, a
Chinese name is pasted through the clipboard (xdotool cannot drive an input
method), fields and a sidebar step are clicked with the mouse.  The program is
then killed with SIGKILL and started again: the recovery notice must appear and
close with Enter, and every typed value must be in the SQLite file.  The clicks aim at places measured on this layout (1200×720
window, Noto CJK fonts); a failure saves a screenshot beside the test's files.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool", "xclip")
pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS),
                                reason="needs Xvfb, xdotool and xclip (Debian: xvfb xdotool xclip)")

NAME = "福州示例精密制造有限公司"
USCC = "91350100M000100Y43"
# where the mouse clicks, in screen pixels (the window sits at 0,0 without a window manager)
SIDEBAR_SCALE_STEP = (80, 82)     # 经营规模与创新能力, the third step in the sidebar
EMPLOYEES_FIELD = (720, 235)      # 从业人员（人，上年末）
REVENUE_FIELD = (720, 297)        # 营业收入（万元，上年度）


class Display:
    """An Xvfb server of its own and the xdotool/xclip commands against it."""

    def __init__(self, folder: Path):
        read, write = os.pipe()
        self.server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1440x900x24",
                                        "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            self.name = ":" + pipe.readline().strip()
        self.folder = folder
        self.clipboard: subprocess.Popen | None = None

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        return {**env, "DISPLAY": self.name, "QT_QPA_PLATFORM": "xcb"}

    def run(self, *args: str, timeout: float = 20) -> str:
        done = subprocess.run(args, env=self.env(), capture_output=True, text=True, timeout=timeout)
        return done.stdout

    def xdo(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def window(self, title: str, timeout: float = 60) -> str | None:
        """The id of a visible window whose whole title matches ``title`` (a regular expression)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            found = self.xdo("search", "--onlyvisible", "--name", title).split()
            if found:
                return found[-1]
            time.sleep(0.3)
        return None

    def point_at(self, window: str) -> None:
        """Give the window the keyboard focus (there is no window manager to do it) and put the pointer over it."""
        self.xdo("windowfocus", window)
        geometry = self.xdo("getwindowgeometry", "--shell", window)
        values = dict(line.split("=") for line in geometry.split())
        self.xdo("mousemove", str(int(values["X"]) + int(values["WIDTH"]) // 2),
                 str(int(values["Y"]) + int(values["HEIGHT"]) // 2))

    def click(self, x: int, y: int) -> None:
        self.xdo("mousemove", str(x), str(y), "click", "1")
        time.sleep(0.4)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "40", text)

    def key(self, *keys: str) -> None:
        self.xdo("key", *keys)
        time.sleep(0.4)

    def paste(self, text: str) -> None:
        """Chinese as a clerk's input method would deliver it is not possible here: paste it instead."""
        self.stop_clipboard()
        self.clipboard = subprocess.Popen(["xclip", "-quiet", "-selection", "clipboard", "-i"], env=self.env(),
                                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.clipboard.stdin.write(text.encode())
        self.clipboard.stdin.close()
        time.sleep(0.3)
        self.key("ctrl+v")
        self.stop_clipboard()  # the program has taken the text; the clipboard is free again

    def clipboard_text(self) -> str:
        return self.run("xclip", "-o", "-selection", "clipboard", timeout=5)

    def stop_clipboard(self) -> None:
        if self.clipboard is not None and self.clipboard.poll() is None:
            self.clipboard.terminate()
            self.clipboard.wait(5)
        self.clipboard = None

    def screenshot(self, name: str) -> None:
        """For whoever reads a failure: the screen as it was (ImageMagick's import, when installed)."""
        if shutil.which("import"):
            time.sleep(0.5)
            self.run("import", "-window", "root", str(self.folder / f"{name}.png"))

    def close(self) -> None:
        self.stop_clipboard()
        self.server.terminate()
        self.server.wait(10)


@pytest.fixture
def display(tmp_path):
    screen = Display(tmp_path)
    yield screen
    screen.close()


def start(display: Display, data: Path) -> subprocess.Popen:
    env = {**display.env(), "XIESHOU_DATA_DIR": str(data)}
    return subprocess.Popen([sys.executable, "-m", "desktop.cli"], env=env, cwd=Path(__file__).parents[2],
                            stdout=subprocess.DEVNULL, stderr=open(data.parent / "program.log", "ab"))


def stored(data: Path) -> dict:
    """The newest draft as the SQLite file holds it (read-only, as another program would read it)."""
    database = data / "xieshou.db"
    if not database.is_file():
        return {}
    with sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=2) as connection:
        row = connection.execute("SELECT data_json FROM drafts ORDER BY id DESC LIMIT 1").fetchone()
    return json.loads(row[0]) if row else {}


def profile(data: Path) -> dict:
    return stored(data).get("profile") or {}


def wait_for(condition, timeout: float = 20) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.3)
    return False


def new_draft(display: Display) -> str:
    """Ctrl+N until the store is open and the 新建草稿 dialog comes, then Enter (附件1 is preselected)."""
    start_window = display.window("^携手填报$")
    assert start_window, "the start window did not appear"
    display.point_at(start_window)
    for _ in range(60):
        display.key("ctrl+n")
        dialog = display.window("^新建草稿$", timeout=1.5)
        if dialog:
            break
    else:
        pytest.fail("Ctrl+N did not open the 新建草稿 dialog")
    display.point_at(dialog)
    display.key("Return")
    wizard = display.window("^附件1 ", timeout=30)
    assert wizard, "the draft window did not open"
    display.point_at(wizard)
    return wizard


def test_typed_clicked_killed_and_recovered(display, tmp_path):
    data = tmp_path / "data"
    program = start(display, data)
    try:
        new_draft(display)
        display.key("ctrl+Next")  # 企业基本信息: the first field, 企业名称, has the focus
        display.paste(NAME)
        display.key("Tab")
        display.type(USCC)
        display.click(*SIDEBAR_SCALE_STEP)
        display.click(*EMPLOYEES_FIELD)
        display.type("250")
        display.click(*REVENUE_FIELD)
        display.type("12345.6")
        display.key("Tab")
        expected = {"name": NAME, "uscc": USCC, "employees": "250", "revenue": "12345.6"}
        saved = wait_for(lambda: {k: profile(data).get(k) for k in expected} == expected)
        display.screenshot("typed")
        assert saved, f"autosave holds {profile(data)}; expected {expected}"
    finally:
        program.send_signal(signal.SIGKILL)
        program.wait(10)

    again = start(display, data)
    try:
        notice = display.window("^草稿已恢复$")
        display.screenshot("recovered")
        assert notice, "no recovery notice after the kill"
        # its text (seconds, the last fields, the form's name) is checked in test_app.py: Qt's message box
        # offers no way to read it from outside on X11 (Ctrl+C copies it on Windows only)
        display.point_at(notice)
        assert {k: profile(data).get(k) for k in expected} == expected
        display.key("Return")
        assert wait_for(lambda: not display.window("^草稿已恢复$", timeout=0.5), timeout=10)
    finally:
        again.send_signal(signal.SIGKILL)
        again.wait(10)
    with sqlite3.connect(data / "xieshou.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
