"""Where faults go: Qt's own warnings and exceptions in worker threads reach the kiosk's log.

The main thread's exceptions go to `Kiosk.excepthook` (log, then start over); these two cover what
would otherwise only reach stderr, which nobody reads on a kiosk.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

qt_log = logging.getLogger("kiosk.qt")
thread_log = logging.getLogger("kiosk.thread")
LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
MainHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """A qWarning() and the like from Qt itself, logged at the matching level with its category."""
    category = context.category or "qt"
    where = f" ({context.file}:{context.line})" if context.file else ""
    qt_log.log(LEVELS.get(kind, logging.WARNING), "%s: %s%s", category, message, where)


def log_thread_exception(args: threading.ExceptHookArgs) -> None:
    """An exception that ended a worker thread (the statistics writer, say): logged with its traceback."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    trace = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
    thread_log.critical("unexpected error in %s:\n%s", name, trace)


def install(main_hook: MainHook) -> None:
    """Route the main thread's exceptions to `main_hook`, and Qt's messages and thread exceptions to the log."""
    sys.excepthook = main_hook
    threading.excepthook = log_thread_exception
    qInstallMessageHandler(log_qt_message)
