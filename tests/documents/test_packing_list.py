"""寄送材料清单: recipient by channel, deadline state, every value present, one page, same bytes."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from desktop.attachments import AttachmentStore, make_sample_files
from desktop.documents.fonts import missing_characters
from desktop.documents.packing_list import deadline_text, render_packing_list
from desktop.forms.registry import get_form
from desktop.package.export import export_package
from desktop.package.iso import build_iso
from desktop.package.packing import packing_list_for_export
from desktop.rules.campaign import Deadline, Recipient, builtin_campaigns

from .doc_samples import CREATED_AT, application_submission, needs_submission, pdftotext

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
MINISTRY = Recipient("工业和信息化部中小企业局", "北京市西城区西长安街13号", "100804")
SENDER = {"name": "澜岳精工科技有限公司（样例）", "address": "福建省厦门市思明区样例路88号", "postcode": "361000",
          "contact": "王伟", "phone": "0592-5551234", "mobile": "13905920000"}
DISC = {"volume_label": "澜岳精工科技", "volume_id": "XS2023A1_91350203MA2Y8K3C79", "file_count": 5,
        "total_size": 3 * 1024 * 1024 + 512 * 1024, "binding_code": "7KQ2-M9XD-4TBE-Q1W8"}
MANIFEST = {"created_at": "2023-04-20T10:15:00+08:00", "campaign": {"id": "2023-jiebang", "notice": "工信厅企业函〔2023〕88号"},
            "forms": [{"id": "2023-a1-needs", "edition": "2023", "title": "大企业技术创新需求表"}],
            "submitter": {"name": SENDER["name"], "uscc": "91350203MA2Y8K3C79", "province": "福建省",
                          "channel": "工业和信息化部行业司局组织"},
            "binding_code": "7KQ2-M9XD-4TBE-Q1W8", "draft": False}
APRIL_27 = Deadline(("2023-a1-needs",), dt.date(2023, 4, 27), "大企业技术创新需求表通过EMS寄出")


def sheet(**changes) -> bytes:
    values = dict(recipient=MINISTRY, recipient_entered="", deadline=APRIL_27,
                  documents=[("附件1 大企业技术创新需求表", 57, 1)], disc=DISC, today=dt.date(2023, 4, 20),
                  sender=SENDER)
    values.update(changes)
    manifest = values.pop("manifest", MANIFEST)
    return render_packing_list(manifest, **values)


def text_of(data: bytes) -> str:
    return "".join(pdftotext(data).split())


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


@needs_poppler
def test_fixed_recipient_sender_documents_disc_and_checks_are_printed():
    text = text_of(sheet())
    for words in ("寄送材料清单", "工信厅企业函〔2023〕88号", "工业和信息化部中小企业局", "北京市西城区西长安街13号",
                  "100804", SENDER["name"], SENDER["address"], "361000", "王伟", "0592-5551234", "13905920000",
                  "附件1大企业技术创新需求表", "57页", "1份", "澜岳精工科技（XS2023A1_91350203MA2Y8K3C79）", "5个",
                  "3.50MB", "7KQ2-M9XD-4TBE-Q1W8", "□纸质材料已盖章", "□光盘已校验", "□EMS单号：", "装袋人：", "日期："):
        assert words in text, words
    assert "请手工填写" not in text


@needs_poppler
def test_every_character_of_the_sheet_is_in_the_print_font():
    shown = pdftotext(sheet(recipient=None, recipient_entered="福建省工业和信息化厅")).replace("\f", "")
    assert missing_characters(shown) == []


@needs_poppler
def test_provincial_channel_prints_the_authority_as_entered_with_address_lines_to_fill_in():
    text = text_of(sheet(recipient=None, recipient_entered="福建省工业和信息化厅"))
    assert "收件单位福建省工业和信息化厅地址邮编说明" in text and "请手工填写" in text
    assert "西长安街" not in text and "100804" not in text


@pytest.mark.parametrize("today, state", [(dt.date(2023, 4, 20), "2023年4月27日（还有 7 天）"),
                                          (dt.date(2023, 4, 27), "2023年4月27日（今天截止）"),
                                          (dt.date(2024, 3, 1), "2023年4月27日（已截止）")])
def test_deadline_states(today, state):
    assert deadline_text(APRIL_27, today) == state


def test_deadline_without_a_date_is_announced_later():
    assert deadline_text(None, dt.date(2023, 4, 20)).startswith("另行通知")
    assert deadline_text(Deadline(("2023-a3-application",), None, "时间另行通知"), dt.date(2030, 1, 1)).startswith("另行通知")


@needs_poppler
def test_deadline_passed_is_shown_on_the_sheet():
    assert "2023年4月27日（已截止）" in text_of(sheet(today=dt.date(2025, 1, 1)))


def test_one_page_even_with_many_documents_and_long_values_and_same_bytes_each_time():
    # the longest names the forms allow (企业名称 100, 通讯地址 120, 组织单位名称 60), three documents
    crowded = dict(sender={**SENDER, "name": "澜岳精工" * 25, "address": "样例路" * 40}, recipient=None,
                   recipient_entered="福建省" * 20,
                   documents=[(f"附件{n} " + "很长的材料名称" * 8, n, 2) for n in range(1, 4)])
    assert pages_of(sheet(**crowded)) == 1
    assert pages_of(sheet()) == 1
    assert sheet() == sheet() and sheet(**crowded) == sheet(**crowded)


@needs_poppler
def test_without_a_disc_its_lines_are_blank_but_the_binding_code_is_printed():
    text = text_of(sheet(disc=None))
    assert "卷标文件数总大小装订码7KQ2-M9XD-4TBE-Q1W8" in text


@needs_poppler
def test_a_draft_sheet_says_it_must_not_be_mailed_and_fonts_are_embedded():
    data = sheet(manifest={**MANIFEST, "draft": True})
    assert "寄送材料清单（草稿，不得寄送）" in text_of(data)
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb column


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """A 附件3 package (provincial, with its ISO) and a 附件1 package sent via a ministry department."""
    root = tmp_path_factory.mktemp("packing")
    store = AttachmentStore(root / "store")
    for path in make_sample_files(root / "made"):  # the same bytes as the sample's files: same hashes
        store.add(path)
    application = export_package(get_form("2023-a3-application"), application_submission()["data"], root / "out",
                                 created_at=CREATED_AT, attachment_store=store)
    needs_raw = {**needs_submission()["data"], "channel": "工业和信息化部行业司局组织"}
    needs = export_package(get_form("2023-a1-needs"), needs_raw, root / "out", created_at=CREATED_AT,
                           attachment_store=store)
    iso = build_iso(application.folder, root / "a3.iso")
    return application, iso, needs


@needs_poppler
def test_export_sheet_of_the_application_goes_to_the_authority_it_names(exports):
    application, iso, _ = exports
    campaign = next(c for c in builtin_campaigns() if c.id == "2023-jiebang")
    data = packing_list_for_export(application, iso, campaign, dt.date(2023, 4, 20))
    text = text_of(data)
    entered = "".join(application.submission["data"]["recommender"].split())
    assert f"收件单位{entered}" in text and "请手工填写" in text and "西长安街" not in text
    assert "另行通知" in text  # 附件3 goes to the province, its date announced later
    assert f"附件3大中小企业融通创新项目中小企业“揭榜”申请书{application.pdf_pages}页1份" in text
    assert f"{iso.joliet_label}（{iso.volume_id}）" in text and f"{iso.file_count}个" in text
    assert f"{iso.size / 1024 / 1024:.2f}MB" in text and application.binding_code in text
    profile = application.submission["data"]["profile"]
    assert profile["name"] in text and profile["contact_name"] in text and profile["contact_mobile"] in text
    assert pages_of(data) == 1
    assert packing_list_for_export(application, iso, campaign, dt.date(2023, 4, 20)) == data


@needs_poppler
def test_export_sheet_of_a_ministry_channel_needs_form_uses_the_fixed_recipient_and_the_folder(exports):
    _, _, needs = exports
    text = text_of(packing_list_for_export(needs, None, None, dt.date(2023, 5, 1)))
    assert "工业和信息化部中小企业局" in text and "北京市西城区西长安街13号" in text and "100804" in text
    assert "2023年4月27日（已截止）" in text
    files = [p for p in needs.folder.rglob("*") if p.is_file()]
    assert f"文件数{len(files)}个" in text
    assert re.search(r"总大小\d+\.\d\dMB", text) and needs.binding_code in text
