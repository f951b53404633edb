"""推荐汇总表: the cover letter of a forwarding, drawn through the documents layout model.

Input: the packages being forwarded with their states, the desk's 本单位, the
recipient and the moment.  Output: (PDF bytes, number of needs) — title, to
whom, a paragraph with the counts, a table of the counts by form, the list of
every package (企业, 信用代码, 地区, 材料, 版次, 装订码), the issuer's seal area
and a QR code of the SHA-256 over the listed binding codes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Sequence

from desktop.documents import layout as L
from desktop.documents.pdf import render_layout_pdf
from desktop.rules.formats import format_date_cn

from .catalogue_pdf import ListFooter
from .package_read import PackageData
from .summary_xlsx import NEEDS_FORM, StatedPackage

LETTER_TITLE = "推荐汇总表"


def package_title(package: PackageData) -> str:
    """附件1 大企业技术创新需求表 (+ 附件2 … of the companions)."""
    parts = []
    for data in package.forms:
        parts.append(f"{data.form.attachment_no} {data.form.title}" if data.form else data.form_id)
    return "；".join(parts)


def need_count(stated: Sequence[StatedPackage]) -> int:
    total = 0
    for item in stated:
        needs = item.package.form_data(NEEDS_FORM)
        total += len([n for n in (needs.data.get("needs") or []) if isinstance(n, dict)]) if needs else 0
    return total


def letter_pdf(stated: Sequence[StatedPackage], *, issuer, recipient: str,
               created_at: dt.datetime) -> tuple[bytes, int]:
    needs = need_count(stated)
    by_form = Counter(_primary_title(s.package) for s in stated)
    codes = "\n".join(s.package.binding_code for s in stated)
    digest = hashlib.sha256(codes.encode("utf-8")).hexdigest()
    short = "-".join(digest[i:i + 4].upper() for i in range(0, 16, 4))
    blocks: list[L.Block] = [
        L.Note(f"{recipient or '上级主管部门'}："),
        L.Note(f"现将我单位初核通过的材料共 {len(stated)} 份报送你单位"
               + (f"，其中大企业技术创新需求 {needs} 项" if needs else "")
               + "。各份材料的电子数据包随本表报送，每份材料的装订码与其纸质材料页脚的装订码一致；"
               "需求明细见《需求汇总表》。"),
        L.Heading("一、数量汇总"),
        L.GridTable(("序号", "材料", "份数"), tuple((str(n), title, str(count)) for n, (title, count)
                                                  in enumerate(sorted(by_form.items()), 1))
                    + (("", "合计", str(len(stated))),), (0.1, 0.7, 0.2), numbered=True),
        L.Heading("二、材料清单"),
        L.GridTable(("序号", "企业名称", "统一社会信用代码", "材料", "版次", "装订码"),
                    tuple(_row(n, s) for n, s in enumerate(stated, 1)),
                    (0.06, 0.17, 0.3, 0.1, 0.06, 0.31), numbered=True),
    ]
    signature = L.SignatureArea(statement="", lines=("经办人", "联系电话"), date_line=format_date_cn(created_at.date()),
                                seal_caption=f"{issuer.name or '报送单位'}（盖章）", qr_payload=f"XSFWD:{digest}",
                                qr_caption="清单核对码")
    meta = L.DocMeta(binding_code=short, binding_sha256=digest, revision=1, created_at=created_at,
                     seam_guide=True)   # several pages are sealed across their edge (骑缝章)
    subtitle = L.Subtitle((("报送单位", issuer.name), ("日期", format_date_cn(created_at.date()))))
    count = f"共 {len(stated)} 份材料"
    document = L.Document(title=L.Title(LETTER_TITLE, ""), subtitle=subtitle, blocks=tuple(blocks),
                          signature=signature, meta=meta,
                          footer=ListFooter(short, 1, title=f"清单核对码 {short}", count_text=count))
    return render_layout_pdf(document).data, needs


def _primary_title(package: PackageData) -> str:
    primary = package.primary
    return f"{primary.form.attachment_no} {primary.form.title}" if primary.form else primary.form_id


def _row(n: int, item: StatedPackage) -> tuple[str, ...]:
    package = item.package
    attachments = "、".join(f.form.attachment_no for f in package.forms if f.form) or package.primary.form_id
    return (str(n), package.text("name"), package.text("uscc"), attachments, str(package.revision),
            package.binding_code)
