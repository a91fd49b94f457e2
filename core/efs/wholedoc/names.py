"""The bodies a document names: every mention of a subject or actor of its configuration, in any case.

Each spelling the configuration knows for a subject or actor (name, short name, aliases) is read as the
dictionary forms of its words, so «Министерством образования и науки Республики Алтай» in the text is a
mention of the subject named «Министерство образования и науки Республики Алтай». Abbreviations are
matched as written. The scan is one pass over the words with a dictionary keyed by a spelling's first word
(near-linear in the document's length).

Beyond exact spellings, :func:`variants` finds what a careful reader calls *one organisation written in
several ways*:

* an abbreviation one or two letters away from a known one («АмРИО» beside «АМИРО», «ИПКиИИРО» beside
  «ИПКиППРО», «ДЮиМП» beside «ДОиМП»);
* a full name with words left out of its middle («Институт повышения квалификации и профессиональной
  переподготовки Республики Алтай» beside «… переподготовки работников образования Республики Алтай»).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from efs.wholedoc.text import FUNCTION_WORDS, Text, is_abbreviation

if TYPE_CHECKING:
    from efs.model import Actor, Configuration, Subject

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Spelling:
    """One spelling of a subject or actor, as the configuration records it."""

    owner: str
    text: str
    lemmas: tuple[str, ...]

    @property
    def abbreviation(self) -> bool:
        """Whether the spelling is an abbreviation (every word of it is)."""
        words = _WORD.findall(self.text)
        return bool(words) and all(is_abbreviation(w) or w == "и" for w in words)


@dataclass(slots=True)
class Mention:
    """A place where the document names a subject or actor.

    Attributes:
        owner: Id of the subject or actor.
        start: Index of the first word.
        end: Index after the last word.
        line: Line of the first word.
        text: The words as written.
        spelling: The configuration's spelling it matched.
    """

    owner: str
    start: int
    end: int
    line: int
    text: str
    spelling: str


@dataclass(slots=True)
class Variant:
    """Two spellings of one body that are not one name in two cases (see the module docstring).

    Attributes:
        owner: Id of the subject or actor.
        first: The spelling taken as the body's (the one the configuration names it by, or used most).
        other: The differing spelling.
        why: What differs, in Russian («сокращение», «пропущены слова «…»», «другое слово»).
    """

    owner: str
    first: str
    other: str
    why: str


@dataclass(slots=True)
class Spread:
    """How the text writes one body: each spelling with its lines, and the pairs that differ."""

    owner: str
    lines: dict[str, list[int]] = field(default_factory=dict)
    pairs: list[Variant] = field(default_factory=list)


def _lemmas(text: str) -> tuple[str, ...]:
    from efs.morphology import lemma

    return tuple(w if is_abbreviation(w) else lemma(w) for w in _WORD.findall(text))


class NameIndex:
    """Every spelling of every subject and actor of a configuration, by the dictionary form of its first word."""

    def __init__(self, config: Configuration) -> None:
        self.owners: dict[str, Subject | Actor] = {}
        self.spellings: list[Spelling] = []
        self.by_first: dict[str, list[Spelling]] = defaultdict(list)
        items: list[Subject | Actor] = [*config.subjects, *config.actors]
        for item in items:
            self.owners[item.id] = item
            for name in dict.fromkeys(item.names()):
                lemmas = _lemmas(name)
                if not lemmas:
                    continue
                spelling = Spelling(item.id, name, lemmas)
                self.spellings.append(spelling)
                self.by_first[lemmas[0]].append(spelling)
        for group in self.by_first.values():
            group.sort(key=lambda s: -len(s.lemmas))

    def abbreviations(self) -> dict[str, set[str]]:
        """Abbreviation words of the spellings («АМИРО», «ЦНППМ», «ДОиМП») → ids of their owners; the legal form
        of a name («ГАУ ДПО», «ФГБОУ ВО», «БУ ДПО РА») is not the organisation's abbreviation."""
        from efs.wholedoc.abbreviations import FORM_PARTS, LEGAL_FORMS

        out: dict[str, set[str]] = defaultdict(set)
        for s in self.spellings:
            in_form = False
            for w in _WORD.findall(s.text):
                if w in LEGAL_FORMS:
                    in_form = True
                    continue
                if in_form and (w in FORM_PARTS or len(w) <= 2):
                    continue
                in_form = False
                if is_abbreviation(w) and len(w) >= 3:
                    out[w].add(s.owner)
        return out


def mentions(text: Text, index: NameIndex) -> list[Mention]:
    """Every place the text names a subject or actor by a spelling the configuration knows (longest first)."""
    out: list[Mention] = []
    tokens = text.tokens
    lemmas = text.lemma_list
    i = 0
    while i < len(tokens):
        found = None
        for spelling in index.by_first.get(lemmas[i], ()):
            n = len(spelling.lemmas)
            if i + n <= len(tokens) and all(lemmas[i + k] == spelling.lemmas[k] for k in range(1, n)):
                found = spelling
                break
        if found is None:
            i += 1
            continue
        end = i + len(found.lemmas)
        out.append(Mention(found.owner, i, end, tokens[i].line, text.phrase(i, end), found.text))
        i = end
    return out


