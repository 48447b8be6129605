"""The content engine: Markdown files in, plain data out. No Qt here."""

from __future__ import annotations
