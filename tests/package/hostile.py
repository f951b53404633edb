"""Generator of broken and hostile packages (folders) for the verifier — more than 200 of them.

Everything is made from one valid package: manifest paths that climb out or
name devices, JSON that is not UTF-8, lies, nests 10,000 deep or weighs
300 MB, files missing, extra, truncated, swapped for links, FIFOs or hard
links to files outside, names with control characters.  The images come
from :mod:`hostile_iso`.  Every case is meant to get the verdict 有问题.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from desktop.engine.submission import canonical_bytes
from desktop.package.binding import binding_sha256, code_from_sha256

from .sample_package import SUBMISSION, companion_path, read_manifest, rebind, reseal, write_manifest, write_package

ATTACHMENT = "attachments/01_营业执照.pdf"
LISTED = ("data/submission.json", "documents/附件1_大企业技术创新需求表.pdf", "documents/附件1_大企业技术创新需求表.docx",
          ATTACHMENT, "attachments/02_研发投入说明.docx", "说明.txt")
BAD_PATHS = (
    "../../../../etc/passwd", "../outside/secret.txt", "..", ".", "./data/submission.json", "data/./x.pdf",
    "data/../data/submission.json", "data//submission.json", "data/submission.json/", "/etc/passwd", "/tmp/x",
    "C:/Windows/win.ini", "c:evil.txt", "C:\\Windows\\win.ini", "documents\\..\\..\\evil", "\\\\server\\share\\x",
    "a\x00b.pdf", "a\nb.pdf", "a\rb.pdf", "a\tb.pdf", "\x1b[31mred.pdf", "\x7fdel.pdf", "\x85nel.pdf", "CON",
    "documents/nul.pdf", "aux.txt", "COM1.txt", "lpt9", "a:b.pdf", "a*b.pdf", "a?b.pdf", 'a"b.pdf', "a<b.pdf",
    "a>b.pdf", "a|b.pdf", "trailingdot.", "trailingspace ", "x" * 2000, "", 123, None, ["a"], {"p": 1}, True,
)


@dataclass(frozen=True)
class Case:
    name: str
    path: Path


class HostileSet:
    """Copies of the base package under ``sources/``, each damaged one way; ``outside/`` is what links aim at."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.sources = root / "sources"
        self.outside = root / "outside"
        self.sources.mkdir(parents=True)
        self.outside.mkdir()
        self.base = write_package(root / "base")
        self.manifest = json.loads((self.base / "manifest.json").read_text("utf-8"))
        (self.outside / "secret.txt").write_text("outside the package", "utf-8")
        self.cases: list[Case] = []

    def add(self, name: str, path: Path) -> Path:
        self.cases.append(Case(name, path))
        return path

    def copy(self, name: str) -> Path:
        return self.add(name, Path(shutil.copytree(self.base, self.sources / name, symlinks=True)))

    def edit_files(self, name: str, change: Callable[[Path], None]) -> Path:
        folder = self.copy(name)
        change(folder)
        return folder

    def edit_manifest(self, name: str, change: Callable[[dict], None]) -> Path:
        manifest = json.loads(json.dumps(self.manifest))
        change(manifest)
        return self.raw_manifest(name, json.dumps(manifest, ensure_ascii=False).encode("utf-8"))

    def raw_manifest(self, name: str, raw: bytes) -> Path:
        folder = self.copy(name)
        (folder / "manifest.json").write_bytes(raw)
        return folder

    def resealed(self, name: str, submission: bytes, keep_binding: bool = False) -> Path:
        """A package whose data file is ``submission`` with sizes, hashes and binding made consistent."""
        folder = self.copy(name)
        (folder / SUBMISSION).write_bytes(submission)
        _reseal(folder, submission, keep_binding)
        return folder


def _reseal(folder: Path, data: bytes, keep_binding: bool) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == SUBMISSION:
            entry.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    if not keep_binding:
        attachments = [e["sha256"] for e in manifest["files"] if e["role"] == "attachment"]
        manifest["binding_sha256"] = binding_sha256(data, attachments)
        manifest["binding_code"] = code_from_sha256(manifest["binding_sha256"])
    (folder / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False).encode("utf-8"))


