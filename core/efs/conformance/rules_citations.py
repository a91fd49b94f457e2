"""Whole-document rules on citations: every act the text cites, against its other citations and what efs knows.

The encoded ``legal_basis`` lists what the legal-basis section cites; the text cites acts elsewhere too (a
preamble, a measure «в соответствии с приказом …», an indicator «показатели муниципальной программы …»).
These rules read every citation of the document (:func:`efs.documents.citations.citations`):

* ``EFS220`` — one act (its number) cited with two different dates;
* ``EFS221`` — one act cited under two different titles;
* ``EFS222`` — an act, programme or project whose period (from its title — «на период до 2024 года», «на
  2020–2023 годы», «на 2022 год» — or from what efs knows: the national project «Образование» and its
  federal projects ran in 2019–2024) has ended by the date of checking;
* ``EFS223`` — one whose period had already ended when the Положение was adopted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.wholedoc import anchor, source_at, text_of

_PERIOD = re.compile(
    r"на\s+период\s+до\s+(?P<until>(?:19|20)\d{2})\s+год"
    r"|на\s+(?P<from>(?:19|20)\d{2})\s*[-–—]\s*(?P<to>(?:19|20)\d{2})\s*(?:гг|год)"
    r"|на\s+(?P<year>(?:19|20)\d{2})\s+год(?![а-я]*\s+и\b)",
    re.I,
)
#: A programme or plan named by its title in quotes («… муниципальной программы «… на 2020-2023 год»»).
_NAMED = re.compile(
    r"(?P<what>(?:под)?программ\w*|план\w*|дорожн\w+\s+карт\w*|комплекс\w*\s+мер|стратеги\w*|рекомендаци\w*)"
    r"[^«»;\t]{0,80}?«(?P<title>[^«»]*(?:«[^»]*»[^«»]*)*)»",
    re.I,
)


@dataclass(slots=True)
class _Cited:
    line: int
    text: str  # the citation as written (or the programme's name)
    number: str | None
    date: dt.date | None
    title: str | None
    segment: str  # the citation with what follows it up to the next one (periods, editions)
    known_end: int | None = None
    note: str = ""


def cited(ctx: RuleContext) -> list[_Cited]:
    """Every act, programme and project the document cites, with the text around it (read once per run)."""
    if "wholedoc:cited" in ctx.shared:
        found: list[_Cited] = ctx.shared["wholedoc:cited"]
        return found
    from efs.concept.acts import match_programme
    from efs.documents.citations import citations

    text = text_of(ctx)
    out: list[_Cited] = []
    if text is not None:
        for number, raw in enumerate(text.lines, start=1):
            line = re.sub(r"<[^>]+>|\[bookmark: [^\]]*\]", lambda m: " " * len(m.group()), raw)
            found_here = citations(line)
            acts = [c for c in found_here if c.number or c.date]
            for k, c in enumerate(acts):
                start = max(line.rfind("\t", 0, c.start) + 1, acts[k - 1].start + len(acts[k - 1].as_written)
                            if k else 0)
                stop = acts[k + 1].start if k + 1 < len(acts) else len(line)
                tab = line.find("\t", c.start + len(c.as_written))
                stop = min(stop, tab) if tab >= 0 else stop
                out.append(_Cited(number, c.as_written, c.number, c.date, c.title, line[start:stop]))
            spans = [(c.start, c.start + len(c.as_written)) for c in acts]
            for c in found_here:
                # «на базе инфраструктуры национального проекта «Образование»»: what the project built outlives it
                built = re.search(r"(?:инфраструктур|созданн)\w*\W+(?:\w+\W+){0,4}$", line[:c.start], re.I)
                if c.kind in ("национальный проект", "федеральный проект") and c.title and built is None:
                    p = match_programme(c.kind, c.title)
                    out.append(_Cited(number, f"{c.kind} «{c.title}»", None, None, c.title, c.as_written,
                                      p.end if p else None,
                                      f"{c.kind} {p.start}–{p.end} годов" if p else ""))
            for m in _NAMED.finditer(line):
                if any(a <= m.start() < b or a < m.end() <= b for a, b in spans):
                    continue
                out.append(_Cited(number, m.group(0), None, None, m.group("title"), m.group("title")))
    ctx.shared["wholedoc:cited"] = out
    return out


def _end(c: _Cited) -> tuple[int, str] | None:
    """The last year of what ``c`` cites, and the words that say so."""
    m = _PERIOD.search(c.segment)
    if m is not None:
        year = m.group("until") or m.group("to") or m.group("year")
        return int(year), f"«{m.group(0)}»"
    if c.known_end is not None:
        return c.known_end, c.note
    return None


def _finding(ctx: RuleContext, line: int, message: str, **extra: Any) -> Finding:
    at, item = anchor(ctx, line)
    return ctx.finding(at, message, source=source_at(ctx, line), item=item, **extra)


def _short(text: str, limit: int = 140) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ;,.")
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _periods(ctx: RuleContext, *, at_adoption: bool) -> Iterator[Finding]:
    """One finding per act or programme (at its first citation, the others named)."""
    from efs.concept.acts import normalize_number

    adopted = ctx.adoption_date
    groups: dict[str, list[tuple[_Cited, int, str]]] = {}
    for c in cited(ctx):
        end = _end(c)
        if end is None:
            continue
        year, words = end
        last_day = dt.date(year, 12, 31)
        before_adoption = adopted is not None and last_day < adopted
        if at_adoption != before_adoption or (not at_adoption and last_day >= ctx.as_of):
            continue
        key = normalize_number(c.number) if c.number else _fold_title(c.title or c.text)
        groups.setdefault(key, []).append((c, year, words))
    basis = {a.source.line for a in ctx.config.legal_basis if a.source is not None and a.source.line}
    for group in groups.values():
        # Located where the legal basis cites it, when it does (that is the item the YAML encodes).
        c, year, words = next((g for g in group if g[0].line in basis), group[0])
        also = sorted({g[0].line for g in group} - {c.line})
        more = f"; упомянут также на строках {', '.join(map(str, also))}" if also else ""
        if at_adoption:
            assert adopted is not None
            message = (f"«{_short(c.text)}» — срок истёк 31.12.{year} ({_short(words, 80)}), до принятия положения "
                       f"({adopted.strftime('%d.%m.%Y')}): положение опирается на акт, уже исчерпавший себя{more}")
        else:
            message = (f"«{_short(c.text)}» — срок истёк 31.12.{year} ({_short(words, 80)}); на "
                       f"{ctx.as_of.strftime('%d.%m.%Y')} положение опирается на цели завершённого периода{more}")
        yield _finding(ctx, c.line, message, cited=_short(c.text, 300), ended=year, lines=[c.line, *also])


def _ended(ctx: RuleContext) -> Iterator[Finding]:
    return _periods(ctx, at_adoption=False)


def _ended_at_adoption(ctx: RuleContext) -> Iterator[Finding]:
    return _periods(ctx, at_adoption=True)


def _by_act(ctx: RuleContext) -> dict[str, list[_Cited]]:
    from efs.concept.acts import normalize_number

    groups: dict[str, list[_Cited]] = {}
    for c in cited(ctx):
        if c.number:
            groups.setdefault(normalize_number(c.number), []).append(c)
    return groups


def _dates_disagree(ctx: RuleContext) -> Iterator[Finding]:
    for group in _by_act(ctx).values():
        first = next((c for c in group if c.date is not None), None)
        if first is None or first.date is None:
            continue
        for c in group:
            if c.date is not None and c.date != first.date:
                yield _finding(
                    ctx, c.line,
                    f"акт № {c.number} назван от {c.date.strftime('%d.%m.%Y')}, а на строке {first.line} — от "
                    f"{first.date.strftime('%d.%m.%Y')} («{_short(first.text, 100)}»): одна из дат ошибочна",
                    number=c.number, lines=[first.line, c.line],
                )


def _fold_title(title: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", title.casefold().replace("ё", "е")))


def _titles_disagree(ctx: RuleContext) -> Iterator[Finding]:
    for group in _by_act(ctx).values():
        titled = [c for c in group if c.title and len(_fold_title(c.title)) >= 10]
        if not titled:
            continue
        first = titled[0]
        for c in titled[1:]:
            a, b = _fold_title(first.title or ""), _fold_title(c.title or "")
            if a != b and not (a.startswith(b) or b.startswith(a)):
                yield _finding(
                    ctx, c.line,
                    f"акт № {c.number} назван «{_short(c.title or '', 100)}», а на строке {first.line} — "
                    f"«{_short(first.title or '', 100)}»: одно название акта в документе должно быть одним",
                    number=c.number, lines=[first.line, c.line],
                )


W, E = Severity.warning, Severity.error
_TEXT = "Правило читает все ссылки на акты в документе, а не только раздел правовой основы (документ: EFS023). "

RULES: list[Rule] = [
    Rule(
        "EFS220",
        "citation-date-differs",
        E,
        "Один акт назван в документе с разными датами",
        _TEXT + "Номер и дата вместе указывают акт; если один номер стоит в тексте с двумя датами, одна из ссылок "
        "указывает на несуществующий акт, и читатель не знает, какой действует.",
        "Сверьте дату с первоисточником и исправьте ошибочную ссылку.",
        _dates_disagree,
        "# «приказ от 12.05.2023 № 464» в преамбуле и «приказ от 15.05.2023 № 464» в п. 1.2\n",
    ),
    Rule(
        "EFS221",
        "citation-title-differs",
        W,
        "Один акт назван в документе по-разному",
        _TEXT + "Название акта — часть его реквизитов; два названия одного акта (в Мегионе распоряжение № 3273-р — "
        "«Об утверждении основных принципов …» в преамбуле и «Основные принципы …» в п. 1.2) заставляют "
        "проверять, один ли это акт.",
        "Приведите название к официальному (как в самом акте) во всех местах.",
        _titles_disagree,
        "# «№ 3273-р «Об утверждении основных принципов …»» и ниже «№ 3273-р «Основные принципы …»»\n",
    ),
    Rule(
        "EFS222",
        "cited-period-ended",
        W,
        "Срок акта, программы или проекта, на который опирается положение, истёк",
        _TEXT + "Положение исполняет цели актов своей правовой основы; когда их период закончился (Указ № 204 «на "
        "период до 2024 года», национальный проект «Образование» и его федеральные проекты 2019–2024 годов, "
        "программа «на 2020–2023 годы»), цели и показатели положения остались без основания, и его пора "
        "актуализировать. Срок читается из названия акта или известен efs (efs.concept.acts.PROGRAMMES).",
        "Актуализируйте положение: замените истёкший акт действующим (для национальных целей — Указ № 309 от "
        "07.05.2024; для национального проекта — «Молодёжь и дети») или исключите ссылку.",
        _ended,
        "# «… муниципальной программы «Развитие кадрового потенциала … на 2020-2023 год»» — на дату проверки "
        "2026 года\n",
    ),
    Rule(
        "EFS223",
        "cited-period-ended-at-adoption",
        E,
        "Положение принято, когда срок акта, на который оно опирается, уже истёк",
        _TEXT + "Акт, чей период закончился до принятия положения (методические рекомендации «на 2022 год» в "
        "положении от 12.05.2023), не может быть его основой: положение с первого дня исполняет устаревшие "
        "требования.",
        "Замените ссылку действующим актом того же предмета.",
        _ended_at_adoption,
        "jurisdiction: {adopted_by: {date: 2023-05-12}}\n# в документе: «… (Методические рекомендации … на 2022 "
        "год)»\n",
    ),
]
