"""Consistency between sections: what one part of the document states and another contradicts (``EFS210``–
``EFS213``).

* ``EFS210`` — the system's levels: the structure clause («включает структурные компоненты регионального,
  муниципального и институционального уровней»), the headings of the structure's sections («Структурный
  компонент муниципального уровня …») and every other statement of which levels the system's subjects
  belong to (its definition, its goal, a closing «перечень субъектов … уровня») must name the same levels;
* ``EFS211`` — the system's name: a municipal Положение whose headings call its system «региональной» or
  «РСНМС» (or a regional one that calls it municipal);
* ``EFS212`` — an annex the text refers to («указанное в приложении к настоящему приказу», «(приложение
  1)», «в приложении № 1 к настоящему положению») that no heading «Приложение …» of the document carries;
* ``EFS213`` — a numbered enumeration with a gap («1) … 3) … 6)»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.model import Level
from efs.wholedoc import anchor, source_at, text_of

_MARKUP = re.compile(r"<[^>]+>|\[bookmark: [^\]]*\]|\*\*")
_LEVEL_WORDS = {"федеральн": "federal", "региональн": "regional", "муниципальн": "municipal",
                "институциональн": "institutional", "школьн": "institutional"}
_LEVEL_NAMES = {"federal": "федерального", "regional": "регионального", "municipal": "муниципального",
                "institutional": "институционального"}
_ADJ = r"(?:федеральн|региональн|муниципальн|институциональн|школьн)\w*(?:\s*\([^)]*\))?"
#: «регионального, муниципального и институционального (образовательных организаций) уровней»
_ENUM = re.compile(rf"(?P<adjs>{_ADJ}(?:\s*(?:,|и|,\s*а\s+также)\s*{_ADJ})*)\s+уровн\w*", re.I)
_STRUCTURE = re.compile(r"включа\w+\s+(?:в\s+себя\s+)?структурн\w+\s+компонент", re.I)
_HEADING = re.compile(rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:структурн\w+\s+компонент\w*|субъекты)\s+(?P<adj>{_ADJ})\s+уровн"
                      r"\w*(?!\s+(?:и|,))", re.I)
#: What states which levels the system's subjects belong to: its definition, its goal.
_SYSTEM_STATEMENT = re.compile(r"совокупност|взаимодейств", re.I)
_CLOSING = re.compile(r"перечень\s+субъект", re.I)
_ABOUT_SUBJECTS = re.compile(r"субъект|совокупност|компонент", re.I)


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", line)).strip()


def _levels(adjs: str) -> list[str]:
    out = []
    for word in re.findall(r"[^\W\d_]+", re.sub(r"\([^)]*\)", " ", adjs)):
        for stem, level in _LEVEL_WORDS.items():
            if word.lower().startswith(stem) and level not in out:
                out.append(level)
    return out


def _names(levels: list[str] | set[str]) -> str:
    order = list(_LEVEL_NAMES)
    names = [_LEVEL_NAMES[lv] for lv in sorted(set(levels), key=order.index)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " и " + names[-1]


def _plural(levels: Any) -> str:
    return f"{_names(levels)} {'уровня' if len(set(levels)) == 1 else 'уровней'}"


def _finding(ctx: RuleContext, line: int, message: str, **extra: Any) -> Finding:
    at, item = anchor(ctx, line)
    return ctx.finding(at, message, source=source_at(ctx, line), item=item, **extra)


@dataclass(slots=True)
class _Structure:
    line: int
    levels: list[str]
    headings: list[tuple[int, str]]
    statements: list[tuple[int, list[str], str]]
    closings: list[tuple[int, list[str], str, str | None]]


def _structure(ctx: RuleContext) -> _Structure | None:
    text = text_of(ctx)
    if text is None:
        return None
    declared: tuple[int, list[str]] | None = None
    headings: list[tuple[int, str]] = []
    statements: list[tuple[int, list[str], str]] = []
    closings: list[tuple[int, list[str], str, str | None]] = []
    for number, raw in enumerate(text.lines, start=1):
        line = _clean(raw)
        if not line:
            continue
        heading = _HEADING.match(line)
        if heading is not None:
            levels = _levels(heading.group("adj"))
            # a bare title and its clause a few lines below («Структурный компонент …» twice) are one section
            same = headings and headings[-1][1] == levels[0] and number - headings[-1][0] <= 6 and \
                not _clean(text.lines[headings[-1][0] - 1]).endswith(":")
            if levels and not same:
                headings.append((number, levels[0]))
            continue
        for m in _ENUM.finditer(line):
            levels = _levels(m.group("adjs"))
            if not levels:
                continue
            if declared is None and _STRUCTURE.search(line[:m.start()]):
                declared = (number, levels)
            elif _CLOSING.search(line[:m.start()]):
                closings.append((number, levels, m.group(0), headings[-1][1] if headings else None))
            elif _ABOUT_SUBJECTS.search(line[max(0, m.start() - 120):m.start()]) and \
                    _SYSTEM_STATEMENT.search(line[:m.start()]):
                statements.append((number, levels, m.group(0)))
    if declared is None:
        return None
    return _Structure(declared[0], declared[1], headings, statements, closings)


def _levels_disagree(ctx: RuleContext) -> Iterator[Finding]:
    s = _structure(ctx)
    if s is None:
        return
    declared = set(s.levels)
    if s.headings:
        given = [level for _, level in s.headings]
        missing = declared - set(given)
        twice = sorted({lv for lv in given if given.count(lv) > 1})
        extra = set(given) - declared
        problems = []
        if missing:
            problems.append(f"нет раздела {_plural(missing)}")
        if twice:
            lines = [str(n) for n, lv in s.headings if lv in twice]
            problems.append(f"раздел {_plural(twice)} дан дважды (строки {', '.join(lines)})")
        if extra:
            problems.append(f"есть раздел {_plural(extra)}, которого перечень не называет")
        if problems:
            yield _finding(
                ctx, s.headings[0][0],
                f"строка {s.line} называет компоненты системы {_plural(declared)}; разделы структуры: "
                f"{'; '.join(problems)}",
                declared=sorted(declared), headings=[[n, lv] for n, lv in s.headings],
            )
    groups: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    for number, levels, words in s.statements:
        if set(levels) != declared:
            groups.setdefault(tuple(sorted(levels)), []).append((number, words))
    for number, levels, words, section in s.closings:
        if section is not None and levels != [section]:
            yield _finding(
                ctx, number,
                f"«…{words}» закрывает раздел субъектов {_plural([section])}, но называет субъектов "
                f"{_plural(levels)}",
                levels=levels, section=section,
            )
    for levels_key, where in groups.items():
        first, words = where[0]
        others = [n for n, _ in where[1:]]
        word = "строка" if len(others) == 1 else "строки"
        also = f" (так же: {word} {', '.join(map(str, others))})" if others else ""
        yield _finding(
            ctx, first,
            f"«…{words}» — субъекты системы здесь {_plural(levels_key)}, а структура (строка {s.line}) "
            f"включает компоненты {_plural(declared)}{also}",
            levels=list(levels_key), lines=[first, *others],
        )


_OTHER_SYSTEM = {
    Level.municipal: re.compile(r"региональн\w+\s+систем\w+\s+научно|\bРС\s?НМС\b"),
    Level.regional: re.compile(r"муниципальн\w+\s+систем\w+\s+научно|\bМС\s?НМС\b"),
}


def _is_heading(line: str) -> bool:
    """A section's title: «2. Актуальность, цель, задачи …», «3.3. Структурный компонент … представляют
    субъекты:» — numbered, short, no full sentence after it."""
    if not re.match(r"^\s*\d+(?:\.\d+)*\.?\s+\S", line) or len(line) > 260:
        return False
    body = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", line)
    return body.rstrip().endswith(":") or not re.search(r"[.;]\s*$", body) or len(body) < 160


def _name_disagrees(ctx: RuleContext) -> Iterator[Finding]:
    text = text_of(ctx)
    level = ctx.config.jurisdiction.level
    pattern = _OTHER_SYSTEM.get(level)
    if text is None or pattern is None:
        return
    hits = []
    for number, raw in enumerate(text.lines, start=1):
        line = _clean(raw)
        m = pattern.search(line)
        if m is not None and _is_heading(line) and not re.search(r"взаимодейств|в рамках|в составе", line, re.I):
            hits.append((number, m.group(0)))
    if hits:
        own = "муниципальная" if level == Level.municipal else "региональная"
        lines = ", ".join(f"{n} («{w}»)" for n, w in hits)
        yield _finding(
            ctx, hits[0][0],
            f"система положения — {own}, а заголовки называют её иначе: строки {lines}",
            lines=[n for n, _ in hits],
        )


_ANNEX_REF = re.compile(
    r"(?:в\s+)?приложени\w*\s*(?:№\s*(?P<n1>\d+)\s*)?к\s+настоящ\w+\s+(?P<of>приказу|положению|распоряжению|"
    r"постановлению)"
    r"|\(\s*приложени\w*\s*(?:№\s*)?(?P<n2>\d+)\s*\)",
    re.I,
)
_ANNEX_HEAD = re.compile(r"^\s*(?:\*\*)?\s*приложение\s*(?:№\s*)?(?P<n>\d+)?\s*(?:к\s+(?P<of>\w+))?", re.I)
_PARENT = {"приказ": "приказу", "положен": "положению", "распоряжен": "распоряжению", "постановлен": "постановлению"}


def _parent(word: str | None) -> str | None:
    if not word:
        return None
    return next((v for k, v in _PARENT.items() if word.lower().startswith(k)), None)


def _annex_missing(ctx: RuleContext) -> Iterator[Finding]:
    text = text_of(ctx)
    if text is None:
        return
    heads: list[tuple[int, str | None, str | None]] = []
    lines = [_clean(raw) for raw in text.lines]
    for number, line in enumerate(lines, start=1):
        m = _ANNEX_HEAD.match(line)
        if m is None or len(line) > 120:
            continue
        of = m.group("of") or next((re.search(r"к\s+(\w+)", nxt).group(1)  # type: ignore[union-attr]
                                    for nxt in lines[number:number + 2] if re.match(r"к\s+\w+", nxt)), None)
        heads.append((number, m.group("n"), _parent(of)))
    for number, line in enumerate(lines, start=1):
        for m in _ANNEX_REF.finditer(line):
            wanted = m.group("n1") or m.group("n2")
            of = _parent(m.group("of")) or ("приказу" if re.match(r"^\s*\d+\.\s*Утвердить", line, re.I) else None)
            found = [h for h in heads if h[0] != number and (wanted is None or h[1] in (wanted, None))
                     and (of is None or h[2] in (of, None))]
            if wanted is not None:
                found = [h for h in found if h[1] == wanted or (h[1] is None and len(heads) == 1)]
            if found:
                continue
            named = f"«Приложение{' № ' + wanted if wanted else ''}{' к ' + of if of else ''}»"
            others = "; ".join(f"«{lines[h[0] - 1][:40]}» (строка {h[0]})" for h in heads) or "ни одного"
            yield _finding(
                ctx, number,
                f"текст ссылается на приложение («{m.group(0).strip()}»), но заголовка {named} в документе нет; "
                f"заголовки приложений: {others}",
                annex=wanted, of=of,
            )


_ITEM = re.compile(r"(?:^|[\s;:,.])(\d{1,2})\)\s")


def _enumeration_gap(ctx: RuleContext) -> Iterator[Finding]:
    text = text_of(ctx)
    if text is None:
        return
    for number, raw in enumerate(text.lines, start=1):
        for cell in raw.split("\t"):
            items = [int(m.group(1)) for m in _ITEM.finditer(_MARKUP.sub(" ", cell))]
            if len(items) < 2 or items[0] not in (1, 0) or items != sorted(items) or len(set(items)) < len(items):
                continue
            gaps = sorted(set(range(items[0], items[-1] + 1)) - set(items))
            if gaps:
                yield _finding(
                    ctx, number,
                    f"перечисление нумерует пункты {', '.join(f'{i})' for i in items)}: нет "
                    f"{', '.join(f'{g})' for g in gaps)} — пункт потерян или номера сбиты",
                    items=items, missing=gaps,
                )


W, E = Severity.warning, Severity.error
_TEXT = "Правило читает документ, который кодирует конфигурация (EFS023). "

RULES: list[Rule] = [
    Rule(
        "EFS210",
        "levels-disagree",
        E,
        "Разделы документа называют разные уровни системы",
        _TEXT + "Концепция ЕФС строит систему по уровням (федеральный, региональный, муниципальный, "
        "институциональный); положение определяет, какие из них входят в его систему. Если перечень "
        "компонентов (п. 3.1) называет три уровня, а разделы структуры — два, или определение системы и её цель "
        "называют другие уровни, чем структура, неясно, кто входит в систему и кто за что отвечает.",
        "Приведите перечень компонентов, заголовки разделов структуры, определение и цель системы к одному "
        "набору уровней.",
        _levels_disagree,
        "# 3.1: «включает структурные компоненты регионального, муниципального и институционального уровней»; "
        "разделы 3.2 и 3.3 — оба «муниципального уровня»\n",
    ),
    Rule(
        "EFS211",
        "system-name-disagrees",
        W,
        "Заголовки называют систему другого уровня",
        _TEXT + "Муниципальное положение о муниципальной системе (МСНМС), чьи заголовки говорят о «региональной "
        "системе» или «РСНМС», — след регионального образца: читатель не знает, о какой системе раздел.",
        "Исправьте название системы в заголовках на название из п. 1.1.",
        _name_disagrees,
        "# 1.1: «… муниципальной системы … (далее – МСНМС)»; заголовок 3.3: «Структурный компонент … РСНМС»\n",
    ),
    Rule(
        "EFS212",
        "annex-reference-unresolved",
        W,
        "Ссылка на приложение, которого нет",
        _TEXT + "Приказ утверждает положение «согласно приложению», положение отсылает к «приложению № 1»; "
        "приложение с таким заголовком должно быть в документе — иначе неясно, что утверждено и где искать "
        "определения.",
        "Озаглавьте приложение так, как на него ссылается текст («Приложение № 1 к приказу …»), или исправьте "
        "ссылку.",
        _annex_missing,
        "# «1.4. Основные понятия … указаны в приложении № 1 к настоящему положению» — а приложения № 1 нет\n",
    ),
    Rule(
        "EFS213",
        "enumeration-gap",
        W,
        "В перечислении пропущен номер",
        _TEXT + "Перечисление «1) … 3) … 6)» потеряло пункт или сбило номера: ссылка «в пункте 2)» ведёт в "
        "никуда, а пропущенное могло быть существенным.",
        "Восстановите пропущенный пункт или перенумеруйте перечисление.",
        _enumeration_gap,
        "# «… реестров: 1) ДПП, 3) сообществ, 4) площадок …»\n",
    ),
]
