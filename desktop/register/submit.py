"""The e-mail-ready folder for one 附件6 submission: the XLSX, the PDF and a 报送说明.

The 报送说明 names the recipient address from the campaign file, the period
and its deadline, the totals, the hand corrections and anything still open
(figures two departments reported differently).  Text files are UTF-8 with a
BOM and CRLF line ends, as the packages' 说明.txt, so Windows Notepad shows them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from desktop.engine.kinds import kind_of
from desktop.fileio import write_atomically
from desktop.package.folder import safe_name
from desktop.rules.formats import format_date_cn, format_money

from .stats import FIGURE_COLUMNS, StatsTable
from .stats_pdf import render_stats_pdf
from .stats_xlsx import stats_xlsx_bytes


@dataclass(frozen=True)
class SubmissionFolder:
    folder: Path
    xlsx: Path
    pdf: Path
    readme: Path
    open_conflicts: int


def write_submission(table: StatsTable, unit: str, out_dir: Path, created_at: dt.datetime) -> SubmissionFolder:
    base = safe_name(f"{unit}_{table.period.label}“百场万企”统计表", 60)
    folder = Path(out_dir) / safe_name(f"附件6_{unit}_{table.period.label}", 60)
    folder.mkdir(parents=True, exist_ok=True)
    xlsx = folder / f"{base}.xlsx"
    pdf = folder / f"{base}.pdf"
    write_atomically(xlsx, stats_xlsx_bytes(table, unit))
    pdf_bytes, pages = render_stats_pdf(table, unit, created_at)
    write_atomically(pdf, pdf_bytes)
    conflicts = sum(1 for row in table.rows if row.activity.conflicts)
    text = readme_text(table, unit, created_at.date(), [xlsx, pdf], pages, conflicts)
    readme = folder / "报送说明.txt"
    write_atomically(readme, ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    return SubmissionFolder(folder, xlsx, pdf, readme, conflicts)


def readme_text(table: StatsTable, unit: str, today: dt.date, files: list[Path], pages: int, conflicts: int) -> str:
    recipient = table.campaign.email_recipient()
    to = f"{recipient.name}（电子邮箱：{recipient.email}）" if recipient else "见通知"
    lines = [
        f"{table.title} 报送说明", "",
        f"收件：{to}",
        f"邮件主题（建议）：{unit}{table.period.label}“百场万企”大中小企业融通对接活动统计表",
        f"依据：{table.campaign.notice}（{format_date_cn(table.campaign.notice_date)}）",
        f"报送期限：{format_date_cn(table.period.due)}前，{table.deadline(today).split('（')[0]}",
        f"填报单位：{unit}",
        table.scope_note,
        f"活动数：{len(table.rows)} 项（几个部门共同举办的活动只计一次）", "",
        "合计：",
    ]
    for column in FIGURE_COLUMNS:
        value = table.totals[column.id]
        shown = format_money(value) if kind_of(column).amount else f"{value:,}"
        lines.append(f"  {column.label}：{shown}")
    fixes = table.corrections
    lines += ["", f"手工修改：{len(fixes)} 处" + ("（每处的登记值、差额和理由见 Excel 文件“手工修改说明”工作表）" if fixes else "")]
    if conflicts:
        lines.append(f"注意：有 {conflicts} 项活动各部门报送的数据不一致、尚未裁定，表中采用先报送部门的数据；"
                     "建议裁定后重新导出再报送")
    lines += ["", "邮件附件（请把以下两个文件作为附件发送；PDF 打印盖章后扫描件另按要求报送）："]
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"  {path.name}（{path.stat().st_size:,} 字节，SHA-256 {digest}）")
    lines.append(f"  PDF 共 {pages} 页")
    lines += ["", f"生成日期：{format_date_cn(today)}（携手填报）"]
    return "\n".join(lines) + "\n"
