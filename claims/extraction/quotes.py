"""Quotation spans found on the raw text, before and independently of the parse.

Only double quotation marks delimit quotes (curly “ ”, guillemets « », straight ", and the
doubled apostrophes '' some wires use): single marks are too often apostrophes. Pairing is done
per paragraph and never fails: a stray closing mark is ignored, an opening mark that is never
closed runs to the end of its paragraph (the newspaper convention for multi-paragraph quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = frozenset('"＂')
_MARK = re.compile(r"''|``|[“”«»„\"＂]")
_PARAGRAPH = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted stretch: ``start``/``end`` include the quotation marks."""

    start: int
    end: int
    closed: bool
    paragraph: int

    def inner(self, text: str) -> str:
        return text[self.start : self.end].strip("“”«»„\"'` \n")


def _kind(mark: str) -> str:
    if mark in OPENING or mark == "``":
        return "open"
    if mark in CLOSING:
        return "close"
    return "straight"


def _closes(text: str, start: int, end: int) -> bool:
    """An opening mark typed where a closing one belongs: “It's unusual,“ said Noble."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:")


def _paragraph_quotes(text: str, start: int, end: int, index: int) -> list[Quote]:
    """Pair the quotation marks of one paragraph ``text[start:end]``."""
    quotes: list[Quote] = []
    opened: int | None = None
    for match in _MARK.finditer(text, start, end):
        kind = _kind(match.group())
        pos = match.start()
        if opened is None:
            if kind != "close":
                opened = pos
        elif kind == "open" and not _closes(text, pos, match.end()):
            # an opening mark while one is open: the first was unbalanced, restart here
            opened = pos
        else:
            quotes.append(Quote(opened, match.end(), True, index))
            opened = None
    if opened is not None and end - opened > 1:
        quotes.append(Quote(opened, end, False, index))
    return quotes


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted spans of ``text``, in order, never overlapping."""
    quotes: list[Quote] = []
    for index, para in enumerate(_PARAGRAPH.finditer(text)):
        line_end = para.end()
        while line_end > para.start() and text[line_end - 1].isspace():
            line_end -= 1
        quotes.extend(_paragraph_quotes(text, para.start(), line_end, index))
    return quotes


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of ``text``."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
