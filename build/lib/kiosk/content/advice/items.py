"""The PEMAT-P items (AHRQ's Patient Education Materials Assessment Tool, printable materials).

17 understandability items (1-12, 15-19; 13 and 14 are for audiovisual material only) and 7 actionability
items (20-26). Each advice names the item it serves; `AUTOMATIC` are the items a program can judge.
"""

from __future__ import annotations

from typing import NamedTuple


class Item(NamedTuple):
    number: int
    domain: str  # "understandability" or "actionability"
    text: str


ITEMS: dict[int, Item] = {
    item.number: item
    for item in (
        Item(1, "understandability", "makes its purpose completely evident"),
        Item(2, "understandability", "includes nothing that distracts from its purpose"),
        Item(3, "understandability", "uses common, everyday language"),
        Item(4, "understandability", "uses medical terms only to familiarise, and defines them"),
        Item(5, "understandability", "uses the active voice"),
        Item(6, "understandability", "numbers are clear and easy to understand"),
        Item(7, "understandability", "does not expect the user to calculate"),
        Item(8, "understandability", "breaks information into short sections"),
        Item(9, "understandability", "sections have informative headers"),
        Item(10, "understandability", "presents information in a logical sequence"),
        Item(11, "understandability", "provides a summary"),
        Item(12, "understandability", "uses visual cues to draw attention to key points"),
        Item(15, "understandability", "uses visual aids whenever they make content easier to understand"),
        Item(16, "understandability", "visual aids reinforce rather than distract"),
        Item(17, "understandability", "visual aids have clear titles or captions"),
        Item(18, "understandability", "illustrations are clear and uncluttered"),
        Item(19, "understandability", "tables are simple, with short, clear headings"),
        Item(20, "actionability", "identifies at least one action the user can take"),
        Item(21, "actionability", "addresses the user directly when describing actions"),
        Item(22, "actionability", "breaks any action into manageable, explicit steps"),
        Item(23, "actionability", "provides a tangible tool where it could help"),
        Item(24, "actionability", "explains how to do any calculation"),
        Item(25, "actionability", "explains how to use charts, graphs or tables to act"),
        Item(26, "actionability", "uses visual aids where they make acting easier"),
    )
}
# Items the advice engine judges; a person scores the others.
AUTOMATIC = (3, 4, 8, 9, 11, 12, 15, 20, 22)


def label(number: int) -> str:
    """`PEMAT-P 4: uses medical terms ...` for the end of an advice line."""
    return f"PEMAT-P {number}: {ITEMS[number].text}"
