"""2024 附件6 “百场万企”大中小企业融通对接活动统计表 — form ``2024-a6-stats``.

The official sheet is not in the notice as published; these columns are a
reconstruction (docs/2024.md).  They are the ONE definition of 附件6: the
register's figures, the department template, the computed table and its XLSX
and PDF all read the ``rows`` table below, so official columns are dropped in
here without code changes.  A column's ``source`` option names the register
attribute it is filled from; int and money columns are the figures (summed in
the totals row).
"""

from desktop.engine.declare import choice, date, integer, money, phone, text
from desktop.engine.model import WARNING, Form, Rule, Section, Signature, Table

from .common import outside_period

CAMPAIGN = "2024-baichang"
PERIODS = ("2024年上半年", "2024年全年")
ACTIVITY_KINDS = ("产业链专场", "央企专场", "民企专场", "展会对接", "专利转化", "地方自办")
SUBSET = "其中"

ROWS = Table("rows", "活动统计", min_rows=1, max_rows=20000, row_label="活动{n}", row_title_field="name", columns=(
    text("name", "活动名称", 100, required=True, source="name", sample="event:any"),
    date("held_on", "举办时间", required=True, source="start", sample_range=("2024-01-08", "2024-06-28")),
    text("place", "举办地点", 60, required=True, source="place", sample="venue"),
    choice("kind", "活动类型", ACTIVITY_KINDS, required=True, source="kind", sample="event_kind"),
    text("host", "主办单位", 120, required=True, source="departments", sample="authority"),
    integer("large_firms", "参与大企业数", sample_range=(1, 40)),
    integer("smes", "参与中小企业数", sample_range=(60, 400)),
    integer("little_giants", "其中专精特新“小巨人”", sample_range=(0, 20), subset_of="smes"),
    integer("specialised", "其中专精特新中小企业", sample_range=(0, 50), subset_of="smes"),
    integer("service_orgs", "参与服务机构数", sample_range=(0, 30)),
    integer("needs_published", "发布需求数", sample_range=(0, 80)),
    integer("intentions", "达成合作意向数", sample_range=(20, 60)),
    integer("projects_signed", "签约项目数", sample_range=(0, 19)),
    money("amount_signed", "签约金额（万元）"),
    integer("patents", "专利转化数", sample_range=(0, 15)),
), rules=(
    Rule("little_giants", "stats.little_giants_over_smes", lambda r, _: r["little_giants"] > r["smes"]
         and f"其中专精特新“小巨人”（{r['little_giants']}）不能多于参与中小企业数（{r['smes']}）",
         reads=("little_giants", "smes")),
    Rule("specialised", "stats.specialised_over_smes", lambda r, _: r["specialised"] > r["smes"]
         and f"其中专精特新中小企业（{r['specialised']}）不能多于参与中小企业数（{r['smes']}）",
         reads=("specialised", "smes")),
    Rule("projects_signed", "stats.signed_over_intentions", lambda r, _: r["projects_signed"] > r["intentions"]
         and f"签约项目数（{r['projects_signed']}）多于达成合作意向数（{r['intentions']}），请核实", level=WARNING,
         reads=("projects_signed", "intentions")),
    Rule("held_on", "stats.outside_period", lambda r, root: outside_period(r["held_on"], root["period"]),
         reads=("held_on", "/period")),
))

FORM = Form(
    id="2024-a6-stats", edition="2024", title="“百场万企”大中小企业融通对接活动统计表", attachment_no="附件6",
    campaign=CAMPAIGN,
    sections=(
        Section("header", "填报信息", items=(
            text("unit", "填报单位", 60, required=True, sample="authority"),
            choice("period", "报送期", PERIODS, required=True),
            text("filled_by", "填报人", 20, required=True, sample="person"),
            phone("phone", "联系电话", required=True),
            date("filled_on", "填报日期", required=True, sample_range=("2024-07-01", "2024-07-09")),
        )),
        Section("activities", "活动统计", items=(ROWS,)),
    ),
    signature=Signature(lines=("填报人", "单位负责人（签字）"), seal_caption="填报单位（盖章）"),
    sign_date_field="filled_on",
    subtitle_fields=("unit", "period"),
)
