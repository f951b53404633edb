"""The text of 帮助 → 关于: version, the forms and campaign file in force, where the data lives, licences.

A core function (no Qt) so that the about box, a support request and the tests read the same facts.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

from desktop import __version__
from desktop.engine.schema import form_hash
from desktop.forms.registry import all_forms
from desktop.rules.campaign import current_campaign
from desktop.rules.formats import format_date_cn
from desktop.errorlog import reason

PROGRAM_LICENCE = "携手填报本身：MIT 许可证，版权所有 (c) 2026 携手填报开发者（程序目录中的 LICENSE）"

# What the program ships, and under which licence. The texts travel with it: resources/ for the font and
# the icons, the packages' *.dist-info folders, and licenses/ in the installed program (licenses/INDEX.txt
# says which file belongs to which library; installer/licences.py).
BUNDLED = (
    ("文档字体 Xieshou Serif（Noto Serif CJK SC 的修改版）", None,
     "SIL Open Font License 1.1（resources/fonts/OFL.txt）"),
    ("图标：GNOME Adwaita 图标主题 43", None,
     "CC BY-SA 3.0 US（resources/icons/LICENSE-CC-BY-SA-3.0-US.txt）"),
    ("Python", "python", "Python Software Foundation License"),
    ("Qt 6（PySide6）", "PySide6-Essentials", "GNU LGPL 3.0"),
    ("Shiboken 6（PySide6 的绑定层）", "shiboken6", "GNU LGPL 3.0"),
    ("ICU（Qt 所用的 Unicode 库，只带中文和英文数据）", None, "Unicode 许可证（licenses/ICU-LICENSE.txt）"),
    ("SQLAlchemy", "SQLAlchemy", "MIT"),
    ("Alembic", "alembic", "MIT"),
    ("Mako（Alembic 所用）", "mako", "MIT"),
    ("MarkupSafe（Mako 所用）", "markupsafe", "BSD"),
    ("ReportLab", "reportlab", "BSD"),
    ("ReportLab 加速模块 rl_accel", "rl_accel", "BSD"),
    ("python-docx", "python-docx", "MIT"),
    ("lxml", "lxml", "BSD"),
    ("pycdlib", "pycdlib", "GNU LGPL 2.1"),
    ("openpyxl", "openpyxl", "MIT"),
    ("et_xmlfile（openpyxl 所用）", "et_xmlfile", "MIT"),
    ("XlsxWriter", "XlsxWriter", "BSD"),
    ("python-calamine（读取 Excel 表格，内含 Rust 库 calamine）", "python-calamine",
     "MIT；其中静态链接的 Rust 库各依其许可证（清单见其 sboms）"),
    ("segno", "segno", "BSD"),
    ("pypdf", "pypdf", "BSD"),
    ("Pillow", "pillow", "MIT-CMU（HPND）；其中的 libjpeg-turbo、libpng、libtiff、OpenJPEG、FreeType、HarfBuzz、"
     "libxcb 等各依其许可证（Pillow 的 LICENSE）"),
    ("platformdirs", "platformdirs", "MIT"),
    ("typing_extensions", "typing_extensions", "Python Software Foundation License"),
    ("系统库 SQLite、zlib、bzip2、xz、zstd、libffi、libuuid、Brotli（Linux 版）", None,
     "各自的许可证（licenses/ 中的 Debian 版权文件）"),
)


def _version(distribution: str | None) -> str:
    if distribution is None:
        return ""
    if distribution == "python":
        return ".".join(map(str, sys.version_info[:3]))
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def forms_lines(campaigns_dir: Path | None = None) -> list[str]:
    """One line per form definition the program knows, with the campaign file that puts it in force."""
    try:
        campaign = current_campaign(campaigns_dir)
    except Exception:  # a damaged campaign file does not hide the forms
        campaign = None
    lines = []
    for form in all_forms():
        line = f"{form.attachment_no} {form.title}：{form.edition} 版（{form.id}，定义摘要 {form_hash(form)}）"
        if campaign is not None and form.id in campaign.forms:
            line += f"，依据{campaign.notice}（{format_date_cn(campaign.notice_date)}）"
        lines.append(line)
    return lines


def campaign_line(campaigns_dir: Path | None = None) -> str:
    try:
        campaign = current_campaign(campaigns_dir)
    except Exception as error:
        return f"无法读取活动文件：{reason(error)}"
    return f"{campaign.name}（{campaign.id}），{campaign.notice}，{format_date_cn(campaign.notice_date)} 印发"


def about_text(data_dir: Path, campaigns_dir: Path | None = None) -> str:
    """Plain text, one fact a line, in the order the about box shows them.

    ``campaigns_dir``: the campaign files the user imported (by default ``campaigns`` in the data folder).
    """
    campaigns_dir = Path(data_dir) / "campaigns" if campaigns_dir is None else campaigns_dir
    lines = [f"携手填报 {__version__}", PROGRAM_LICENCE, "", "表格定义："]
    lines += [f"  {line}" for line in forms_lines(campaigns_dir)]
    lines += ["", "当前活动文件：", f"  {campaign_line(campaigns_dir)}", "",
              "数据存放位置：", f"  {Path(data_dir)}（草稿库 xieshou.db、设置、附件）", "",
              "自带的字体和程序库（及其许可证）："]
    for name, distribution, licence in BUNDLED:
        version = _version(distribution)
        lines.append(f"  {name}{' ' + version if version else ''}：{licence}")
    return "\n".join(lines)
