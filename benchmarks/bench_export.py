"""Full export of the 20-need 附件1 sample (PDF + DOCX + package folder).

Targets (foundation issue): ≤ 1.0 s and ≤ 0.5× LibreOffice converting our own
DOCX to PDF, measured in the same run.  Prints the median of 5, warm (in one
process, after a first export has loaded fonts and libraries) and cold
(``xieshou export`` in a fresh process).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from _util import PYTHON, median_time, report, run_quiet

from desktop.forms.registry import get_form
from desktop.package.export import export_package
from desktop.package.manifest import CHINA_TZ
from desktop.samples import sample_submission

FORM = get_form("2023-a1-needs")
AT = dt.datetime(2023, 4, 20, 10, 15, tzinfo=CHINA_TZ)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="xs-bench-export-"))
    try:
        submission = sample_submission(FORM, 0)
        sample = work / "sample.json"
        sample.write_text(json.dumps(submission, ensure_ascii=False), encoding="utf-8")
        first = export_package(FORM, submission["data"], work / "warm", created_at=AT)
        warm = median_time(lambda: export_package(FORM, submission["data"], work / "warm", created_at=AT))
        cold = median_time(lambda: run_quiet([PYTHON, "-m", "desktop.cli", "export", str(sample), "-o",
                                              str(work / "cold"), "--at", AT.isoformat()]))
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        reference = None
        if soffice:
            docx = next(first.folder.glob("documents/*.docx"))
            profile = work / "lo-profile"
            convert = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                       "--outdir", str(work / "lo"), str(docx)]
            subprocess.run(convert, check=True, capture_output=True)  # first run creates the profile
            reference = ("LibreOffice DOCX→PDF of our DOCX", median_time(lambda: run_quiet(convert)))
        else:
            print("soffice not installed: no LibreOffice reference (apt-get install libreoffice-writer-nogui)")
        print(f"PDF pages: {first.pdf_pages}, files: {len(first.files)}")
        report("export warm (in-process)", warm, 1.0, reference, 0.5)
        report("export cold (xieshou export, new process)", cold, None, reference, None)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
