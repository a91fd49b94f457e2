"""Abbreviations: where a document introduces each, for which words, and where it uses it.

An abbreviation is introduced

* by «(далее – X)», «(Далее-X)», «(далее соответственно – A, B, X)» or «…, далее – X» after the words it
  stands for;
* by «(X)» right after words whose initials X repeats («федерального реестра … (ФР ДПП)»), in the text or
  in the glossary.

The words an abbreviation stands for (its *expansion*) are found by :func:`spells`: each letter of the
abbreviation is the first letter of a word, in order, or the next letter of the word before it (a
syllabic abbreviation: «АмИРО» — *Ам*урский институт развития образования); words may be left out
(«областной»), and «и» stands for «и». The part of an organisation's short name in quotes is matched
with the part of its name in quotes («БУ ДПО РА «ИПКиППРО РА»» — «Институт повышения квалификации и
профессиональной переподготовки работников образования Республики Алтай»).

A *use* is a word written as an abbreviation (:func:`efs.wholedoc.text.is_abbreviation`) outside
letterheads, outside quotes (a quoted name is an organisation's own name) and outside the legal form of an
organisation («ГАУ ДПО», «МКУ», «ФГБОУ ВО»).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from efs.wholedoc.text import Text, Token, is_abbreviation

#: Abbreviations any Russian reader knows: no document introduces them.
COMMON = frozenset(
    [
        "РФ", "ФЗ", "ФГОС", "НОО", "ООО", "СОО", "ЕГЭ", "ОГЭ", "ГИА", "ОВЗ", "СПО", "ВСОШ", "IT", "ИТ", "ВУЗ",
        "СМИ",
    ]
)
#: Organisational and legal forms, and what may follow them in an organisation's short name.
LEGAL_FORMS = frozenset(
    [
        "ФГБОУ", "ФГАОУ", "ФГАУ", "ФГБУ", "ФГКУ", "ГАУ", "ГБУ", "ГКУ", "ГАОУ", "ГБОУ", "ГКОУ", "ГПОАУ", "ГПОБУ",
        "ГБПОУ", "ГАПОУ", "МКУ", "МБУ", "МАУ", "МБОУ", "МАОУ", "МКОУ", "МАДОУ", "МБДОУ", "АУ", "БУ", "КУ",
        "ОГАУ", "ОГБУ", "КГАУ", "КГБУ", "АНО", "НКО", "РОО", "ООО",
    ]
)

#: Parts of a legal form after its first word: «ГАУ *ДПО*», «ФГБОУ *ВО*».
FORM_PARTS = frozenset(["ДПО", "ВО", "ПО", "СПО"])

_INTRO = re.compile(
    r"(?P<open>\(\s*)?[Дд]алее(?:\s+соответственно)?\s*[-–—:]?\s*(?P<body>[^()\n]{1,120}?)\s*(?(open)\)|(?=[.;,\n]|$))"
)
_BARE = re.compile(r"\(\s*(?P<body>[A-ZА-ЯЁ][A-ZА-ЯЁа-яё]*(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁа-яё]*){0,3})\s*\)")
_HYPHEN_SPLIT = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Introduction:
    """One place where an abbreviation (or a short name) is introduced.

    Attributes:
        short: The short form as written («БУ ДПО РА «ИПКиИИРО РА»», «ЦНППМ»).
        line: Line of the introduction.
        expansion: The words it stands for, as written (``""`` when none could be told).
        matches: Whether the short form's letters spell its expansion (:func:`spells`).
        explicit: Introduced by «далее» (rather than by a bracket after the words).
        start: Index of the expansion's first word (``-1`` without one).
        end: Index after the expansion's last word.
    """

    short: str
    line: int
    expansion: str
    matches: bool
    explicit: bool
    start: int = -1
    end: int = -1

    @property
    def key(self) -> str:
        """The short form without quotes and spaces, for comparing spellings («РС НМС» → «РСНМС»)."""
        return key(self.short)

    @property
    def letters(self) -> str:
        """The abbreviation part of the short form («БУ ДПО РА «ИПКиИИРО РА»» → «БУДПОРАИПКиИИРОРА»)."""
        return "".join(w for w in _HYPHEN_SPLIT.findall(self.short) if is_abbreviation(w) or w == "и")

    @property
    def is_abbreviation(self) -> bool:
        """Whether the short form is an abbreviation (not a word such as «Положение» or «Университет»)."""
        words = _HYPHEN_SPLIT.findall(self.short)
        return bool(words) and all(is_abbreviation(w) or w == "и" for w in words)


@dataclass(slots=True)
class Use:
    """One use of an abbreviation: the word and the short form it belongs to, if any was introduced."""

    token: Token
    short: str | None


@dataclass(slots=True)
class Abbreviations:
    """What a document does with abbreviations."""

    introductions: list[Introduction] = field(default_factory=list)
    uses: list[Use] = field(default_factory=list)

    def introduced(self, word: str) -> list[Introduction]:
        """Introductions of a short form (compared without quotes and spaces)."""
        k = key(word)
        return [i for i in self.introductions if i.key == k]


def key(short: str) -> str:
    """A short form without quotes, spaces and hyphens («РС НМС» and «РСНМС» are one key)."""
    return re.sub(r"[\s«»\"'\-–—]+", "", short)


# --- spelling ----------------------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return [w.lower().replace("ё", "е") for w in _HYPHEN_SPLIT.findall(text)]


def spells(short: str, expansion: str) -> bool:
    """Whether the letters of ``short`` spell the words of ``expansion`` (see the module's docstring).

    >>> spells("ЦНППМ", "Центр непрерывного повышения профессионального мастерства педагогических работников")
    True
    >>> spells("ИПКиИИРО", "Институт повышения квалификации и профессиональной переподготовки работников")
    False
    """
    q_short, q_exp = _quoted(short), _quoted(expansion)
    if q_short is not None and q_exp is not None:
        outer_short, outer_exp = short[: short.index("«")], expansion[: expansion.index("«")]
        return _spell(_letters(q_short), _words(q_exp)) and (
            not _letters(outer_short) or _spell(_letters(outer_short), _words(outer_exp))
        )
    return _spell(_letters(short), _words(expansion))


def _quoted(text: str) -> str | None:
    i = text.find("«")
    if i < 0:
        return None
    j = text.rfind("»")
    return text[i + 1: j if j > i else len(text)]


def _letters(text: str) -> str:
    return "".join(w for w in _HYPHEN_SPLIT.findall(text) if is_abbreviation(w) or w in ("и", "И") or
                   (len(w) == 1 and w.isupper())).lower().replace("ё", "е")


def _spell(letters: str, words: list[str]) -> bool:
    if not letters or not words or words[0][:1] != letters[0]:
        return False
    return _go(letters, tuple(words), 1, 0, 1)


@functools.lru_cache(maxsize=4096)
def _go(letters: str, words: tuple[str, ...], i: int, j: int, k: int) -> bool:
    if i == len(letters):
        return True
    c = letters[i]
    if k < len(words[j]) and words[j][k] == c and len(words[j]) > 1 and _go(letters, words, i + 1, j, k + 1):
        return True
    return any(words[n][:1] == c and _go(letters, words, i + 1, n, 1) for n in range(j + 1, len(words)))


# --- reading a document ------------------------------------------------------------------------------------

def read(text: Text) -> Abbreviations:
    """Every introduction and use of an abbreviation in ``text``."""
    out = Abbreviations()
    spans: list[tuple[int, int]] = []  # token ranges of the short forms where they are introduced
    for line in range(1, len(text.lines) + 1):
        raw = text.lines[line - 1]
        if "алее" not in raw and "(" not in raw:
            continue
        words = text.on_line(line)
        for m in _INTRO.finditer(raw):
            for short in _split_list(m.group("body")):
                if not m.group("open") and not all(is_abbreviation(w) for w in _HYPHEN_SPLIT.findall(short)):
                    continue  # «… далее - в течение года»: not an introduction
                at = raw.find(short, m.start("body"))
                intro = _introduce(text, words, line, short, at, m.start(), explicit=True)
                if intro is not None:
                    out.introductions.append(intro)
                    spans.append(_span(words, at, at + len(short)))
        for m in _BARE.finditer(raw):
            short = m.group("body")
            if not all(is_abbreviation(w) or w == "и" for w in _HYPHEN_SPLIT.findall(short)):
                continue
            intro = _introduce(text, words, line, short, m.start("body"), m.start(), explicit=False)
            if intro is not None and intro.matches:
                out.introductions.append(intro)
                spans.append(_span(words, m.start("body"), m.end("body")))
    inside = {i for a, b in spans for i in range(a, b)}
    for token in _candidate_uses(text):
        if token.index in inside:
            continue
        owner = next((i.short for i in out.introductions if i.key == token.text), None) or next(
            (i.short for i in out.introductions
             if i.is_abbreviation and token.text in _HYPHEN_SPLIT.findall(i.short)
             and _HYPHEN_SPLIT.findall(i.short)[0] not in LEGAL_FORMS),
            None,
        )
        out.uses.append(Use(token, owner))
    return out


def _split_list(body: str) -> list[str]:
    """The short forms of «(далее соответственно – Положение, муниципальная система …, МСНМС)»: the last
    items that are abbreviations, or the whole body when it is one short form."""
    parts = [p.strip(" ,;") for p in re.split(r",\s+(?![^«]*»)", body)]
    if len(parts) == 1:
        return parts
    return [p for p in parts if p and all(is_abbreviation(w) or w == "и" for w in _HYPHEN_SPLIT.findall(p))]


def _span(words: list[Token], start: int, end: int) -> tuple[int, int]:
    inside = [t.index for t in words if start <= t.column < end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def _introduce(
    text: Text, words: list[Token], line: int, short: str, at: int, open_at: int, *, explicit: bool
) -> Introduction | None:
    short = short.strip().rstrip(".")
    if not short or len(short) > 80:
        return None
    before = [t for t in words if t.column < open_at]
    if not before:
        # The words may end on the line above («… педагогических работников\n(далее – ЦНППМ)»).
        prev = line - 1
        while prev >= 1 and not text.on_line(prev):
            prev -= 1
        before = text.on_line(prev) if prev >= 1 else []
    window = _window(text, before)
    abbreviation = all(is_abbreviation(w) or w == "и" for w in _HYPHEN_SPLIT.findall(short))
    if not window:
        return Introduction(short, line, "", False, explicit)
    if not abbreviation:
        return Introduction(short, line, "", True, explicit, window[0].index, window[-1].index + 1)
    first = _letters(short)[:1]
    candidates = [n for n, t in enumerate(window) if t.text[:1].lower().replace("ё", "е") == first]
    chosen = next(
        (n for n in reversed(candidates) if spells(short, text.phrase(window[n].index, window[-1].index + 1))),
        None,
    )
    matches = chosen is not None
    if chosen is None:
        capital = [n for n in candidates if window[n].upper_initial]
        chosen = (capital or candidates or [next((i for i, t in enumerate(window) if t.upper_initial), 0)])[0]
    best = (chosen, matches)
    start = window[best[0]].index
    end = window[-1].index + 1
    expansion = text.phrase(start, end)
    if text.tokens[start].line == line:  # up to the bracket, closing quotes included
        expansion = text.lines[line - 1][text.tokens[start].column:open_at]
        expansion = re.sub(r"\s+", " ", re.sub(r"<[^>]+>|\[bookmark: [^\]]*\]", " ", expansion)).strip(" ,")
    return Introduction(short, line, expansion, best[1], explicit, start, end)


def _window(text: Text, before: list[Token]) -> list[Token]:
    """The words before an introduction back to where its clause starts (at most 30 words): a «;», «:», a
    bracket or a sentence's end, or the start of a numbered or bulleted line."""
    if not before:
        return []
    last = before[-1].index
    first = last
    while first > 0 and last - first < 30:
        token = text.tokens[first]
        if any(c in token.gap for c in ";:()") or ". " in token.gap:
            break
        if "\n" in token.gap:
            raw = text.lines[token.line - 1].lstrip()
            above = text.lines[token.line - 2].rstrip() if token.line > 1 else ""
            if raw[:1] in "·-–—•" or raw[:1].isdigit() or not above or above[-1:] in ".;:":
                break
        first -= 1
    return text.tokens[first:last + 1]


def _candidate_uses(text: Text) -> list[Token]:
    """Words written as abbreviations that a reader needs introduced: not quoted names, not legal forms."""
    out = []
    heads = text.heading_lines
    tokens = text.tokens
    for t in tokens:
        if t.line in heads or not is_abbreviation(t.text) or t.quoted:
            continue
        if _in_legal_form(tokens, t.index) or _in_number(text, t):
            continue
        out.append(t)
    return out


def _in_number(text: Text, t: Token) -> bool:
    """Whether a word is part of an act's number («№ АЗ-872/08», «273-ФЗ», «№ Р-174»)."""
    raw = text.lines[t.line - 1]
    before = raw[max(0, t.column - 3):t.column]
    after = raw[t.column + len(t.text):t.column + len(t.text) + 2]
    return "№" in before or bool(re.search(r"\d\s?-\s?$", before)) or bool(re.match(r"\s?-\s?\d", after))


def _in_legal_form(tokens: list[Token], i: int) -> bool:
    """Whether word ``i`` is a legal form («ГАУ») or follows one in an organisation's short name
    («ГАУ ДПО», «ФГБОУ ВО БГПУ», «МКУ ЦРО»)."""
    n = i
    while True:
        if tokens[n].text in LEGAL_FORMS:
            return True
        if n == 0 or tokens[n].gap.strip() or "\n" in tokens[n].gap or not is_abbreviation(tokens[n - 1].text):
            return False
        n -= 1
