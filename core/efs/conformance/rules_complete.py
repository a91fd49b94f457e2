"""Roadmap, monitoring and indicators complete: what a measure, the monitoring and an indicator need to be
carried out, checked and computed (``EFS230``–``EFS233``).

* ``EFS230`` — a deadline written («в соответствии с графиком», «в течение года») but neither a date, a
  period nor an understood recurrence: no one can tell when the measure is late;
* ``EFS231`` — monitoring described without who conducts it, how (methods or data sources) or what it
  produces;
* ``EFS232`` — a share («Доля …») whose base the document never states: the text reads no «от общего
  количества …», and a denominator an encoding supplies is the encoder's, not the document's;
* ``EFS233`` — one measure given twice in the roadmap (the same words under two numbers).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.labels import ref
from efs.conformance.rules import Rule
from efs.model import DeadlineKind

#: How the text states a share's base.
_BASE = re.compile(
    r"\b(?:от|к)\s+(?:общего|общей|всего|всех|числа|количества|численности)\b"
    r"|\bв\s+общ(?:ем|ей)\s+(?:количеств|числ|численност)\w*"
    r"|\bот\s+(?:числа|количества)\b|\bиз\s+(?:числа|общего)\b",
    re.I,
)
_SHARE = re.compile(r"^\W*(?:\d+[.)]?\s*)?(?:доля|удельный\s+вес|процент)\b", re.I)


def _short(text: str, limit: int = 90) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _deadline_not_understood(ctx: RuleContext) -> Iterator[Finding]:
    for i, m in enumerate(ctx.config.roadmap):
        d = m.deadline
        if d is None or d.kind != DeadlineKind.unspecified or not d.as_written.strip():
            continue
        yield ctx.finding(
            ("roadmap", i, "deadline"),
            f"срок мероприятия {ref(m)} «{_short(d.as_written)}» — ни дата, ни период, ни понятная "
            "периодичность: нельзя сказать, когда мероприятие просрочено",
            source=m.source,
            item=m.id,
        )


def _monitoring_incomplete(ctx: RuleContext) -> Iterator[Finding]:
    mon = ctx.config.monitoring
    if mon is None:
        return
    missing = []
    if not mon.responsible:
        missing.append("кто его проводит")
    if not mon.methods and not mon.sources:
        missing.append("как (методы, источники данных)")
    if not mon.outputs:
        missing.append("что получается в итоге (отчёт, справка, решения)")
    if missing:
        yield ctx.finding(
            ("monitoring",),
            f"порядок мониторинга не говорит, {'; '.join(missing)}",
            source=mon.source,
            item="monitoring",
            missing=missing,
        )


def _federal_texts(ctx: RuleContext) -> list[str]:
    from efs.concept.indicators import federal_indicators

    return [_fold(re.sub(r"\([^)]*\d{4}[^)]*\)", " ", f.text)) for f in federal_indicators()]


def _federal_wording(text: str, federal: list[str]) -> bool:
    """Whether an indicator is a federal indicator word for word (its base is the federal methodology's)."""
    mine = _fold(re.sub(r"\([^)]*\d{4}[^)]*\)", " ", text))
    return mine in federal


def _share_without_base(ctx: RuleContext) -> Iterator[Finding]:
    document = ctx.document
    federal = _federal_texts(ctx)
    for i, ind in enumerate(ctx.config.indicators):
        written = ind.text
        if document is not None and ind.source is not None and ind.source.line and \
                ind.source.line <= len(document.lines):
            written = f"{written} {document.lines[ind.source.line - 1]}"
        if not _SHARE.search(ind.text) or _BASE.search(written) or _federal_wording(ind.text, federal):
            continue
        supplied = f"; знаменатель конфигурации («{_short(ind.denominator, 60)}») — прочтение кодировщика, не " \
                   "текст положения" if ind.denominator else ""
        yield ctx.finding(
            ("indicators", i),
            f"показатель {ref(ind)} — доля, но положение не говорит, от чего («от общего количества "
            f"…»): «{_short(ind.text)}»{supplied}",
            source=ind.source,
            item=ind.id,
        )


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold().replace("ё", "е")))


