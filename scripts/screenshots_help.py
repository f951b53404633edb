"""Render the first-run start window (with the sample-draft offer), the sample draft's export page and the
关于 box to docs/screenshots/ (offscreen, 1366×768 or the box's own size) for the README and the manual.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_help.py [out_dir]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from shots import NOW, ROOT, save, settle  # sets up offscreen Qt: first, before PySide6 is imported


def main(out_dir: Path) -> None:
    from desktop.ui.app import make_application, open_context
    from desktop.ui.help_menu import AboutDialog
    from desktop.ui.start_window import StartWindow

    make_application([])
    with tempfile.TemporaryDirectory(prefix="xieshou-shots-") as temp:
        ctx = open_context(Path(temp) / "数据", synchronous=True)
        ctx.now = lambda: NOW
        ctx.update_settings(last_export_dir=str(Path(temp) / "导出"))
        start = StartWindow(ctx)
        save(start, out_dir, "start_first_run")
        start.open_sample_draft()
        wizard = next(w for k, w in ctx.open_windows.items() if isinstance(k, tuple))
        wizard.open_step("export")
        save(wizard, out_dir, "sample_export")
        wizard.close()
        about = AboutDialog(ctx, start)
        about.text.setPlainText(about.text.toPlainText().replace(str(ctx.data_dir), "/home/用户/.local/share/xieshou"))
        settle_size = about.size()
        about.show()
        settle(about)
        about.resize(settle_size)
        path = out_dir / "about.png"
        about.grab().save(str(path))
        print(path)
        for window in list(ctx.open_windows.values()):
            window.close()
        ctx.tasks.wait()
        ctx.store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
