"""export_package with a companion: the 附件3 and the 附件2 answering the same need in one package and ISO."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.attachments import AttachmentStore, make_sample_files
from desktop.engine.submission import canonical_bytes, make_submission
from desktop.forms.registry import get_form
from desktop.package.binding import binding_sha256, code_from_sha256
from desktop.package.export import CompanionRefused, ExportRefused, export_package
from desktop.package.exported import exported_result
from desktop.package.iso import build_iso
from desktop.package.packing import packing_list_for_export
from desktop.package.verify import COMPLETE, PROBLEMS, verify_paths
from desktop.samples import sample_submission

from .sample_package import read_manifest, write_manifest

MATCH, APPLICATION, NEEDS = get_form("2023-a2-match"), get_form("2023-a3-application"), get_form("2023-a1-needs")
CREATED_AT = dt.datetime(2023, 4, 20, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=8)))
COMPANION = "data/2023-a2-match.json"
A3_PDF = "documents/附件3_大中小企业融通创新项目中小企业“揭榜”申请书.pdf"
A2_PDF = "documents/附件2_中小企业“揭榜”对接表.pdf"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Store with the three sample files, the 附件3 raw data (with them) and the 附件2 raw data of the same seed."""
    root = tmp_path_factory.mktemp("companions")
    store = AttachmentStore(root / "store")
    files = [store.add(path).to_value() for path in make_sample_files(root / "made")]
    return root, store, sample_submission(APPLICATION, 3, files)["data"], sample_submission(MATCH, 3)["data"]


@pytest.fixture(scope="module")
def combined(made):
    root, store, application, match = made
    result = export_package(APPLICATION, application, root / "out", revision=2, created_at=CREATED_AT,
                            attachment_store=store, companions=[(MATCH, match)])
    return result, build_iso(result.folder, root / "combined.iso")


def test_the_package_holds_both_forms_their_documents_and_the_attachments(combined, made):
    result, _ = combined
    _, _, application, match = made
    manifest = read_manifest(result.folder)
    assert [(f["id"], f["edition"], f["title"]) for f in manifest["forms"]] == [
        (APPLICATION.id, "2023", APPLICATION.title), (MATCH.id, "2023", MATCH.title)]
    roles = {f["path"]: f["role"] for f in manifest["files"]}
    assert {p for p, r in roles.items() if r == "data"} == {"data/submission.json", COMPANION}
    assert {p for p, r in roles.items() if r == "document"} == {
        A3_PDF, A3_PDF.replace(".pdf", ".docx"), A2_PDF, A2_PDF.replace(".pdf", ".docx"), "说明.txt"}
    assert [p for p, r in roles.items() if r == "attachment"] == [
        "attachments/01_营业执照（样例）.pdf", "attachments/02_资质证书（样例）.png", "attachments/03_知识产权证书（样例）.jpg"]
    assert (result.folder / "data/submission.json").read_bytes() == canonical_bytes(
        make_submission(APPLICATION, application, 2)[0])
    companion = (result.folder / COMPANION).read_bytes()
    assert companion == canonical_bytes(make_submission(MATCH, match, 2)[0]) and json.loads(companion)["revision"] == 2
    assert result.document_pages[0][0] == A3_PDF and result.document_pages[1][0] == A2_PDF
    assert result.pdf_pages == result.document_pages[0][1] > result.document_pages[1][1] > 0


def test_the_binding_code_covers_the_companion_and_is_on_every_document(combined):
    result, _ = combined
    manifest = read_manifest(result.folder)
    others = [f["sha256"] for f in manifest["files"] if f["role"] == "attachment" or f["path"] == COMPANION]
    digest = binding_sha256((result.folder / "data/submission.json").read_bytes(), others)
    assert (manifest["binding_sha256"], manifest["binding_code"]) == (digest, code_from_sha256(digest))
    assert result.binding_code == code_from_sha256(digest)
    readme = (result.folder / "说明.txt").read_text("utf-8-sig")
    assert f"附件3 {APPLICATION.title}（数据：data/submission.json）" in readme
    assert f"附件2 {MATCH.title}（数据：{COMPANION}）" in readme and result.binding_code in readme


