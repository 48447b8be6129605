"""Plain-language advice on a validated lesson, each naming the PEMAT-P item it serves. No Qt."""

from __future__ import annotations

from kiosk.content.advice.engine import advise, advise_languages
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.report import format_report

__all__ = ["ContentAdvice", "advise", "advise_languages", "format_report"]
