"""Short sections with informative headers (PEMAT-P 8 and 9): a slide's body and heading within their limits."""

from __future__ import annotations

from kiosk.content.advice.context import Context
from kiosk.content.advice.model import ContentAdvice
from kiosk.content.advice.text import SENTENCES_PER_SLIDE, length, paragraph_text, sentences

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
            why.append(f"{size} {profile.unit} (about {profile.body_max} fit a slide)")
        if count > SENTENCES_PER_SLIDE:
            why.append(f"{count} sentences besides its list (two to four read well)")
        if why:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    slide.line,
                    "slide-body",
                    CHUNK_ITEM,
                    f"slide {slide.id!r} holds {' and '.join(why)}: shorten it or give the idea two slides",
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
                    f"the heading of slide {slide.id!r} has {size} {profile.unit}: about {profile.heading_max} "
                    "read at a glance",
                )
            )
        if slide.heading in seen:
            found.append(
                ContentAdvice(
                    context.deck.path,
                    context.deck.line_of(slide.heading, slide.line),
                    "heading",
                    HEADER_ITEM,
                    f"slides {seen[slide.heading]!r} and {slide.id!r} have the same heading: say what each one adds",
                )
            )
        seen.setdefault(slide.heading, slide.id)
    return found
