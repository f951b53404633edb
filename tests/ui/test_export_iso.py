"""The export page's disc part: the image beside the package, its capacity verdict, the packing list, burn now."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt

from desktop.package.disc_facts import image_facts
from desktop.package.iso import MB, IsoError, IsoResult, iso_capacity_check
from desktop.samples import sample_raw
from desktop.ui import disc_export

from .conftest import FIXED_NOW
from .helpers import open_wizard


@pytest.fixture
def export_page(ctx, qtbot, new_draft, needs_form):
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("export")
    page.opened = []
    page.disc.opener = lambda path: page.opened.append(path) or True  # recorded; "a PDF reader started"
    return page


def package_files(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_final_export_builds_the_image_beside_the_package(ctx, export_page):
    page = export_page
    assert page.disc.iso_check.isChecked()
    qtbot_click(page.final_button)
    folder = page.outcome.folder
    iso = folder.with_name(folder.name + ".iso")
    assert page.disc.iso.path == iso and iso.is_file()
    assert page.disc.iso_state.level == "ok"
    assert page.disc.iso_state.text().startswith(f"已生成 {iso.name}。光盘映像 ")
    assert "可刻录到任何 CD-R 光盘（650 MB）" in page.disc.iso_state.text()
    facts = image_facts(iso)
    assert facts.binding_code == page.outcome.binding_code and facts.volume_id.startswith("XS2023A1_")
    assert page.disc.burn_button.isEnabled() and page.final_button.isEnabled()


def test_a_draft_export_makes_an_image_only_when_asked(ctx, export_page):
    page = export_page
    page.export(draft=True)
    folder = page.outcome.folder
    assert not folder.with_name(folder.name + ".iso").exists()
    assert page.disc.build_button.isVisible() and not page.disc.burn_button.isEnabled()
    qtbot_click(page.disc.build_button)
    assert folder.with_name(folder.name + ".iso").is_file() and page.disc.burn_button.isEnabled()


def test_unticked_the_final_export_writes_no_image(ctx, export_page):
    export_page.disc.iso_check.setChecked(False)
    export_page.export(draft=False)
    folder = export_page.outcome.folder
    assert not folder.with_name(folder.name + ".iso").exists() and export_page.disc.iso is None


def test_an_image_for_an_80_minute_disc_warns_and_one_over_700_mb_is_refused(ctx, export_page, monkeypatch, tmp_path):
    big = 680 * MB
    level, message = iso_capacity_check(big)
    made = IsoResult(tmp_path / "x.iso", big, "XS", "卷标", 7, level, message)
    monkeypatch.setattr(disc_export, "build_package_iso", lambda folder, **_: made)
    export_page.export(draft=False)
    assert export_page.disc.iso_state.level == "warning"
    assert "请使用 80 分钟（700 MB）的 CD-R 光盘" in export_page.disc.iso_state.text()

    def refuse(folder, **_):
        raise IsoError(iso_capacity_check(800 * MB)[1])
    monkeypatch.setattr(disc_export, "build_package_iso", refuse)
    export_page.disc.build_iso()
    assert export_page.disc.iso_state.level == "error"
    assert "请改用 DVD-R（4.7 GB）光盘" in export_page.disc.iso_state.text()
    assert not export_page.disc.burn_button.isEnabled()


def test_the_packing_list_is_written_beside_the_package_and_opened(ctx, export_page):
    page = export_page
    page.export(draft=False)
    folder = page.outcome.folder
    before = package_files(folder)
    qtbot_click(page.disc.packing_button)
    written = folder.parent / f"{folder.name}_寄送材料清单.pdf"
    assert page.opened == [written] and written.read_bytes().startswith(b"%PDF")
    assert page.disc.packing_state.level == "ok" and str(written) in page.disc.packing_state.text()
    assert "已打开" in page.disc.packing_state.text() and page.disc.packing_folder_button.isHidden()
    # the manifest lists every file of the package: the list stays outside it
    assert package_files(folder) == before
    listed = {f["path"] for f in json.loads((folder / "manifest.json").read_text("utf-8"))["files"]}
    assert before == listed | {"manifest.json"}
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(written), "-"], capture_output=True, text=True).stdout
        assert "寄送材料清单" in text and page.outcome.binding_code in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_without_a_pdf_reader_the_list_is_not_called_opened_and_its_folder_is_offered(ctx, export_page):
    page = export_page
    page.export(draft=False)
    tried = []
    page.disc.opener = lambda path: tried.append(path) and False  # no program could open it
    qtbot_click(page.disc.packing_button)
    written = page.disc.packing_list
    assert written.is_file() and tried == [written]
    assert page.disc.packing_state.level == "warning" and "已打开" not in page.disc.packing_state.text()
    assert "本机没有能打开 PDF 的程序" in page.disc.packing_state.text()
    assert not page.disc.packing_folder_button.isHidden()
    qtbot_click(page.disc.packing_folder_button)
    assert tried == [written, written.parent]
    assert page.disc.packing_state.text() == f"无法打开文件夹。寄送材料清单在：{written}"


def test_the_packing_list_of_an_application_and_its_match_lists_both_documents(ctx, qtbot):
    from desktop.engine.schema import form_hash
    from desktop.forms.registry import get_form

    match, application = get_form("2023-a2-match"), get_form("2023-a3-application")
    for form in (match, application):
        draft_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), sample_raw(form, 4))
    _, wizard = open_wizard(ctx, qtbot, draft_id)
    page = wizard.open_step("export")
    page.disc.opener = lambda path: None
    page.export(draft=False)
    qtbot_click(page.disc.packing_button)
    text = "".join(subprocess.run(["pdftotext", str(page.disc.packing_list), "-"], capture_output=True,
                                  text=True).stdout.split())
    (_, a3_pages), (_, a2_pages) = page.outcome.pdf_pages
    assert f"1附件3{application.title}{a3_pages}页1份" in text and f"2附件2{match.title}{a2_pages}页1份" in text
    assert f"{page.disc.iso.file_count}个" in text and page.outcome.binding_code in text


def test_burn_now_opens_the_burn_window_with_the_image(ctx, export_page):
    export_page.export(draft=False)
    qtbot_click(export_page.disc.burn_button)
    window = ctx.open_windows["BurnWindow"]
    assert window.iso_edit.text() == str(export_page.disc.iso.path)
    assert window.facts is not None and window.facts.binding_code == export_page.outcome.binding_code


def test_the_deadline_shows_days_left_and_later_that_it_has_passed(ctx, qtbot, new_draft, needs_form):
    _, wizard = open_wizard(ctx, qtbot, new_draft(sample_raw(needs_form)))
    page = wizard.open_step("export")
    assert page.disc.deadline.text() == "附件1 报送截止：<b>距截止还有 7 天（2023年4月27日）</b>"
    ctx.now = lambda: FIXED_NOW + dt.timedelta(days=30)
    page.disc.show_deadline()
    assert "已截止（2023年4月27日）" in page.disc.deadline.text()


def qtbot_click(button) -> None:
    from PySide6.QtTest import QTest

    assert button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
