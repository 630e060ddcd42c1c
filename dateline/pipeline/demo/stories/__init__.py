"""Sample wire stories written for the Dateline demo: fiction in the style of space and defence wire copy.

None of this text is copied from a publication. Each beat module holds a list of ``Story`` records; the
renderer in ``dateline.pipeline.demo.render`` turns them into RSS, Atom and NewsML-G2 files with
publication times relative to the moment the demo is first built, and writes the dateline that opens the
body in the house style of each agency ("Astana, Kazakhstan (AFP) July 3, 2024 - …",
"WASHINGTON, July 1 (UPI) -- …", "NEW DELHI, July 3 (IANS) …", "Pasadena CA (JPL) Jun 28, 2024 - …").
"""

from __future__ import annotations

from dateline.pipeline.demo.stories import industry, life, mars, military, moon, offtopic, outer
from dateline.pipeline.demo.stories.base import Story

STORIES: list[Story] = [
    *military.STORIES, *industry.STORIES, *mars.STORIES, *moon.STORIES, *outer.STORIES, *life.STORIES,
    *offtopic.STORIES,
]

# Later versions of stories above (an update and a correction), delivered after the first wire files.
UPDATES: list[Story] = offtopic.UPDATES

__all__ = ["STORIES", "UPDATES", "Story"]
