"""The 附件6 grid is cut into one table per page by the program: every row once, in order, on a page it fits."""

from __future__ import annotations

import pytest
from reportlab.platypus import Table

from desktop.documents.fonts import register_fonts
from desktop.register.stats import compute
from desktop.register.samples import make_year
from desktop.register.stats_pdf import PagedTable, _grid, _styles


@pytest.fixture
def filled_year(register, campaign):
    for department, rows in make_year(150, 10, 5).reports.items():
        register.merge(rows, department)
    return register, campaign


def pieces(grid: PagedTable, first_height: float, height: float) -> list[Table]:
    out, rest, room = [], grid, first_height
    while rest is not None:
        _, needed = rest.wrap(800, room)
        if needed <= room:
            out.append(rest._table)
            break
        parts = rest.split(800, room)
        assert parts, "a page took no row"
        out.append(parts[0])
        rest, room = parts[1], height
    return out


def test_each_page_takes_the_rows_that_fit_and_repeats_the_header(filled_year):
    register, campaign = filled_year
    table = compute(register, campaign, "2024")
    grid = _grid(table, _styles(register_fonts()))
    pages = pieces(grid, 300, 480)
    assert len(pages) > 3
    body = []
    for n, page in enumerate(pages):
        _, height = page.wrap(800, 1e9)
        assert height <= (300 if n == 0 else 480)
        assert page._cellvalues[1][9] is not None                # the second header row on every page
        body += [row[0] for row in page._cellvalues[2:]]
    assert body == [str(n) for n in range(1, len(table.rows) + 1)] + ["合计"]
