"""附件材料: the content-checked store, clean-up, package naming, sample files and a real export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from desktop.attachments import (AttachmentError, AttachmentStore, StoredFile, make_sample_files, package_files,
                                 referenced_hashes)
from desktop.engine.declare import file, text
from desktop.engine.model import Form, Group, Section, Table
from desktop.forms.registry import get_form

MB = 1024 * 1024


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> dict[str, Path]:
    pdf, png, jpg = make_sample_files(tmp_path_factory.mktemp("samples"))
    return {"pdf": pdf, "png": png, "jpg": jpg}


@pytest.fixture
def store(tmp_path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "data" / "attachments")


def ofd_file(path: Path, root_name: str = "OFD.xml") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(root_name, '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
        archive.writestr("Doc_0/Document.xml", "<ofd:Document/>")
    return path


def copy_as(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def refusal(store: AttachmentStore, path: Path, **options) -> str:
    with pytest.raises(AttachmentError) as caught:
        store.add(path, **options)
    return str(caught.value)


def stored_names(store: AttachmentStore) -> list[str]:
    return sorted(p.name for p in store.root.iterdir()) if store.root.exists() else []


# --- adding files ------------------------------------------------------------

@pytest.mark.parametrize("kind", ["pdf", "png", "jpg"])
def test_a_valid_file_is_kept_under_its_hash(store, samples, kind):
    source = samples[kind]
    kept = store.add(source)
    data = source.read_bytes()
    assert kept == StoredFile(hashlib.sha256(data).hexdigest(), len(data), source.name, kind,
                              1 if kind == "pdf" else None)
    assert store.path_of(kept.sha256).read_bytes() == data
    assert stored_names(store) == [kept.sha256]  # no temp file left behind


def test_an_ofd_is_a_zip_with_ofd_xml_at_its_root(store, tmp_path):
    kept = store.add(ofd_file(tmp_path / "营业执照.ofd"))
    assert (kept.kind, kept.pages) == ("ofd", None)
    nested = ofd_file(tmp_path / "嵌套.ofd", "Doc_0/OFD.xml")
    assert "“嵌套.ofd”的内容不是 OFD 版式文件（可能是改了扩展名的 ZIP 压缩包），请解压后添加" in refusal(store, nested)


def test_the_kind_comes_from_the_content_not_the_name(store, samples, tmp_path):
    kept = store.add(copy_as(samples["png"], tmp_path / "扫描件.jpg"))
    assert (kept.kind, kept.name) == ("png", "扫描件.jpg")
    assert store.add(copy_as(samples["pdf"], tmp_path / "无扩展名")).kind == "pdf"


def test_the_value_is_what_a_draft_file_field_stores(store, samples):
    kept = store.add(samples["pdf"])
    assert kept.to_value() == {"name": "营业执照（样例）.pdf", "sha256": kept.sha256, "size": kept.size,
                               "kind": "pdf", "pages": 1}
    assert json.loads(json.dumps(kept.to_value())) == kept.to_value()


def test_the_store_keeps_the_bytes_after_the_original_is_deleted(store, samples, tmp_path):
    original = copy_as(samples["jpg"], tmp_path / "证书.jpg")
    data = original.read_bytes()
    kept = store.add(original)
    original.unlink()
    assert hashlib.sha256(store.path_of(kept.sha256).read_bytes()).hexdigest() == kept.sha256
    assert store.path_of(kept.sha256).read_bytes() == data


def test_the_same_content_is_kept_once(store, samples, tmp_path):
    first = store.add(samples["pdf"])
    second = store.add(copy_as(samples["pdf"], tmp_path / "副本.pdf"))
    assert first.sha256 == second.sha256 and second.name == "副本.pdf"
    assert stored_names(store) == [first.sha256]


# --- refusing files ----------------------------------------------------------

def test_a_word_document_renamed_to_pdf_is_refused(store, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("营业执照")
    document.save(tmp_path / "营业执照.pdf")
    assert refusal(store, tmp_path / "营业执照.pdf") == (
        "“营业执照.pdf”的内容不是 PDF 文件（可能是改了扩展名的 Word 文档），请另存为 PDF 后再添加")
    (tmp_path / "旧.pdf").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    assert "可能是改了扩展名的旧版 Word/Excel 或 WPS 文档" in refusal(store, tmp_path / "旧.pdf")
    assert stored_names(store) == []


@pytest.mark.parametrize("name, content, expected", [
    ("照片.jpg", b"GIF89a" + bytes(100), "“照片.jpg”的内容不是 JPG 图片（可能是改了扩展名的 GIF 图片），请用画图等软件另存为 JPG 或 PNG"),
    ("说明.docx", b"plain words\r\n", "“说明.docx”不是 PDF、JPG、PNG 或 OFD 文件（它是文本文件），只能添加这几种格式"),
    ("坏.png", bytes(range(256)) * 4, "“坏.png”的内容不是 PNG 图片（文件内容无法识别，可能已损坏）"),
])
def test_other_content_is_refused_with_what_it_seems_to_be(store, tmp_path, name, content, expected):
    (tmp_path / name).write_bytes(content)
    assert expected in refusal(store, tmp_path / name)


def test_a_field_accepting_only_images_refuses_a_pdf(store, samples):
    assert refusal(store, samples["pdf"], accept=("jpg", "png")) == \
        "“营业执照（样例）.pdf”是 PDF 文件，此处只能添加 JPG 或 PNG 文件"


def test_an_empty_file_is_refused(store, tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"")
    assert refusal(store, tmp_path / "x.pdf").startswith("“x.pdf”为空文件（0 字节）")


def test_a_file_over_the_limit_is_refused_without_reading_it(store, tmp_path):
    big = tmp_path / "扫描件.pdf"
    with open(big, "wb") as handle:
        handle.truncate(51 * MB)   # sparse: costs no disk and would be slow to hash
    started = time.monotonic()
    assert "“扫描件.pdf”有 51.0 MB，超过 50 MB 的上限，请压缩或拆分后再添加" in refusal(store, big)
    assert time.monotonic() - started < 1
    assert "超过 1 MB 的上限" in refusal(store, big, max_mb=1)
    assert stored_names(store) == []


def test_missing_files_and_folders_are_refused(store, tmp_path):
    assert refusal(store, tmp_path / "不存在.pdf") == "找不到文件“不存在.pdf”，它可能已被移动、改名或删除，请重新选择"
    (tmp_path / "材料").mkdir()
    assert refusal(store, tmp_path / "材料") == "“材料”是一个文件夹，请打开它并选择其中的文件"


def test_an_unreadable_file_is_refused_even_when_run_as_root(store, samples, tmp_path, monkeypatch):
    """Root reads every file, so the operating system's refusal is simulated where the store opens the file."""
    import builtins
    import errno

    import desktop.attachments.store as store_module

    locked = copy_as(samples["pdf"], tmp_path / "锁定.pdf")

    def refusing_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(store_module, "open", refusing_open, raising=False)
    assert "无法读取“锁定.pdf”：没有读取权限" in refusal(store, locked)
    assert stored_names(store) == [], "nothing half-kept"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused(store, samples, tmp_path):
    locked = copy_as(samples["pdf"], tmp_path / "锁定.pdf")
    locked.chmod(0)
    assert "无法读取“锁定.pdf”：没有读取权限" in refusal(store, locked)


