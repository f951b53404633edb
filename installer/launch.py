"""Entry point of the bundled program (PyInstaller): the same ``desktop.cli.main`` as ``xieshou`` from source.

Child processes get the user's environment through desktop.childenv (every subprocess call passes
``env=child_env()``; the GUI restores ``os.environ`` once its Qt application exists).
"""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
