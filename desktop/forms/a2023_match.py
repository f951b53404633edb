"""2023 附件2 中小企业“揭榜”对接表 (工信厅企业函〔2023〕88号) — form ``2023-a2-match``."""

from desktop.engine.declare import date, memo, multi, text
from desktop.engine.model import Form, Lookup, Rule, Section, Signature
from desktop.rules.formats import format_date_cn

from . import profile
from .common import COOPERATION, SME_SAMPLE, sme_gate

CATALOGUE = Lookup("catalogue", "从需求目录选择…", (("need_code", "code"), ("need_title", "title"), ("need_owner", "owner")))
SHARED = ("need_code", "need_title", "need_owner", "recommender")

NEED = Section("need", "揭榜需求", lookup=CATALOGUE, items=(
    text("need_code", "揭榜需求编号", 30, required=True, help="从需求目录中选择，或按目录中的编号填写"),
    text("need_title", "需求名称", 50, required=True),
    text("need_owner", "发榜企业名称", 100, required=True, sample="owner"),
))

FORM = Form(
    id="2023-a2-match", edition="2023", title="中小企业“揭榜”对接表", attachment_no="附件2",
    campaign="2023-jiebang",
    sections=(
        *profile.SECTIONS,
        NEED,
        Section("solution", "揭榜方案", items=(
            memo("solution_summary", "揭榜方案概述", 500, required=True, sample="topic:plan"),
            memo("advantages", "技术优势与已有基础", 500, required=True, sample="topic:company"),
            memo("expected_results", "预期成果", 300, required=True, sample="topic:plan"),
            date("planned_finish", "计划完成时间", required=True, sample="future"),
            multi("cooperation", "拟合作方式", COOPERATION, required=True),
            text("recommender", "推荐单位（省级中小企业主管部门）", 60, sample="authority"),
        )),
        Section("signature", "填报人与签字", items=(
            text("filled_by", "填报人", 20, required=True, sample="person"),
            date("filled_on", "填报日期", required=True, sample="fill"),
        )),
    ),
    rules=(
        *profile.RULES,
        Rule("profile.size_class", "size.not_sme", lambda d, _: sme_gate(d["profile"], "中小企业“揭榜”对接表"),
             reads=("profile.size_class",)),
        Rule("planned_finish", "match.finish_before_fill",
             lambda d, _: d["planned_finish"] <= d["filled_on"]
             and f"计划完成时间应晚于填报日期（{format_date_cn(d['filled_on'])}）", reads=("planned_finish", "filled_on")),
    ),
    signature=Signature(lines=("填报人", "法定代表人（签字）"), seal_caption="企业（盖章）"),
    sign_date_field="filled_on",
    subtitle_fields=("need_code", "need_title"),
    shared_fields=SHARED,
    samples=SME_SAMPLE,
)
