"""Serializers of the open data API: published data only, read-only."""

from __future__ import annotations

from rest_framework import serializers

from casework.funding.models import Contribution, Donor
from casework.states.models import StateParty


class StatePartySerializer(serializers.ModelSerializer):
    class Meta:
        model = StateParty
        fields = [
            "iso3",
            "name_en",
            "name_fr",
            "name_es",
            "date_signed",
            "date_consent",
            "date_entry_into_force",
            "withdrawal_effective",
            "article5_status",
            "article5_deadline",
            "article4_status",
            "source",
        ]


class DonorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donor
        fields = ["name", "kind", "iso3"]


class ContributionSerializer(serializers.ModelSerializer):
    donor = DonorSerializer()
    duplicate_of = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

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


class SubmissionSerializer(serializers.Serializer):
    """An Article 7 report's submission date (compliance app)."""

    state = serializers.CharField(source="state.iso3")
    year = serializers.IntegerField()
    submitted_at = serializers.DateField()
    source = serializers.CharField()


class ObservationSerializer(serializers.Serializer):
    """Published preliminary observations (observations app), text per language."""

    state = serializers.CharField(source="state.iso3")
    year = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    texts = serializers.SerializerMethodField()

    def get_texts(self, observation) -> dict[str, str]:
        return {item.language: item.text for item in observation.texts.all()}
