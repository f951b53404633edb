"""Render the SME screens of the wizard to docs/screenshots/sme_*.png at 1366×768 (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_sme.py [out_dir]

The 附件3 经费预算 page after a paste from Excel (money with separators, the
total under the table), the 附件材料 page with three attached files, and the
需求目录 picker with a search.  Everything is made up, in a temporary data
folder, with the clock fixed at 2023年4月20日 10:32 (Beijing time).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from shots import NOW, ROOT, save  # sets up offscreen Qt: first, before PySide6 is imported

from PySide6.QtGui import QGuiApplication  # noqa: E402
from desktop.attachments import make_sample_files  # noqa: E402
from desktop.catalogue import write_catalogue_json  # noqa: E402
from desktop.engine.schema import form_hash  # noqa: E402
from desktop.forms.registry import get_form  # noqa: E402
from desktop.samples import sample_raw  # noqa: E402

APPLICATION = get_form("2023-a3-application")

BUDGET_FROM_EXCEL = ("设备费\t1,280.5\t加速寿命试验台 1 套、在线监测传感器 24 套\r\n"
                     "材料费\t326\t试验轴承、润滑脂及工装材料\r\n"
                     "测试化验加工费\t215.8\t第三方检测与对比试验\r\n"
                     "人员劳务费\t480\t项目团队 8 人，24 个月\r\n"
                     "专家咨询费\t36\t行业专家评审 3 次\r\n")
NEEDS = [("2023-FJ-00%02d" % n, title, owner, sector, domain) for n, (title, owner, sector, domain) in enumerate((
    ("高精度轴承寿命检测工艺", "澜岳精工装备制造股份有限公司（样例）", "高档数控机床和机器人", "制造强国重点领域"),
    ("轴承钢材料纯净度提升", "澜岳精工装备制造股份有限公司（样例）", "新材料", "制造强国重点领域"),
    ("风电主轴轴承国产化配套", "曜铎能源装备有限公司（样例）", "电力装备", "制造强国重点领域"),
    ("工业软件国产化适配", "曜铎信息技术有限公司（样例）", "新一代信息技术", "网络强国重点领域"),
    ("新能源汽车轮毂轴承轻量化", "晟甄汽车零部件有限公司（样例）", "节能与新能源汽车", "制造强国重点领域"),
    ("数控机床主轴轴承精度保持性", "澜岳精工装备制造股份有限公司（样例）", "高档数控机床和机器人", "制造强国重点领域"),
), 10)]


def application_draft(ctx) -> int:
    raw = sample_raw(APPLICATION, seed=4)
    raw["budget"] = [{}]
    raw["attachments"] = []
    raw.update(funding_self="1,638.30", funding_partner="600", funding_other="100")
    return ctx.store.create_draft(APPLICATION.id, APPLICATION.edition, form_hash(APPLICATION), raw)


def budget_shot(wizard, out_dir: Path) -> None:
    page = wizard.open_step("section:ch7")
    grid = page.tables[0]
    QGuiApplication.clipboard().setText(BUDGET_FROM_EXCEL)
    grid.grid.setCurrentCell(0, 0)
    grid.paste()
    wizard.session.validate_now()
    grid.grid.setCurrentCell(1, 1)
    save(wizard, out_dir, "sme_budget")


def attachments_shot(wizard, files: list[Path], out_dir: Path) -> None:
    page = wizard.open_step("section:ch10")
    grid = page.tables[0]
    grid.add_files(files, None)
    wizard.session.validate_now()
    grid.grid.setCurrentCell(0, 1)
    save(wizard, out_dir, "sme_attachments")


def catalogue_shot(ctx, wizard, out_dir: Path) -> None:
    from desktop.ui.catalogue_picker import CataloguePicker, remembered_path

    needs = [{"code": c, "title": t, "owner": o, "sector": s, "domain": d, "content": f"{t}的关键技术攻关（样例）",
              "deadline": "2025-12-31"} for c, t, o, s, d in NEEDS]
    target = remembered_path(ctx.data_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_catalogue_json({"format": "xieshou-catalogue", "version": 1, "title": "2023年大企业技术创新需求目录（样例）",
                          "needs": needs}, target)
    wizard.open_step("section:cover")
    picker = CataloguePicker(ctx, wizard)
    picker.search.setText("轴承")
    save(picker, out_dir, "sme_catalogue")
    picker.reject()


def main(out_dir: Path) -> None:
    from desktop.ui.app import make_application, open_context
    from desktop.ui.wizard import WizardWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    make_application([])
    with tempfile.TemporaryDirectory(prefix="xieshou-sme-shots-") as temp:
        ctx = open_context(Path(temp) / "data", synchronous=True)
        ctx.now = lambda: NOW
        files = make_sample_files(Path(temp) / "样例文件")
        wizard = WizardWindow(ctx, ctx.store.get_draft(application_draft(ctx)))
        budget_shot(wizard, out_dir)
        attachments_shot(wizard, files, out_dir)
        catalogue_shot(ctx, wizard, out_dir)
        wizard.close()
        ctx.tasks.wait()
        ctx.store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