def test_a_damaged_pdf_is_kept_without_a_page_count(store, tmp_path):
    (tmp_path / "残缺.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    kept = store.add(tmp_path / "残缺.pdf")
    assert (kept.kind, kept.pages) == ("pdf", None)


def test_a_malformed_hash_never_becomes_a_path(store):
    with pytest.raises(AttachmentError, match="校验值格式不对"):
        store.path_of("../../etc/passwd")
    assert not store.has("../x")


# --- clean-up ----------------------------------------------------------------

def test_unused_files_and_stale_temp_files_are_removed(store, samples):
    used, unused = store.add(samples["pdf"]), store.add(samples["png"])
    stale, fresh, other = store.root / ".incoming-old.part", store.root / ".incoming-new.part", store.root / "说明.txt"
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (day_ago, day_ago))
    draft = {"attachments": [{"title": "营业执照", "file": used.to_value()}]}
    assert store.remove_unused(referenced_hashes(draft)) == [unused.sha256]
    assert stored_names(store) == sorted([used.sha256, fresh.name, other.name])


def test_referenced_hashes_finds_file_values_anywhere():
    a, b = "a" * 64, "b" * 64
    draft = {"x": {"name": "1.pdf", "sha256": a}, "rows": [{"file": {"name": "2.png", "sha256": b, "size": 3}}],
             "junk": [{"sha256": "c" * 64}, {"name": "3.pdf", "sha256": "not-a-hash"}, "text", 5, None]}
    assert referenced_hashes(draft) == {a, b}
    assert referenced_hashes(None) == set()


