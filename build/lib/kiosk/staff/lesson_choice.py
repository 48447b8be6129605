"""Which lessons the kiosk offers and in what order: the staff's choice, kept as the `lessons` setting.

Plain Python. The setting is lesson ids separated by commas; ids no longer in the content folder are
dropped, and when none of them is known every lesson is offered (a copied settings file never leaves a
kiosk with nothing to show). At least one lesson always stays shown.
"""

from __future__ import annotations


def parse(setting: str) -> list[str]:
    """The ids of a `lessons` setting, in order, each once."""
    return list(dict.fromkeys(part.strip() for part in setting.split(",") if part.strip()))


def shown(setting: str, available: list[str]) -> list[str]:
    """The lessons offered: the chosen ones still there, in the chosen order; all when none is known."""
    chosen = [lesson for lesson in parse(setting) if lesson in available]
    return chosen or list(available)


def rows(setting: str, available: list[str]) -> list[tuple[str, bool]]:
    """What the staff screen lists: the shown lessons in their order, then the hidden ones."""
    offered = shown(setting, available)
    return [(lesson, True) for lesson in offered] + [(lesson, False) for lesson in available if lesson not in offered]


def toggle(setting: str, available: list[str], lesson: str) -> str:
    """Show a hidden lesson (at the end) or hide a shown one (never the last one); the new setting."""
    offered = shown(setting, available)
    if lesson in offered:
        if len(offered) > 1:
            offered.remove(lesson)
    elif lesson in available:
        offered.append(lesson)
    return ",".join(offered)


def move_up(setting: str, available: list[str], lesson: str) -> str:
    """Move a shown lesson one place earlier; the new setting."""
    offered = shown(setting, available)
    if lesson in offered:
        index = offered.index(lesson)
        if index > 0:
            offered[index - 1], offered[index] = offered[index], offered[index - 1]
    return ",".join(offered)
