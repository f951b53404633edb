"""携手填报 — core package. Nothing here (outside desktop.ui) may import PySide6."""

__version__ = "0.1.0"
PROGRAM_NAME = "xieshou"
