"""Export of the full 附件3 申请书 sample with about 20 MB of attachments, and its ISO.

Targets (SME issue): ≤ 3 s to the package folder; the ISO build adds no more
than its share by the disc issue's target.  Median of 5, in one process
after a first export has loaded fonts and libraries.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from _util import median_time, report

from desktop.attachments import AttachmentStore, make_sample_files
from desktop.forms.registry import get_form
from desktop.package.export import export_package
from desktop.package.iso import build_iso
from desktop.package.manifest import CHINA_TZ
from desktop.samples import sample_raw

FORM = get_form("2023-a3-application")
AT = dt.datetime(2023, 4, 20, 10, 15, tzinfo=CHINA_TZ)


def big_png(path: Path, megabytes: int) -> Path:
    """A valid PNG of noise (incompressible), about ``megabytes`` MB."""
    from PIL import Image

    side = int((megabytes * 1024 * 1024 / 3) ** 0.5)
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, format="PNG", compress_level=1)
    return path


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="xs-bench-sme-"))
    try:
        store = AttachmentStore(work / "attachments")
        files = make_sample_files(work / "samples") + [big_png(work / "samples" / "财务报表（样例）.png", 20)]
        values = [store.add(path).to_value() for path in files]
        raw = sample_raw(FORM, 0, values)
        total = sum(v["size"] for v in values) / 1024 / 1024
        export = lambda: export_package(FORM, raw, work / "out", created_at=AT, attachment_store=store)  # noqa: E731
        result = export()
        seconds = median_time(export)
        isos = []
        for _ in range(5):
            iso = work / "out.iso"
            isos.append(median_time(lambda: build_iso(result.folder, iso), runs=1))
        print(f"附件3 sample: {result.pdf_pages} PDF pages, {len(values)} attachments, {total:.1f} MB attached")
        report("export to package folder", seconds, 3.0)
        report("ISO of that package", statistics.median(isos))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
