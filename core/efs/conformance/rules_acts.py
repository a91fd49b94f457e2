"""Rules on the legal basis and on the adopting act: superseded acts, amendments, order vs annex."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from efs.concept.acts import ACTS_BY_ID, CURRENT_CONCEPT, Act, match_act, mentions, normalize_number
from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.model import Edition, LegalAct

CONCEPT = "концепция ЕФС (Р-174 от 16.12.2020 в ред. Р-303 от 15.12.2022)"


def _d(day: dt.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else "?"


def _cited(act: LegalAct) -> Act | None:
    return match_act(act.number, act.date)


def _cites(ctx: RuleContext, target: Act) -> bool:
    """Whether the legal basis (or the adopting act) cites ``target`` anywhere, an act's editions included."""
    for act in ctx.config.legal_basis:
        citations: list[LegalAct | Edition] = [act, *act.editions]
        for cited in citations:
            if match_act(cited.number, cited.date) is target:
                return True
            if any(mentions(t, target) for t in (cited.title, cited.as_written)):
                return True
    adopted = ctx.config.jurisdiction.adopted_by
    if adopted is None:
        return False
    return any(match_act(e.number, e.date) is target or mentions(e.as_written, target) for e in adopted.editions) \
        or any(mentions(t, target) for t in (adopted.title, adopted.as_written))


def _text_date(ctx: RuleContext) -> tuple[dt.date | None, str]:
    """Date of the Положение's text in force, and how to say it («принято», «в редакции от»)."""
    adopted = ctx.config.jurisdiction.adopted_by
    if adopted is not None and adopted.editions and ctx.edition_date != ctx.adoption_date:
        return ctx.edition_date, "в редакции от"
    return ctx.adoption_date, "принято"


def _where(i: int) -> tuple[str | int, ...]:
    return ("legal_basis", i)


