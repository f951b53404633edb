"""The 寄送材料清单 of an exported package (package.md §4), gathered from the export and its campaign.

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
        documents=[(_document_title(manifest), result.pdf_pages, copies)],
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


def _document_title(manifest: dict) -> str:
    """附件3 大中小企业融通创新项目中小企业“揭榜”申请书 (with its 附件 number when the form is known)."""
    from desktop.forms.registry import get_form

    forms = manifest.get("forms") or [{}]
    title = str(forms[0].get("title") or "")
    try:
        form = get_form(_form_id(manifest))
    except KeyError:
        return title
    return f"{form.attachment_no} {form.title}"


def _campaign_named(manifest: dict) -> Campaign | None:
    wanted = (manifest.get("campaign") or {}).get("id")
    return next((c for c in all_campaigns() if c.id == wanted), None)
