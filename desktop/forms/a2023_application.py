"""2023 附件3 大中小企业融通创新项目中小企业“揭榜”申请书 — form ``2023-a3-application``.

The 项目周期 (project_start/project_end) is not named by the notice, but
its milestones must lie "inside 项目周期", so the cover asks for it.
"""

from desktop.engine.declare import calc, choice, date, file, integer, memo, money, text
from desktop.engine.model import WARNING, Form, Group, Rule, Section, Signature, Table
from desktop.forms.a2023_match import CATALOGUE, SHARED
from desktop.rules.formats import format_date_cn, format_money

from . import profile
from .common import SME_SAMPLE, percent, same_as_profile, sme_gate, yearly_rows_message

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
    text("need_owner", "发榜企业名称", 100, required=True, sample="owner"),
    text("recommender", "推荐单位", 60, sample="authority"),
    date("filed_on", "申报日期", required=True, sample="fill"),
    date("project_start", "项目开始日期", required=True, sample="project_start"),
    date("project_end", "项目结束日期", required=True, sample="future"),
), printed=False)

# 前年/上年/本年 count from the 申报日期's year: filed in 2023, 上年 is 2022 and 本年 is 2023 up to the end
# of the month before filing (the last closed month's accounts).
FINANCE_ROWS = ("前年", "上年", "本年（截至上月末）")
LAST_YEAR = FINANCE_ROWS.index("上年")
FINANCE = Table("finance", "近三年经营情况", fixed_rows=FINANCE_ROWS, columns=(
    integer("year", "年度", required=True, sample="year"),
    money("revenue", "营业收入（万元）", required=True, sample=f"series:profile.revenue@{LAST_YEAR}"),
    money("net_profit", "净利润（万元）", required=True, sample="share:revenue:5-12"),
    money("rd", "研发投入（万元）", required=True, sample=f"series:profile.rd_spend@{LAST_YEAR}"),
    calc("rd_ratio", "研发投入占比（%）", lambda r, d: percent(r["rd"], r["revenue"]), reads=("rd", "revenue"), align="right"),
), help="年度按申报日期所在年份计：2023年申报时，前年为2021年，上年为2022年，本年为2023年1月至申报前一个月末。"
        "上年的营业收入和研发投入应与企业基本信息中的（上年度）数据一致")

FINANCE_RULES = (
    Rule("finance", "finance.years", lambda d, _: yearly_rows_message(d, "finance", "filed_on"),
         reads=("finance[].year", "filed_on")),
    same_as_profile("finance", LAST_YEAR, "revenue", "revenue", "营业收入"),
    same_as_profile("finance", LAST_YEAR, "rd", "rd_spend", "研发投入"),
)

INDICATORS = Table("indicators", "主要技术指标", min_rows=1, max_rows=20, columns=(
    text("name", "指标名称", 40, required=True, sample="pick:indicators:0"),
    text("required", "需求要求", 60, required=True, sample="pick:indicators:1"),
    text("target", "拟达到值", 60, required=True, sample="pick:indicators:2"),
))

LEADER = Group("leader", "项目负责人", fields=(
    text("name", "姓名", 20, required=True, sample="person"),
    text("title", "职务", 30, sample="job:leader"),
    text("prof_title", "职称", 30, sample="prof_title:senior"),
    choice("degree", "学历", DEGREES),
    text("major", "专业", 30, sample="major"),
    integer("years", "从业年限", sample="range:12-30"),
    memo("achievements", "主要业绩", 300, sample="topic:person"),
))

TEAM = Table("team", "项目团队", min_rows=1, max_rows=30, columns=(
    text("name", "姓名", 20, required=True, sample="person"),
    text("title", "职务", 30, sample="job:team"),
    text("prof_title", "职称", 30, sample="prof_title"),
    choice("degree", "学历", DEGREES),
    text("major", "专业", 30, sample="major"),
    text("role", "项目分工", 60, required=True, sample="role"),
))

IP = Table("ip", "知识产权", min_rows=0, max_rows=50, columns=(
    text("name", "名称", 60, required=True, sample="pick:ip:0"),
    choice("type", "类型", IP_TYPES, sample="pick:ip:1"),
    text("number", "编号", 40, required=True, sample="ip_number"),
    date("granted", "授权日期", sample="ip_granted"),
), rules=(
    Rule("granted", "ip.granted_after_filing",
         lambda r, d: r["granted"] > d["filed_on"]
         and f"授权日期晚于申报日期（{format_date_cn(d['filed_on'])}）：只能填写已经授权的知识产权",
         reads=("granted", "/filed_on")),
    Rule("granted", "ip.granted_before_founding",
         lambda r, d: r["granted"] < d["profile"]["founded"]
         and f"授权日期早于企业成立日期（{format_date_cn(d['profile']['founded'])}），请核对；受让取得的可忽略本提醒",
         WARNING, reads=("granted", "/profile.founded")),
))

MILESTONES = Table("milestones", "进度安排", min_rows=1, max_rows=12, row_label="阶段{n}", row_title_field="name",
                   columns=(
    text("name", "阶段名称", 30, required=True, sample="pick:stages:0"),
    date("start", "开始日期", required=True, sample="stage_start"),
    date("end", "结束日期", required=True, sample="stage_end"),
    memo("work", "工作内容", 200, required=True, sample="pick:stages:1"),
    text("result", "阶段成果", 60, required=True, sample="pick:stages:2"),
), rules=(
    Rule("end", "milestone.end_before_start",
         lambda r, d: r["end"] < r["start"] and "结束日期不能早于开始日期", reads=("end", "start")),
    Rule("start", "milestone.before_project",
         lambda r, d: d["project_start"] and r["start"] < d["project_start"]
         and f"开始日期早于项目开始日期（{format_date_cn(d['project_start'])}），应在项目周期内",
         reads=("start", "/project_start")),
    Rule("end", "milestone.after_project",
         lambda r, d: d["project_end"] and r["end"] > d["project_end"]
         and f"结束日期晚于项目结束日期（{format_date_cn(d['project_end'])}），应在项目周期内",
         reads=("end", "/project_end")),
))

