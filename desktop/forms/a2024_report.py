"""2024 活动信息和成效 (after an important event, in the style of the notice's 附件5 cases) — ``2024-report``.

The figures group is filled from the activity register (the 附件6 figures of the
activity the report is about); photos are printed scaled, each with its caption.
"""

from desktop.engine.kinds import kind_of
from desktop.engine.declare import date, file, integer, memo, money, text
from desktop.engine.model import Form, Group, Section, Signature, Table

from .a2024_stats import ROWS

CAMPAIGN = "2024-baichang"
FIGURES = Group("figures", "活动成效数据（取自活动登记）", tuple(
    integer(c.id, c.label, sample_range=c.option("sample_range")) if not kind_of(c).amount else money(c.id, c.label)
    for c in ROWS.columns if kind_of(c).figure))

PHOTOS = Table("photos", "活动照片", max_rows=12, row_label="照片{n}", columns=(
    text("caption", "图片说明", 60, required=True),
    file("photo", "照片", accept=("jpg", "png"), max_mb=20, required=True, photo=True),
))

FORM = Form(
    id="2024-report", edition="2024", title="“百场万企”大中小企业融通对接活动信息和成效", attachment_no="活动信息",
    campaign=CAMPAIGN,
    sections=(
        Section("report", "基本情况", items=(
            text("title", "标题", 60, required=True, sample="report_title"),
            text("region", "地区", 30, required=True, sample="province"),
            text("activity", "活动", 120, help="活动登记中的活动名称、时间和地点", sample="report_activity"),
            date("held_on", "举办时间", sample_range=("2024-03-01", "2024-06-28")),
            text("unit", "报送单位", 60, required=True, sample="authority"),
            date("filled_on", "报送日期", required=True, sample_range=("2024-07-01", "2024-07-09")),
        )),
        Section("practice", "一、主要做法", items=(memo("practice", "主要做法", 2000, required=True, sample="report:practice"),)),
        Section("results", "二、取得成效", items=(memo("results", "取得成效", 1000, required=True, sample="report:results"), FIGURES)),
        Section("lessons", "三、经验启示", items=(memo("lessons", "经验启示", 800, sample="report:lessons"),)),
        Section("photos", "四、活动照片", items=(PHOTOS,)),
    ),
    signature=Signature(lines=("报送人", "审核人"), seal_caption="报送单位（盖章）"),
    sign_date_field="filled_on",
    subtitle_fields=("region", "held_on"),
)
