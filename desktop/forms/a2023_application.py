"""2023 附件3 大中小企业融通创新项目中小企业“揭榜”申请书 — form ``2023-a3-application``.

The 项目周期 (project_start/project_end) is not spelled out in forms.md, but
its milestones must lie "inside 项目周期", so the cover asks for it.
"""

from desktop.engine.declare import calc, choice, date, file, integer, memo, money, text
from desktop.engine.model import Form, Group, Rule, Section, Signature, Table
from desktop.forms.a2023_match import CATALOGUE, SHARED
from desktop.rules.formats import format_date_cn, format_money

from . import profile
from .common import percent, sme_gate

DEGREES = ("博士", "硕士", "本科", "大专", "其他")
IP_TYPES = ("发明专利", "实用新型", "外观设计", "软件著作权", "集成电路布图设计", "标准", "其他")
BUDGET_ITEMS = ("设备费", "材料费", "测试化验加工费", "燃料动力费", "差旅/会议费", "知识产权事务费", "人员劳务费",
                "专家咨询费", "其他")
PROMISE = ("本单位承诺：申请书所填写的信息真实、准确、完整，所附材料合法有效，项目不存在知识产权纠纷；"
           "如有不实，本单位愿承担相应责任。")

COVER = Section("cover", "封面", lookup=CATALOGUE, items=(
    text("project_title", "项目名称", 60, required=True),
    text("need_code", "揭榜需求编号", 30, required=True),
    text("need_title", "需求名称", 50, required=True),
    text("need_owner", "发榜企业名称", 100, required=True, sample="company"),
    text("recommender", "推荐单位", 60, sample="authority"),
    date("filed_on", "申报日期", required=True, sample="fill"),
    date("project_start", "项目开始日期", required=True, sample="fill"),
    date("project_end", "项目结束日期", required=True, sample="future"),
), printed=False)

FINANCE = Table("finance", "近三年经营情况", fixed_rows=("前年", "上年", "本年"), columns=(
    integer("year", "年度", required=True, sample="year"),
    money("revenue", "营业收入（万元）", required=True),
    money("net_profit", "净利润（万元）", required=True),
    money("rd", "研发投入（万元）", required=True),
    calc("rd_ratio", "研发投入占比（%）", lambda r, d: percent(r["rd"], r["revenue"]), align="right"),
))

INDICATORS = Table("indicators", "主要技术指标", min_rows=1, max_rows=20, columns=(
    text("name", "指标名称", 40, required=True),
    text("required", "需求要求", 60, required=True),
    text("target", "拟达到值", 60, required=True),
))

LEADER = Group("leader", "项目负责人", fields=(
    text("name", "姓名", 20, required=True, sample="person"),
    text("title", "职务", 30),
    text("prof_title", "职称", 30),
    choice("degree", "学历", DEGREES),
    text("major", "专业", 30),
    integer("years", "从业年限"),
    memo("achievements", "主要业绩", 300),
))

TEAM = Table("team", "项目团队", min_rows=1, max_rows=30, columns=(
    text("name", "姓名", 20, required=True, sample="person"),
    text("title", "职务", 30),
    text("prof_title", "职称", 30),
    choice("degree", "学历", DEGREES),
    text("major", "专业", 30),
    text("role", "项目分工", 60, required=True),
))

IP = Table("ip", "知识产权", min_rows=0, max_rows=50, columns=(
    text("name", "名称", 60, required=True),
    choice("type", "类型", IP_TYPES),
    text("number", "编号", 40, required=True),
    date("granted", "授权日期", sample="past"),
))

MILESTONES = Table("milestones", "进度安排", min_rows=1, max_rows=12, row_label="阶段{n}", row_title_field="name",
                   columns=(
    text("name", "阶段名称", 30, required=True),
    date("start", "开始日期", required=True, sample="fill"),
    date("end", "结束日期", required=True, sample="future"),
    memo("work", "工作内容", 200, required=True),
    text("result", "阶段成果", 60, required=True),
), rules=(
    Rule("end", "milestone.end_before_start",
         lambda r, d: r["end"] < r["start"] and "结束日期不能早于开始日期"),
    Rule("start", "milestone.before_project",
         lambda r, d: d["project_start"] and r["start"] < d["project_start"]
         and f"开始日期早于项目开始日期（{format_date_cn(d['project_start'])}），应在项目周期内"),
    Rule("end", "milestone.after_project",
         lambda r, d: d["project_end"] and r["end"] > d["project_end"]
         and f"结束日期晚于项目结束日期（{format_date_cn(d['project_end'])}），应在项目周期内"),
))

BUDGET = Table("budget", "经费预算", min_rows=1, max_rows=15, columns=(
    choice("item", "科目", BUDGET_ITEMS, required=True, width=6),
    money("amount", "金额（万元）", required=True, width=5),
    text("note", "说明", 100, width=14),
))

