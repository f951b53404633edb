"""Packages exported for real from made-up samples, and the text of a PDF, for the desk's tests."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

from desktop.forms.registry import get_form
from desktop.samples import sample_raw

BEIJING = dt.timezone(dt.timedelta(hours=8))
EXPORTED_AT = dt.datetime(2023, 4, 20, 10, 0, tzinfo=BEIJING)
ISSUED_AT = dt.datetime(2023, 5, 4, 9, 30, tzinfo=BEIJING)


def export_sample(out: Path, form_id: str = "2023-a1-needs", seed: int = 3, raw: dict | None = None,
                  companions: tuple[str, ...] = (), revision: int = 1, store=None):
    """A final package exported by the program itself (export_package) from a made-up sample."""
    from desktop.attachments import AttachmentStore
    from desktop.package.export import export_package

    form = get_form(form_id)
    others = [(get_form(c), sample_raw(get_form(c), seed)) for c in companions]
    attachments = store if store is not None else AttachmentStore(out / "_attachments")
    return export_package(form, raw if raw is not None else sample_raw(form, seed), out, revision=revision,
                          created_at=EXPORTED_AT, attachment_store=attachments, companions=others)


def pdf_text(data: bytes) -> str:
    """The text of a PDF: pdftotext when installed, pypdf otherwise."""
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def squeeze(text: str) -> str:
    """Text without white space: a long value wraps across lines in a PDF."""
    return "".join(text.split())
