"""Thin Qt widgets: they draw what they are given and emit signals. No file I/O, no scoring."""

from __future__ import annotations
