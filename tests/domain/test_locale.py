"""Numbers, money and dates in EN/FR/ES, and the one parser for numbers people type."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.domain.languages import LANGUAGES
from casework.domain.locale import (
    NBSP,
    AmbiguousNumberError,
    NumberFormatError,
    format_compact,
    format_date,
    format_date_range,
    format_datetime,
    format_day_month,
    format_money,
    format_month,
    format_number,
    format_percent,
    parse_number,
)

NARROW_NBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1,234,567.5"), ("fr", f"1{NBSP}234{NBSP}567,5"), ("es", "1.234.567,5")],
)
def test_format_number(language, expected):
    assert format_number(1234567.5, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "0.05"), ("fr", "0,05"), ("es", "0,05")],
)
def test_format_number_with_fixed_decimals(language, expected):
    assert format_number(Decimal("0.05"), language, decimals=2) == expected
    assert format_number(Decimal("12.3"), language, decimals=0) == "12"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "USD 3,000,000"),
        ("fr", "3\u00a0000\u00a0000\u00a0USD"),
        ("es", "3.000.000\u00a0USD"),
    ],
)
def test_format_money(language, expected):
    assert format_money(3_000_000, "USD", language) == expected


def test_money_keeps_the_code_and_its_decimals():
    assert format_money(1234.5, "EUR", "fr", decimals=2) == "1\u00a0234,50\u00a0EUR"
    assert format_money(1234.5, "EUR", "en", decimals=2) == "EUR 1,234.50"
    assert "€" not in format_money(10, "EUR", "fr")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "11.1 million"), ("fr", "11,1 millions"), ("es", "11,1 millones")],
)
def test_format_compact(language, expected):
    assert format_compact(11_100_000, language) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "14%"), ("fr", "14\u00a0%"), ("es", "14\u00a0%")]
)
def test_format_percent(language, expected):
    assert format_percent(0.143, language) == expected


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2025, 12, 1), "en", "1 December 2025"),
        (dt.date(2025, 12, 1), "fr", "1er décembre 2025"),
        (dt.date(2025, 12, 1), "es", "1 de diciembre de 2025"),
        (dt.date(2025, 12, 2), "fr", "2 décembre 2025"),
        (dt.date(2025, 4, 30), "en", "30 April 2025"),
        (dt.date(2025, 4, 30), "fr", "30 avril 2025"),
        (dt.date(2025, 4, 30), "es", "30 de abril de 2025"),
        (dt.date(2025, 4, 30), "de", "30 April 2025"),  # unknown language: English
    ],
)
def test_format_date_un_style(day, language, expected):
    assert format_date(day, language) == expected


def test_format_day_month():
    day = dt.date(2025, 12, 1)
    assert format_day_month(day, "en") == "1 December"
    assert format_day_month(day, "fr") == "1er décembre"
    assert format_day_month(day, "es") == "1 de diciembre"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "December 2025"), ("fr", "décembre 2025"), ("es", "diciembre de 2025")],
)
def test_format_month(language, expected):
    assert format_month(2025, 12, language) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        (dt.date(2025, 6, 2), dt.date(2025, 6, 4), "en", "2–4 June 2025"),
        (dt.date(2025, 6, 2), dt.date(2025, 6, 4), "fr", "du 2 au 4 juin 2025"),
        (dt.date(2025, 6, 2), dt.date(2025, 6, 4), "es", "del 2 al 4 de junio de 2025"),
        (dt.date(2025, 5, 30), dt.date(2025, 6, 4), "en", "30 May – 4 June 2025"),
        (dt.date(2025, 5, 30), dt.date(2025, 6, 4), "fr", "du 30 mai au 4 juin 2025"),
        (
            dt.date(2025, 12, 30),
            dt.date(2026, 1, 1),
            "fr",
            "du 30 décembre 2025 au 1er janvier 2026",
        ),
        (dt.date(2025, 6, 2), dt.date(2025, 6, 2), "es", "2 de junio de 2025"),
    ],
)
def test_format_date_range(start, end, language, expected):
    assert format_date_range(start, end, language) == expected


def test_format_datetime_in_a_time_zone():
    moment = dt.datetime(2025, 12, 1, 13, 5, tzinfo=dt.UTC)
    assert format_datetime(moment, "en") == "1 December 2025, 13:05"
    assert (
        format_datetime(moment, "fr", tz="Europe/Zurich") == "1er décembre 2025, 14:05"
    )
    assert (
        format_datetime(moment, "es", tz="Europe/Zurich")
        == "1 de diciembre de 2025, 14:05"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_narrow_no_break_space_reaches_a_document(language):
    """PDF fonts lack U+202F; the layer writes U+00A0 instead."""
    texts = [
        format_number(1234567.25, language),
        format_money(3_000_000, "USD", language),
        format_compact(11_100_000, language),
        format_percent(0.5, language),
    ]
    assert not any(NARROW_NBSP in text for text in texts)


# --- parse_number ---------------------------------------------------------------------

PARSED = [
    # raw, language, decimal, expected
    ("1234", None, None, "1234"),
    ("-42", None, None, "-42"),
    ("1 234 567", "fr", None, "1234567"),
    ("1\u00a0234\u00a0567", None, None, "1234567"),
    ("1\u202f234,5", "fr", None, "1234.5"),
    ("1'234.5", "en", None, "1234.5"),
    ("1,234.56", "en", None, "1234.56"),
    ("1.234,56", "fr", None, "1234.56"),
    ("1.234,56", "es", None, "1234.56"),
    ("1.234,56", None, None, "1234.56"),  # two marks: the last one is decimal
    ("1,234,567", None, None, "1234567"),
    ("1.234.567", None, None, "1234567"),
    ("823,4", "fr", None, "823.4"),
    ("823,4", None, None, "823.4"),  # one or two decimals: not a thousands group
    ("823,40", "es", None, "823.40"),
    ("1,234", "en", None, "1234"),
    ("1,234", "fr", None, "1.234"),
    ("1.234", "es", None, "1234"),
    ("1.234", "en", None, "1.234"),
    ("1,234", None, ",", "1.234"),
    ("1,234", None, ".", "1234"),
    ("0,123", None, None, "0.123"),  # a leading zero is never a thousands group
    ("USD 3,000,000", "en", None, "3000000"),
    ("3 000 000 USD", "fr", None, "3000000"),
    ("€1.500", "es", None, "1500"),
    ("  12  ", None, None, "12"),
    ("-1 250,5", "fr", None, "-1250.5"),
]


@pytest.mark.parametrize(("raw", "language", "decimal", "expected"), PARSED)
def test_parse_number(raw, language, decimal, expected):
    assert parse_number(raw, language=language, decimal=decimal) == Decimal(expected)


@pytest.mark.parametrize("raw", ["1,234", "1.234", "-5,000", "12.500"])
def test_a_lone_separator_before_three_digits_is_ambiguous(raw):
    with pytest.raises(AmbiguousNumberError) as error:
        parse_number(raw)
    message = str(error.value)
    assert raw in message and "could be" in message
    assert "decimal mark" in error.value.advice


ERRORS = [
    # raw, language, decimal, words in the reason
    ("", None, None, "not a number"),
    ("abc", "en", None, "not a number"),
    ("12 kg", None, None, "not a number"),
    ("1,2,3", None, ",", "more than one decimal mark"),
    ("1,234.56", None, ",", "decimal mark"),
    ("1.234,56", "en", None, "decimal mark"),
    ("12,34,567", "en", None, "thousands separator"),
    ("823,4", "en", None, "thousands separator"),  # the cell that was read four ways
    ("1.2345,6", None, None, "thousands separator"),
]


@pytest.mark.parametrize(("raw", "language", "decimal", "reason"), ERRORS)
def test_parse_number_refuses_with_a_message(raw, language, decimal, reason):
    with pytest.raises(NumberFormatError) as error:
        parse_number(raw, language=language, decimal=decimal)
    assert not isinstance(error.value, AmbiguousNumberError)
    assert reason in error.value.reason
    assert error.value.advice.endswith(".")
    assert repr(raw) in str(error.value)


def test_ambiguity_is_a_number_format_error():
    assert issubclass(AmbiguousNumberError, NumberFormatError)
    assert issubclass(NumberFormatError, ValueError)


@given(
    value=st.integers(min_value=-(10**15), max_value=10**15),
    language=st.sampled_from(LANGUAGES),
)
def test_integers_round_trip_through_format_and_parse(value, language):
    assert parse_number(format_number(value, language), language=language) == value


@given(
    value=st.decimals(
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_two_decimal_values_round_trip(value, language):
    text = format_number(value, language, decimals=2)
    assert parse_number(text, language=language) == value


@given(
    value=st.decimals(
        min_value=Decimal("0"), max_value=Decimal("1e9"), places=2, allow_nan=False
    ),
    language=st.sampled_from(LANGUAGES),
)
def test_money_round_trips_too(value, language):
    text = format_money(value, "USD", language, decimals=2)
    assert parse_number(text, language=language) == value
