"""Text a document repeats from another document of the corpus (the documents the plugins ship).

Regional and municipal Положения are drafted from one another: a passage copied with the names changed
keeps the other document's words — and, often, its defects (a level the copying document does not have, an
abbreviation it never introduces). A passage is found as runs of words shared with one other document:

* the words of each line (markup and the cited acts' own words left out: two documents citing the same
  order are not a copy) in lower case, «ё» read as «е»;
* every run of :data:`SHINGLE` consecutive words of the document is looked up among the other
  document's runs; a run that :data:`COMMON` or more documents of the corpus share is the concept's
  formula, not a copy, and is ignored;
* a line is *traced* to another document when at least half its words (and at least four), or at least
  :data:`MIN_WORDS` of them (a long table row with a copied sentence in it), lie in shared runs;
  consecutive traced lines (blank lines between) traced to the same document are one passage, and a
  numbered clause («2.3.», «3.2.1.») starts a new one;
* a passage of fewer than :data:`MIN_WORDS` shared words is not reported.

Each passage names the other document and the lines it came from (the other document's line most of the
passage's runs point to, per line).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["COMMON", "MIN_WORDS", "SHINGLE", "Corpus", "Passage", "passages"]

#: Words in one run.
SHINGLE = 8
#: A run shared by this many documents of the corpus or more is a formula of the concept.
COMMON = 5
#: Fewest shared words in a reported passage.
MIN_WORDS = 20

_MARKUP = re.compile(r"<[^>]+>|\[bookmark: [^\]]*\]|\*\*")
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"\s*(?:(?:<[^>]+>|\[bookmark: [^\]]*\])\s*)*\d+(?:\.\d+)*\.?\s")

Words = list[tuple[str, int]]


def words(lines: Sequence[str]) -> Words:
    """Each word (lower case, «ё» as «е») with its line; the words of cited acts left out."""
    from efs.documents.citations import citations

    out: Words = []
    for number, raw in enumerate(lines, start=1):
        line = _MARKUP.sub(lambda m: " " * len(m.group()), raw)
        # an act with a number or a date is cited only after «№» (the projects and codes have neither)
        spans = [(c.start, c.start + len(c.as_written)) for c in citations(line) if c.number or c.date] \
            if "№" in line else []
        for m in _WORD.finditer(line):
            if not any(a <= m.start() < b for a, b in spans):
                out.append((m.group().lower().replace("ё", "е"), number))
    return out


def _runs(tokens: Words) -> dict[tuple[str, ...], list[int]]:
    found: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for run, (_, line) in zip(_shingles(tokens), tokens, strict=False):  # the last tokens start no run
        found[run].append(line)
    return found


def _shingles(tokens: Words) -> list[tuple[str, ...]]:
    """The run of ``SHINGLE`` words that starts at each token (as many as there are full runs)."""
    ws = [w for w, _ in tokens]
    return [tuple(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)]


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of the document repeated from another document.

    Attributes:
        first: The passage's first line.
        last: Its last line.
        other: The name of the other document (as sources cite it).
        other_first: The first line of the other document it repeats.
        other_last: The last such line.
        shared: Words of the passage that lie in runs shared with the other document.
    """

    first: int
    last: int
    other: str
    other_first: int
    other_last: int
    shared: int


@dataclass(slots=True)
class _Run:
    other: str
    lines: list[int]


class Corpus:
    """The documents compared: name → lines. Built once per set of documents (:func:`corpus`)."""

    def __init__(self, documents: dict[str, Sequence[str]]) -> None:
        self.lines = {name: list(lines) for name, lines in documents.items()}
        self.words = {name: words(lines) for name, lines in self.lines.items()}
        self.runs = {name: _runs(tokens) for name, tokens in self.words.items()}
        self.spread: Counter[tuple[str, ...]] = Counter(run for runs in self.runs.values() for run in runs)

    def passages(self, name: str, lines: Sequence[str]) -> list[Passage]:
        """Passages of ``lines`` (a document called ``name``) repeated from the other documents."""
        own_runs = self.runs.get(name)
        tokens = self.words[name] if own_runs is not None else words(lines)
        per_line = Counter(line for _, line in tokens)
        covered: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        votes: dict[int, dict[str, Counter[int]]] = defaultdict(lambda: defaultdict(Counter))
        shingles = _shingles(tokens)
        for other, runs in self.runs.items():
            if other == name or self.lines[other] == list(lines):
                continue
            for i, run in enumerate(shingles):
                at = runs.get(run)
                if at is None:
                    continue
                spread = self.spread[run] + (own_runs is None)
                if spread >= COMMON:
                    continue
                for j in range(i, i + SHINGLE):
                    covered[tokens[j][1]][other].add(j)
                votes[tokens[i][1]][other].update(at)
        open_runs: list[_Run] = []
        for line in sorted(covered):
            need = min(max(4, per_line[line] / 2), MIN_WORDS)  # a long table row: a copied sentence is enough
            candidates = {o for o, ws in covered[line].items() if len(ws) >= need}
            if not candidates:
                continue
            clause = _CLAUSE.match(lines[line - 1]) is not None
            last = open_runs[-1] if open_runs else None
            if last is not None and line - last.lines[-1] <= 2 and last.other in candidates and not clause:
                last.lines.append(line)
                continue
            best = max(sorted(candidates), key=lambda o: len(covered[line][o]))
            open_runs.append(_Run(best, [line]))
        out = []
        for found in open_runs:
            shared = sum(len(covered[n][found.other]) for n in found.lines)
            if shared < MIN_WORDS:
                continue
            theirs = [votes[n][found.other].most_common(1)[0][0] for n in found.lines if votes[n][found.other]]
            out.append(Passage(found.lines[0], found.lines[-1], found.other, min(theirs), max(theirs), shared))
        return out


_CORPORA: dict[tuple[tuple[str, int, int], ...], Corpus] = {}


def corpus(documents: dict[str, Sequence[str]]) -> Corpus:
    """The corpus of these documents, built once per process for the same documents."""
    key = tuple(sorted((name, len(lines), hash("\n".join(lines))) for name, lines in documents.items()))
    if key not in _CORPORA:
        if len(_CORPORA) > 8:
            _CORPORA.clear()
        _CORPORA[key] = Corpus(documents)
    return _CORPORA[key]


def passages(name: str, lines: Sequence[str], documents: dict[str, Sequence[str]]) -> list[Passage]:
    """Passages of a document (``name``, ``lines``) repeated from ``documents`` (name → lines)."""
    return corpus(documents).passages(name, lines)
