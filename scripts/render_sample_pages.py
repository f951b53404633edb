"""Render the made-up samples and save pages as PNG for the README.

Writes docs/screenshots/pdf-page-first.png, -middle.png, -last.png (the final
附件1 document with 20 needs) and pdf-page-draft.png (first page of a draft,
with the watermark and the 骑缝章 guide); a3-cover.png, a3-contents.png and
a3-chapter.png (the 附件3 申请书: cover, 目录, the 三、攻关方案 chapter); and
packing-list.png (the 寄送材料清单 of the exported 附件3 package).  Needs
pdftoppm (Debian package poppler-utils).

Usage:  python scripts/render_sample_pages.py [--out-dir DIR] [--dpi 90]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from desktop.attachments import AttachmentStore, make_sample_files
from desktop.documents.layout import DocMeta
from desktop.documents.pdf import render_pdf
from desktop.engine.submission import canonical_bytes
from desktop.forms.registry import get_form
from desktop.package.binding import binding_sha256, code_from_sha256
from desktop.package.export import export_package
from desktop.package.iso import build_iso
from desktop.package.packing import packing_list_for_export
from desktop.samples import sample_submission

OUT_DIR = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
CREATED_AT = dt.datetime(2023, 4, 20, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def sample_pdf(draft: bool):
    form = get_form("2023-a1-needs")
    submission = sample_submission(form, 0)
    digest = binding_sha256(canonical_bytes(submission))
    meta = DocMeta(code_from_sha256(digest), digest, submission["revision"], CREATED_AT,
                   draft=draft, seam_guide=draft)
    return render_pdf(form, submission, meta)


def application_pages(work: Path) -> tuple[bytes, int, bytes]:
    """The 附件3 sample exported with its made-up attachments: (PDF, page of 三、攻关方案, packing list PDF)."""
    store = AttachmentStore(work / "store")
    files = [store.add(path).to_value() for path in make_sample_files(work / "made")]
    form = get_form("2023-a3-application")
    submission = sample_submission(form, 0, files)
    result = export_package(form, submission["data"], work / "out", created_at=CREATED_AT, attachment_store=store)
    iso = build_iso(result.folder, work / "sample.iso")
    pdf = (result.folder / "documents" / f"{form.document_name}.pdf").read_bytes()
    contents = subprocess.run(["pdftotext", "-raw", "-f", "2", "-l", "2", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode("utf-8")
    chapter = next(int(line.split()[-1]) for line in contents.splitlines() if line.startswith("三、攻关方案"))
    return pdf, chapter, packing_list_for_export(result, iso, None, CREATED_AT.date())


def save_page(pdf: bytes, page: int, target: Path, dpi: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "sample.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(source), str(target.with_suffix(""))], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--dpi", type=int, default=90)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("需要 pdftoppm：请安装 poppler-utils（apt-get install poppler-utils）", file=sys.stderr)
        return 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    final = sample_pdf(draft=False)
    pages = {"first": 1, "middle": (final.pages + 1) // 2, "last": final.pages}
    for name, page in pages.items():
        save_page(final.data, page, args.out_dir / f"pdf-page-{name}.png", args.dpi)
    save_page(sample_pdf(draft=True).data, 1, args.out_dir / "pdf-page-draft.png", args.dpi)
    with tempfile.TemporaryDirectory() as work:
        application, chapter, packing = application_pages(Path(work))
    for name, page in {"cover": 1, "contents": 2, "chapter": chapter}.items():
        save_page(application, page, args.out_dir / f"a3-{name}.png", args.dpi)
    save_page(packing, 1, args.out_dir / "packing-list.png", args.dpi)
    print(f"附件1 {final.pages} 页；已写入 {args.out_dir}/pdf-page-{{first,middle,last,draft}}.png、"
          "a3-{cover,contents,chapter}.png、packing-list.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
