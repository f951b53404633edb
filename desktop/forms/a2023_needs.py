"""2023 附件1 大企业技术创新需求表 (工信厅企业函〔2023〕88号) — form ``2023-a1-needs``."""

from desktop.engine.declare import choice, date, memo, money, multi, phone, text
from desktop.engine.model import WARNING, Form, Rule, SampleHint, Section, Signature, Table
from desktop.rules.formats import format_date_cn

from . import profile
from .common import COOPERATION, SAMPLE_NEED_TITLE, size_of

CHANNELS = ("省级中小企业主管部门组织", "工业和信息化部行业司局组织")

NEED = Table("needs", "需求列表", min_rows=1, max_rows=20, page_per_row=True,
             row_label="需求{n}", row_title_field="title", columns=(
    text("title", "需求名称", 50, required=True, sample="need_title"),
    choice("kind", "需求类型", ("技术攻关", "产品配套", "工艺改进", "装备研制", "软件系统", "检验检测", "其他"),
           required=True),
    choice("domain", "所属领域", ("制造强国重点领域", "网络强国重点领域"), required=True),
    choice("sector", "重点产业链", ("新一代信息技术", "高档数控机床和机器人", "航空航天装备", "海洋工程装备及高技术船舶",
                                "先进轨道交通装备", "节能与新能源汽车", "电力装备", "农机装备", "新材料",
                                "生物医药及高性能医疗器械", "其他"), required=True),
    choice("foundation_category", "产业基础类别（参考《产业基础创新发展目录》）",
           ("核心基础零部件（元器件）", "关键基础材料", "先进基础工艺", "产业技术基础", "基础软件", "其他"), required=True),
    memo("background", "需求背景（现状、存在问题）", 500, required=True, sample="topic:need"),
    memo("content", "需求内容及主要技术指标", 1000, required=True, sample="topic:need"),
    memo("existing_basis", "现有基础", 500, sample="topic:company"),
    multi("expected_outcome", "预期成果形式", ("样机/样品", "产品", "工艺", "软件", "专利", "标准", "其他"), required=True),
    memo("outcome_detail", "预期目标说明", 300, sample="topic:plan"),
    multi("cooperation", "拟合作方式", COOPERATION, required=True),
    money("budget", "拟投入资金（万元）", sample="range:50-800"),
    date("deadline", "期望完成时间", required=True, sample="future"),
    memo("requirements", "对揭榜企业的要求", 300, sample="topic:need"),
    choice("is_public", "是否公开", ("公开", "不公开"), required=True,
           help="选择“不公开”的需求不会出现在公开的需求目录中"),
    text("need_contact", "需求联系人（如与企业联系人不同）", 20, sample="person"),
    phone("need_phone", "需求联系电话"),
), rules=(
    Rule("deadline", "need.deadline_before_fill",
         lambda need, d: need["deadline"] <= d["filled_on"]
         and f"期望完成时间应晚于填报日期（{format_date_cn(d['filled_on'])}）", reads=("deadline", "/filled_on")),
))

FORM = Form(
    id="2023-a1-needs", edition="2023", title="大企业技术创新需求表", attachment_no="附件1",
    campaign="2023-jiebang",
    sections=(
        Section("header", "组织渠道", items=(
            choice("channel", "组织渠道", CHANNELS, required=True),
            text("organiser", "组织单位名称", 60, sample="authority", help="如：福建省工业和信息化厅，或工业和信息化部装备工业一司"),
        )),
        *profile.SECTIONS,
        Section("needs", "需求列表", items=(NEED,)),
        Section("signature", "填报人与签字", items=(
            text("filled_by", "填报人", 20, required=True, sample="person"),
            date("filled_on", "填报日期", required=True, sample="fill"),
            text("signed_by", "单位负责人", 20, sample="person"),
        )),
    ),
    rules=(
        *profile.RULES,
        Rule("profile.size_class", "size.not_large",
             lambda d, _: (size := size_of(d["profile"])) and size["class"] != "大型"
             and f"附件1由大企业填报，按填写的数据本企业属于{size['class']}（{size['reason']}），请核对从业人员、营业收入等数据",
             WARNING, reads=("profile.size_class",)),
    ),
    signature=Signature(lines=("填报人", "单位负责人（签字）"), seal_caption="企业（盖章）"),
    sign_date_field="filled_on",
    subtitle_fields=("channel", "organiser"),
    # the sample is a large industrial enterprise with a full form: 20 needs
    # and it publishes the need the SME samples of the same seed answer (their 发榜企业)
    samples=(("needs", 20), ("profile.name", SampleHint("owner")), ("needs[0].title", SAMPLE_NEED_TITLE),
             ("profile.industry_gb", "C 制造业"), ("profile.size_industry", "工业"),
             ("profile.employees", "3860"), ("profile.revenue", "268500.00"), ("profile.total_assets", "412300.50"),
             ("profile.honours", ("制造业单项冠军企业", "高新技术企业")), ("channel", "省级中小企业主管部门组织")),
)
