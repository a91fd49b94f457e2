"""A document's words: each with its line, its dictionary form, the quotes it stands in, what precedes it.

Markup of a converter (``<p>``, ``[bookmark: …]``, ``**``) is not text and is skipped. A hyphenated word
is read as its parts («научно-методического» → «научно», «методического»), as abbreviations read it
(НМС). Dictionary forms come from :func:`efs.morphology.lemma`, asked for only when a rule needs them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

_MARKUP = re.compile(r"<[^>]+>|\[bookmark: [^\]]*\]|\*\*")
_WORD = re.compile(r"[^\W\d_]+")
_UPPER = re.compile(r"[A-ZА-ЯЁ]")

#: Words that are not a body's or an act's own words: prepositions, conjunctions, particles.
FUNCTION_WORDS = frozenset(
    [
        "в", "во", "и", "или", "а", "но", "на", "по", "с", "со", "к", "ко", "о", "об", "от", "до", "для", "при",
        "из", "за", "под", "над", "у", "же", "ли", "не", "ни", "как", "что", "это",
    ]
)


@dataclass(slots=True)
class Token:
    """One word of the document.

    Attributes:
        text: The word as written.
        line: 1-based line.
        column: 0-based offset in the line.
        quoted: How many «…» it stands inside (on its line).
        gap: What stands between the previous word and this one (``"\\n"`` at the start of a line).
        index: Position in :attr:`Text.tokens`.
    """

    text: str
    line: int
    column: int
    quoted: int
    gap: str
    index: int

    @property
    def lemma(self) -> str:
        """The dictionary form in lower case; an abbreviation is its own form (``ЦНППМ``)."""
        if is_abbreviation(self.text):
            return self.text
        from efs.morphology import lemma

        return lemma(self.text)

    @property
    def upper_initial(self) -> bool:
        """Whether the word starts with a capital letter."""
        return self.text[:1].isupper()


def is_abbreviation(word: str) -> bool:
    """Whether a word is written as an abbreviation: at least two capitals, most of its letters capital
    («ЦНППМ», «ДОиМП», «АмРИО»), and not long enough to be a word in capitals («ДЕПАРТАМЕНТ»)."""
    caps = len(_UPPER.findall(word))
    return caps >= 2 and caps / len(word) >= 0.6 and len(word) <= 10


class Text:
    """The words of a document's lines.

    Args:
        lines: The document's lines (``lines[0]`` is line 1).
        name: The document's name (as sources cite it).
    """

    def __init__(self, lines: Sequence[str], name: str = "") -> None:
        self.lines = list(lines)
        self.name = name
        self.tokens: list[Token] = []
        self.line_start: list[int] = []  # index of the first token of each line
        for number, raw in enumerate(self.lines, start=1):
            self.line_start.append(len(self.tokens))
            line = _MARKUP.sub(lambda m: " " * len(m.group()), raw)
            depth, prev = 0, 0
            for m in _WORD.finditer(line):
                between = line[prev:m.start()]
                if "\t" in between:  # a table's next cell: quotes left open in a cell close there
                    depth = 0
                    between = between[between.rindex("\t"):]
                depth = max(0, depth + between.count("«") - between.count("»"))
                gap = between if prev else "\n" + between
                self.tokens.append(Token(m.group(), number, m.start(), depth, gap, len(self.tokens)))
                prev = m.end()
        self.line_start.append(len(self.tokens))

    def __len__(self) -> int:
        return len(self.tokens)

    def on_line(self, line: int) -> list[Token]:
        """The words of a line."""
        return self.tokens[self.line_start[line - 1]:self.line_start[line]]

    def clean_line(self, line: int) -> str:
        """A line without markup."""
        return re.sub(r"\s+", " ", _MARKUP.sub(" ", self.lines[line - 1])).strip()

    @cached_property
    def heading_lines(self) -> frozenset[int]:
        """Lines written in capitals (an act's letterhead, «ПОЛОЖЕНИЕ»): their words are words, not
        abbreviations. A line of abbreviations («ГАУ ДПО «АМИРО»») is not one: most of its words in capitals
        must be words of the dictionary."""
        from efs.morphology import is_dictionary_word

        out = set()
        for number in range(1, len(self.lines) + 1):
            words = [t.text for t in self.on_line(number) if len(t.text) > 1]
            caps = [w for w in words if w.isupper()]
            if not words or len(caps) < 0.6 * len(words):
                continue
            known = [w for w in caps if len(w) >= 4 and is_dictionary_word(w)]
            if known and len(known) * 2 >= len(caps):
                out.add(number)
        return frozenset(out)

    def abbreviations(self) -> list[Token]:
        """Words written as abbreviations, outside letterheads."""
        heads = self.heading_lines
        return [t for t in self.tokens if t.line not in heads and is_abbreviation(t.text)]

    def phrase(self, start: int, end: int) -> str:
        """The text from word ``start`` to word ``end`` (exclusive) as written on its lines."""
        if start >= end:
            return ""
        first, last = self.tokens[start], self.tokens[end - 1]
        if first.line == last.line:
            return self.lines[first.line - 1][first.column:last.column + len(last.text)]
        parts = [self.lines[first.line - 1][first.column:]]
        parts += [self.lines[n - 1] for n in range(first.line + 1, last.line)]
        parts.append(self.lines[last.line - 1][:last.column + len(last.text)])
        return re.sub(r"\s+", " ", _MARKUP.sub(" ", " ".join(parts))).strip()

    @cached_property
    def lemma_list(self) -> list[str]:
        """The dictionary form of every word, in order (each distinct word analysed once)."""
        return [t.lemma for t in self.tokens]

    def lemmas(self, start: int, end: int) -> tuple[str, ...]:
        """Dictionary forms of words ``start``…``end``."""
        return tuple(self.lemma_list[start:end])

    def boundary_before(self, index: int) -> bool:
        """Whether a clause ends before word ``index`` (a new line, «;», «.», «:», a bracket or a dash)."""
        gap = self.tokens[index].gap
        return "\n" in gap or "\t" in gap or any(c in gap for c in ";.:()–—") or " - " in gap
