"""The treaty's rules for who is a party on a day and when the initial report is due."""

import datetime as dt

import pytest

from casework.domain.treaty import TREATY

IN_FORCE = dt.date(2004, 11, 1)
WITHDRAWAL = dt.date(2025, 12, 27)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2004, 10, 31), False),  # the day before entry into force
        (IN_FORCE, True),
        (dt.date(2025, 12, 26), True),  # the last day before the withdrawal
        (WITHDRAWAL, False),
        (dt.date(2030, 1, 1), False),
    ],
)
def test_a_state_is_a_party_from_entry_into_force_until_its_withdrawal(day, expected):
    assert (
        TREATY.is_party(day, entry_into_force=IN_FORCE, withdrawal_effective=WITHDRAWAL)
        is expected
    )


def test_nobody_is_a_party_before_the_treaty_itself_entered_into_force():
    assert TREATY.in_force_since == dt.date(1999, 3, 1)
    assert TREATY.is_party(dt.date(1999, 2, 28), entry_into_force=None) is False
    assert TREATY.is_party(dt.date(2010, 1, 1), entry_into_force=None) is None


def test_the_initial_report_is_due_180_days_after_entry_into_force():
    assert TREATY.initial_report_days == 180
    assert TREATY.initial_report_due(dt.date(2025, 12, 1)) == dt.date(2026, 5, 30)
    assert TREATY.initial_report_due(dt.date(2025, 9, 1)) == dt.date(2026, 2, 28)
