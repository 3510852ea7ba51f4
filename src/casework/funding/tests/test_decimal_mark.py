"""A file's decimal mark: chosen, shown by its numbers, or left undecided."""

import pytest

from casework.funding.decimal_mark import decide, shown_by


@pytest.mark.parametrize(
    ("cell", "mark"),
    [
        ("823,4", ","),
        ("1 234,5", ","),
        ("1.234,56", ","),
        ("10.75", "."),
        ("1,234,567", "."),
        ("1,234", None),  # either
        ("1.234", None),
        ("1500000", None),
        ("1 593 487", None),
        ("abc", None),
    ],
)
def test_a_cell_shows_a_mark_only_when_one_mark_alone_reads_it(cell, mark):
    assert shown_by(cell) == mark


def test_the_form_wins_then_the_numbers_then_the_separator():
    assert decide(["10.75"], chosen=",").mark == ","
    assert decide(["1,234", "823,4"], delimiter=",").mark == ","
    assert decide(["1,234", "10.75"], delimiter=";").mark == "."
    assert decide(["1,234"], delimiter=";").mark == ","
    assert decide(["1,234"], delimiter=",").mark is None
    assert decide(["823,4", "10.75"]).mark is None


def test_an_undecided_mark_refuses_an_ambiguous_cell_and_reads_the_rest():
    mark = decide([], delimiter=",")
    assert mark.read("1 593 487") == 1593487
    with pytest.raises(ValueError, match="could be 1234 or 1.234"):
        mark.read("1,234")
