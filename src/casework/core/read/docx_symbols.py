"""What a DOCX `w:sym` shows: a character code in a font, often a symbol font.

Word writes symbols of Symbol and Wingdings as F000 + the font's own code (private use).
In a text font that code is the Latin-1 character; in a symbol font it is the glyph at
that place, spelled here for the glyphs reports use (bullets, check boxes, ±, ≥, Greek).
A symbol with no known spelling keeps its code point, a character no rule matches.
"""

from __future__ import annotations

_GREEK = dict(
    zip(
        range(0x41, 0x5B),
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ",
        strict=True,
    )
) | dict(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True))
# Adobe's Symbol encoding: ASCII digits and most punctuation, Greek letters, math signs.
_SYMBOL = (
    {code: chr(code) for code in range(0x20, 0x41)}
    | {0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅"}
    | _GREEK
    | {
        0xA3: "≤", 0xA5: "∞", 0xAC: "←", 0xAE: "→", 0xB0: "°", 0xB1: "±", 0xB3: "≥",
        0xB4: "×", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBB: "≈", 0xD2: "®", 0xD3: "©",
        0xD4: "™", 0xE2: "®", 0xE3: "©", 0xE4: "™",
    }
)  # fmt: skip
_WINGDINGS = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0xA7: "▪",
    0xD8: "➢", 0xFB: "✗", 0xFC: "✓", 0xFD: "☒", 0xFE: "☑",
}  # fmt: skip
_DINGBAT_FONTS = ("wingdings", "webdings", "dingbat", "marlett")


def symbol_text(font: str | None, char: str | None) -> str:
    """The text of `<w:sym w:font=... w:char=...>`; "" when the code is not hex."""
    try:
        code = int(char or "", 16)
    except ValueError:
        return ""
    if not 0 < code < 0x110000 or 0xD800 <= code <= 0xDFFF:  # no lone surrogates
        return ""
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    name = (font or "").lower()
    if low < 0x100:
        if name.startswith("symbol"):
            return _SYMBOL.get(low, chr(code))
        if name == "wingdings":  # Wingdings 2 and 3 place other glyphs
            return _WINGDINGS.get(low, chr(code))
        if any(d in name for d in _DINGBAT_FONTS):
            return chr(code)
        if low >= 0x20 and not 0x7F <= low < 0xA0:
            return chr(low)
    return chr(code) if code >= 0x20 else ""
