"""The PEMAT-P items (AHRQ's Patient Education Materials Assessment Tool, printable materials).

17 understandability items (1-12, 15-19; 13 and 14 are for audiovisual material only) and 7 actionability
items (20-26). Each advice names the item it serves; `AUTOMATIC` are the items a program can judge.
"""

from __future__ import annotations

from typing import NamedTuple

from kiosk.core.i18n import N_, _


class Item(NamedTuple):
    number: int
    domain: str  # "understandability" or "actionability"
    text: str


ITEMS: dict[int, Item] = {
    item.number: item
    for item in (
        Item(1, "understandability", N_("makes its purpose completely evident")),
        Item(2, "understandability", N_("includes nothing that distracts from its purpose")),
        Item(3, "understandability", N_("uses common, everyday language")),
        Item(4, "understandability", N_("uses medical terms only to familiarise, and defines them")),
        Item(5, "understandability", N_("uses the active voice")),
        Item(6, "understandability", N_("numbers are clear and easy to understand")),
        Item(7, "understandability", N_("does not expect the user to calculate")),
        Item(8, "understandability", N_("breaks information into short sections")),
        Item(9, "understandability", N_("sections have informative headers")),
        Item(10, "understandability", N_("presents information in a logical sequence")),
        Item(11, "understandability", N_("provides a summary")),
        Item(12, "understandability", N_("uses visual cues to draw attention to key points")),
        Item(15, "understandability", N_("uses visual aids whenever they make content easier to understand")),
        Item(16, "understandability", N_("visual aids reinforce rather than distract")),
        Item(17, "understandability", N_("visual aids have clear titles or captions")),
        Item(18, "understandability", N_("illustrations are clear and uncluttered")),
        Item(19, "understandability", N_("tables are simple, with short, clear headings")),
        Item(20, "actionability", N_("identifies at least one action the user can take")),
        Item(21, "actionability", N_("addresses the user directly when describing actions")),
        Item(22, "actionability", N_("breaks any action into manageable, explicit steps")),
        Item(23, "actionability", N_("provides a tangible tool where it could help")),
        Item(24, "actionability", N_("explains how to do any calculation")),
        Item(25, "actionability", N_("explains how to use charts, graphs or tables to act")),
        Item(26, "actionability", N_("uses visual aids where they make acting easier")),
    )
}
# Items the advice engine judges; a person scores the others.
AUTOMATIC = (3, 4, 8, 9, 11, 12, 15, 17, 20, 22)  # 17: that each picture has a caption


def label(number: int) -> str:
    """`PEMAT-P 4: uses medical terms ...` for the end of an advice line."""
    return f"PEMAT-P {number}: {_(ITEMS[number].text)}"
