"""The decimal mark of an imported table: chosen on the form, or found in the file.

Numbers are read by `casework.domain.locale.parse_number`, the one parser for what people
type. A file has one decimal mark; it is decided once, in this order:

1. the mark chosen on the upload form;
2. the file's own numbers: a cell that one mark reads and the other refuses ("823,4",
   "10.75", "1 234,5", "1,234,567") shows the mark; the file is read with it when all such
   cells agree;
3. a CSV with ";" between columns: a decimal comma (spreadsheets set to a decimal comma
   write ";" because "," is taken);
4. otherwise undecided: each cell is read on its own and a cell that both marks read
   differently ("1,234", "1.234") is refused with its row, its column and what to write.

The import messages say which of these decided, so no file is read one way in silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from casework.domain.locale import NumberFormatError, parse_number

POINT: Final = "."
COMMA: Final = ","
MARK_NAMES: Final = {POINT: "a point", COMMA: "a comma"}


@dataclass(frozen=True, slots=True)
class DecimalMark:
    mark: str | None  # "." or ","; None: undecided, ambiguous cells are refused
    reason: str  # how it was decided, written into the import messages

    def read(self, raw: str) -> Decimal:
        """The cell as a number; NumberFormatError says what is wrong and what to write."""
        return parse_number(raw, decimal=self.mark)


def shown_by(cell: str) -> str | None:
    """The decimal mark a cell proves: the one mark that reads it, or None."""
    readable = []
    for mark in (POINT, COMMA):
        try:
            parse_number(cell, decimal=mark)
        except NumberFormatError:
            continue
        readable.append(mark)
    return readable[0] if len(readable) == 1 else None


def decide(
    cells: Iterable[str], *, chosen: str = "", delimiter: str | None = None
) -> DecimalMark:
    """The mark to read `cells` (the file's number cells written as text) with."""
    if chosen in MARK_NAMES:
        return DecimalMark(
            chosen,
            f"numbers read with {MARK_NAMES[chosen]} before the decimals, as chosen",
        )
    examples: dict[str, str] = {}
    for cell in cells:
        mark = shown_by(cell)
        if mark is not None:
            examples.setdefault(mark, cell)
    if len(examples) == 1:
        ((mark, example),) = examples.items()
        return DecimalMark(
            mark,
            f"numbers read with {MARK_NAMES[mark]} before the decimals, "
            f"as the file writes {example!r}",
        )
    if len(examples) > 1:
        return DecimalMark(
            None,
            f"the file writes numbers both ways ({examples[POINT]!r} and "
            f"{examples[COMMA]!r}): each number is read on its own and one that could "
            "be read both ways is refused; choose the decimal mark on the form",
        )
    if delimiter == ";":
        return DecimalMark(
            COMMA,
            "numbers read with a comma before the decimals, as the file separates its "
            "columns with ';'",
        )
    return DecimalMark(
        None,
        "the file's numbers do not show their decimal mark: a number such as 1,234 is "
        "refused; choose the decimal mark on the form",
    )
