"""Cell references ("Budget!C7") shown compactly as ranges: pure Python, no Django."""

from __future__ import annotations

import re
from collections.abc import Sequence

_CELL = re.compile(r"(?P<sheet>[A-Za-z]+)!(?P<col>[A-Z]{1,3})(?P<row>\d+)")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def compact_sources(sources: Sequence[str]) -> list[str]:
    """Cells as ranges where they form one: Budget!C2, Budget!C3 -> Budget!C2:C3.

    A sheet's cells that fill a rectangle become one range; otherwise each column's
    consecutive rows do. Pages and other labels are kept as they are, in order.
    """
    by_sheet: dict[str, set[tuple[int, int]]] = {}
    out: list[str] = []
    for source in sources:
        match = _CELL.fullmatch(source)
        if match is None:
            if source not in out:
                out.append(source)
            continue
        sheet = match["sheet"]
        if sheet not in by_sheet:
            by_sheet[sheet] = set()
            out.append(f"\0{sheet}")  # placeholder keeps the sheet's place
        by_sheet[sheet].add((_column_number(match["col"]), int(match["row"])))
    return [
        item
        if not item.startswith("\0")
        else ", ".join(_ranges(item[1:], by_sheet[item[1:]]))
        for item in out
    ]


def _ranges(sheet: str, cells: set[tuple[int, int]]) -> list[str]:
    def name(col: int, row: int) -> str:
        return f"{_column_letters(col)}{row}"

    cols = [c for c, _ in cells]
    rows = [r for _, r in cells]
    box = (max(cols) - min(cols) + 1) * (max(rows) - min(rows) + 1)
    if len(cells) == box:
        first, last = name(min(cols), min(rows)), name(max(cols), max(rows))
        return [f"{sheet}!{first}" + (f":{last}" if first != last else "")]
    found = []
    for col in sorted(set(cols)):
        column_rows = sorted(r for c, r in cells if c == col)
        start = previous = column_rows[0]
        for row in [*column_rows[1:], None]:
            if row is not None and row == previous + 1:
                previous = row
                continue
            span = name(col, start) + (
                f":{name(col, previous)}" if previous != start else ""
            )
            found.append(f"{sheet}!{span}")
            if row is not None:
                start = previous = row
    return found
