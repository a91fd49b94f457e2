"""The one text normalisation, and finding a verbatim text near a line of a document.

Every comparison of an encoded text with its document (the source checks of ``efs validate``,
drafting, the whole-document rules) goes through :func:`normalize` and :class:`TextIndex`, so that a
text found by one is found by all. The normalisation, applied to both sides:

1. markup removed: HTML tags (``<p>``, ``<ol …>``) and a converter's bookmark anchors
   (``[bookmark: bookmark8]``) become a space;
2. quote characters unified (``«»“”„"'‘’`` → ``"``);
3. whitespace collapsed to one space, line breaks included, and trimmed.

Nothing else: letter case, hyphens and dashes, homoglyphs (a Latin «с» in a Russian word) and
punctuation are kept, because they are the document's own text and some are its defects.

A text is *found at a line* when, after normalisation, it starts on a line within ``±WINDOW`` of
that line. The document is searched as one flow of text (so a text may run over line breaks), and,
where the lines are a tab-separated table, column by column: a table cell broken over several lines
reads as one when the text of a column is continued on the following lines (a continuation line that
leaves out up to ``MAX_SHIFT`` leading empty cells, or whose first line does, is read shifted into
place).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cached_property

__all__ = ["MAX_SHIFT", "WINDOW", "TextIndex", "normalize"]

#: How many lines a source's line may be off and the text still count as found there.
WINDOW = 2
#: How many following lines a table cell may continue on.
CONTINUATION_LINES = 40
#: How many leading empty cells a table row's line may leave out.
MAX_SHIFT = 3

_MARKUP = re.compile(r"<[^>]+>|\[bookmark: [^\]]*\]")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans(dict.fromkeys("«»“”„\"'‘’", '"'))


def normalize(text: str) -> str:
    """The one normalisation: markup removed, quotes unified, whitespace collapsed.

    >>> normalize("<p>Текст\\n  «в кавычках»</p>")
    'Текст "в кавычках"'
    """
    return _SPACE.sub(" ", _MARKUP.sub(" ", text).translate(_QUOTES)).strip()


class TextIndex:
    """A document's lines prepared for finding normalised texts and the lines they start on.

    Args:
        lines: The document's lines (``lines[0]`` is line 1), as written, tabs of tables included.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)
        self._cells: dict[int, list[str]] = {}
        self._where: dict[tuple[str, int], list[int]] = {}

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def _flat(self) -> tuple[str, list[int]]:
        """The whole document normalised as one string, and the offset at which each line starts."""
        parts: list[str] = []
        starts: list[int] = []
        pos = 0
        for line in self.lines:
            starts.append(pos)
            piece = normalize(line)
            if piece:
                parts.append(piece)
                pos += len(piece) + 1
        return " ".join(parts), starts

    @property
    def text(self) -> str:
        """The whole document, normalised, as one string (lines joined by a space)."""
        return self._flat[0]

    def line_of(self, offset: int) -> int:
        """The 1-based line on which an offset of :attr:`text` lies."""
        return bisect.bisect_right(self._flat[1], offset)

    def found(self, text: str, line: int, *, window: int = WINDOW) -> bool:
        """Whether ``text``, normalised, starts within ``±window`` lines of ``line``."""
        needle = normalize(text)
        if not needle:
            return True
        return self._found_in_flow(needle, line, window) or self._found_in_columns(needle, line, window)

    def lines_of(self, text: str, *, limit: int = 3) -> list[int]:
        """The lines on which ``text``, normalised, starts anywhere in the document (at most ``limit``)."""
        needle = normalize(text)
        key = (needle, limit)
        if key not in self._where:
            self._where[key] = self._lines_of(needle, limit)
        return list(self._where[key])

    def _lines_of(self, needle: str, limit: int) -> list[int]:
        flat = self.text
        out: list[int] = []
        start = 0
        while needle and len(out) < limit:
            i = flat.find(needle, start)
            if i < 0:
                break
            line = self.line_of(i)
            if line not in out:
                out.append(line)
            start = i + 1
        if needle and not out:
            for n, row in enumerate(self.lines, start=1):
                if "\t" in row and self._found_in_columns(needle, n, 0):
                    out.append(n)
                    if len(out) >= limit:
                        break
        return out

    def _found_in_flow(self, needle: str, line: int, window: int) -> bool:
        flat, starts = self._flat
        if not starts:
            return False
        first = min(max(line - window, 1), len(starts))
        i = flat.find(needle, starts[first - 1])
        return i >= 0 and abs(self.line_of(i) - line) <= window

    def _row(self, line: int) -> list[str]:
        """The normalised cells of a line of a tab-separated table."""
        cells = self._cells.get(line)
        if cells is None:
            cells = self._cells[line] = [normalize(c) for c in self.lines[line - 1].split("\t")]
        return cells

    def _found_in_columns(self, needle: str, line: int, window: int) -> bool:
        last = len(self.lines)
        # The text starts inside a cell of the row's first line, and its first word has no space, so that word
        # lies wholly in that cell (cells are joined by a space): a row without it is passed over at once.
        word = needle.split(" ", 1)[0]
        for s in range(max(1, line - window), min(last, line + window) + 1):
            if "\t" not in self.lines[s - 1]:
                continue
            first = self._row(s)
            if not any(word in cell for cell in first):
                continue
            following = [self._row(n) for n in range(s + 1, min(last, s + CONTINUATION_LINES) + 1)]
            # The first line or a continuation line of a table row may leave out some of its leading
            # empty cells: read the following lines shifted by up to MAX_SHIFT cells either way.
            for shift in sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=abs):
                rest = [_shifted(x, shift) for x in following]
                for col, head in enumerate(first):
                    if not head or word not in head:  # the text must start inside the cell
                        continue
                    pieces = [head, *(r[col] for r in rest if col < len(r) and r[col])]
                    i = " ".join(pieces).find(needle)
                    if 0 <= i < len(head):
                        return True
        return False


def _shifted(cells: list[str], shift: int) -> list[str]:
    return [""] * shift + cells if shift >= 0 else cells[-shift:]
