"""Word's automatic numbering: the label each numbered paragraph shows.

A numbered paragraph names a list instance (``w:num``) and a level. An instance takes its levels from
an abstract numbering (``w:abstractNum``): a start value, a number format («1», «а», «IV»…), a label
template («%1.%2.») and when the level starts again. Instances of one abstract numbering continue one
another's counting. An instance that overrides a level's start value (Word's «начать заново» or «задать
начальное значение», ``w:startOverride``) restarts that level: at its first paragraph if that paragraph
stands at an overridden level, otherwise at the first use of an overridden level.

What LibreOffice's text export prints is the reference these rules are tested against
(``tests/documents``). Word itself counts an instance with overrides apart from the others; the two agree
on what Word writes for «начать заново» (a new instance whose first paragraph is at the restarted level,
the old instance not used again) and differ only on documents that go on using the old instance after a
restart — there efs shows what LibreOffice shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = 9

# The Russian alphabet of «а)», «б)»… as LibreOffice counts it: no ё, й, ъ, ь.
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
#: The bullets LibreOffice's text export prints, by list level (whatever character the list uses).
EXPORT_BULLETS = ("•", "◦", "▪")
_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Symbol and Wingdings bullets stored in the private use area, as a text rendering shows them.
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf076": "❖", "\uf0a8": "◆",
                   "\uf02d": "-", "\uf0be": "—", "\uf06f": "o", "\uf0e0": "→"}


def _letters(n: int, alphabet: str) -> str:
    # Latin letters repeat past the end of the alphabet: …, z, aa, bb, …
    if n <= 0:
        return str(n)
    size = len(alphabet)
    return alphabet[(n - 1) % size] * ((n - 1) // size + 1)


def _letters_bijective(n: int, alphabet: str) -> str:
    # Russian letters, as LibreOffice counts them past «я»: аа, аб, … (like spreadsheet columns).
    if n <= 0:
        return str(n)
    size = len(alphabet)
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, size)
        out = alphabet[rem] + out
    return out


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter in a number format of ``w:numFmt`` (unknown formats read as decimal)."""
    if fmt in ("lowerLetter",):
        return _letters(n, _LATIN)
    if fmt == "upperLetter":
        return _letters(n, _LATIN).upper()
    if fmt == "russianLower":
        return _letters_bijective(n, _RUSSIAN)
    if fmt == "russianUpper":
        return _letters_bijective(n, _RUSSIAN).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if fmt == "none":
        return ""
    return str(n)


def bullet_text(text: str) -> str:
    """A bullet's character as a text rendering shows it (Symbol-font code points mapped)."""
    return "".join(_SYMBOL_BULLETS.get(ch, ch) for ch in text)


@dataclass(slots=True)
class Level:
    """One level of an abstract numbering."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: 0 never; n — after level n (1-based) is used
    legal: bool = False  # w:isLgl: every number of the label in decimal
    style: str | None = None  # w:pStyle: the paragraph style linked to this level


@dataclass(slots=True)
class ListInstance:
    """A ``w:num``: its abstract numbering and the levels it overrides."""

    abstract: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class Numbering:
    """The numbering definitions of a document, and the counters as paragraphs are numbered in order."""

    abstracts: dict[str, list[Level]] = field(default_factory=dict)
    instances: dict[str, ListInstance] = field(default_factory=dict)
    _counters: dict[str, list[int | None]] = field(default_factory=dict)
    # Per instance with overrides: levels already used, and whether its first paragraph restarted.
    _used: dict[str, set[int]] = field(default_factory=dict)
    _restarted: dict[str, bool] = field(default_factory=dict)

    def levels(self, num_id: str) -> list[Level] | None:
        """The effective levels of a list instance (its overrides applied), or ``None`` if undefined."""
        inst = self.instances.get(num_id)
        if inst is None or inst.abstract not in self.abstracts:
            return None
        levels = list(self.abstracts[inst.abstract])
        for i, lvl in inst.level_overrides.items():
            if 0 <= i < len(levels):
                levels[i] = lvl
        return levels

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """Count a paragraph at ``ilvl`` of instance ``num_id``; return its label and whether it is a bullet."""
        inst = self.instances.get(num_id)
        levels = self.levels(num_id)
        if inst is None or levels is None:
            return None
        ilvl = max(0, min(ilvl, len(levels) - 1))
        counters = self._counters.setdefault(inst.abstract, [None] * LEVELS)

        def start(i: int) -> int:
            return levels[i].start

        current = counters[ilvl]
        value = start(ilvl) if current is None else current + 1
        if inst.start_overrides:
            used = self._used.setdefault(num_id, set())
            first = not used
            if first:
                self._restarted[num_id] = ilvl in inst.start_overrides
            if ilvl in inst.start_overrides and ilvl not in used and (first or not self._restarted[num_id]):
                value = inst.start_overrides[ilvl]
            used.add(ilvl)
        counters[ilvl] = value
        for deeper in range(ilvl + 1, len(levels)):
            restart = levels[deeper].restart
            if restart is None or (restart != 0 and ilvl <= restart - 1):
                counters[deeper] = None
        lvl = levels[ilvl]
        if lvl.fmt == "bullet":
            return bullet_text(lvl.text), True
        label = lvl.text
        for i in range(len(levels) - 1, -1, -1):
            token = f"%{i + 1}"
            if token not in label:
                continue
            counted = counters[i]
            fmt = "decimal" if lvl.legal and levels[i].fmt != "none" else levels[i].fmt
            label = label.replace(token, format_number(counted if counted is not None else start(i), fmt))
        return label, False