BUDGET = Table("budget", "经费预算", min_rows=1, max_rows=15, columns=(
    choice("item", "科目", BUDGET_ITEMS, required=True, sample="distinct", width=6),
    money("amount", "金额（万元）", required=True, sample="range:20-200", width=5),
    text("note", "说明", 100, sample="budget_note", width=14),
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
            memo("intro", "企业简介", 800, required=True, sample="topic:company"),
            memo("main_business", "主营业务", 300, required=True, sample="topic:company"),
            FINANCE,
        ), subsections=tuple(s.id for s in profile.SECTIONS), items_title="企业简介与主营业务"),
        Section("ch2", "二、需求理解与分析", items=(memo("understanding", "需求理解与分析", 1000, required=True, sample="topic:need"),)),
        Section("ch3", "三、攻关方案", items=(
            memo("technical_route", "技术路线", 2000, required=True, sample="topic:plan"),
            memo("innovations", "创新点", 800, required=True, sample="topic:plan"),
            INDICATORS,
        )),
        Section("ch4", "四、团队水平", items=(LEADER, TEAM)),
        Section("ch5", "五、研发能力", items=(
            memo("rd_platforms", "研发机构及平台", 500, sample="topic:company"),
            memo("equipment", "仪器设备", 500, sample="topic:company"),
            IP,
            memo("achievements", "研发成果", 800, sample="topic:company"),
        )),
        Section("ch6", "六、进度安排", items=(MILESTONES,)),
        Section("ch7", "七、经费预算", items=(
            BUDGET,
            calc("budget_total", "预算合计（万元）", lambda d, _: sum(r["amount"] for r in d["budget"]),
                 lambda v: format_money(v) if v is not None else "", reads=("budget[].amount",), align="right"),
            money("funding_self", "自筹资金（万元）", sample="part:budget.amount:60"),
            money("funding_partner", "发榜企业投入（万元）", sample="part:budget.amount:30"),
            money("funding_other", "其他资金（万元）", sample="rest:budget.amount:funding_self,funding_partner"),
            calc("funding_total", "资金来源合计（万元）",
                 lambda d, _: sum(d[k] or 0 for k in ("funding_self", "funding_partner", "funding_other")),
                 lambda v: format_money(v) if v is not None else "",
                 optional=("funding_self", "funding_partner", "funding_other"), align="right"),
        )),
        Section("ch8", "八、预期成果与效益", items=(memo("outcomes", "预期成果与效益", 800, required=True, sample="topic:plan"),)),
        Section("ch9", "九、风险分析与保障措施", items=(memo("risks", "风险分析与保障措施", 800, required=True, sample="topic:risk"),)),
        Section("ch10", "十、附件材料", items=(ATTACHMENTS,)),
        Section("signature", "承诺书", items=(
            text("legal_rep_sign", "法定代表人", 20, required=True,
                 suggest=lambda d, _: (d.get("profile") or {}).get("legal_rep"),
                 help="与企业基本信息中的法定代表人为同一人"),
            date("signed_on", "承诺日期", required=True, sample="fill"),
        )),
    ),
    rules=(
        *profile.RULES,
        Rule("profile.size_class", "size.not_sme", lambda d, _: sme_gate(d["profile"], "中小企业“揭榜”申请书"),
             reads=("profile.size_class",)),
        Rule("project_end", "project.end_before_start",
             lambda d, _: d["project_end"] <= d["project_start"] and "项目结束日期应晚于项目开始日期",
             reads=("project_end", "project_start")),
        Rule("funding_other", "budget.funding_sum",
             lambda d, _: d["funding_total"] != d["budget_total"]
             and f"自筹、发榜企业投入和其他资金合计 {format_money(d['funding_total'])} 万元，"
                 f"应等于预算合计 {format_money(d['budget_total'])} 万元", reads=("budget_total", "funding_total")),
        *FINANCE_RULES,
        Rule("legal_rep_sign", "promise.legal_rep",
             lambda d, _: d["legal_rep_sign"] != d["profile"]["legal_rep"]
             and f"承诺书的法定代表人“{d['legal_rep_sign']}”与企业基本信息中的法定代表人“{d['profile']['legal_rep']}”"
                 "不同，请核对后改为同一人", reads=("legal_rep_sign", "profile.legal_rep")),
    ),
    signature=Signature(lines=("法定代表人（签字）",), seal_caption="企业（盖章）", statement=PROMISE),
    sign_date_field="signed_on",
    cover_fields=("project_title", "need_code", "need_title", "need_owner", ("profile.name", "申报单位（盖章）"),
                  "recommender", "project_start", "project_end", "filed_on"),
    table_of_contents=True,
    shared_fields=SHARED,
    samples=(*SME_SAMPLE, ("project_title", "高精度轴承加速寿命试验方法与在线监测系统研制"),
             ("project_end", "2026-06-30"), ("indicators", 6), ("team", 8), ("milestones", 4), ("budget", 5), ("ip", 6)),
)
