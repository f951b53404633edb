"""Qt's own texts in Chinese: the standard buttons, file dialogs and context menus (qtbase_zh_CN.qm).

The program's own texts are written in Chinese; this translator covers the
texts Qt draws itself ("Cancel", "Open", "Look in:" …), whatever the system
language is. The bundle ships only this one Qt translation.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

CATALOGUE = "qtbase"


def install_qt_chinese(app: QApplication) -> bool:
    """Load qtbase_zh_CN into ``app``; False (English buttons) when the file is missing."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    if not translator.load(locale, CATALOGUE, "_", folder):
        return False
    return app.installTranslator(translator)
