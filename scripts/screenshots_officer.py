"""Render the officer's windows to docs/screenshots/ for the README and the manual (offscreen, 1366×768):
收件与审核 with a received batch, 查看内容 with a field comment, 需求筛选, 揭榜企业遴选, and the 2024
register (活动登记, 附件6 统计表). Every enterprise, need and activity is a made-up sample.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_officer.py [out_dir]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from shots import NOW, ROOT, save  # sets up offscreen Qt: first, before PySide6 is imported

sys.path.insert(0, str(ROOT))  # the made-up packages of the tests (tests/package/sample_package.py)

from PySide6.QtWidgets import QMessageBox  # noqa: E402

NEED = {"need_code": "2023-35-0007", "need_title": "高精度轴承寿命检测工艺与寿命预测模型的联合攻关及示范应用",
        "need_owner": "晟璞微电材料科技股份有限公司（样例）"}


REGISTER_NOW = dt.datetime(2024, 6, 20, 15, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def inbox(folder: Path) -> Path:
    """Six 附件1 packages, three 揭榜 packages answering one need, and one damaged on the way."""
    from tests.package.sample_package import write_package

    for seed in range(1, 7):
        write_package(folder / f"a1_{seed}", seed=seed)
    for seed in (31, 32, 33):
        write_package(folder / f"a3_{seed}", seed=seed, form_id="2023-a3-application",
                      companions=("2023-a2-match",), edit=lambda d: d.update(NEED))
    broken = write_package(folder / "a1_9", seed=9)
    (broken / "说明.txt").write_bytes(b"x")
    return folder


def desk_shots(ctx, out_dir: Path, temp: Path) -> None:
    from desktop.desk.db import DeskDB
    from desktop.desk.review import comment, decide, set_setting
    from desktop.ui import desk_actions
    from desktop.ui.desk_window import DeskWindow

    db = DeskDB.open(str(Path(ctx.data_dir) / "desk.db"))   # where the register finds the officer's name
    for key, value in (("officer", "李经办"), ("unit", "福建省"), ("workspace", str(temp / "工作区"))):
        set_setting(db, key, value)
    desk = DeskWindow(ctx, db=db)
    desk.ems.setText("EA123456789CN")
    desk.receive([inbox(temp / "收到的光盘")])
    rows = desk.model.rows
    a1 = [r for r in rows if r.form == "2023-a1-needs" and r.verdict == "完整"]
    decide(db, [r.id for r in a1[:4]], "初核通过", confirm_count=4)
    decide(db, [a1[4].id], "需补正", "需求3 的预期投入未写明资金来源，请补充后重新报送")
    a3 = [r for r in rows if r.form == "2023-a3-application"]
    decide(db, [r.id for r in a3], "初核通过", confirm_count=len(a3))
    comment(db, a1[4].id, "needs[2].budget", "请写明资金来源（自筹或申请专项）")
    desk.reload()
    save(desk, out_dir, "desk")

    number = next(n for n, r in enumerate(desk.model.rows) if r.id == a1[4].id)
    desk.table.selectRow(number)
    view = next(v for v in desk_actions.view_content(desk) if v.form.id == "2023-a1-needs")
    view.open_step("section:profile_basic")
    save(view, out_dir, "desk_view")
    view.close()

    screening = ctx.windows.open_screening(db)
    save(screening, out_dir, "desk_screening")
    screening.close()
    selection = ctx.windows.open_selection(db)
    save(selection, out_dir, "desk_selection")
    selection.close()
    desk.close()
    db.close()


def register_shots(ctx, start, out_dir: Path, temp: Path) -> None:
    from desktop.register.department import write_department_template
    from desktop.register.samples import make_year
    from desktop.rules.campaign import campaign_by_id

    ctx.now = lambda: REGISTER_NOW
    window = start.open_register()
    campaign = campaign_by_id("2024-baichang")
    for department, activities in make_year(45, 6, 3).reports.items():
        path = temp / f"{department}.xlsx"
        write_department_template(path, department, campaign, activities)
        window.activities.import_file(path)
    window.tabs.setCurrentWidget(window.activities)
    save(window, out_dir, "register")
    window.tabs.setCurrentWidget(window.stats)
    window.stats.unit.setText("某省工业和信息化厅")
    save(window, out_dir, "register_stats")
    window.close()


def main(out_dir: Path) -> None:
    from desktop.ui.app import make_application, open_context
    from desktop.ui.start_window import StartWindow

    make_application([])
    for name in ("information", "warning"):   # import summaries would wait for a click
        setattr(QMessageBox, name, staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Ok))
    with tempfile.TemporaryDirectory(prefix="xieshou-shots-") as name:
        temp = Path(name)
        ctx = open_context(temp / "数据", synchronous=True)
        ctx.now = lambda: NOW
        start = StartWindow(ctx)
        desk_shots(ctx, out_dir, temp)
        register_shots(ctx, start, out_dir, temp)
        for window in list(ctx.open_windows.values()):
            window.close()
        start.close()
        ctx.tasks.wait()
        ctx.store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
