"""The command line's parser in Chinese: argparse's own words (usage, options, its errors) are English.

Python ships no Chinese catalogue for argparse, so the few things it says are
put in Chinese here: the usage prefix and section titles of the help, the
-h option, and the errors a mistyped command meets (a missing argument, an
unknown option, a value missing or of the wrong type).  An error argparse
words differently is reported as "命令行参数有误" with the usage, never in
English.
"""

from __future__ import annotations

import argparse
import re
import sys

_ERRORS = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "不认识的参数：{0}"),
    (r"argument (.+?): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (.+?): expected at least one argument", "参数 {0} 后面至少需要一个值"),
    (r"argument (.+?): invalid choice: '?(.+?)'? \(choose from (.+)\)", "参数 {0} 不能是 {1}，可以是：{2}"),
    (r"argument (.+?): invalid \w+ value: '?(.*?)'?$", "参数 {0} 的值“{1}”格式不对"),
    (r"argument (.+?): not allowed with argument (.+)", "参数 {0} 不能与 {1} 同时使用"),
    (r"argument (.+?): ignored explicit argument '?(.*?)'?$", "参数 {0} 不带值，却给了“{1}”"),
    (r"ambiguous option: (.+?) could match (.+)", "选项 {0} 不明确，可能是：{1}"),
)


def chinese_error(message: str) -> str:
    for pattern, text in _ERRORS:
        found = re.fullmatch(pattern, message.strip())
        if found:
            return text.format(*found.groups())
    return "命令行参数有误"


class ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 (argparse API)
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """argparse.ArgumentParser speaking Chinese; its sub-commands' parsers are made of the same class."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelp)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本说明后退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{chinese_error(message)}。用 {self.prog} -h 查看用法。\n")
