"""Which State each passage of a document about several States is about.

A Committee report or a global Monitor chapter speaks of many States in turn. A passage is
about the States it names; a passage that names none is about the topic of its section: the
State named by the last heading that names exactly one, or else by the last passage that
named exactly one. A passage naming other States is also about the section's topic ("In
Angola ... It received support from Norway" stays under Angola).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from casework.core.gate import View
from casework.core.model import PassageKind

MAX_STATES = 80  # a document naming more is a list of States, not a report on each


def passages_by_state(passage_views: Sequence[View]) -> dict[str, list[View]]:
    """For each State mentioned, the passages about it, in document order."""
    out: dict[str, list[View]] = defaultdict(list)
    heading_topic: str | None = None
    topic: str | None = None
    for view in passage_views:
        named = list(dict.fromkeys(m.code for m in view.states))
        if view.passage.kind is PassageKind.HEADING:
            if len(named) == 1:
                heading_topic = topic = named[0]
            elif named:
                heading_topic = topic = None
            continue
        about = set(named)
        if topic is not None:
            about.add(topic)
        for code in about:
            out[code].append(view)
        if heading_topic is None and len(named) == 1:
            topic = named[0]
    if len(out) > MAX_STATES:
        ranked = sorted(out, key=lambda c: -len(out[c]))[:MAX_STATES]
        return {c: out[c] for c in ranked}
    return dict(out)
