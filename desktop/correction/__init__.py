"""补正通知 (correction notices): the file an officer sends back and the enterprise opens.

The officer's desk writes a notice for a package that needs correcting
(``desktop.desk.notice``); the enterprise opens the file in its own copy of
the program, the matching draft takes the notice (``drafts``), every comment
is shown at its field and on the review page (``comments``), and the next
exported revision records the notice it answers (``desktop.package.export``).
The file format is described in docs/desk-outputs.md.
"""

from .notice_file import (FORMAT, MAX_BYTES, VERSION, CorrectionNotice, NoticeComment, NoticeError, load_notice,
                          load_notice_bytes, notice_json, parse_notice)

__all__ = ["FORMAT", "MAX_BYTES", "VERSION", "CorrectionNotice", "NoticeComment", "NoticeError", "load_notice",
           "load_notice_bytes", "notice_json", "parse_notice"]
