"""Render the GUI's main screens to docs/screenshots/*.png at 1366×768 (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [out_dir]

Uses a temporary data folder with made-up sample drafts and a fixed clock
(2023年4月20日 10:32, Beijing time), so the pictures are the same on every run.
Needs a CJK system font (Debian: fonts-noto-cjk) for the offscreen platform.
The disc screens (export_disc, burn, verify) burn to xorriso's ``stdio:``
pseudo-drive; without xorriso the burn window shows the check of a copied image.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from shots import NOW, ROOT, save  # sets up offscreen Qt: first, before PySide6 is imported

from desktop.engine.schema import form_hash  # noqa: E402
from desktop.engine.validate import clean  # noqa: E402
from desktop.forms.registry import get_form  # noqa: E402
from desktop.samples import sample_raw  # noqa: E402


def seed(ctx) -> tuple[int, int]:
    """Three drafts: one exported, one being filled (with problems), one just started."""
    form = get_form("2023-a1-needs")
    done = sample_raw(form, seed=1)
    done_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), done)
    working = sample_raw(form, seed=2)
    working["needs"] = working["needs"][:7]
    working["needs"][2].update(
        title="高精度轴承寿命检测工艺（含高温、高速、重载工况下的加速寿命试验方法、在线监测系统和检测数据追溯平台建设及推广应用）", background="现有寿命试验周期长达数月，检测数据难以追溯。",
        content="建立加速寿命试验方法，主要指标：试验周期缩短 50%，结果与实际工况偏差不超过 10%。",
        existing_basis="已建成轴承检测实验室。", outcome_detail="形成企业标准一项。")
    working["needs"][2]["deadline"] = "2023-03-31"
    working["needs"][2]["budget"] = "约120万"
    working["profile"]["province"] = "浙江省" if working["profile"]["province"] != "浙江省" else "江苏省"
    working_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), working)
    empty_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), {"needs": [{}]})
    for draft_id in (done_id, working_id, empty_id):  # the count the wizard would have saved on opening
        record = ctx.store.get_draft(draft_id)
        ctx.store.save_draft(draft_id, record.data, len(clean(form, record.data).problems))
    return done_id, working_id


def tamper_one(folder: Path) -> None:
    """Flip a byte of the Word file, as a damaged disc would: the verify window then has a 有问题 to show."""
    docx = next((folder / "documents").glob("*.docx"))
    data = bytearray(docx.read_bytes())
    data[len(data) // 2] ^= 0xFF
    docx.write_bytes(bytes(data))


def disc_shots(ctx, start, done_id: int, out_dir: Path, temp: Path) -> None:
    """The export page with its image, a pseudo-drive burn with its read-back, and a batch of received discs."""
    from desktop.ui.verify_window import VerifyWindow

    form = get_form("2023-a1-needs")
    other_id = ctx.store.create_draft(form.id, form.edition, form_hash(form), sample_raw(form, seed=3))
    other = start.open_draft(other_id)
    other.open_step("export").export(draft=False)
    tamper_one(other.pages["export"].outcome.folder)
    other.close()
    exported = start.open_draft(done_id)
    page = exported.open_step("export")
    page.export(draft=False)  # exported again (same revision, same bytes), the image built beside it
    save(exported, out_dir, "export_disc")
    iso = page.disc.iso.path
    exported.close()
    burn = ctx.windows.open_burn(iso)
    disc = temp / "光驱" / "disc.iso"
    disc.parent.mkdir()
    burn.drives.set_device(f"stdio:{disc}")
    burn.check_media()
    if burn.burn_button.isEnabled():
        burn.start_burn()
    else:  # no xorriso here: show the check of a disc burned elsewhere
        shutil.copyfile(iso, disc)
        burn.start_check(after_burn=False)
    save(burn, out_dir, "burn")
    burn.close()
    verify = VerifyWindow(ctx)
    verify.open_paths([Path(ctx.settings.last_export_dir)])
    broken = next(n for n, v in enumerate(verify.verdicts) if not v.complete and v.source.endswith(
        other.pages["export"].outcome.folder.name))
    verify.table.selectRow(broken)
    save(verify, out_dir, "verify")
    verify.close()


def main(out_dir: Path) -> None:
    from desktop.ui.app import make_application, open_context
    from desktop.ui.start_window import StartWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    make_application([])
    with tempfile.TemporaryDirectory(prefix="xieshou-shots-") as temp:
        ctx = open_context(Path(temp), synchronous=True)
        ctx.now = lambda: NOW
        ctx.update_settings(last_export_dir=str(Path(temp) / "携手填报导出"))
        done_id, working_id = seed(ctx)
        start = StartWindow(ctx)
        exported = start.open_draft(done_id)
        exported.open_step("export").export(draft=False)
        exported.close()
        start.drafts.reload(select=working_id)
        save(start, out_dir, "start")
        wizard = start.open_draft(working_id)
        wizard.open_step("section:profile_scale")
        save(wizard, out_dir, "wizard_profile")
        page = wizard.open_step("row:needs:2")
        page.focus_path("needs[2].title")
        save(wizard, out_dir, "wizard_need")
        wizard.open_step("review")
        save(wizard, out_dir, "review")
        wizard.open_step("export").export(draft=True)
        save(wizard, out_dir, "export")
        wizard.close()
        disc_shots(ctx, start, done_id, out_dir, Path(temp))
        start.close()
        ctx.store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