def _similar(matcher: difflib.SequenceMatcher[str], text: str) -> bool:
    """Whether ``text`` and the matcher's second sequence have a ratio of at least 0.92.

    ``real_quick_ratio`` and ``quick_ratio`` are upper bounds of ``ratio`` (difflib's own contract), so the
    answer is exactly ``ratio() >= 0.92``; they only spare the quadratic ``ratio`` for texts of other lengths
    or letters — most pairs of a roadmap (it was most of ``efs validate``'s time on a long roadmap).
    """
    matcher.set_seq1(text)
    return matcher.real_quick_ratio() >= 0.92 and matcher.quick_ratio() >= 0.92 and matcher.ratio() >= 0.92


def _repeated_measure(ctx: RuleContext) -> Iterator[Finding]:
    seen: list[tuple[str, int]] = []
    for i, m in enumerate(ctx.config.roadmap):
        words = _fold(m.text)
        if len(words.split()) < 5:
            continue
        matcher = difflib.SequenceMatcher(None, "", words, autojunk=False)  # ``words`` indexed once
        for text, j in seen:
            if text == words or _similar(matcher, text):
                first = ctx.config.roadmap[j]
                yield ctx.finding(
                    ("roadmap", i),
                    f"мероприятие {ref(m)} повторяет мероприятие {ref(first)}: "
                    f"«{_short(m.text)}»",
                    source=m.source,
                    item=m.id,
                    repeats=first.id,
                )
                break
        else:
            seen.append((words, i))


W, E = Severity.warning, Severity.error
_ROADMAP = "Комплекс мер («дорожная карта») исполняется и контролируется по строкам. "

RULES: list[Rule] = [
    Rule(
        "EFS230",
        "deadline-not-understood",
        W,
        "Срок мероприятия не понят: ни дата, ни период, ни периодичность",
        _ROADMAP + "Срок «в соответствии с графиком» (график не назван) или «в течение года» (год не назван) "
        "не позволяет проверить исполнение: мероприятие нельзя признать ни выполненным в срок, ни просроченным.",
        "Укажите дату, период («в течение 2024 года») или периодичность («ежегодно, до 20 мая»); для графика — "
        "его реквизиты.",
        _deadline_not_understood,
        "roadmap:\n  - deadline: {as_written: в соответствии с графиком, kind: unspecified}\n",
        requires=("roadmap",),
    ),
    Rule(
        "EFS231",
        "monitoring-incomplete",
        W,
        "Порядок мониторинга неполон: кто, как, что в итоге",
        "Концепция ЕФС требует мониторинга эффективности системы; мониторинг исполним, когда названы тот, кто "
        "его проводит, методы или источники данных и итоговый документ. Без исполнителя («Мониторинг проводится "
        "не реже одного раза в год» — и только) он никому не поручен. Периодичность проверяют EFS181, EFS182.",
        "Назовите ответственного (monitoring.responsible), методы или источники (methods, sources) и итог "
        "(outputs) — в положении и в конфигурации.",
        _monitoring_incomplete,
        "monitoring: {frequency: ежегодно, methods: [...], outputs: [...]}   # responsible нет\n",
        requires=("monitoring",),
    ),
    Rule(
        "EFS232",
        "share-without-base",
        E,
        "Показатель-доля без базы: от чего доля, не сказано",
        "Доля считается от базы; показатель «Доля педагогических работников, …» без «от общего количества …» "
        "можно вычислить от всех педагогов региона, от педагогов школ или от прошедших обучение — и получить три "
        "разных числа. Знаменатель, который подставила конфигурация, — прочтение кодировщика: положение его не "
        "устанавливает, поэтому находка остаётся, даже когда формула есть. "
        "Показатель, взятый из концепции слово в слово, считается по федеральной методике и находкой не "
        "является.",
        "Допишите в положении базу доли («от общего количества педагогических работников "
        "общеобразовательных организаций»).",
        _share_without_base,
        "indicators:\n  - {text: Доля педагогических работников, прошедших диагностику, unit: '%'}\n",
    ),
    Rule(
        "EFS233",
        "measure-repeated",
        W,
        "Мероприятие повторено в дорожной карте",
        _ROADMAP + "Одно мероприятие под двумя номерами раздваивает ответственность и отчётность: неясно, по "
        "какой строке отчитываться и не исполняется ли одно и то же дважды.",
        "Оставьте мероприятие в одной строке (в другой сошлитесь на неё) или различите их содержание.",
        _repeated_measure,
        "roadmap:\n  - {number: 2.1.10, text: Проектная сессия …}\n  - {number: 3.4.4, text: Проектная сессия …}\n",
        requires=("roadmap",),
    ),
]