@needs_poppler
def test_every_page_of_both_pdfs_prints_the_same_binding_code(combined):
    result, _ = combined
    for path, pages in result.document_pages:
        text = subprocess.run(["pdftotext", str(result.folder / path), "-"], capture_output=True, check=True).stdout
        assert text.decode("utf-8").count(result.binding_code) >= pages


def test_the_package_and_its_image_verify_complete(combined):
    result, iso = combined
    for source in (result.folder, iso.path):
        verdict = verify_paths([source])[0]
        assert (verdict.verdict, verdict.problems) == (COMPLETE, ())
        assert verdict.binding_code == result.binding_code


def test_one_byte_of_the_companion_changed_is_caught(combined, tmp_path):
    result, _ = combined
    copy = Path(shutil.copytree(result.folder, tmp_path / "changed"))
    data = bytearray((copy / COMPANION).read_bytes())
    data[data.index(b"2023-FJ-0012")] ^= 0x01   # one digit of the need code
    (copy / COMPANION).write_bytes(bytes(data))
    verdict = verify_paths([copy])[0]
    assert verdict.verdict == PROBLEMS and f"{COMPANION} 内容已被改动：SHA-256 与清单记载不符" in verdict.problems
    manifest = read_manifest(copy)
    next(f for f in manifest["files"] if f["path"] == COMPANION)["sha256"] = hashlib.sha256(data).hexdigest()
    write_manifest(copy, manifest)
    problems = verify_paths([copy])[0].problems
    assert any(p.startswith("装订码与数据不一致") for p in problems)
    assert any(p.startswith(f"manifest.json 记载的装订码 {result.binding_code} 与数据计算得到的") for p in problems)


@needs_poppler
def test_the_packing_list_names_both_paper_documents_with_their_pages(combined):
    result, iso = combined
    (a3, a3_pages), (a2, a2_pages) = [(p, n) for p, n in result.document_pages]
    for exported in (result, exported_result(result.folder, result.document_pages),
                     exported_result(result.folder, result.pdf_pages)):  # the 附件2's pages counted from its PDF
        pdf = packing_list_for_export(exported, iso, None, dt.date(2023, 4, 20))
        text = "".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                                      check=True).stdout.decode("utf-8").split())
        assert f"1附件3{APPLICATION.title}{a3_pages}页1份" in text
        assert f"2附件2{MATCH.title}{a2_pages}页1份" in text


def test_companion_errors_refuse_the_final_export_but_not_a_draft(made, tmp_path):
    _, store, application, match = made
    broken = {**match, "need_title": ""}
    with pytest.raises(ExportRefused) as refused:
        export_package(APPLICATION, application, tmp_path, created_at=CREATED_AT, attachment_store=store,
                       companions=[(MATCH, broken)])
    assert "· 附件2：请填写需求名称" in str(refused.value).splitlines()
    assert not any(tmp_path.iterdir())
    draft = export_package(APPLICATION, application, tmp_path, created_at=CREATED_AT, attachment_store=store,
                           companions=[(MATCH, broken)], draft=True)
    assert draft.folder.name.endswith("_草稿") and (draft.folder / COMPANION).is_file()


def test_only_forms_answering_the_same_need_of_the_same_enterprise_go_together(made, tmp_path):
    _, store, application, match = made
    cases = {
        "附件2的揭榜需求编号“2023-FJ-0099”与附件3的“2023-FJ-0012”不同": [(MATCH, {**match, "need_code": "2023-FJ-0099"})],
        "附件2的统一社会信用代码": [(MATCH, {**match, "profile": sample_submission(MATCH, 4)["data"]["profile"]})],
        "出现了两次": [(MATCH, match), (MATCH, match)],
        "附件1 大企业技术创新需求表 不能与": [(NEEDS, sample_submission(NEEDS, 3)["data"])],
    }
    for message, companions in cases.items():
        with pytest.raises(CompanionRefused, match=message):
            export_package(APPLICATION, application, tmp_path, created_at=CREATED_AT, attachment_store=store,
                           companions=companions, draft=True)
    assert not any(tmp_path.iterdir())
