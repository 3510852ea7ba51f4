"""Each test starts in English, whatever language an earlier request switched to."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    with translation.override("en"):
        yield
