"""Render the made-up 20-need sample of 附件1 and save pages as PNG for the README.

Writes docs/screenshots/pdf-page-first.png, -middle.png, -last.png (the final
document) and pdf-page-draft.png (first page of a draft, with the watermark and
the 骑缝章 guide).  Needs pdftoppm (Debian package poppler-utils).

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

from desktop.documents.layout import DocMeta
from desktop.documents.pdf import render_pdf
from desktop.engine.submission import canonical_bytes
from desktop.forms.registry import get_form
from desktop.package.binding import binding_sha256, code_from_sha256
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
    print(f"{final.pages} 页；已写入 {args.out_dir}/pdf-page-{{first,middle,last,draft}}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