# --- package naming ----------------------------------------------------------

def test_package_files_are_numbered_by_row_and_named_safely(store, samples):
    pdf, png = store.add(samples["pdf"]), store.add(samples["png"])
    raw = {"attachments": [{"title": "营业执照", "file": pdf.to_value()},
                           {"title": "资质/证明:2023?", "file": png.to_value()},
                           {"title": "尚未添加文件"},
                           {"title": "", "file": pdf.to_value()}]}
    files = package_files(get_form("2023-a3-application"), raw, store)
    assert [(f.path, f.role, f.sha256) for f in files] == [
        ("attachments/01_营业执照.pdf", "attachment", pdf.sha256),
        ("attachments/02_资质_证明_2023_.png", "attachment", png.sha256),
        ("attachments/04_营业执照（样例）.pdf", "attachment", pdf.sha256),
    ]
    assert all(f.source == store.path_of(f.sha256) and f.data is None for f in files)


def test_package_files_follow_the_form_not_a_field_name(store, samples):
    photo, licence = store.add(samples["jpg"]), store.add(samples["pdf"])
    form = Form(id="t", edition="1", title="测试表", attachment_no="附件0", sections=(
        Section("s", "材料", items=(
            Table("photos", "活动照片", columns=(text("caption", "照片说明", 30), file("image", "照片", ("jpg",), 5))),
            Group("legal", "证照", fields=(file("licence", "营业执照", ("pdf",), 50),)),
        )),))
    raw = {"photos": [{"caption": "签约仪式", "image": photo.to_value()}], "legal": {"licence": licence.to_value()}}
    assert [f.path for f in package_files(form, raw, store)] == ["attachments/01_签约仪式.jpg",
                                                                 "attachments/01_营业执照.pdf"]


def test_a_file_missing_from_the_store_stops_the_package(store, samples):
    kept = store.add(samples["pdf"])
    store.path_of(kept.sha256).unlink()
    raw = {"attachments": [{"title": "营业执照", "file": kept.to_value()}]}
    with pytest.raises(AttachmentError, match="“营业执照（样例）.pdf”在本机附件库中找不到了"):
        package_files(get_form("2023-a3-application"), raw, store)


# --- samples and a real export ----------------------------------------------

def test_sample_files_are_valid_and_always_the_same(samples, tmp_path):
    reader = PdfReader(samples["pdf"])
    assert len(reader.pages) == 1 and "营业执照（样例）" in reader.pages[0].extract_text()
    for kind, pil_format in (("png", "PNG"), ("jpg", "JPEG")):
        with Image.open(samples[kind]) as image:
            assert image.format == pil_format and image.size == (480, 320)
            image.load()
    again = make_sample_files(tmp_path)
    assert [p.read_bytes() for p in again] == [samples[k].read_bytes() for k in ("pdf", "png", "jpg")]


def test_attachments_travel_into_an_exported_package(store, samples, tmp_path):
    from desktop.package.export import export_package
    from desktop.samples import sample_raw

    form = get_form("2023-a3-application")
    raw = sample_raw(form, 0)
    kept = [store.add(samples[k]) for k in ("pdf", "png", "jpg")]
    raw["attachments"] = [{"title": samples[k].stem, "file": v.to_value()} for k, v in zip(("pdf", "png", "jpg"), kept)]
    result = export_package(form, raw, tmp_path / "out", created_at=dt.datetime(2023, 4, 20, 10, 15),
                            attachment_store=store)
    manifest = json.loads((result.folder / "manifest.json").read_text("utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"] if f["role"] == "attachment"}
    assert listed == {"attachments/01_营业执照（样例）.pdf": kept[0].sha256,
                      "attachments/02_资质证书（样例）.png": kept[1].sha256,
                      "attachments/03_知识产权证书（样例）.jpg": kept[2].sha256}
    for path, digest in listed.items():
        assert hashlib.sha256((result.folder / path).read_bytes()).hexdigest() == digest
