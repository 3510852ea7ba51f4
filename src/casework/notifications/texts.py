"""The words of each notification, in the recipient's language (EN/FR/ES).

Texts are written when shown or e-mailed, from the notification's `params`, inside
`translation.override(language)`; dates go through `domain.locale`, State names
through `domain.state_names`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.domain import locale, state_names
from casework.domain.languages import normalise
from casework.notifications.models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class Text:
    subject: str
    body: str


def _state(params: dict[str, Any], language: str) -> str:
    iso3 = str(params.get("iso3", ""))
    try:
        return state_names.short_name(iso3, language)
    except KeyError:
        return iso3


def _of_state(params: dict[str, Any], language: str) -> str:
    """ "of Senegal", "du Sénégal", "del Senegal"."""
    iso3 = str(params.get("iso3", ""))
    try:
        return state_names.forms(iso3, language).of
    except KeyError:
        return iso3


def _date(value: object, language: str) -> str:
    try:
        return locale.format_date(dt.date.fromisoformat(str(value)), language)
    except ValueError:
        return str(value)


def _values(params: dict[str, Any], language: str) -> dict[str, object]:
    return {
        "state": _state(params, language),
        "of_state": _of_state(params, language),
        "year": params.get("year", ""),
        "version": params.get("version", 1),
        "who": params.get("actor", ""),
        "on": _date(params.get("on", ""), language),
        "due": _date(params.get("due", ""), language),
        "days": params.get("days", ""),
        "count": params.get("count", ""),
        "document": params.get("document", ""),
        "note": params.get("note", ""),
    }


def _report_text(kind: str, params: dict[str, Any], v: dict[str, object]) -> Text:
    if kind == Kind.CLEARANCE_REQUESTED:
        body = _(
            "%(who)s sent the %(year)s Article 7 report %(of_state)s (version "
            "%(version)s) for clearance on %(on)s. Please read it, then clear it or "
            "return it to draft with a note."
        )
        if params.get("support_unit"):
            body += " " + _(
                "It comes to the support unit: the State has no other active focal "
                "point, or chose the support unit to clear its reports."
            )
        return Text(
            _("%(state)s, Article 7 report %(year)s: waiting for your clearance") % v,
            body % v,
        )
    if kind == Kind.REPORT_CLEARED:
        return Text(
            _("%(state)s, Article 7 report %(year)s: cleared") % v,
            _(
                "%(who)s cleared the %(year)s Article 7 report %(of_state)s on %(on)s. "
                "A focal point of the State can now submit it."
            )
            % v,
        )
    if kind == Kind.REPORT_RETURNED:
        body = _(
            "%(who)s returned the %(year)s Article 7 report %(of_state)s to draft on "
            "%(on)s."
        )
        if v["note"]:
            body += " " + _("Their note: “%(note)s”")
        return Text(
            _("%(state)s, Article 7 report %(year)s: returned to draft") % v,
            body % v,
        )
    return Text(
        _("%(state)s, Article 7 report %(year)s: received") % v,
        _(
            "Receipt: the %(year)s Article 7 report %(of_state)s (version %(version)s) "
            "was submitted by %(who)s on %(on)s. It can no longer be changed; a "
            "correction is a new version."
        )
        % v,
    )


def _text(notification: Notification, language: str) -> Text:
    params = dict(notification.params)
    v = _values(params, language)
    kind = notification.kind
    if kind == Kind.FINDINGS_AWAITING_REVIEW:
        return Text(
            _("Findings awaiting review: %(state)s") % v,
            ngettext(
                "The analysis of %(document)s (%(state)s) found %(count)s finding "
                "that awaits review.",
                "The analysis of %(document)s (%(state)s) found %(count)s findings "
                "that await review.",
                int(params.get("count", 0) or 0),
            )
            % v,
        )
    if kind == Kind.DEADLINE_APPROACHING and params.get("deadline") == "initial_report":
        return Text(
            _("%(state)s: the initial Article 7 report is due on %(due)s") % v,
            ngettext(
                "The initial Article 7 report %(of_state)s is due on %(due)s, in "
                "%(days)s day (180 days after the Convention entered into force for "
                "it), and has not been received yet.",
                "The initial Article 7 report %(of_state)s is due on %(due)s, in "
                "%(days)s days (180 days after the Convention entered into force for "
                "it), and has not been received yet.",
                int(params.get("days", 0) or 0),
            )
            % v,
        )
    if kind == Kind.DEADLINE_APPROACHING and params.get("deadline") == "article5":
        return Text(
            _("%(state)s: the Article 5 deadline is %(due)s") % v,
            ngettext(
                "The deadline %(of_state)s to destroy all anti-personnel mines in mined "
                "areas under Article 5 is %(due)s, in %(days)s day. If it cannot be met, "
                "an extension request is due well before it.",
                "The deadline %(of_state)s to destroy all anti-personnel mines in mined "
                "areas under Article 5 is %(due)s, in %(days)s days. If it cannot be met, "
                "an extension request is due well before it.",
                int(params.get("days", 0) or 0),
            )
            % v,
        )
    if kind == Kind.DEADLINE_APPROACHING:
        return Text(
            _("%(state)s: the %(year)s Article 7 report is due on %(due)s") % v,
            ngettext(
                "The %(year)s Article 7 report %(of_state)s is due on %(due)s, in "
                "%(days)s day, and has not been received yet.",
                "The %(year)s Article 7 report %(of_state)s is due on %(due)s, in "
                "%(days)s days, and has not been received yet.",
                int(params.get("days", 0) or 0),
            )
            % v,
        )
    return _report_text(kind, params, v)


def render(notification: Notification, language: str) -> Text:
    """The notification's subject and body in `language`."""
    language = normalise(language)
    with translation.override(language):
        return _text(notification, language)
