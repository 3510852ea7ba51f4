"""Shared fixtures: a State with reviewed findings for 2025."""

import pytest

from casework.observations.tests.reviewed import reviewed_state


@pytest.fixture
def reviewed(owner, support):
    return reviewed_state("SEN", 2025, support)