def distance(a: str, b: str) -> int:
    """Letters to change, add, drop or swap to turn ``a`` into ``b`` (Damerau–Levenshtein, case folded)."""
    a, b = a.lower(), b.lower()
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def near(word: str, known: str) -> bool:
    """Whether ``word`` reads as a misspelling of the abbreviation ``known``: one letter away (two for seven
    letters or more), same first letter, not the same letters in another case."""
    if word == known or word.lower() == known.lower() or word[:1].lower() != known[:1].lower():
        return False
    if min(len(word), len(known)) < 4:
        return False
    limit = 2 if min(len(word), len(known)) >= 7 else 1
    return distance(word, known) <= limit


def spreads(text: Text, index: NameIndex, found: list[Mention]) -> list[Spread]:
    """For each subject or actor that the text writes in differing spellings (module docstring), the
    spellings with their lines and the pairs that differ. Inflection and letter case are not differences."""
    from efs.conformance.rules_names import spelling_variant

    lines: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for m in found:
        lines[m.owner].setdefault(m.spelling, []).append(m.line)
    known = index.abbreviations()
    near_miss: dict[str, dict[str, str]] = defaultdict(dict)  # owner → text spelling → known spelling
    for token in text.tokens:
        word = token.text
        if not is_abbreviation(word) or word in known or token.line in text.heading_lines:
            continue
        close = [(k, owners) for k, owners in known.items() if near(word, k)]
        if len(close) != 1 or len(close[0][1]) != 1:
            continue
        owner = next(iter(close[0][1]))
        near_miss[owner][word] = close[0][0]
        lines[owner].setdefault(word, []).append(token.line)
    covered = {i for m in found for i in range(m.start, m.end)}
    for spelling in index.spellings:
        if spelling.abbreviation or _content(spelling.lemmas) < 6:
            continue
        for start, end in _omissions(text, spelling.lemmas, covered):
            lines[spelling.owner].setdefault(text.phrase(start, end), []).append(text.tokens[start].line)
    out = []
    for owner, used in lines.items():
        spread = Spread(owner, {k: sorted(set(v)) for k, v in used.items()})
        forms = list(spread.lines)
        for word, known_word in near_miss[owner].items():
            first = next((f for f in forms if known_word in _WORD.findall(f)), known_word)
            spread.pairs.append(Variant(owner, first, word, f"сокращение «{known_word}» и «{word}»"))
        for a_i, a in enumerate(forms):
            for b in forms[a_i + 1:]:
                if a in near_miss[owner] or b in near_miss[owner]:
                    continue
                why = _differ(a, b) or ("другое слово" if spelling_variant(a, b) else "")
                if why:
                    first, other = (a, b) if min(spread.lines[a]) <= min(spread.lines[b]) else (b, a)
                    spread.pairs.append(Variant(owner, first, other, why))
        if spread.pairs:
            out.append(spread)
    return out


def _content(lemmas: tuple[str, ...]) -> int:
    return len([x for x in lemmas if x not in FUNCTION_WORDS])


def _differ(a: str, b: str) -> str:
    """Why two spellings of one body differ beyond case and inflection, or ``""``: an abbreviation one or two
    letters away, or words left out of the middle of a name (a name in quotes is compared with its
    quoted part too; a left-out place name, «Амурской», is a short form, not a difference)."""
    wa = [w for w in _WORD.findall(a) if is_abbreviation(w)]
    wb = [w for w in _WORD.findall(b) if is_abbreviation(w)]
    if wa and wb and len(wa) == len(wb):
        pairs = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
        if len(pairs) == 1 and near(*pairs[0]):
            return f"сокращение «{pairs[0][0]}» и «{pairs[0][1]}»"
    if wa or wb:
        return ""
    for x in (a, *_quoted_parts(a)):
        for y in (b, *_quoted_parts(b)):
            why = _left_out(x, y)
            if why:
                return why
    return ""


def _quoted_parts(text: str) -> list[str]:
    return [q for q in re.findall(r"«([^«»]+)»", text) if len(_WORD.findall(q)) >= 4]


def _left_out(a: str, b: str) -> str:
    la, lb = _lemmas(a), _lemmas(b)
    longer, shorter, words = (la, lb, _WORD.findall(a)) if len(la) > len(lb) else (lb, la, _WORD.findall(b))
    gap = len(longer) - len(shorter)
    if not 1 <= gap <= 3 or _content(shorter) < 4:
        return ""
    for k in range(1, len(shorter)):
        if longer[:k] == shorter[:k] and longer[k + gap:] == shorter[k:]:
            missing = words[k:k + gap]
            if all(w[:1].isupper() for w in missing) or all(w in FUNCTION_WORDS for w in missing):
                return ""
            return f"пропущены слова «{' '.join(missing)}»"
    return ""


def _omissions(text: Text, name: tuple[str, ...], covered: set[int]) -> list[tuple[int, int]]:
    """Where the text writes ``name`` with one to three words left out of its middle (not a mention already)."""
    lemmas = text.lemma_list
    out = []
    first = name[0]
    for i, lem in enumerate(lemmas):
        if lem != first or i in covered:
            continue
        j, k = i, 0
        while k < len(name) and j < len(lemmas) and lemmas[j] == name[k]:
            j, k = j + 1, k + 1
        if k < 3 or k == len(name):
            continue
        # Words left out: the text goes on with a later word of the name and reaches its end.
        for skip in (1, 2, 3):
            rest = name[k + skip:]
            if not rest or k + skip >= len(name):
                break
            m = 0
            while m < len(rest) and j + m < len(lemmas) and lemmas[j + m] == rest[m]:
                m += 1
            if m == len(rest) and m >= 1:
                out.append((i, j + m))
                break
    return out
