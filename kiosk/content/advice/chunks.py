"""Short sections with informative headers (PEMAT-P 8 and 9): a slide's body and heading within their limits."""

from __future__ import annotations

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import SENTENCES_PER_SLIDE, length, paragraph_text, sentences
from kiosk.core.i18n import _

CHUNK_ITEM, HEADER_ITEM = 8, 9


def long_bodies(context: Context) -> list[ContentAdvice]:
    """A slide body over about 120 characters (Japanese) or 45 words, or over four sentences besides its list."""
    profile = context.profile
    found: list[ContentAdvice] = []
    for slide in context.slides:
        size = length(slide.body_text, profile)
        count = len(sentences(paragraph_text(slide), profile))
        why = []
        if size > profile.body_max:
            why.append(
                _("{size} {unit} (about {most} fit a slide)").format(
                    size=size, unit=_(profile.unit), most=profile.body_max
                )
            )
        if count > SENTENCES_PER_SLIDE:
            why.append(_("{count} sentences besides its list (two to four read well)").format(count=count))
        if why:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    slide.line,
                    "slide-body",
                    CHUNK_ITEM,
                    _("slide {id!r} holds {what}: shorten it or give the idea two slides").format(
                        id=slide.id, what=_(" and ").join(why)
                    ),
                )
            )
    return found


def weak_headings(context: Context) -> list[ContentAdvice]:
    """A heading over about 20 characters (8 words), or the same heading on two slides, does not guide."""
    profile = context.profile
    found: list[ContentAdvice] = []
    seen: dict[str, str] = {}
    for slide in context.slides:
        size = length(slide.heading, profile)
        if size > profile.heading_max:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    context.deck.line_of(slide.heading, slide.line),
                    "heading",
                    HEADER_ITEM,
                    _("the heading of slide {id!r} has {size} {unit}: about {most} read at a glance").format(
                        id=slide.id, size=size, unit=_(profile.unit), most=profile.heading_max
                    ),
                )
            )
        if slide.heading in seen:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    context.deck.line_of(slide.heading, slide.line),
                    "heading",
                    HEADER_ITEM,
                    _("slides {first!r} and {id!r} have the same heading: say what each one adds").format(
                        first=seen[slide.heading], id=slide.id
                    ),
                )
            )
        seen.setdefault(slide.heading, slide.id)
    return found
