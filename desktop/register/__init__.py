"""The 2024 “百场万企” activity register (活动登记): schedules, activities, 附件6 statistics, reports.

No Qt here; the CLI (``desktop.register.cli``) and the GUI are faces of these modules.
"""
