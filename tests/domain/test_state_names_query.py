"""A query names States in any of the three languages (domain.state_names, one source)."""

from __future__ import annotations

import pytest

from casework.domain.state_names import every_name, states_in_query


@pytest.mark.parametrize(
    ("query", "codes", "rest"),
    [
        ("Cambodge", ["KHM"], []),
        ("Soudan du Sud", ["SSD"], []),
        ("Sudán del Sur déminage", ["SSD"], ["déminage"]),
        ("Soudan", ["SDN"], []),
        ("Turkey", ["TUR"], []),
        ("TÜRKIYE", ["TUR"], []),
        ("Turquía y Camboya", ["TUR", "KHM"], ["y"]),
        ("Côte d'Ivoire", ["CIV"], []),
        ("cote d ivoire", ["CIV"], []),
        ("mine action centre", [], ["mine", "action", "centre"]),
    ],
)
def test_states_in_query(query, codes, rest):
    assert states_in_query(query) == (codes, rest)


def test_every_name_holds_the_three_languages_and_former_names():
    names = every_name("TUR")
    assert {"Türkiye", "Turkey", "Turquie", "Turquía"} <= set(names)
    assert len(names) == len(set(names))
    assert {"Cambodia", "Cambodge", "Camboya"} <= set(every_name("KHM"))
