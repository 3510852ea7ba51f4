"""Which action plan a year's report is read against, and which action numbers may be
printed: never one whose confidence in action_plan.csv is low."""

import csv
import itertools
import re
from importlib import resources
from pathlib import Path

import pytest

from casework.domain import action_plans
from casework.domain.action_plans import (
    LINKS,
    PLANS,
    actions,
    in_line_with,
    plan_for_year,
)
from casework.domain.indicators import CODES
from casework.domain.languages import LANGUAGES
from casework.domain.treaty import TREATY

SHARED_COPY = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "action_plan.csv"
)
NUMBER = re.compile(r"(?:#|n° |n\.º )(\d+)")
PLAN_YEARS = re.compile(r"20\d\d[–-]20\d\d")


def csv_rows() -> list[dict[str, str]]:
    text = (
        resources.files("casework.domain")
        .joinpath("data/action_plan.csv")
        .read_text("utf-8")
    )
    return list(csv.DictReader(text.splitlines()))


def confidence(plan: str, number: str) -> str:
    found = [
        r["confidence"]
        for r in csv_rows()
        if r["plan"] == plan and r["action_number"] == number
    ]
    assert found, f"no row {plan} #{number} in action_plan.csv"
    return found[0]


def sample_code_sets() -> list[list[str]]:
    singles = [[c] for c in CODES]
    pairs = [list(p) for p in itertools.combinations(CODES, 2)]
    return [[], *singles, *pairs, list(CODES)]


def test_the_packaged_table_is_the_shared_one():
    if not SHARED_COPY.exists():
        pytest.skip("shared/data is not on this machine")
    packaged = resources.files("casework.domain").joinpath("data/action_plan.csv")
    assert packaged.read_text("utf-8") == SHARED_COPY.read_text(encoding="utf-8")


@pytest.mark.parametrize("year", range(2020, 2025))
def test_2020_to_2024_is_oslo(year):
    assert plan_for_year(year).code == "OAP_2020_2024"


@pytest.mark.parametrize("year", range(2025, 2030))
def test_2025_to_2029_is_siem_reap_angkor(year):
    assert plan_for_year(year).code == "SRAAP_2025_2029"


@pytest.mark.parametrize("year", [1999, 2019, 2030])
def test_no_plan_outside_2020_2029(year):
    assert plan_for_year(year) is None
    assert in_line_with(["challenges"], year, "en") is None


def test_plans_do_not_overlap_and_the_treaty_names_them():
    years = [y for p in PLANS for y in range(p.first_year, p.last_year + 1)]
    assert len(years) == len(set(years))
    assert TREATY.action_plan_codes == tuple(p.code for p in PLANS)
    for plan in PLANS:
        assert set(plan.names) == set(LANGUAGES) == set(plan.of_names)


def test_2024_cites_oslo_with_the_action_number():
    assert in_line_with(["challenges"], 2024, "en") == (
        "in line with Action #42 of the Oslo Action Plan"
    )
    assert in_line_with(["challenges"], 2024, "fr") == (
        "conformément à l'action n° 42 du Plan d'action d'Oslo"
    )
    assert in_line_with(["challenges"], 2024, "es") == (
        "en consonancia con la acción n.º 42 del Plan de Acción de Oslo"
    )
    assert in_line_with(["national_resources", "costed_plan"], 2020, "en") == (
        "in line with Actions #1 and #2 of the Oslo Action Plan"
    )


def test_2025_names_the_siem_reap_angkor_plan_without_numbers():
    text = in_line_with(["challenges"], 2025, "en")
    assert text.startswith(
        "in line with the commitments of the Siem Reap-Angkor Action Plan 2025–2029"
    )
    assert "Oslo" not in text and "#" not in text
    assert "Siem Reap-Angkor" in in_line_with(["challenges"], 2029, "fr")
    assert "Siem Reap-Angkor" in in_line_with(["challenges"], 2027, "es")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("year", range(2025, 2030))
def test_no_action_number_is_ever_printed_for_siem_reap_angkor(year, language):
    for codes in sample_code_sets():
        text = in_line_with(codes, year, language)
        assert text is not None
        assert not re.search(r"\d", PLAN_YEARS.sub("", text)), (codes, text)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("year", [2020, 2024])
def test_printed_oslo_numbers_are_never_low_confidence(year, language):
    printed = set()
    for codes in sample_code_sets():
        text = in_line_with(codes, year, language)
        for number in NUMBER.findall(text):
            level = confidence("OAP_2020_2024", number)
            assert "low" not in level, f"Action #{number} ({level}) printed in {text!r}"
            printed.add(number)
    assert printed  # Oslo numbers known with confidence are printed


def test_low_confidence_links_fall_back_to_the_section():
    # assistance_received links to OAP Action 47, known with low confidence only.
    assert "low" in confidence(
        "OAP_2020_2024", LINKS["OAP_2020_2024"]["assistance_received"]
    )
    text = in_line_with(["assistance_received"], 2022, "en")
    assert "#" not in text
    assert text == (
        "in line with the commitments of the Oslo Action Plan "
        "on international cooperation and assistance"
    )


def test_every_link_points_at_a_row_for_every_indicator():
    table = actions()
    for plan in PLANS:
        links = LINKS[plan.code]
        assert set(links) == set(CODES), plan.code
        missing = [n for n in links.values() if (plan.code, n) not in table]
        assert missing == [], f"{plan.code}: no row for {missing}"


def test_printable_number_reads_the_confidence_column():
    for action in actions().values():
        level = action.confidence
        if action.printable_number is not None:
            assert "low" not in level and action.number.isdigit()
            assert "derived only" not in level
    assert (
        action_plans.Action("X", "7", "s", "text recalled (low)").printable_number
        is None
    )
    assert (
        action_plans.Action("X", "7", "s", "text recalled (medium)").printable_number
        == 7
    )
