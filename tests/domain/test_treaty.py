import datetime as dt

import pytest

from casework.domain.languages import LANGUAGES
from casework.domain.treaty import APMBC, TREATY, Treaty


def test_the_treaty_served_is_the_mine_ban_convention():
    assert TREATY is APMBC
    assert TREATY.code == "APMBC"
    assert "Anti-Personnel Mines" in TREATY.name("en")
    assert (
        TREATY.short_name("fr")
        == "la Convention sur l'interdiction des mines antipersonnel"
    )
    for texts in (TREATY.names, TREATY.short_names, *TREATY.articles.values()):
        assert set(texts) == set(LANGUAGES)


@pytest.mark.parametrize("year", [2020, 2025, 2026, 2030])
def test_article7_report_is_due_on_30_april(year):
    assert TREATY.report_deadline(year) == dt.date(year, 4, 30)


def test_report_deadline_2026():
    assert TREATY.report_deadline(2026) == dt.date(2026, 4, 30)
    assert TREATY.report_article == 7


@pytest.mark.parametrize(
    ("consent", "in_force"),
    [
        # Article 17: the first day of the sixth month after the month of deposit.
        (dt.date(1998, 9, 16), dt.date(1999, 3, 1)),  # the Convention's own 40th
        (dt.date(2025, 7, 15), dt.date(2026, 1, 1)),
        (dt.date(2025, 6, 30), dt.date(2025, 12, 1)),
        (dt.date(2025, 1, 1), dt.date(2025, 7, 1)),
        (dt.date(2024, 12, 31), dt.date(2025, 6, 1)),
    ],
)
def test_entry_into_force_under_article_17(consent, in_force):
    assert TREATY.entry_into_force(consent) == in_force


def test_article5_clearance_deadline_is_ten_years_after_entry_into_force():
    assert TREATY.deadline("clearance", dt.date(1999, 3, 1)) == dt.date(2009, 3, 1)
    assert TREATY.deadline("clearance", dt.date(2026, 1, 1)) == dt.date(2036, 1, 1)
    # 29 February has no anniversary ten years later.
    assert TREATY.deadline("clearance", dt.date(2004, 2, 29)) == dt.date(2014, 2, 28)


def test_article4_stockpile_deadline_is_four_years():
    assert TREATY.deadline("stockpile_destruction", dt.date(1999, 3, 1)) == dt.date(
        2003, 3, 1
    )
    assert TREATY.deadline("transparency", dt.date(1999, 3, 1)) is None
    assert TREATY.deadline("no_such_obligation", dt.date(1999, 3, 1)) is None


def test_articles_have_titles():
    assert (
        TREATY.article_title(5, "en")
        == "Destruction of anti-personnel mines in mined areas"
    )
    assert TREATY.article_title(7, "fr") == "Mesures de transparence"
    assert TREATY.article_title(6, "es") == "Cooperación y asistencia internacionales"
    assert {o.article for o in TREATY.obligations} <= set(TREATY.articles)


def test_report_forms_come_from_the_data_file():
    forms = TREATY.report_forms()
    codes = [f.code for f in forms]
    assert {"A", "J"} <= set(codes)
    assert len(codes) == len(set(codes))
    assert all(f.title for f in forms)


def test_a_second_treaty_is_data_not_code():
    ccm = Treaty(
        code="CCM",
        names={"en": "Convention on Cluster Munitions"},
        short_names={"en": "the Convention on Cluster Munitions"},
        articles={4: {"en": "Clearance and destruction of cluster munition remnants"}},
        obligations=(),
        report_due=(4, 30),
        report_article=7,
    )
    assert ccm.name("fr") == "Convention on Cluster Munitions"  # English fallback
    assert ccm.report_deadline(2026) == dt.date(2026, 4, 30)
    assert ccm.report_forms() == ()
    assert ccm.deadline("clearance", dt.date(2010, 8, 1)) is None
