"""The failures a person can act on — bad input, a store this version cannot use, a verdict
that breaks a rule, a full or read-only disk — and their message. The command line, the
dialogs and the Processing algorithms show these as a message, never as a traceback; anything
else is a bug."""

from __future__ import annotations

from .errors import FarmlandGuardError
from .language import say

EXPECTED = (FarmlandGuardError, OSError)


def message(error: BaseException) -> str:
    """What went wrong, in the reader's language: the error's own message, or for the
    operating system's errors the file and the reason."""
    if isinstance(error, OSError) and error.strerror:
        if error.filename:
            return say("cannot use {path}: {reason}", "无法使用 {path}：{reason}",
                       path=error.filename, reason=error.strerror)
        return error.strerror
    return str(error)


def unexpected(error: BaseException) -> str:
    """The message for a bug: plain words; the details go to the log."""
    return say("farmland_guard failed unexpectedly ({kind}: {error}) and changed nothing; this "
               "is a bug: please report it with the file you were importing",
               "farmland_guard 意外出错（{kind}：{error}），未做任何更改；这是程序缺陷，请连同"
               "所导入的文件一并报告", kind=type(error).__name__, error=error)