def _no_legal_basis(ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.config.legal_basis:
        yield ctx.finding(
            ("legal_basis",),
            "положение не называет нормативную правовую основу: ни одного акта",
            source=ctx.config.jurisdiction.source,
            item="legal_basis",
        )


def _superseded(ctx: RuleContext) -> Iterator[Finding]:
    adopted, said = _text_date(ctx)
    for i, cited in enumerate(ctx.config.legal_basis):
        act = _cited(cited)
        if act is None or act.superseded_by is None or act.superseded_on is None or cited.superseded_by:
            continue
        replacement = ACTS_BY_ID[act.superseded_by]
        if (adopted or ctx.as_of) < act.superseded_on:
            continue
        if adopted is not None:
            when = f"положение {said} {_d(adopted)}, когда акт уже был заменён ({_d(act.superseded_on)})"
        else:
            when = f"акт заменён {_d(act.superseded_on)}"
        amended = "".join(f" в ред. {ACTS_BY_ID[a].label}" for a in replacement.amended_by)
        yield ctx.finding(
            _where(i),
            f"ссылка на утративший силу акт: {act.label} заменён актом {replacement.label}{amended}; {when}",
            source=cited.source,
            item=cited.id,
        )


def _changed_since(ctx: RuleContext) -> Iterator[Finding]:
    adopted, _ = _text_date(ctx)
    if adopted is None:
        return
    for i, cited in enumerate(ctx.config.legal_basis):
        act = _cited(cited)
        if act is None:
            continue
        if act.superseded_on and adopted < act.superseded_on <= ctx.as_of and act.superseded_by:
            new = ACTS_BY_ID[act.superseded_by]
            yield ctx.finding(
                _where(i),
                f"{act.label} утратил силу {_d(act.superseded_on)}, после принятия положения "
                f"({_d(adopted)}); действует {new.label}",
                source=cited.source,
                item=cited.id,
            )
        for amend_id in act.amended_by:
            amend = ACTS_BY_ID[amend_id]
            if adopted < amend.date <= ctx.as_of and not _cites(ctx, amend):
                yield ctx.finding(
                    _where(i),
                    f"{act.label} после принятия положения ({_d(adopted)}) изменён "
                    f"актом {amend.label}; ссылка не отражает действующую редакцию",
                    source=cited.source,
                    item=cited.id,
                )


def _amendment_not_cited(ctx: RuleContext) -> Iterator[Finding]:
    adopted, _ = _text_date(ctx)
    for i, cited in enumerate(ctx.config.legal_basis):
        act = _cited(cited)
        if act is None:
            continue
        for amend_id in act.amended_by:
            amend = ACTS_BY_ID[amend_id]
            if adopted is not None and amend.date <= adopted and not _cites(ctx, amend):
                yield ctx.finding(
                    _where(i),
                    f"{act.label} цитируется без изменений, внесённых {amend.label} "
                    f"до принятия положения ({_d(adopted)})",
                    source=cited.source,
                    item=cited.id,
                )


def _concept_not_cited(ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.config.legal_basis:
        return
    if any(_cites(ctx, ACTS_BY_ID[a]) for a in CURRENT_CONCEPT):
        return
    old = [
        a
        for a in ctx.config.legal_basis
        if (c := _cited(a)) is not None and c.superseded_by in CURRENT_CONCEPT
    ]
    extra = f" (названа лишь прежняя редакция: № {old[0].number})" if old else ""
    yield ctx.finding(
        ("legal_basis",),
        "нормативная правовая основа не называет действующую концепцию ЕФС — "
        f"распоряжение Минпросвещения России от 16.12.2020 № Р-174 (в ред. от 15.12.2022 № Р-303)"
        f"{extra}",
        source=ctx.config.jurisdiction.source,
        item="legal_basis",
    )


def _act_key(act: LegalAct) -> tuple[str, dt.date | None] | None:
    if act.number:
        return (normalize_number(act.number), act.date)
    if act.title:
        return (re.sub(r"\W+", " ", act.title).strip().casefold(), act.date)
    return None


def _duplicate_act(ctx: RuleContext) -> Iterator[Finding]:
    seen: dict[tuple[str, dt.date | None], int] = {}
    for i, act in enumerate(ctx.config.legal_basis):
        key = _act_key(act)
        if key is None:
            continue
        if key in seen:
            first = ctx.config.legal_basis[seen[key]]
            yield ctx.finding(
                _where(i),
                f"акт назван дважды: «{act.as_written or act.title or act.number}» уже указан "
                + (f"в строке {first.source.line} документа" if first.source and first.source.line else "выше"),
                source=act.source,
                item=act.id,
            )
        else:
            seen[key] = i


def _act_after_adoption(ctx: RuleContext) -> Iterator[Finding]:
    adopted, said = _text_date(ctx)
    if adopted is None:
        return
    for i, act in enumerate(ctx.config.legal_basis):
        if act.date is not None and act.date > adopted:
            of = f"положения в редакции от {_d(adopted)}" if said != "принято" else f"самого положения ({_d(adopted)})"
            yield ctx.finding(
                (*_where(i), "date"),
                f"акт от {_d(act.date)} позже {of}: ошибка в дате или в ссылке",
                source=act.source,
                item=act.id,
            )


def _missing_adoption(ctx: RuleContext) -> Iterator[Finding]:
    adopted = ctx.config.jurisdiction.adopted_by
    src = ctx.config.jurisdiction.source
    if adopted is None:
        yield ctx.finding(
            ("jurisdiction",),
            "не указан акт, которым утверждено положение (вид, номер, дата)",
            source=src,
            item="jurisdiction",
        )
        return
    missing = [label for label, value in (("дата", adopted.date), ("номер", adopted.number)) if not value]
    if missing:
        yield ctx.finding(
            ("jurisdiction", "adopted_by"),
            f"у акта об утверждении положения нет: {', '.join(missing)}",
            source=adopted.source or src,
            item="jurisdiction",
        )


def _annex_date(ctx: RuleContext) -> Iterator[Finding]:
    adopted = ctx.config.jurisdiction.adopted_by
    if adopted is None or adopted.date is None:
        return
    for i, annex in enumerate(ctx.config.jurisdiction.annexes):
        if annex.date is not None and annex.date != adopted.date:
            yield ctx.finding(
                ("jurisdiction", "annexes", i, "date"),
                f"дата приложения «{annex.date_as_written or _d(annex.date)}» не совпадает с датой "
                f"приказа «{adopted.date_as_written or _d(adopted.date)}»",
                source=annex.source,
                item=annex.id or f"annex_{i + 1}",
            )


def _annex_number(ctx: RuleContext) -> Iterator[Finding]:
    adopted = ctx.config.jurisdiction.adopted_by
    if adopted is None or not adopted.number:
        return
    for i, annex in enumerate(ctx.config.jurisdiction.annexes):
        if annex.number and _plain(annex.number) != _plain(adopted.number):
            yield ctx.finding(
                ("jurisdiction", "annexes", i, "number"),
                f"номер в приложении «{annex.number}» не совпадает с номером приказа «{adopted.number}»",
                source=annex.source,
                item=annex.id or f"annex_{i + 1}",
            )


def _plain(number: str) -> str:
    """Spaces and «№» removed, dashes unified — but letters and digits kept as written (О ≠ 0)."""
    return re.sub(r"[\s№]+", "", re.sub(r"[‐‑‒–—―−]", "-", number)).lower()


W, E, INFO = Severity.warning, Severity.error, Severity.info

RULES: list[Rule] = [
    Rule(
        "EFS101",
        "no-legal-basis",
        W,
        "Не названа нормативная правовая основа",
        f"Положение реализует {CONCEPT} и региональные акты; без перечня актов неясно, на чём оно основано "
        "и какую редакцию концепции исполняет.",
        "Добавьте раздел «Нормативная правовая основа» с реквизитами актов (вид, орган, дата, номер).",
        _no_legal_basis,
        "legal_basis: []\n",
        requires=("legal_basis",),
    ),
    Rule(
        "EFS102",
        "superseded-act-cited",
        E,
        "Ссылка на акт, утративший силу к дате положения",
        "Концепция ЕФС утверждена распоряжением Р-174 от 16.12.2020, которое заменило редакцию Р-76 от "
        "06.08.2020; действующий текст — в ред. Р-303 от 15.12.2022. Положение, ссылающееся на заменённый "
        "акт, исполняет устаревшие требования.",
        "Замените ссылку на действующий акт (для концепции — Р-174 в ред. Р-303).",
        _superseded,
        "legal_basis:\n  - id: concept\n    kind: распоряжение\n    number: Р-76\n    date: 2020-08-06\n",
    ),
    Rule(
        "EFS103",
        "act-changed-since-adoption",
        INFO,
        "Акт изменён или заменён после принятия положения",
        "После принятия положения акт из его правовой основы "
        "изменён или утратил силу (например, Р-174 изменена "
        "распоряжением Р-303 от 15.12.2022; Указ № 474 утратил "
        "силу 07.05.2024): ссылка устарела на дату проверки.",
        "Актуализируйте положение: укажите действующую редакцию или новый акт.",
        _changed_since,
        "jurisdiction: {adopted_by: {date: 2022-12-09}}\nlegal_basis:\n  - {id: c, number: Р-174, "
        "date: 2020-12-16}\n",
    ),
    Rule(
        "EFS104",
        "amendment-not-cited",
        W,
        "Акт цитируется без изменений, действовавших при принятии",
        "Когда положение принято, акт уже действовал в "
        "изменённой редакции (например, 3273-р в ред. 2580-р от "
        "07.10.2020; Р-174 в ред. Р-303 от 15.12.2022); ссылка "
        "на первоначальную редакцию вводит в заблуждение.",
        "Укажите редакцию: «(в ред. … № …)».",
        _amendment_not_cited,
        "jurisdiction: {adopted_by: {date: 2023-05-12}}\nlegal_basis:\n  - {id: c, number: "
        "Р-174, date: 2020-12-16}\n",
    ),
    Rule(
        "EFS105",
        "current-concept-not-cited",
        E,
        "Не названа действующая концепция ЕФС",
        f"Положение о системе научно-методического сопровождения исполняет {CONCEPT}; её реквизиты должны "
        "быть в правовой основе.",
        "Добавьте распоряжение Минпросвещения России от 16.12.2020 № Р-174 (в ред. от 15.12.2022 № Р-303).",
        _concept_not_cited,
        "legal_basis:\n  - {id: law, number: 273-ФЗ, date: 2012-12-29}\n",
        requires=("legal_basis",),
    ),
    Rule(
        "EFS106",
        "duplicate-act",
        W,
        "Акт назван в правовой основе дважды",
        "Повтор одного акта в перечне — признак небрежной редакции; при правке легко обновить одну ссылку и "
        "забыть другую.",
        "Оставьте одну ссылку на акт.",
        _duplicate_act,
        "legal_basis:\n  - {id: a, number: '1642', date: 2017-12-26}\n  - {id: b, number: "
        "'1642', date: 2017-12-26}\n",
    ),
    Rule(
        "EFS107",
        "act-after-adoption",
        E,
        "Акт правовой основы датирован позже положения",
        "Положение не может основываться на акте, которого ещё не было: дата или реквизиты ошибочны.",
        "Проверьте дату акта и дату положения по первоисточникам.",
        _act_after_adoption,
        "jurisdiction: {adopted_by: {date: 2021-08-19}}\nlegal_basis:\n  - {id: a, date: 2022-12-15}\n",
    ),
    Rule(
        "EFS108",
        "missing-adoption-act",
        W,
        "Не указан акт об утверждении положения",
        "Положение действует как приложение к распорядительному акту; без его вида, номера и даты нельзя "
        "проверить, какая редакция действует и с какого дня.",
        "Укажите jurisdiction.adopted_by: вид, орган, номер и дату акта.",
        _missing_adoption,
        "jurisdiction: {id: x, name: X, level: regional, document: x.txt}\n",
    ),
    Rule(
        "EFS110",
        "annex-date-mismatch",
        E,
        "Дата приложения не совпадает с датой приказа",
        "Приложение утверждается приказом и несёт его реквизиты; расхождение дат делает неясным, какой "
        "редакцией утверждено приложение (так в Мегионе: "
        "приказ от 19.08.2021, приложение 2 — от 09.08.2021).",
        "Исправьте дату в грифе приложения, чтобы она совпадала с датой приказа.",
        _annex_date,
        "jurisdiction:\n  adopted_by: {date: 2021-08-19}\n  annexes:\n    - {date: 2021-08-09}\n",
    ),
    Rule(
        "EFS111",
        "annex-number-mismatch",
        E,
        "Номер в приложении не совпадает с номером приказа",
        "Гриф приложения повторяет номер приказа; расхождение (например, буква «О» и цифра «0») ссылается на "
        "другой акт.",
        "Исправьте номер в грифе приложения.",
        _annex_number,
        "jurisdiction:\n  adopted_by: {number: 360-О}\n  annexes:\n    - {number: 360-0}\n",
    ),
]
