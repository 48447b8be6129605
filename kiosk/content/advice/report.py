"""The automatic part of a PEMAT-P score: the items a program can judge, agreed or not, and why."""

from __future__ import annotations

from kiosk.content.advice.items import AUTOMATIC, ITEMS
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.structure import VERY_SHORT
from kiosk.core.i18n import N_, _

NOT_APPLICABLE = N_("n/a")
RATINGS = (N_("agree"), N_("disagree"), N_("understandability"), N_("actionability"))  # shown through _()


def item_ratings(advice: list[ContentAdvice], slide_count: int) -> dict[int, str]:
    """`agree`, `disagree` or `n/a` per automatic item (PEMAT-P: 8, 9 and 11 are N/A for very short material)."""
    against = {entry.item for entry in advice}
    ratings: dict[int, str] = {}
    for number in AUTOMATIC:
        if number in (8, 9, 11) and slide_count < VERY_SHORT:
            ratings[number] = NOT_APPLICABLE
        else:
            ratings[number] = "disagree" if number in against else "agree"
    if ratings[20] == "disagree":
        ratings[22] = "disagree"  # no action, so none is broken into steps
    return ratings


def _share(ratings: dict[int, str], domain: str) -> tuple[int, int]:
    rated = [r for n, r in ratings.items() if ITEMS[n].domain == domain and r != NOT_APPLICABLE]
    return sum(r == "agree" for r in rated), len(rated)


def format_report(language: str, advice: list[ContentAdvice], slide_count: int) -> list[str]:
    """Lines of the report for one language."""
    ratings = item_ratings(advice, slide_count)
    lines = [
        _("{language}: PEMAT-P, the items a program can judge (a person scores the others)").format(language=language)
    ]
    for number, rating in ratings.items():
        count = sum(entry.item == number for entry in advice)
        why = _(" ({count} advice)").format(count=count) if count else ""
        lines.append(f"  {number:>2} {_(ITEMS[number].text)}: {_(rating)}{why}")
    for domain in ("understandability", "actionability"):
        agreed, rated = _share(ratings, domain)
        percent = f"{agreed * 100 // rated} %" if rated else _(NOT_APPLICABLE)
        manual = [n for n, item in ITEMS.items() if item.domain == domain and n not in ratings]
        lines.append(
            _("  {domain}: {agreed}/{rated} automatic items agree ({percent}); score by hand: {manual}").format(
                domain=_(domain), agreed=agreed, rated=rated, percent=percent, manual=", ".join(map(str, manual))
            )
        )
    return lines
