"""Windows fit 1366×768 (and 1280×720, a 1920×1080 screen at 150 %) without horizontal scrolling."""

from __future__ import annotations

import pytest

from desktop.samples import sample_raw
from desktop.ui.page import FormPage
from desktop.ui.start_window import StartWindow

from .helpers import open_wizard

SCREENS = [(1366, 768), (1280, 720)]


@pytest.mark.parametrize("size", SCREENS)
def test_the_start_window_fits(ctx, qtbot, new_draft, needs_form, size):
    new_draft(sample_raw(needs_form))
    window = StartWindow(ctx)
    qtbot.addWidget(window)
    assert window.minimumSizeHint().width() <= size[0]
    assert window.minimumSizeHint().height() <= size[1]


@pytest.mark.parametrize("size", SCREENS)
def test_every_wizard_page_fits_without_horizontal_scrolling(ctx, qtbot, new_draft, needs_form, size):
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    wizard.resize(*size)
    assert wizard.minimumSizeHint().width() <= size[0]
    for step in wizard.steps:
        page = wizard.open_step(step.key)
        qtbot.wait(1)
        if isinstance(page, FormPage):
            needed = page.widget().minimumSizeHint().width()
            assert needed <= page.viewport().width(), f"{step.title}: {needed} > {page.viewport().width()}"
        else:
            assert page.minimumSizeHint().width() <= wizard.stack.width(), step.title
