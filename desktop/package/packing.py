"""The 寄送材料清单 of an exported package (docs/package.md §4), gathered from the export and its campaign.

The recipient comes from the campaign: a channel with a fixed recipient (附件1
via 工业和信息化部行业司局 → 工业和信息化部中小企业局) gets its address printed;
otherwise the parcel goes to the provincial authority the user named in the
form (组织单位名称 or 推荐单位), whose address is written by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from desktop.rules.campaign import Campaign, all_campaigns

from .disc_names import joliet_volume_label, primary_volume_id
from .export import ExportResult
from .iso import IsoResult
from .manifest import MANIFEST_NAME

# The fields in which the forms name the authority their parcel goes through, first found wins.
AUTHORITY_FIELDS = ("organiser", "recommender")
PAPER_COPIES = 1                 # the 2023 notice asks for one sealed paper copy


def packing_list_for_export(result: ExportResult, iso: IsoResult | None, campaign: Campaign | None,
                            today: dt.date, *, copies: int = PAPER_COPIES) -> bytes:
    """The packing list PDF of an exported package; ``campaign`` None: the one the manifest names."""
    from desktop.documents.packing_list import render_packing_list

    manifest = json.loads((Path(result.folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
    campaign = campaign or _campaign_named(manifest)
    data = result.submission.get("data") if isinstance(result.submission.get("data"), dict) else {}
    form_id = _form_id(manifest)
    return render_packing_list(
        manifest,
        recipient=campaign.recipient_for(data.get("channel")) if campaign else None,
        recipient_entered=authority_entered(data),
        deadline=campaign.deadline_for(form_id) if campaign else None,
        documents=[(title, pages, copies) for title, pages in paper_documents(result, manifest)],
        disc=disc_facts(result, iso, manifest),
        today=today,
        sender=sender_of(data),
    )


def authority_entered(data: dict) -> str:
    for key in AUTHORITY_FIELDS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def sender_of(data: dict) -> dict:
    profile = data.get("profile") if isinstance(data.get("profile"), dict) else {}
    return {"name": profile.get("name"), "address": profile.get("address"), "postcode": profile.get("postcode"),
            "contact": profile.get("contact_name"), "phone": profile.get("contact_phone"),
            "mobile": profile.get("contact_mobile")}


def disc_facts(result: ExportResult, iso: IsoResult | None, manifest: dict) -> dict:
    """What the disc carries: from the image when it was built, else from the package folder.

    The folder holds the listed files plus manifest.json; the labels are the ones the image gets.
    """
    if iso is not None:
        return {"volume_label": iso.joliet_label, "volume_id": iso.volume_id, "file_count": iso.file_count,
                "total_size": iso.size, "binding_code": result.binding_code}
    submitter = manifest.get("submitter") if isinstance(manifest.get("submitter"), dict) else {}
    volume_id = primary_volume_id(_form_id(manifest), str(submitter.get("uscc") or ""))
    manifest_size = (Path(result.folder) / MANIFEST_NAME).stat().st_size
    return {"volume_label": joliet_volume_label(str(submitter.get("name") or "")) or volume_id[:16],
            "volume_id": volume_id, "file_count": len(result.files) + 1,
            "total_size": sum(entry.size for entry in result.files) + manifest_size,
            "binding_code": result.binding_code}


def _form_id(manifest: dict) -> str:
    forms = manifest.get("forms") or [{}]
    return str(forms[0].get("id") or "")


def paper_documents(result: ExportResult, manifest: dict) -> list[tuple[str, int | None]]:
    """(title, pages) of each form's printed document, in the manifest's order (the primary first).

    The pages are the ones the export rendered; a PDF the export did not report
    (a package read back with only the primary's count) is counted from the
    folder, and a count that cannot be had is None (written by hand).
    """
    from desktop.forms.registry import get_form

    known = dict(result.document_pages)
    documents = []
    for index, entry in enumerate(manifest.get("forms") or []):
        entry = entry if isinstance(entry, dict) else {}
        try:
            edition = entry.get("edition")
            form = get_form(str(entry.get("id")), edition if isinstance(edition, str) else None)
        except KeyError:
            documents.append((str(entry.get("title") or ""), result.pdf_pages if index == 0 else None))
            continue
        path = f"documents/{form.document_name}.pdf"
        pages = known.get(path) or (result.pdf_pages if index == 0 else _counted(Path(result.folder) / path))
        documents.append((f"{form.attachment_no} {form.title}", pages))
    return documents


def _counted(pdf: Path) -> int | None:
    from desktop.attachments import pdf_pages

    return pdf_pages(pdf) if pdf.is_file() else None


def _campaign_named(manifest: dict) -> Campaign | None:
    wanted = (manifest.get("campaign") or {}).get("id")
    return next((c for c in all_campaigns() if c.id == wanted), None)
