"""Entry point of the bundled program (PyInstaller): the same ``desktop.cli.main`` as ``xieshou`` from source.

Child processes get the user's environment through desktop.childenv (every subprocess call passes
``env=child_env()``; the GUI restores ``os.environ`` once its Qt application exists).
"""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # verification's worker processes (desktop/package/workers.py) run this program
    sys.exit(main())
