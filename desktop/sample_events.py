"""Made-up values for the 2024 officers' forms: activity names, venues, organisers, reports.

Used by the sample generator (``desktop.sample_hints``) for the hints ``chain``,
``event:<chain|provincial|private|expo|any>``, ``expo``, ``venue[:any]``,
``organiser[:<chain|provincial|expo>]``, ``contact``, ``province:row``,
``report_title`` and ``report_activity``, and by the register's sample year
(``desktop.register.samples``).  Names read as a provincial officer writes them;
cities are those of the sample's province; no real company is named.
"""

from __future__ import annotations

import random

CHAINS = ("新能源汽车", "工业母机", "集成电路", "生物医药", "新材料", "智能网联汽车", "高端装备", "光伏",
          "工程机械", "轨道交通装备", "节能环保", "现代纺织", "食品加工", "人工智能")
VENUES = ("国际会展中心", "国际博览中心", "国际会议中心", "高新区科技创新中心", "经济技术开发区会议中心",
          "工业设计中心", "科技会堂", "中小企业服务中心", "产业园区展示中心")
EXPO_SUBJECTS = ("智能制造", "工业装备", "新能源汽车及零部件", "新材料", "数字经济", "电子信息", "医疗器械")
ORGANISER_TAILS = ("工业和信息化厅", "人民政府国有资产监督管理委员会", "知识产权局", "工商业联合会")

# 活动类型 of 附件6 → how activities of that type are named (chain, city filled in)
NAMES_BY_KIND = {
    "产业链专场": ("“百场万企”大中小企业融通对接活动（{chain}产业链专场）", "{chain}产业链大中小企业供需对接会"),
    "央企专场": ("央企走进{city}·{chain}产业链融通对接活动", "中央企业与中小企业{chain}配套对接会"),
    "民企专场": ("大型民营企业与中小企业{chain}专场对接会", "民营龙头企业{chain}产业链协同发展对接会"),
    "展会对接": ("{city}{chain}博览会大中小企业融通对接专场", "{city}国际{expo}博览会{chain}供需对接活动"),
    "专利转化": ("专精特新中小企业{chain}专利转化对接会", "{chain}领域专利技术供需对接活动"),
    "地方自办": ("{city}{chain}产业集群大中小企业融通对接会", "“携手行动”{city}{chain}产业链供需对接活动"),
}

# what an officer writes in 活动信息和成效, by section
REPORT_TEXTS = {
    "practice": (
        "会前组织龙头企业梳理配套需求清单，逐条向中小企业发布",
        "联合省国资委、知识产权局和工商联共同组织，分工负责企业邀请和现场服务",
        "按产业链环节分设洽谈区，安排龙头企业采购负责人与中小企业逐一对接",
        "邀请专精特新中小企业携带样品和解决方案参会，现场展示核心产品",
        "设立金融服务和知识产权服务专区，为企业提供融资和专利运营咨询",
        "会后建立对接台账，由市县中小企业主管部门逐项跟踪合作进展",
        "依托中小企业公共服务平台线上发布需求，线下集中对接",
        "组织银行和投资机构参加路演环节，推介适合中小企业的金融产品",
        "提前一个月开展需求征集，共收集龙头企业配套需求和中小企业供给能力清单",
        "活动采取主题发布、集中路演、分组洽谈和现场签约相结合的方式",
    ),
    "results": (
        "现场达成合作意向和签约项目，一批中小企业进入龙头企业供应链体系",
        "专精特新中小企业与龙头企业建立长期配套关系，带动产业链本地配套率提高",
        "活动推动多项专利技术实现转化，中小企业获得技术许可和联合研发机会",
        "金融机构与参会企业达成授信意向，缓解了中小企业融资难题",
        "通过对接进一步摸清了产业链关键环节的配套短板，形成补链项目清单",
        "参会企业普遍反映对接精准、服务到位，希望定期举办同类活动",
        "媒体对活动进行了集中报道，扩大了“百场万企”活动的社会影响",
        "多家中小企业的产品通过龙头企业验证，进入批量供货阶段",
    ),
    "lessons": (
        "精准摸清供需是对接取得实效的前提，需求清单要细化到具体产品和技术指标",
        "部门协同能够形成工作合力，各部门发挥各自优势共同组织企业",
        "对接不能止于签约，要建立跟踪服务机制，推动合作意向落地见效",
        "发挥龙头企业带动作用，引导大企业向中小企业开放场景、开放供应链",
        "线上线下结合扩大了对接范围，让更多中小企业参与进来",
        "要把对接活动与专精特新中小企业培育结合起来，持续提升中小企业配套能力",
        "服务机构全程参与有助于解决融资、知识产权等具体问题",
        "定期举办、滚动对接，才能形成大中小企业融通发展的长效机制",
    ),
}


def city_of(place: tuple) -> str:
    """The city of a place of ``sample_words.PLACES``."""
    return place[0]


def event_name(rng: random.Random, kind: str, chain: str, city: str) -> str:
    template = rng.choice(NAMES_BY_KIND.get(kind, NAMES_BY_KIND["地方自办"]))
    return template.format(chain=chain, city=city.removesuffix("市"), expo=rng.choice(EXPO_SUBJECTS))


def venue(rng: random.Random, city: str) -> str:
    return f"{city.removesuffix('市')}{rng.choice(VENUES)}"


def expo_name(rng: random.Random, city: str, year: int = 2024) -> str:
    return f"{year}{city.removesuffix('市')}国际{rng.choice(EXPO_SUBJECTS)}博览会"


def organiser(rng: random.Random, province: str, city: str, what: str = "") -> str:
    if what == "expo":
        return f"{city}人民政府"
    if what == "chain":                       # a national schedule: the host city's department
        return f"{city}工业和信息化局"
    first = province + ("工业和信息化局" if province.endswith("市") and len(province) <= 4 else ORGANISER_TAILS[0])
    return first + ("、" + province + rng.choice(ORGANISER_TAILS[1:]) if rng.random() < 0.6 else "")


def report_title(province: str, name: str) -> str:
    return f"{province}举办{name}"


def report_text(rng: random.Random, section: str, length: int) -> str:
    """Sentences of one section, none twice, each ending with 。, within ``length`` characters."""
    sentences = rng.sample(REPORT_TEXTS[section], len(REPORT_TEXTS[section]))
    goal = min(length * rng.uniform(0.4, 0.7), 260)
    text = ""
    for sentence in sentences:
        if text and len(text) + len(sentence) + 1 > goal:
            break
        text += sentence + "。"
    return text
