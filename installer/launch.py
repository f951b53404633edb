"""Entry point of the bundled program (PyInstaller): the same ``desktop.cli.main`` as ``xieshou`` from source.

Child processes get the user's environment through desktop.childenv (every subprocess call passes
``env=child_env()``; the GUI restores ``os.environ`` once its Qt application exists).
``xieshou --bundle-check`` (installer/bundle_check.py) instead proves that the parts the build trimmed
(ICU data, Qt plugins, fonts, Pillow) still do what the program needs; installer/smoke.sh runs it.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # verification's worker processes (desktop/package/workers.py) run this program
    if sys.argv[1:] == ["--bundle-check"]:
        from bundle_check import main as check

        sys.exit(check())
    from desktop.cli import main

    sys.exit(main())
