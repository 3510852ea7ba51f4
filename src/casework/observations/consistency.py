"""The consistency check: a draft may not say two things that cannot both be true.

It refuses a text that says a State gave no information on an indicator and also cites
information on it (a sentence saying it provided it, the Committee's records, the
platform register), or that encourages the State to keep a national platform while the
register says it has one. With the `Knowledge` the draft rests on, it also refuses a
text that says "no information" where the Committee's records hold some.

The sentence shapes are those of `wording.py` and `register.py`, so the check reads the
generated texts and the editors' texts alike, in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from casework.domain.indicators import INDICATORS, Indicator
from casework.domain.languages import pick
from casework.observations import register, wording
from casework.observations.knowledge import Knowledge


@dataclass(frozen=True, slots=True)
class Contradiction:
    language: str
    code: str
    message: str


def _between(template: str, left: str, right: str) -> str:
    """The fixed words of a sentence between two of its placeholders."""
    return template.split(left, 1)[1].split(right, 1)[0]


def _segments(text: str, marker: str, *, not_after: str = "") -> list[str]:
    """The text after each `marker` up to the end of its sentence."""
    found = []
    for match in re.finditer(re.escape(marker), text):
        if not_after and text[: match.start()].endswith(not_after):
            continue
        rest = text[match.end() :]
        found.append(re.split(r"\.(?:\s|$)", rest, maxsplit=1)[0])
    return found


def _markers(table: dict[str, tuple[str, str]], language: str) -> list[str]:
    return sorted({_between(t, "{subject}", "{topics}") for t in pick(table, language)})


def _denied(text: str, language: str) -> str:
    return " ".join(
        s
        for marker in _markers(wording.NOT_REPORTED, language)
        for s in _segments(text, marker)
    )


def _affirmed(text: str, language: str) -> str:
    # Spanish "no proporcionó" contains "proporcionó": skip a marker after "no".
    segments = [
        s
        for marker in _markers(wording.REPORTED, language)
        for s in _segments(text, marker, not_after=" no")
    ]
    recorded = pick(wording.RECORDED, language).split("{topics}", 1)[0]
    segments += _segments(text, recorded)
    return " ".join(segments)


def _register_says(text: str, language: str) -> tuple[bool, bool]:
    """(the register is cited at all, it says the State has a platform)."""
    opening = pick(register.HAS_PLATFORM, language)[0].split("{s}", 1)[0].strip()
    has = [
        _between(t, "{s}", "{t}").strip() for t in pick(register.HAS_PLATFORM, language)
    ]
    return opening in text, any(h in text for h in has)


def _found(topic: str, segment: str) -> bool:
    return bool(topic) and topic in segment


def _say(indicator: Indicator, language: str, why: str) -> Contradiction:
    return Contradiction(language, indicator.code, why)


def contradictions(
    text: str, language: str, *, knowledge: Knowledge | None = None
) -> list[Contradiction]:
    """What in `text` cannot be true at once (empty when the text is consistent)."""
    denied = _denied(text, language)
    affirmed = _affirmed(text, language)
    register_cited, has_platform = _register_says(text, language)
    informed = knowledge.informed if knowledge is not None else set()
    found: list[Contradiction] = []
    for indicator in INDICATORS:
        topic = indicator.topic(language)
        label = indicator.label(language)
        if _found(topic, denied):
            if _found(topic, affirmed):
                found.append(
                    _say(
                        indicator,
                        language,
                        _(
                            "It says the State gave no information on “%(topic)s” "
                            "and also that it did."
                        )
                        % {"topic": label},
                    )
                )
            elif indicator.code == "national_platform" and register_cited:
                found.append(
                    _say(
                        indicator,
                        language,
                        _(
                            "It says the State gave no information on “%(topic)s” "
                            "but cites the register of national platforms."
                        )
                        % {"topic": label},
                    )
                )
            elif indicator.code in informed:
                found.append(
                    _say(
                        indicator,
                        language,
                        _(
                            "It says the State gave no information on “%(topic)s”, "
                            "but the Committee holds information on it."
                        )
                        % {"topic": label},
                    )
                )
        if (
            indicator.code == "national_platform"
            and has_platform
            and indicator.encouragement(language) in text
        ):
            found.append(
                _say(
                    indicator,
                    language,
                    _(
                        "It encourages the State to keep a national platform and "
                        "says it has one."
                    ),
                )
            )
    return found
