"""企业基本信息 — the shared enterprise profile (docs/forms.md, “企业基本信息”).

Kept once per enterprise and offered to every new draft; stored under
``data["profile"]``.
"""

from desktop.engine.declare import (calc, choice, date, email, integer, mobile, money, multi, phone, postcode,
                                    text, uscc)
from desktop.engine.model import WARNING, Rule, Section
from desktop.rules.formats import format_money
from desktop.rules.regions import PROVINCES
from desktop.rules.size_class import INDUSTRIES

from .common import GB_CHOICES, render_size, size_note, size_of, suggest_province, suggest_size_industry

OWNERSHIP = ("中央企业", "地方国有企业", "民营企业", "外资企业", "其他")
HONOURS = ("专精特新“小巨人”企业", "省级专精特新中小企业", "创新型中小企业", "高新技术企业",
           "科技型中小企业", "制造业单项冠军企业", "无")

BASIC = Section("profile_basic", "企业基本信息", scope="profile", items=(
    text("name", "企业名称", 100, required=True, sample="company"),
    uscc("uscc", "统一社会信用代码", required=True, province_field="province"),
    choice("province", "所在省级地区（报送单位所在地）", PROVINCES, required=True, suggest=suggest_province),
    text("city", "所在市/区", 50, sample="city"),
    text("address", "通讯地址", 120, required=True, sample="address"),
    postcode("postcode", "邮政编码", required=True),
    choice("ownership", "企业性质", OWNERSHIP, required=True),
    date("founded", "成立日期", sample="past"),
    money("registered_capital", "注册资本（万元）", sample="range:500-8000"),
    text("legal_rep", "法定代表人", 20, required=True, sample="person"),
))

SCALE = Section("profile_scale", "经营规模与创新能力", scope="profile", items=(
    choice("industry_gb", "所属国民经济行业（GB/T 4754-2017 门类）", GB_CHOICES, required=True),
    choice("size_industry", "划型所属行业", INDUSTRIES, required=True, suggest=suggest_size_industry,
           help="按《中小企业划型标准规定》选择，已根据国民经济行业预选，可以修改"),
    integer("employees", "从业人员（人，上年末）", required=True),
    money("revenue", "营业收入（万元，上年度）", required=True),
    money("total_assets", "资产总额（万元，上年末）", required=True),
    calc("size_class", "企业规模", lambda p, d: size_of(p), render_size,
         reads=("size_industry", "employees", "revenue", "total_assets"), note=size_note),
    money("rd_spend", "研发投入（万元，上年度）", sample="share:revenue:3-8"),
    integer("rd_staff", "研发人员（人）", sample="share:employees:12-30"),
    integer("invention_patents", "有效发明专利（件）", sample="range:3-40"),
    multi("honours", "企业资质", HONOURS),
))

CONTACT = Section("profile_contact", "联系人", scope="profile", items=(
    text("contact_name", "联系人", 20, required=True, sample="person"),
    text("contact_title", "职务", 30, sample="job:contact"),
    phone("contact_phone", "办公电话", required=True),
    mobile("contact_mobile", "手机", required=True),
    email("contact_email", "电子邮箱", required=True),
))

SECTIONS = (BASIC, SCALE, CONTACT)

# Every form carrying the profile adds these to its rules (scope = the whole form).
RULES = (
    Rule("profile.rd_staff", "profile.rd_staff_over_employees",
         lambda d, _: d["profile"]["rd_staff"] > d["profile"]["employees"]
         and f"研发人员 {d['profile']['rd_staff']} 人多于从业人员 {d['profile']['employees']} 人：研发人员是从业人员的"
             "一部分，请核对两项人数", reads=("profile.rd_staff", "profile.employees")),
    Rule("profile.rd_spend", "profile.rd_over_revenue",
         lambda d, _: d["profile"]["rd_spend"] > d["profile"]["revenue"]
         and f"研发投入 {format_money(d['profile']['rd_spend'])} 万元高于营业收入 "
             f"{format_money(d['profile']['revenue'])} 万元，请核对单位（万元）和数值",
         WARNING, reads=("profile.rd_spend", "profile.revenue")),
)