def generate(root: Path) -> list[Case]:
    from .hostile_iso import image_cases

    hostile = HostileSet(root)
    for make in (manifest_path_cases, manifest_json_cases, manifest_shape_cases, file_cases, link_cases,
                 submission_cases, bomb_cases, value_cases, folder_cases, companion_cases, name_cases,
                 not_a_package_cases, image_cases):
        make(hostile)
    return hostile.cases


def _entry(manifest: dict, path: str) -> dict:
    return next(e for e in manifest["files"] if e["path"] == path)


def manifest_path_cases(h: HostileSet) -> None:
    for index, bad in enumerate(BAD_PATHS):
        h.edit_manifest(f"path-replace-{index:02d}", lambda m, bad=bad: _entry(m, ATTACHMENT).update(path=bad))
        h.edit_manifest(f"path-add-{index:02d}",
                        lambda m, bad=bad: m["files"].append(dict(_entry(m, ATTACHMENT), path=bad)))


def manifest_json_cases(h: HostileSet) -> None:
    text = json.dumps(h.manifest, ensure_ascii=False)
    raw = text.encode("utf-8")
    name = h.manifest["submitter"]["name"]
    raws = {
        "empty": b"", "null": b"null", "list": b"[]", "object": b"{}", "string": b'"xieshou"', "number": b"123",
        "open-brace": b"{", "half": raw[: len(raw) // 2], "trailing-garbage": raw + b"garbage", "bom-garbage": b"\xef\xbb\xbf\x00\x01",
        "utf16": text.encode("utf-16"), "gbk": text.encode("gbk", "replace"),
        "mixed-gbk": raw.replace(name.encode("utf-8"), name.encode("gbk")),
        "latin1-byte": raw.replace(b'"format"', b'"f\xe9rmat"', 1), "nul-byte": raw.replace(b"{", b"{\x00", 1),
        "overlong-utf8": raw.replace(b"{", b"{\"x\": \"\xc0\xaf\",", 1),
        "encoded-surrogate": raw.replace(b"{", b"{\"x\": \"\xed\xa0\x80\",", 1),
        "escaped-surrogate": raw.replace(b"{", b'{"x": "\\ud800",', 1),
        "nan": raw.replace(b'"format_version": 1', b'"format_version": NaN'),
        "infinity": raw.replace(b'"format_version": 1', b'"format_version": Infinity'),
        "huge-int": raw.replace(b'"format_version": 1', b'"format_version": ' + b"9" * 5000),
        "deep-10000": b"[" * 10_000 + b"]" * 10_000,
        "deep-100000": b"[" * 100_000 + b"]" * 100_000,
        "deep-inside": raw.replace(b'"campaign":', b'"deep": ' + b"[" * 10_000 + b"]" * 10_000 + b', "campaign":'),
        "deep-65": raw.replace(b'"campaign":', b'"deep": ' + b"{\"a\":" * 65 + b"1" + b"}" * 65 + b', "campaign":'),
        "two-megabytes": raw[:-1] + b" " * (2 * 1024 * 1024) + b"}",
        "duplicate-code": raw.replace(b'"binding_code":', b'"binding_code": "7KQ2-M9XD-4TBE-Q1W8", "binding_code":'),
        "duplicate-files": raw.replace(b'"files":', b'"files": [], "files":'),
        "duplicate-inner": raw.replace(b'"role": "attachment"', b'"role": "attachment", "role": "data"', 1),
    }
    for key, value in raws.items():
        h.raw_manifest(f"json-{key}", value)
    for key, value in {"format-typo": "xieshou-packag", "format-none": None}.items():
        h.edit_manifest(f"json-{key}", lambda m, value=value: m.update(format=value))
    for index, version in enumerate([2, "1", True, 1.0, None, 0]):
        h.edit_manifest(f"json-version-{index}", lambda m, version=version: m.update(format_version=version))


def manifest_shape_cases(h: HostileSet) -> None:
    edits: dict[str, Callable[[dict], None]] = {
        "forms-missing": lambda m: m.pop("forms"), "forms-empty": lambda m: m.update(forms=[]),
        "forms-int": lambda m: m.update(forms=[1]), "form-id-int": lambda m: m["forms"][0].update(id=7),
        "submitter-missing": lambda m: m.pop("submitter"), "submitter-text": lambda m: m.update(submitter="x"),
        "sha-not-hex": lambda m: m.update(binding_sha256="z" * 64), "sha-short": lambda m: m.update(binding_sha256="ab"),
        "files-missing": lambda m: m.pop("files"), "files-dict": lambda m: m.update(files={}),
        "files-text": lambda m: m.update(files="all"), "files-empty": lambda m: m.update(files=[]),
        "files-ints": lambda m: m.update(files=[1, 2, 3]),
        "files-5001": lambda m: m.update(files=m["files"] * 834),
        "size-negative": lambda m: _entry(m, ATTACHMENT).update(size=-1),
        "size-text": lambda m: _entry(m, ATTACHMENT).update(size="1280"),
        "size-bool": lambda m: _entry(m, ATTACHMENT).update(size=True),
        "size-float": lambda m: _entry(m, ATTACHMENT).update(size=1280.0),
        "size-petabyte": lambda m: _entry(m, ATTACHMENT).update(size=10 ** 15),
        "size-plus-one": lambda m: _entry(m, ATTACHMENT).update(size=_entry(m, ATTACHMENT)["size"] + 1),
        "size-minus-one": lambda m: _entry(m, ATTACHMENT).update(size=_entry(m, ATTACHMENT)["size"] - 1),
        "size-zero": lambda m: _entry(m, ATTACHMENT).update(size=0),
        "sha-entry-short": lambda m: _entry(m, ATTACHMENT).update(sha256="abc"),
        "sha-entry-upper": lambda m: _entry(m, ATTACHMENT).update(sha256=_entry(m, ATTACHMENT)["sha256"].upper()),
        "sha-entry-other": lambda m: _entry(m, ATTACHMENT).update(sha256="0" * 64),
        "role-script": lambda m: _entry(m, ATTACHMENT).update(role="script"),
        "role-none": lambda m: _entry(m, ATTACHMENT).update(role=None),
        "path-duplicate": lambda m: m["files"].append(dict(_entry(m, ATTACHMENT))),
        "path-duplicate-case": lambda m: m["files"].append(dict(_entry(m, "说明.txt"), path="说明.TXT")),
        "lists-manifest": lambda m: m["files"].append(dict(_entry(m, "说明.txt"), path="manifest.json")),
        "data-unlisted": lambda m: m["files"].remove(_entry(m, SUBMISSION)),
        "data-role": lambda m: _entry(m, SUBMISSION).update(role="document"),
        "draft": lambda m: m.update(draft=True),
    }
    for key, change in edits.items():
        h.edit_manifest(f"shape-{key}", change)


def file_cases(h: HostileSet) -> None:
    for index, path in enumerate(LISTED):
        h.edit_files(f"file-missing-{index}", lambda f, path=path: (f / path).unlink())
        h.edit_files(f"file-half-{index}", lambda f, path=path: _truncate(f / path))
        h.edit_files(f"file-flipped-{index}", lambda f, path=path: _flip(f / path))
        h.edit_files(f"file-appended-{index}", lambda f, path=path: _append(f / path))
        h.edit_files(f"file-is-dir-{index}", lambda f, path=path: ((f / path).unlink(), (f / path).mkdir()))
    extras = {"root": "extra.exe", "nested": "documents/autorun.inf", "hidden": ".DS_Store",
              "deep": "attachments/more/deeper/x.bin", "copy": "说明 - 副本.txt"}
    for key, extra in extras.items():
        h.edit_files(f"extra-{key}", lambda f, extra=extra: _write(f / extra, b"not listed"))
    h.edit_files("manifest-is-dir", lambda f: ((f / "manifest.json").unlink(), (f / "manifest.json").mkdir()))
    h.edit_files("manifest-missing", lambda f: (f / "manifest.json").rename(f / "manifest.bak"))


def link_cases(h: HostileSet) -> None:
    secret = h.outside / "same-bytes.pdf"
    secret.write_bytes((h.base / ATTACHMENT).read_bytes())
    (h.outside / "manifest.json").write_bytes((h.base / "manifest.json").read_bytes())
    (h.outside / "docs").mkdir()
    links = {
        "to-same-bytes": (ATTACHMENT, secret), "to-passwd": (ATTACHMENT, Path("/etc/passwd")),
        "extra": ("attachments/link.pdf", h.outside / "secret.txt"), "dangling": ("attachments/gone.pdf", h.root / "gone"),
        "loop": ("attachments/loop.pdf", Path("loop.pdf")), "manifest": ("manifest.json", h.outside / "manifest.json"),
        "dir-out": ("attachments/out", h.outside / "docs"), "dir-up": ("attachments/up", Path("..")),
    }
    for key, (path, target) in links.items():
        h.edit_files(f"link-{key}", lambda f, path=path, target=target: _symlink(f / path, target))
    h.edit_files("fifo-attachment", lambda f: _fifo(f / ATTACHMENT))
    h.edit_files("fifo-manifest", lambda f: _fifo(f / "manifest.json"))
    h.edit_files("fifo-submission", lambda f: _fifo(f / SUBMISSION))
    outside_copy = h.outside / "other-content.pdf"
    outside_copy.write_bytes(b"O" * (h.base / ATTACHMENT).stat().st_size)
    h.edit_files("hardlink-outside", lambda f: ((f / ATTACHMENT).unlink(), os.link(outside_copy, f / ATTACHMENT)))
    h.edit_files("hardlink-sibling", lambda f: ((f / "说明.txt").unlink(), os.link(f / ATTACHMENT, f / "说明.txt")))


def submission_cases(h: HostileSet) -> None:
    original = json.loads((h.base / SUBMISSION).read_bytes())

    def changed(change: Callable[[dict], None]) -> bytes:
        value = json.loads(json.dumps(original))
        change(value)
        return canonical_bytes(value)

    text = canonical_bytes(original)
    h.resealed("data-gbk", text.decode("utf-8").encode("gbk", "replace"))
    h.resealed("data-deep", b"[" * 10_000 + b"]" * 10_000)
    h.resealed("data-deep-in-field", text.replace(b'"revision":', b'"x":' + b"[" * 10_000 + b"]" * 10_000 + b',"revision":'))
    h.resealed("data-25mb", text[:-1] + b" " * (25 * 1024 * 1024) + b"}")
    h.resealed("data-format", changed(lambda s: s.update(format="other")))
    h.resealed("data-unknown-form", changed(lambda s: s.update(form="2023-z9-none")))
    h.resealed("data-unknown-edition", changed(lambda s: s.update(edition="1999")))
    h.resealed("data-invalid", changed(lambda s: s["data"]["profile"].update(uscc="0000")))
    h.resealed("data-empty", changed(lambda s: s.update(data={})))
    h.resealed("data-duplicate-key", text.replace(b'"revision":', b'"form":"x","revision":'))
    h.resealed("data-surrogate", text.replace(b'"revision":', b'"x":"\\udc00","revision":'))
    h.resealed("data-nan", text.replace(b'"revision":1', b'"revision":NaN'))
    h.resealed("data-changed-binding-kept", changed(lambda s: s.update(revision=2)), keep_binding=True)
    huge = h.copy("data-300mb-sparse")
    with open(huge / SUBMISSION, "r+b") as handle:
        handle.truncate(300 * 1024 * 1024)
    _reseal_size_only(huge, 300 * 1024 * 1024)


def _reseal_size_only(folder: Path, size: int) -> None:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    _entry(manifest, SUBMISSION).update(size=size)
    (folder / "manifest.json").write_bytes(json.dumps(manifest, ensure_ascii=False).encode("utf-8"))


def bomb_cases(h: HostileSet) -> None:
    """Data that is small on the disc and huge to validate: measured against the form before any row is cleaned."""
    original = json.loads((h.base / SUBMISSION).read_bytes())

    def with_data(change: Callable[[dict], None]) -> bytes:
        value = json.loads(json.dumps(original))
        change(value["data"])
        return canonical_bytes(value)

    row = original["data"]["needs"][0]
    h.resealed("bomb-300000-empty-rows", with_data(lambda d: d.update(needs=[{}] * 300_000)))
    h.resealed("bomb-1000000-rows", canonical_bytes(original).replace(b'"needs":[', b'"needs":[' + b"{}," * 1_000_000, 1))
    h.resealed("bomb-21-full-rows", with_data(lambda d: d.update(needs=[row] * 21)))
    h.resealed("bomb-10mb-name", with_data(lambda d: d["profile"].update(name="企" * 5_000_000)))
    h.resealed("bomb-100000-keys", with_data(lambda d: d["profile"].update({f"k{i}": 1 for i in range(100_000)})))
    h.resealed("bomb-row-keys", with_data(lambda d: d["needs"][0].update({f"k{i}": "" for i in range(1000)})))
    h.resealed("bomb-multi-list", with_data(lambda d: d["needs"][0].update(cooperation=["x"] * 100_000)))
    h.resealed("bomb-nested-in-text", with_data(lambda d: d["profile"].update(name=[[[[["x"]]]]] * 1000)))
    h.resealed("bomb-items", canonical_bytes(original)[:-1] + b',"pad":[' + b"0," * 1_200_000 + b"0]}")


def value_cases(h: HostileSet) -> None:
    """Values that used to end in a traceback (or a false 完整): each is a data problem now."""
    original = json.loads((h.base / SUBMISSION).read_bytes())

    def with_data(change: Callable[[dict], None]) -> bytes:
        value = json.loads(json.dumps(original))
        change(value)
        return canonical_bytes(value)

    text = canonical_bytes(original)
    h.resealed("value-money-27-digits", with_data(lambda s: s["data"]["profile"].update(registered_capital="9" * 27)))
    h.resealed("value-money-number-27-digits",
               with_data(lambda s: s["data"]["profile"].update(registered_capital=10 ** 27)))
    h.resealed("value-budget-40-digits", with_data(lambda s: s["data"]["needs"][0].update(budget="1" * 40 + ".00")))
    h.resealed("value-int-300-digits", with_data(lambda s: s["data"]["profile"].update(registered_capital=7 * 10 ** 300)))
    h.resealed("value-int-5000-digits", text.replace(b'"revision":1', b'"revision":' + b"7" * 5000, 1))
    h.resealed("value-revision-1e20", with_data(lambda s: s.update(revision=10 ** 20)))
    h.resealed("value-revision-true", with_data(lambda s: s.update(revision=True)))
    h.resealed("value-version-true", with_data(lambda s: s.update(version=True)))
    h.resealed("value-version-float", text.replace(b'"version":1', b'"version":1.0', 1))
    h.resealed("value-name-nul", with_data(lambda s: s["data"]["profile"].update(name="企业\x00名称")))
    h.resealed("value-name-escape", with_data(lambda s: s["data"]["profile"].update(name="\x1b[2J企业")))
    h.resealed("value-name-surrogate", text.replace(b'"revision":1', b'"revision":1,"note":"\\ud800"', 1))
    h.resealed("value-date-far", with_data(lambda s: s["data"].update(filled_on="99999-12-31")))
    h.resealed("value-duplicate-data", text.replace(b'"data":{', b'"data":{},"data":{', 1))


def folder_cases(h: HostileSet) -> None:
    """Folders are counted like files, and a folder holding nothing listed is a problem."""
    h.edit_files("folder-empty-unlisted", lambda f: (f / "空文件夹").mkdir())
    h.edit_files("folder-nested-empty", lambda f: (f / "attachments" / "a" / "b" / "c").mkdir(parents=True))
    h.edit_files("folder-20000-empty", lambda f: [(f / "many" / f"{i:05d}").mkdir(parents=True) for i in range(20_000)])
    h.edit_files("folder-deep-chain", lambda f: (f / "/".join(["d"] * 40)).mkdir(parents=True))


MATCH, APPLICATION = "2023-a2-match", "2023-a3-application"
COMPANION = companion_path(MATCH)


def companion_cases(h: HostileSet) -> None:
    """A 附件3 package with its 附件2 beside it, the 附件2 damaged or disowned one way each."""
    base = write_package(h.root / "base-combined", form_id=APPLICATION, companions=(MATCH,), attachments=())
    original = json.loads((base / COMPANION).read_bytes())

    def changed(change: Callable[[dict], None]) -> bytes:
        value = json.loads(json.dumps(original))
        change(value)
        return canonical_bytes(value)

    def case(name: str, damage: Callable[[Path], None]) -> None:
        folder = h.add(name, Path(shutil.copytree(base, h.sources / name)))
        damage(folder)

    other = json.loads(json.dumps(original))
    other["data"]["profile"] = json.loads(write_package(h.root / "other-enterprise", form_id=MATCH, seed=7,
                                                        attachments=()).joinpath(SUBMISSION).read_bytes())["data"]["profile"]
    resealed = {
        "invalid": changed(lambda s: s["data"].update(need_title="")),
        "form-not-listed": changed(lambda s: s.update(form="2023-a1-needs")),
        "unknown-form": changed(lambda s: s.update(form="2023-z9-none")),
        "other-need": changed(lambda s: s["data"].update(need_code="2023-FJ-0099")),
        "other-enterprise": canonical_bytes(other),
        "not-json": b"{\"format\": ",
        "deep": b"[" * 10_000 + b"]" * 10_000,
    }
    for key, data in resealed.items():
        case(f"companion-{key}", lambda f, data=data: reseal(f, COMPANION, data))
    case("companion-changed-binding-kept",
         lambda f: reseal(f, COMPANION, changed(lambda s: s.update(revision=2)), keep_binding=True))
    case("companion-flipped", lambda f: _flip(f / COMPANION))
    case("companion-missing", lambda f: (f / COMPANION).unlink())
    case("companion-unlisted", lambda f: _edit(f, lambda m: (m["files"].remove(_entry(m, COMPANION)), m["forms"].pop())))
    case("companion-form-dropped", lambda f: _edit(f, lambda m: m["forms"].pop()))
    case("companion-form-without-data", lambda f: _edit(f, lambda m: m["forms"].append(
        {"id": "2023-a1-needs", "edition": "2023", "title": "大企业技术创新需求表"})))
    case("companion-twice", lambda f: _twice(f))
    case("companion-is-primary-form", lambda f: reseal(f, COMPANION, (f / SUBMISSION).read_bytes()))


def _edit(folder: Path, change: Callable[[dict], None]) -> None:
    """A manifest edit with the binding recomputed, so the edit itself is the only thing wrong."""
    manifest = read_manifest(folder)
    change(manifest)
    rebind(folder, manifest)
    write_manifest(folder, manifest)


def _twice(folder: Path) -> None:
    second = "data/2023-a2-match-2.json"
    shutil.copyfile(folder / COMPANION, folder / second)
    _edit(folder, lambda m: m["files"].append(dict(_entry(m, COMPANION), path=second)))


def name_cases(h: HostileSet) -> None:
    names = {"newline": "a\nb.txt", "return": "a\rb.txt", "escape": "\x1b[2J.txt", "delete": "\x7f.pdf",
             "rtl": "\u202egpj.exe", "device": "CON", "bytes": os.fsdecode(b"\xff\xfe.pdf")}
    for key, name in names.items():
        h.edit_files(f"name-{key}", lambda f, name=name: _write(f / "attachments" / name, b"unlisted"))


def not_a_package_cases(h: HostileSet) -> None:
    other = h.sources / "not-packages"
    other.mkdir()
    _write(other / "notes.txt", b"just notes")
    h.add("plain-file", other / "notes.txt")
    (other / "empty-folder").mkdir()
    h.add("empty-folder", other / "empty-folder")
    h.add("missing-path", other / "does-not-exist")


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _append(path: Path) -> None:
    with open(path, "ab") as handle:
        handle.write(b"\n")


def _symlink(path: Path, target: Path) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    os.symlink(target, path)


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)
