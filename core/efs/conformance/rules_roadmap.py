"""Rules on the roadmap: numbering, responsibility, and deadlines measured against ``--as-of``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.labels import short
from efs.conformance.rules import Rule
from efs.model import Deadline, DeadlineKind, Measure

_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")


def _key(number: str | None) -> str | None:
    if number is None or not number.strip():
        return None
    return re.sub(r"\s+", "", number).rstrip(".")


def _parts(number: str | None) -> tuple[int, ...] | None:
    key = _key(number)
    if key is None or not _NUMBER.match(key):
        return None
    return tuple(int(p) for p in key.split("."))


def _fmt(parts: tuple[int, ...]) -> str:
    return ".".join(str(p) for p in parts)


def _gaps(ctx: RuleContext) -> Iterator[Finding]:
    last_in: dict[tuple[int, ...], int] = {}
    prev: tuple[int, ...] | None = None
    for i, m in enumerate(ctx.config.roadmap):
        parts = _parts(m.number)
        if parts is None:
            continue
        prefix, n = parts[:-1], parts[-1]
        before = last_in.get(prefix)
        if before is not None and n > before + 1:
            missing = _fmt((*prefix, before + 1))
            yield ctx.finding(
                (*_at(i), "number"),
                f"пропуск в нумерации: после {_fmt((*prefix, before))} идёт {_fmt(parts)} (нет {missing})",
                source=m.source,
                item=m.id,
            )
        elif before is None and n > 1:
            yield ctx.finding(
                (*_at(i), "number"),
                f"нумерация {_fmt(prefix) + '.' if prefix else ''}… "
                f"начинается с {_fmt(parts)}, а не с {_fmt((*prefix, 1))}"
                + (f" (предыдущая строка — {_fmt(prev)})" if prev else ""),
                source=m.source,
                item=m.id,
            )
        last_in[prefix] = n
        prev = parts


def _at(i: int) -> tuple[str | int, ...]:
    return ("roadmap", i)


_GROUP_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?(?=\s|[^\d.]|$)")


def _group_parts(group: str | None) -> tuple[int, ...] | None:
    m = _GROUP_NUMBER.match(group or "")
    return tuple(int(p) for p in m.group(1).split(".")) if m else None


def _outside_group(ctx: RuleContext) -> Iterator[Finding]:
    for i, m in enumerate(ctx.config.roadmap):
        parts, group = _parts(m.number), _group_parts(m.group)
        if parts is None or group is None:
            continue
        if len(parts) <= len(group) or parts[: len(group)] != group:
            yield ctx.finding(
                (*_at(i), "number"),
                f"номер мероприятия {_fmt(parts)} не продолжает номер своей группы {_fmt(group)} "
                f"(«{_short(m.group or '', 60)}»)",
                source=m.source,
                item=m.id,
            )


def _duplicates(ctx: RuleContext) -> Iterator[Finding]:
    first: dict[str, Measure] = {}
    for i, m in enumerate(ctx.config.roadmap):
        key = _key(m.number)
        if key is None:
            continue
        if key in first:
            earlier = first[key].source
            yield ctx.finding(
                (*_at(i), "number"),
                f"номер {m.number.strip() if m.number else ''} повторяется: "
                f"он уже у мероприятия «{short(first[key].text)}»"
                + (f" (строка {earlier.line})" if earlier is not None and earlier.line else ""),
                source=m.source,
                item=m.id,
            )
        else:
            first[key] = m


def _unnumbered(ctx: RuleContext) -> Iterator[Finding]:
    rows = ctx.config.roadmap
    if not any(_key(m.number) for m in rows):
        return  # a roadmap without numbering at all is a style, not a gap
    for i, m in enumerate(rows):
        if _key(m.number) is None:
            yield ctx.finding(
                _at(i), f"строка дорожной карты без номера: «{_short(m.text)}»", source=m.source, item=m.id
            )


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def last_day(deadline: Deadline | None) -> dt.date | None:
    """The last day a deadline allows, or ``None`` when it sets none (unspecified, continuous)."""
    if deadline is None or deadline.kind == DeadlineKind.unspecified:
        return None
    if deadline.kind == DeadlineKind.date:
        return deadline.date
    return deadline.end


def _passed(ctx: RuleContext) -> Iterator[Finding]:
    for i, m in enumerate(ctx.config.roadmap):
        end = last_day(m.deadline)
        if m.done is not None and m.done <= ctx.as_of:
            continue  # reported done
        if end is not None and end < ctx.as_of and m.deadline is not None:
            yield ctx.finding(
                (*_at(i), "deadline"),
                f"срок «{m.deadline.as_written}» истёк "
                f"{end.strftime('%d.%m.%Y')}, исполнение не отмечено: «{_short(m.text)}»",
                source=m.source,
                item=m.id,
            )


def _before_adoption(ctx: RuleContext) -> Iterator[Finding]:
    adopted = ctx.adoption_date
    if adopted is None:
        return
    for i, m in enumerate(ctx.config.roadmap):
        end = last_day(m.deadline)
        if end is not None and end < adopted and m.deadline is not None:
            yield ctx.finding(
                (*_at(i), "deadline"),
                f"срок «{m.deadline.as_written}» наступает раньше, чем "
                f"принято положение ({adopted.strftime('%d.%m.%Y')})",
                source=m.source,
                item=m.id,
            )


def _without_responsible(ctx: RuleContext) -> Iterator[Finding]:
    for i, m in enumerate(ctx.config.roadmap):
        if not m.responsible:
            yield ctx.finding(
                _at(i),
                f"у мероприятия не указан ответственный: «{_short(m.text)}»",
                source=m.source,
                item=m.id,
            )


def _without_deadline(ctx: RuleContext) -> Iterator[Finding]:
    for i, m in enumerate(ctx.config.roadmap):
        if m.deadline is None:
            yield ctx.finding(
                _at(i), f"у мероприятия не указан срок: «{_short(m.text)}»", source=m.source, item=m.id
            )


W, E, INFO = Severity.warning, Severity.error, Severity.info
DOC = "Комплекс мер («дорожная карта») исполняется и контролируется по строкам"

RULES: list[Rule] = [
    Rule(
        "EFS150",
        "roadmap-numbering-gap",
        W,
        "Пропуск в нумерации дорожной карты",
        f"{DOC}: пропущенный номер — признак удалённой или потерянной строки, и ссылки на пункты расходятся.",
        "Перенумеруйте строки подряд или восстановите пропущенную.",
        _gaps,
        "roadmap:\n  - {number: 3.5.3, ...}\n  - {number: 3.5.5, ...}\n",
    ),
    Rule(
        "EFS151",
        "roadmap-duplicate-number",
        W,
        "Номер мероприятия повторяется",
        f"{DOC}: два мероприятия под одним номером нельзя различить в отчёте.",
        "Дайте строкам разные номера.",
        _duplicates,
        "roadmap:\n  - {id: a, number: 1.2.1, ...}\n  - {id: b, number: 1.2.1, ...}\n",
    ),
    Rule(
        "EFS157",
        "measure-outside-group",
        W,
        "Номер мероприятия не продолжает номер группы",
        f"{DOC}: номер строки продолжает номер группы (в группе 2.1 — 2.1.1, 2.1.2…); номер из другой группы "
        "или равный номеру группы (так в Амурской области: группа «1.2.1.» и мероприятия «1.2.1.», «2.2.») "
        "путает ссылки и отчёты.",
        "Исправьте номер группы или мероприятия.",
        _outside_group,
        "roadmap:\n  - {group: 1.2. Разработка критериев, number: 2.2., ...}\n",
    ),
    Rule(
        "EFS152",
        "roadmap-unnumbered",
        W,
        "Строка дорожной карты без номера",
        f"{DOC}: на строку без номера нельзя сослаться в отчёте об исполнении.",
        "Присвойте строке номер.",
        _unnumbered,
        "roadmap:\n  - {number: 2.5.1, ...}\n  - {number: null, ...}\n",
    ),
    Rule(
        "EFS153",
        "deadline-passed",
        INFO,
        "Срок мероприятия истёк, исполнение не отмечено",
        f"{DOC}: на дату проверки (--as-of) срок прошёл; без отметки об исполнении мероприятие считается "
        "неисполненным.",
        "Отметьте исполнение (roadmap[].done — дата отчёта) "
        "или перенесите срок новой редакцией дорожной карты.",
        _passed,
        "roadmap:\n  - deadline: {as_written: до 01.06.2023, kind: date, date: 2023-06-01}\n",
    ),
    Rule(
        "EFS154",
        "deadline-before-adoption",
        W,
        "Срок наступает раньше принятия положения",
        f"{DOC}: срок, истёкший до утверждения документа, "
        "невыполним (так в Амурской области: «до 10.05.2023» "
        "при приказе от 12.05.2023).",
        "Исправьте срок.",
        _before_adoption,
        "jurisdiction: {adopted_by: {date: 2023-05-12}}\nroadmap:\n  - deadline: {kind: date, "
        "date: 2023-05-10, ...}\n",
    ),
    Rule(
        "EFS155",
        "measure-without-responsible",
        W,
        "У мероприятия нет ответственного",
        f"{DOC}: у каждой строки должен быть ответственный субъект.",
        "Укажите ответственного.",
        _without_responsible,
        "roadmap:\n  - {id: m1, responsible: [], ...}\n",
    ),
    Rule(
        "EFS156",
        "measure-without-deadline",
        W,
        "У мероприятия нет срока",
        f"{DOC}: без срока исполнение нельзя проверить.",
        "Укажите срок (дату, период или периодичность).",
        _without_deadline,
        "roadmap:\n  - {id: m1, deadline: null, ...}\n",
    ),
]
