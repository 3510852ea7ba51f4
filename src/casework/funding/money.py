"""Money and rates as funding pages write them, in the reader's language.

Everything goes through `casework.domain.locale`: "USD 3,000,000" / "3 000 000 USD" /
"3.000.000 USD"; USD amounts without cents (the rates are annual averages); amounts in
their own currency with the cents they have; "USD 1.2 million" / "1,2 million USD" in
sentences.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.utils import translation

from casework.domain import locale
from casework.domain.languages import normalise

MILLION: Final = Decimal(1_000_000)


def reader_language() -> str:
    """The active interface language, as one of the languages Casework writes in."""
    return normalise(translation.get_language())


def _places(value: Decimal, most: int) -> int:
    """The decimals a value needs, at most `most`: 1500000.00 -> 0, 10.7500 -> 2."""
    exponent = value.quantize(Decimal(1).scaleb(-most)).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def usd(value: Decimal | int, language: str) -> str:
    """ "USD 3,000,000" / "3 000 000 USD" / "3.000.000 USD", whole dollars."""
    return locale.format_money(value, "USD", language)


def amount(value: Decimal, currency: str, language: str) -> str:
    """An amount in its own currency, with its cents when it has any."""
    cents = 2 if _places(Decimal(value), 2) else 0
    return locale.format_money(value, currency, language, decimals=cents)


def rate(value: Decimal, language: str) -> str:
    """Units of a currency per US dollar, up to four decimals: "10.75", "0,9234"."""
    return locale.format_number(value, language, decimals=_places(Decimal(value), 4))


def in_words(value: Decimal, language: str, *, currency: str = "USD") -> str:
    """ "USD 1.2 million" / "1,2 million USD" from a million up, else the full amount."""
    if abs(value) < MILLION:
        return locale.format_money(value, currency, language)
    # The currency goes where format_money puts it in this language (one rule).
    shape = locale.format_money(0, currency, language)
    figure = locale.format_compact(value, language)
    return shape.replace(locale.format_number(0, language), figure, 1)
