"""Rules on names: references that name nobody, one organisation under two spellings, mixed scripts."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.conformance.walk import enclosing, texts
from efs.model import Actor, Subject
from efs.neutral import has_invisible, invisible, reveal
from efs.references import normalize, reference_sites

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN = re.compile(r"[a-zA-Z]")


def _fold(text: str) -> str:
    return normalize(text).casefold().replace("ё", "е")


def _named(ctx: RuleContext) -> list[Subject | Actor]:
    """Every subject and actor."""
    return [*ctx.config.subjects, *ctx.config.actors]


def _names(ctx: RuleContext) -> list[tuple[str, str]]:
    """(name, id) of every spelling of every subject and actor."""
    return [(n, item.id) for item in _named(ctx) for n in item.names()]


_COLLECTIVE = re.compile(r"(^|\s)(все|всех|всем|всеми)(\s|$)|субъект", re.IGNORECASE)


def collective(text: str) -> bool:
    """Whether a reference names a group rather than one body («все субъекты РСНМС», «субъектами системы»)."""
    return _COLLECTIVE.search(text) is not None


def nearest(text: str, names: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The name (and its id) most similar to ``text``; ``None`` when nothing is reasonably close."""
    return _Nearest(names)(text)


class _Nearest:
    """:func:`nearest` over one list of names, folded once and remembered per text asked."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self.folded = {_fold(n): (n, i) for n, i in names}
        self.keys = list(self.folded)
        self.memo: dict[str, tuple[str, str] | None] = {}

    def __call__(self, text: str) -> tuple[str, str] | None:
        if text not in self.memo:
            best = difflib.get_close_matches(_fold(text), self.keys, n=1, cutoff=0.6)
            self.memo[text] = self.folded[best[0]] if best else None
        return self.memo[text]


def spelling_variant(a: str, b: str) -> bool:
    """Whether two names differ by a misspelt word (not by case, inflection, or a word added or left out)."""
    return _variant_words(_fold(a).split(), _fold(b).split())


def _variant_words(wa: list[str], wb: list[str]) -> bool:
    if wa == wb or len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    return _variant_word(*(w.strip(_PUNCT) for w in diff[0]))


_PUNCT = '".,;:()'
_DIGIT = re.compile(r"\d")


def _eligible(word: str) -> bool:
    """Whether a (stripped) word can be a misspelling of another: four letters or more, no digits."""
    return len(word) >= 4 and _DIGIT.search(word) is None


def _variant_word(x: str, y: str) -> bool:
    """Whether two different words are one misspelt (not an inflection, not another number)."""
    if not (_eligible(x) and _eligible(y)):
        return False  # «№ 1234» and «№ 2134» are two schools, not a typo
    prefix = len(_common_prefix(x, y))
    if prefix >= min(len(x), len(y)) - 2:
        return False  # an ending: inflection, not a different spelling
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.6


class _VariantIndex:
    """Names added so far, found again by an equal folded name or by one misspelt word — in near-linear time.

    A variant differs from a name in exactly one word: both are filed under their other words and the
    position of that word, so a name is compared only with the names that share every other word
    (comparing every pair was quadratic: 10 000 subjects took 43 s). At most :data:`BUCKET` names of a
    group are compared with each new one, so a file of thousands of names differing in one word stays
    linear.
    """

    BUCKET = 1000

    def __init__(self) -> None:
        self.exact: dict[str, list[Any]] = {}
        self.by_rest: dict[tuple[Any, ...], list[tuple[str, str, Any]]] = {}

    @staticmethod
    def _keys(folded: str) -> Iterator[tuple[tuple[Any, ...], str, str]]:
        words = folded.split()
        for p, raw in enumerate(words):
            word = raw.strip(_PUNCT)
            if _eligible(word):
                yield (len(words), p, *words[:p], *words[p + 1 :]), raw, word

    def add(self, folded: str, entry: Any) -> None:
        """File ``entry`` under the folded name."""
        self.exact.setdefault(folded, []).append(entry)
        for key, raw, word in self._keys(folded):
            group = self.by_rest.setdefault(key, [])
            if len(group) < self.BUCKET:
                group.append((raw, word, entry))

    def matches(self, folded: str) -> Iterator[Any]:
        """Entries whose name folds the same or is a one-word spelling variant (each may repeat)."""
        yield from self.exact.get(folded, ())
        for key, raw, word in self._keys(folded):
            for other_raw, other, entry in self.by_rest.get(key, ()):
                if other_raw != raw and _variant_word(other, word):
                    yield entry


def _common_prefix(x: str, y: str) -> str:
    out = []
    for c, d in zip(x, y, strict=False):
        if c != d:
            break
        out.append(c)
    return "".join(out)


def _unresolved(ctx: RuleContext) -> Iterator[Finding]:
    index: dict[str, int] = {}
    for item in _named(ctx):
        for n in {normalize(x) for x in (item.id, *item.names())}:
            index[n] = index.get(n, 0) + 1
    near_to = _Nearest(_names(ctx))
    for path, ref in reference_sites(ctx.config):
        if ref.resolved or ref.written_as_id or index.get(normalize(ref.as_written), 0) > 1:
            continue
        if collective(ref.as_written):
            continue  # a group of subjects, not a misspelt name
        owner, source = enclosing(ctx.config, path)
        near = near_to(ref.as_written)
        hint = f"; ближайшее: «{near[0]}»" if near else ""
        yield ctx.finding(
            path,
            f"«{ref.as_written}» не называет ни одного субъекта или органа{hint}",
            source=source,
            item=owner,
            nearest=near[1] if near else None,
        )


def _ambiguous(ctx: RuleContext) -> Iterator[Finding]:
    owners: dict[str, set[str]] = {}
    for item in _named(ctx):
        for n in (item.id, *item.names()):
            owners.setdefault(normalize(n), set()).add(item.id)
    for path, ref in reference_sites(ctx.config):
        ids = owners.get(normalize(ref.as_written), set())
        if not ref.resolved and len(ids) > 1:
            owner, source = enclosing(ctx.config, path)
            yield ctx.finding(
                path,
                f"«{ref.as_written}» подходит сразу к нескольким: {', '.join(sorted(ids))}",
                source=source,
                item=owner,
            )


def _variant_spelling(ctx: RuleContext) -> Iterator[Finding]:
    reported = set()
    for finding in _variant_spelling_in_text(ctx):
        reported.add(finding.item)
        yield finding
    for section in ("subjects", "actors"):
        for i, item in enumerate(getattr(ctx.config, section)):
            if item.id in reported:
                continue
            names = item.names()
            index = _VariantIndex()
            for j, b in enumerate(names):
                fb = _fold(b)
                earlier = [k for k in index.matches(fb) if names[k] != b and _fold(names[k]) != fb]
                first = names[min(earlier)] if earlier else None
                index.add(fb, j)
                if first is not None:
                    yield ctx.finding(
                        (section, i),
                        f"одна организация написана по-разному: «{first}» и «{b}»",
                        source=item.source,
                        item=item.id,
                    )


def _variant_spelling_in_text(ctx: RuleContext) -> Iterator[Finding]:
    """With the document at hand: each body the text writes in differing spellings, every spelling with its
    lines (:func:`efs.wholedoc.names.spreads`)."""
    from efs.wholedoc import mentions_of, names_of, source_at, text_of
    from efs.wholedoc.names import spreads

    text = text_of(ctx)
    if text is None:
        return
    where = {item.id: (section, i) for section in ("subjects", "actors")
             for i, item in enumerate(getattr(ctx.config, section))}
    for spread in spreads(text, names_of(ctx), mentions_of(ctx)):
        involved = list(dict.fromkeys(x for v in spread.pairs for x in (v.first, v.other)))
        spellings = "; ".join(f"«{x}» ({_line_list(spread.lines[x])})" for x in involved if x in spread.lines)
        whys = "; ".join(dict.fromkeys(v.why for v in spread.pairs))
        first_other = min(min(spread.lines.get(v.other, [0]) or [0]) for v in spread.pairs)
        yield ctx.finding(
            where[spread.owner],
            f"одна организация написана по-разному: {spellings} — {whys}",
            source=source_at(ctx, first_other),
            item=spread.owner,
            spellings={x: spread.lines.get(x, []) for x in involved},
        )


def _line_list(lines: list[int], limit: int = 6) -> str:
    uniq = sorted(set(lines))
    more = f" и ещё {len(uniq) - limit}" if len(uniq) > limit else ""
    return ("строка " if len(uniq) == 1 else "строки ") + ", ".join(str(n) for n in uniq[:limit]) + more


def _entry(section: str, i: int) -> str:
    """Where a subject or an actor is in the configuration, in words: «субъект № 2», «орган № 1»."""
    return f"{'субъект' if section == 'subjects' else 'орган'} № {i + 1}"


def _same_organisation(ctx: RuleContext) -> Iterator[Finding]:
    items: list[tuple[str, int, Subject | Actor]] = [
        ("subjects", i, s) for i, s in enumerate(ctx.config.subjects)
    ]
    items += [("actors", i, a) for i, a in enumerate(ctx.config.actors)]
    index = _VariantIndex()
    for k, (section, i, item) in enumerate(items):
        names = item.names()
        folded = [_fold(n) for n in names]
        # the first earlier item (then its first name, then this item's first name) that matches
        best: tuple[int, int, int] | None = None
        for b_pos, fb in enumerate(folded):
            for m, a_pos in index.matches(fb):
                if best is None or (m, a_pos, b_pos) < best:
                    best = (m, a_pos, b_pos)
        for a_pos, fa in enumerate(folded):
            index.add(fa, (k, a_pos))
        if best is not None:
            m, a_pos, b_pos = best
            other_section, other_i, other = items[m]
            yield ctx.finding(
                (section, i),
                f"«{names[b_pos]}» ({_entry(section, i)}) и «{other.names()[a_pos]}» "
                f"({_entry(other_section, other_i)}) — похоже, одна организация, описанная дважды",
                source=item.source,
                item=item.id,
            )


@functools.lru_cache(maxsize=65536)
def mixed(word: str) -> bool:
    """Whether a word mixes Cyrillic letters with Latin (or other) look-alike letters («Мегiona»).

    Cached: a document and its configuration repeat the same words thousands of times."""
    return bool(_CYRILLIC.search(word)) and any(c.isalpha() and not _CYRILLIC.match(c) for c in word)


def _mixed_script(ctx: RuleContext) -> Iterator[Finding]:
    from efs.wholedoc import anchor, source_at, text_of

    document = text_of(ctx)
    seen: set[str] = set()
    if document is not None:
        for token in document.tokens:
            if not mixed(token.text):
                continue
            seen.add(token.text)
            foreign = ", ".join(dict.fromkeys(c for c in token.text if c.isalpha() and not _CYRILLIC.match(c)))
            path, owner = anchor(ctx, token.line)
            yield ctx.finding(
                path,
                f"в слове «{token.text}» смешаны кириллица и латиница (латинские: {foreign}; строка "
                f"{token.line} документа)",
                source=source_at(ctx, token.line),
                item=owner,
            )
    for path, text in texts(ctx.config):
        for word in dict.fromkeys(_WORD.findall(text)):
            if word not in seen and mixed(word):
                latin = ", ".join(dict.fromkeys(_LATIN.findall(word)))
                owner, source = enclosing(ctx.config, path)
                yield ctx.finding(
                    path,
                    f"в слове «{word}» смешаны кириллица и латиница (латинские: {latin})",
                    source=source,
                    item=owner,
                )


def _strings(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string of the configuration, sources included, with its path."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _strings(getattr(node, name), (*path, name))
    elif isinstance(node, (list, tuple)):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, str(key)))
    elif isinstance(node, str):
        yield path, node


def _invisible(ctx: RuleContext) -> Iterator[Finding]:
    for path, text in _strings(ctx.config):
        if not has_invisible(text):
            continue
        found = invisible(text)
        names = "; ".join(f"{name} в позиции {pos + 1}" for pos, name in found[:3])
        more = f" и ещё {len(found) - 3}" if len(found) > 3 else ""
        owner, source = enclosing(ctx.config, path)
        yield ctx.finding(
            path,
            f"в тексте невидимые или управляющие символы: {names}{more}; на вид «{reveal(text)[:80]}» "
            "не отличается от текста без них",
            source=source,
            item=owner,
        )


W, E, INFO = Severity.warning, Severity.error, Severity.info

RULES: list[Rule] = [
    Rule(
        "EFS140",
        "unresolved-reference",
        W,
        "Ссылка не называет ни одного определённого субъекта",
        "Ответственный, соисполнитель или сторона соглашения должны быть субъектами или органами, которые "
        "документ определяет; иное написание (например, «АмРИО» "
        "вместо «АМИРО») делает ответственность неясной.",
        "Напишите название так, как оно определено, или добавьте написание в aliases, если это то же лицо.",
        _unresolved,
        "roadmap:\n  - id: m1\n    responsible: [ГАУ ДПО «АмРИО»]\n",
    ),
    Rule(
        "EFS141",
        "ambiguous-reference",
        W,
        "Ссылка подходит к нескольким субъектам",
        "Одно написание у двух субъектов или органов не позволяет понять, кто ответственный.",
        "Уточните ссылку (идентификатором) или различите названия.",
        _ambiguous,
        "roadmap:\n  - id: m1\n    responsible: [ММС]   # ММС — сокращение двух субъектов\n",
    ),
    Rule(
        "EFS142",
        "variant-spelling",
        W,
        "Одна организация написана по-разному",
        "Разные написания одного названия (опечатка в сокращении, лишняя буква) затрудняют поиск и "
        "ссылки — так «ИПКиППРО РА» и «ИПКиИИРО РА».",
        "Приведите написание к одному, официальному.",
        _variant_spelling,
        "subjects:\n  - {short_name: ИПКиППРО РА, aliases: [ИПКиИИРО РА], ...}\n",
    ),
    Rule(
        "EFS143",
        "duplicate-organisation",
        W,
        "Одна организация описана дважды",
        "Если одна организация записана как два субъекта или органа, функции и ответственность делятся "
        "между двойниками.",
        "Объедините записи; второе написание сделайте alias.",
        _same_organisation,
        "subjects:\n  - {id: a, name: ЦНППМ}\nactors:\n  - {id: b, name: ЦНППМ}\n",
    ),
    Rule(
        "EFS144",
        "mixed-script",
        W,
        "Слово смешивает кириллицу и латиницу",
        "Латинские буквы, похожие на русские, в русском слове («Мегiona») ломают поиск и сравнение названий.",
        "Наберите слово одной раскладкой.",
        _mixed_script,
        "roadmap:\n  - {text: города Мегiona, ...}\n",
    ),
    Rule(
        "EFS145",
        "invisible-character",
        E,
        "Невидимые или управляющие символы в тексте",
        "Символы направления письма (RLO, LRI…), символы нулевой ширины и управляющие символы не видны "
        "при чтении: два одинаковых на вид названия оказываются разными (ссылка «ЦНППМ» не находит "
        "субъект «ЦНППМ» с пробелом нулевой ширины), а переопределение направления меняет порядок букв "
        "на экране и в отчёте.",
        "Удалите символы (они часто приходят при копировании из Word или из веб-страниц); "
        "в редакторе включите показ невидимых символов.",
        _invisible,
        'subjects:\n  - {id: cnppm, name: "ЦНППМ\\u200b", ...}\n',
    ),
]
