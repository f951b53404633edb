"""需求目录 (catalogue of published needs): the list an SME picks the need it answers from.

An SME imports a catalogue file, searches it, and a picked need fills 揭榜需求编号,
需求名称 and 发榜企业名称 on 附件2 and 附件3.  The officer's desk writes the same
files from received 附件1 submissions.

File format
===========
A catalogue is a JSON file (``.json``) or an Excel workbook (``.xlsx``), at most
20 MB either way, holding at most 20,000 needs.

JSON — UTF-8 (a leading BOM is tolerated), nesting at most 16 levels, no
duplicate keys::

    {"format": "xieshou-catalogue", "version": 1,
     "campaign": "2023-jiebang",
     "title": "2023年大企业技术创新需求目录",
     "created_at": "2023-05-10T09:00:00+08:00",
     "needs": [{"code": "2023-FJ-0012", "title": "…", "owner": "…", …}]}

- ``format`` and ``version`` are required and exactly these values (a higher
  version is refused with a request to upgrade the program).
- ``campaign``, ``title``, ``created_at``: optional strings.
- ``needs``: a list of objects; values are strings (``null`` or absent = empty);
  unknown keys are ignored.

Need keys, with the XLSX header of each:

==================== ================ =========================================
JSON key             XLSX header      meaning
==================== ================ =========================================
code                 需求编号         required; at most 30 characters; unique
                                      (compared after NFKC and case folding)
title                需求名称         required
owner                发榜企业         required; 发榜企业名称
owner_uscc           统一社会信用代码 发榜企业的统一社会信用代码
province             所在地区         发榜企业所在省级地区
sector               重点产业链
domain               所属领域
kind                 需求类型
foundation_category  产业基础类别
content              需求内容         需求内容摘要
deadline             期望完成时间     a date, stored as YYYY-MM-DD (also read:
                                      2026/6/30, 2026年6月30日, an Excel date cell)
contact              联系人
phone                联系电话
==================== ================ =========================================

XLSX — the needs are on the sheet named ``需求目录``.  Its header row is the
first row, among the first ten, that holds a known header (a title row above
it is fine).  Headers are matched by name after NFKC, with white space, ``*``
marks and a trailing （…） note removed, so column order is free and unknown
columns are ignored; also accepted: 发榜企业名称/发榜单位 (owner),
需求内容摘要/需求内容及主要技术指标 (content), 所在省份 (province), 联系方式
(phone).  Required columns: 需求编号, 需求名称, 发榜企业.  One need per row
below the header; blank rows are skipped.  Cells are read as text: numbers
as typed (13800000000), dates as YYYY-MM-DD, formulas as their last computed
value; TRUE/FALSE and error values (#N/A …) are problems.  An optional sheet
``目录信息`` holds the metadata as key (column A) / value (column B) rows:
活动编号 (campaign), 目录名称 (title), 生成时间 (created_at).

Import is all or nothing: :func:`load_catalogue` returns the whole catalogue
or raises :class:`CatalogueError` whose message lists every problem found
("第 5 行：缺少需求编号；第 9 行：需求编号 2023-FJ-0012 重复（第 3 行已有同一编号）…").

Need codes made by :func:`catalogue_from_submissions` (the officer's desk) are
``{year}-{region}-{NNNN}``, e.g. 2023-FJ-0012: the campaign's year; the
enterprise's 所在省级地区 as ISO 3166-2:CN letters (FJ 福建省, HA 河南省, SN 陕西省 …;
DL 大连市, QD 青岛市, NB 宁波市, XM 厦门市, SZ 深圳市, BT 新疆生产建设兵团); NNNN counting
from 0001 within the region over its enterprises in 统一社会信用代码 order, each
enterprise's needs in table order.  不公开 needs are numbered too but left out of a
public catalogue, so a need's code is the same in public and internal lists and
does not depend on the order the submissions arrived in.
"""

from .build import REGION_CODES, catalogue_from_submissions
from .load import load_catalogue
from .model import COLUMNS, Catalogue, CatalogueError, CatalogueNeed, fill_from_need
from .write import write_catalogue_json, write_catalogue_xlsx

__all__ = ["COLUMNS", "REGION_CODES", "Catalogue", "CatalogueError", "CatalogueNeed", "catalogue_from_submissions",
           "fill_from_need", "load_catalogue", "write_catalogue_json", "write_catalogue_xlsx"]
