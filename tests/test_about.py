"""帮助 → 关于: the facts it states are the program's own."""

from __future__ import annotations

import json
import re
from importlib import metadata

from desktop import __version__
from desktop.about import BUNDLED, about_text
from desktop.engine.schema import form_hash
from desktop.forms.registry import all_forms


def test_about_names_version_forms_campaign_data_and_licences(tmp_path):
    text = about_text(tmp_path / "数据")
    assert text.splitlines()[0] == f"携手填报 {__version__}"
    assert "MIT 许可证，版权所有 (c) 2026 携手填报开发者" in text.splitlines()[1]
    for form in all_forms():
        assert f"{form.attachment_no} {form.title}：{form.edition} 版（{form.id}，定义摘要 {form_hash(form)}）" in text
    assert "工信厅企业函〔2023〕88号（2023年4月14日）" in text
    assert "2023年度大企业“发榜”中小企业“揭榜”工作（2023-jiebang）" in text
    assert str(tmp_path / "数据") in text
    assert "SIL Open Font License 1.1" in text and "GNU LGPL 3.0" in text
    assert f"ReportLab {metadata.version('reportlab')}：BSD" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # dates are written 2023年4月14日


def test_a_newer_imported_campaign_is_the_one_in_force(tmp_path):
    campaigns = tmp_path / "campaigns"
    campaigns.mkdir()
    source = json.loads((__import__("desktop.resources", fromlist=["x"]).resource_path(
        "campaigns", "2023-jiebang.json")).read_text(encoding="utf-8"))
    source.update(id="2024-jiebang", name="2024年度测试活动", notice="测试〔2024〕7号", notice_date="2024-05-06")
    (campaigns / "2024.json").write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    text = about_text(tmp_path)
    assert "2024年度测试活动（2024-jiebang），测试〔2024〕7号，2024年5月6日 印发" in text


def test_every_bundled_library_is_a_dependency_or_python():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {re.split(r"[<>=\[ ]", d)[0].lower() for d in project["project"]["dependencies"]}
    named = {dist.lower() for _n, dist, _l in BUNDLED if dist}
    assert declared <= named | {"pillow"}, declared - named
    indirect = {"python", "lxml", "pillow", "shiboken6", "mako", "markupsafe", "et_xmlfile", "typing_extensions"}
    assert named - indirect <= declared


def test_the_program_licence_is_mit_everywhere():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    licence = (root / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Copyright (c) 2026 携手填报开发者" in licence
    assert 'license = "MIT"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "License: Expat" in (root / "installer" / "linux" / "copyright").read_text(encoding="utf-8")
    assert 'MUI_PAGE_LICENSE "LICENSE.txt"' in (root / "installer" / "windows" / "xieshou.nsi").read_text(encoding="utf-8")
    setup_page = (root / "installer" / "windows" / "LICENSE.txt").read_bytes()
    assert setup_page.startswith(b"\xef\xbb\xbf")  # NSIS reads UTF-8 only with a BOM
    assert licence.replace("\n", "\r\n") in setup_page.decode("utf-8-sig")
