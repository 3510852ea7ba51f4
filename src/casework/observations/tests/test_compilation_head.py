"""The compilation carries the UN title block, the Committee as author, and a draft
marking while it includes an observation that is not agreed."""

import pytest

from casework.observations.compilation import build_compilation
from casework.observations.models import Observation
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


def _observation(iso3: str, status: str) -> Observation:
    return Observation.objects.create(
        state=StateParty.objects.get(iso3=iso3), year=2025, status=status
    )


def test_agreed_only_is_not_a_draft_and_names_the_committee():
    _observation("SEN", Observation.Status.AGREED)
    spec = build_compilation(2025, language="es")
    assert not spec.draft
    assert spec.head is not None and spec.head.original_language == "en"
    assert spec.author == "Comité sobre la Mejora de la Cooperación y la Asistencia"


def test_drafts_make_the_compilation_a_draft():
    _observation("SEN", Observation.Status.AGREED)
    _observation("TCD", Observation.Status.DRAFT)
    assert build_compilation(2025, language="fr", include_drafts=True).draft
    assert not build_compilation(2025, language="fr").draft