ATTACHMENTS = Table("attachments", "附件材料", min_rows=0, max_rows=30, columns=(
    text("title", "材料名称", 40, required=True),
    file("file", "文件", accept=("pdf", "jpg", "png", "ofd"), max_mb=50, required=True),
))

FORM = Form(
    id="2023-a3-application", edition="2023", title="大中小企业融通创新项目中小企业“揭榜”申请书",
    attachment_no="附件3", campaign="2023-jiebang",
    sections=(
        COVER,
        *profile.SECTIONS,
        # the shared profile is printed as the first part of chapter 一, not as chapters before it
        Section("ch1", "一、企业基本情况", items=(
            memo("intro", "企业简介", 800, required=True),
            memo("main_business", "主营业务", 300, required=True),
            FINANCE,
        ), subsections=tuple(s.id for s in profile.SECTIONS), items_title="企业简介与主营业务"),
        Section("ch2", "二、需求理解与分析", items=(memo("understanding", "需求理解与分析", 1000, required=True),)),
        Section("ch3", "三、攻关方案", items=(
            memo("technical_route", "技术路线", 2000, required=True),
            memo("innovations", "创新点", 800, required=True),
            INDICATORS,
        )),
        Section("ch4", "四、团队水平", items=(LEADER, TEAM)),
        Section("ch5", "五、研发能力", items=(
            memo("rd_platforms", "研发机构及平台", 500),
            memo("equipment", "仪器设备", 500),
            IP,
            memo("achievements", "研发成果", 800),
        )),
        Section("ch6", "六、进度安排", items=(MILESTONES,)),
        Section("ch7", "七、经费预算", items=(
            BUDGET,
            calc("budget_total", "预算合计（万元）", lambda d, _: sum(r["amount"] for r in d["budget"]),
                 lambda v: format_money(v) if v is not None else "", align="right"),
            money("funding_self", "自筹资金（万元）"),
            money("funding_partner", "发榜企业投入（万元）"),
            money("funding_other", "其他资金（万元）"),
            calc("funding_total", "资金来源合计（万元）",
                 lambda d, _: sum(d[k] or 0 for k in ("funding_self", "funding_partner", "funding_other")),
                 lambda v: format_money(v) if v is not None else "", align="right"),
        )),
        Section("ch8", "八、预期成果与效益", items=(memo("outcomes", "预期成果与效益", 800, required=True),)),
        Section("ch9", "九、风险分析与保障措施", items=(memo("risks", "风险分析与保障措施", 800, required=True),)),
        Section("ch10", "十、附件材料", items=(ATTACHMENTS,)),
        Section("signature", "承诺书", items=(
            text("legal_rep_sign", "法定代表人", 20, required=True, sample="person"),
            date("signed_on", "承诺日期", required=True, sample="fill"),
        )),
    ),
    rules=(
        Rule("profile.size_class", "size.not_sme", lambda d, _: sme_gate(d["profile"], "中小企业“揭榜”申请书")),
        Rule("project_end", "project.end_before_start",
             lambda d, _: d["project_end"] <= d["project_start"] and "项目结束日期应晚于项目开始日期"),
        Rule("funding_other", "budget.funding_sum",
             lambda d, _: d["budget_total"] is not None and d["funding_total"] != d["budget_total"]
             and f"自筹、发榜企业投入和其他资金合计 {format_money(d['funding_total'])} 万元，"
                 f"应等于预算合计 {format_money(d['budget_total'])} 万元"),
    ),
    signature=Signature(lines=("法定代表人（签字）",), seal_caption="企业（盖章）", statement=PROMISE),
    sign_date_field="signed_on",
    cover_fields=("project_title", "need_code", "need_title", "need_owner", ("profile.name", "申报单位（盖章）"),
                  "recommender", "project_start", "project_end", "filed_on"),
    table_of_contents=True,
    shared_fields=SHARED,
    samples=(("profile.industry_gb", "I 信息传输、软件和信息技术服务业"), ("profile.size_industry", "软件和信息技术服务业"),
             ("profile.employees", "126"), ("profile.revenue", "6800.00"), ("profile.total_assets", "5200.00"),
             ("profile.honours", ("创新型中小企业",)), ("need_code", "2023-FJ-0012"), ("need_title", "高精度轴承寿命检测工艺"),
             ("project_title", "高精度轴承加速寿命试验方法与在线监测系统研制"),
             ("project_end", "2026-06-30"), ("indicators", 6), ("team", 8), ("milestones", 4), ("budget", 5),
             ("budget[].amount", "100.00"),
             ("finance[].revenue", "6800.00"), ("finance[].net_profit", "520.00"), ("finance[].rd", "410.00"), ("funding_self", "300.00"), ("funding_partner", "150.00"),
             ("funding_other", "50.00"), ("ip", 6)),
)
