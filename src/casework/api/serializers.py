"""Serializers of the open data API: published data only, read-only.

Indicator codes, themes and languages are enumerated from `casework.domain`, so the
OpenAPI description lists exactly the codes every other part of Casework uses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from casework.api import schema as _schema  # noqa: F401  (registers IndicatorCode)
from casework.domain.indicators import CODES, THEMES, Indicator
from casework.domain.languages import LANGUAGES
from casework.funding.models import Contribution, Donor
from casework.observations.models import Observation
from casework.states.models import StateParty
from casework.states.services import is_party


def per_language(description: str) -> dict[str, Any]:
    """The JSON schema of a {language: text} object with every language Casework writes."""
    return {
        "type": "object",
        "description": description,
        "properties": {language: {"type": "string"} for language in LANGUAGES},
        "required": list(LANGUAGES),
        "additionalProperties": False,
    }


@extend_schema_field(per_language("The text in each language."))
class PerLanguageField(serializers.DictField):
    """{language: text}, one key per language of `casework.domain.languages`."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=serializers.CharField(), **kwargs)


class IndicatorCodeField(serializers.ChoiceField):
    """One of `casework.domain.indicators.CODES`; in the schema, `IndicatorCode`
    (casework.api.schema)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=CODES, **kwargs)


class StatePartySerializer(serializers.ModelSerializer[StateParty]):
    """A State Party; dates as the sources give them ("unknown" when they don't, "" when
    not applicable). `is_party` answers for the day `on` (the request's `?on=`, or today)."""

    on = serializers.SerializerMethodField(
        help_text="The day `is_party` answers for (the `on` parameter, or today)."
    )
    is_party = serializers.SerializerMethodField(
        help_text="Whether the State was bound by the Convention on `on`: from entry "
        "into force until the day before its withdrawal takes effect; null when the "
        "sources do not say."
    )

    class Meta:
        model = StateParty
        fields = [
            "iso3",
            "name_en",
            "name_fr",
            "name_es",
            "date_signed",
            "date_consent",
            "consent_method",
            "date_entry_into_force",
            "withdrawal_notified",
            "withdrawal_effective",
            "on",
            "is_party",
            "article5_status",
            "article5_status_detail",
            "article5_deadline",
            "article4_status",
            "article4_status_detail",
            "source",
            "confidence",
        ]

    def _day(self) -> dt.date:
        day = self.context.get("on")
        return day if isinstance(day, dt.date) else timezone.localdate()

    @extend_schema_field(serializers.DateField())
    def get_on(self, state: StateParty) -> str:
        return self._day().isoformat()

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_is_party(self, state: StateParty) -> bool | None:
        return is_party(state, self._day())


class DonorSerializer(serializers.ModelSerializer[Donor]):
    class Meta:
        model = Donor
        fields = ["name", "kind", "iso3"]


class ContributionSerializer(serializers.ModelSerializer[Contribution]):
    donor = DonorSerializer()
    duplicate_of: serializers.PrimaryKeyRelatedField[Contribution] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "year",
            "donor",
            "recipient_iso3",
            "amount",
            "currency",
            "amount_usd",
            "rate_used",
            "sector",
            "channel",
            "status",
            "source",
            "source_reference",
            "duplicate_of",
            "description",
        ]


class SubmissionSerializer(serializers.Serializer[Any]):
    """An Article 7 report's submission date (compliance app)."""

    state = serializers.CharField(source="state.iso3")
    year = serializers.IntegerField()
    submitted_at = serializers.DateField()
    # A field named `source` shadows DRF's `Field.source` attribute in the stubs' eyes;
    # at run time it is a declared field, as in every serializer.
    source = serializers.CharField()  # type: ignore[assignment]


class ObservationSerializer(serializers.Serializer[Observation]):
    """Published preliminary observations (observations app), text per language."""

    state = serializers.CharField(source="state.iso3")
    year = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    indicators = serializers.ListField(
        child=IndicatorCodeField(),
        source="reported_codes",
        help_text="Codes of the indicators the observations rest on (see /api/indicators/).",
    )
    texts = serializers.SerializerMethodField()

    @extend_schema_field(per_language("The published text in each language."))
    def get_texts(self, observation: Observation) -> dict[str, str]:
        return {item.language: item.text for item in observation.texts.all()}

    def to_representation(self, instance: Observation) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        # Codes no longer in the checklist are left out rather than published unknown.
        data["indicators"] = [code for code in data["indicators"] if code in CODES]
        return data


class IndicatorSerializer(serializers.Serializer[Indicator]):
    """One of the Committee's indicators, from `casework.domain.indicators`."""

    code = IndicatorCodeField()
    position = serializers.SerializerMethodField()
    theme = serializers.ChoiceField(choices=[theme.code for theme in THEMES])
    labels = PerLanguageField(help_text="The short label in each language.")
    affected_only = serializers.BooleanField(
        help_text="Only for States with clearance obligations under Article 5."
    )

    def get_position(self, indicator: Indicator) -> int:
        """1 for the first indicator of the checklist."""
        return CODES.index(indicator.code) + 1
