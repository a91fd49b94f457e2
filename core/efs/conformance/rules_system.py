"""Rules on monitoring, agreements and the glossary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from efs.concept.requirements import MIN_MONITORING_PER_YEAR, TRIPARTITE_ROLES
from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.model import Actor, AgreementKind, Subject

CONCEPT = "Концепция ЕФС (Р-174 в ред. Р-303)"


def _no_monitoring(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.config.monitoring is None:
        yield ctx.finding(
            ("monitoring",),
            "положение не устанавливает порядок мониторинга эффективности системы",
            source=ctx.config.jurisdiction.source,
            item="monitoring",
        )


def _too_rare(ctx: RuleContext) -> Iterator[Finding]:
    mon = ctx.config.monitoring
    if mon is not None and mon.times_per_year is not None and mon.times_per_year < MIN_MONITORING_PER_YEAR:
        yield ctx.finding(
            ("monitoring", "times_per_year"),
            f"мониторинг «{mon.frequency or ''}» — реже одного раза в год",
            source=mon.source,
            item="monitoring",
        )


def _frequency_unknown(ctx: RuleContext) -> Iterator[Finding]:
    mon = ctx.config.monitoring
    if mon is not None and mon.times_per_year is None and not mon.frequency:
        yield ctx.finding(
            ("monitoring",),
            "порядок мониторинга описан, но периодичность не указана",
            source=mon.source,
            item="monitoring",
        )


def _holders(ctx: RuleContext) -> dict[str, set[str]]:
    """Role → ids of subjects and actors that can sign the tripartite agreement in that role."""
    out: dict[str, set[str]] = {key: set() for key, _ in TRIPARTITE_ROLES}
    named: list[Subject | Actor] = [*ctx.config.subjects, *ctx.config.actors]
    for item in named:
        roles = ctx.roles_of(item.kind)
        for key in ("regional_authority", "municipal_authority"):
            if key in roles:
                out[key].add(item.id)
    for s in ctx.config.subjects:
        if "cnppm" in ctx.roles_of(s.kind):
            host = s.host.id if s.host is not None and s.host.id else None
            out["cnppm_host"].add(host or s.id)
    return out


def _tripartite_parties(ctx: RuleContext) -> Iterator[Finding]:
    holders = None
    named: list[Subject | Actor] = [*ctx.config.subjects, *ctx.config.actors]
    kinds = {item.id: item.kind for item in named}
    for i, ag in enumerate(ctx.config.agreements):
        if ag.kind != AgreementKind.tripartite or any(not p.resolved for p in ag.parties):
            continue
        holders = holders if holders is not None else _holders(ctx)
        parties = {p.id for p in ag.parties if p.id}
        roles = set().union(*(ctx.roles_of(kinds.get(p)) for p in parties)) if parties else set()
        for key, label in TRIPARTITE_ROLES:
            if key in ("regional_authority", "municipal_authority"):
                missing = key not in roles
            else:  # the ЦНППМ's host can be told only when the configuration names it
                missing = bool(holders[key]) and not parties & holders[key]
            if missing:
                yield ctx.finding(
                    ("agreements", i, "parties"),
                    f"среди сторон трёхстороннего соглашения нет: {label}",
                    source=ag.source,
                    item=ag.id,
                )


def _glossary_duplicates(ctx: RuleContext) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for i, term in enumerate(ctx.config.glossary):
        key = re.sub(r"\W+", " ", term.term).strip().casefold()
        if key in seen:
            yield ctx.finding(
                ("glossary", i), f"термин «{term.term}» определён дважды", source=term.source, item=key
            )
        seen.setdefault(key, term.term)


W, E, INFO = Severity.warning, Severity.error, Severity.info

RULES: list[Rule] = [
    Rule(
        "EFS180",
        "no-monitoring",
        W,
        "Не установлен порядок мониторинга",
        f"{CONCEPT}: эффективность системы оценивается мониторингом не реже одного раза в год.",
        "Опишите мониторинг: периодичность, методы, источники данных, ответственных.",
        _no_monitoring,
        "# нет ключа monitoring\n",
        requires=("monitoring",),
    ),
    Rule(
        "EFS181",
        "monitoring-too-rare",
        E,
        "Мониторинг реже одного раза в год",
        f"{CONCEPT}: мониторинг эффективности — не реже одного раза в год.",
        "Установите ежегодный мониторинг.",
        _too_rare,
        "monitoring: {frequency: раз в два года, times_per_year: 0.5}\n",
    ),
    Rule(
        "EFS182",
        "monitoring-frequency-unknown",
        W,
        "Не указана периодичность мониторинга",
        f"{CONCEPT}: мониторинг не реже одного раза в год; без периодичности это нельзя проверить.",
        "Укажите периодичность (monitoring.frequency и times_per_year).",
        _frequency_unknown,
        "monitoring: {methods: [...]}\n",
    ),
    Rule(
        "EFS186",
        "tripartite-parties",
        W,
        "Трёхстороннее соглашение без обязательной стороны",
        f"{CONCEPT}: трёхстороннее соглашение заключают региональный орган власти, муниципальный орган "
        "управления образованием и организация, на базе которой создан ЦНППМ.",
        "Укажите всех трёх участников соглашения.",
        _tripartite_parties,
        "agreements:\n  - {kind: tripartite, parties: [ministry, cnppm_host]}\n",
    ),
    Rule(
        "EFS190",
        "duplicate-glossary-term",
        W,
        "Термин глоссария определён дважды",
        "Два определения одного термина противоречат друг другу или дублируются.",
        "Оставьте одно определение.",
        _glossary_duplicates,
        "glossary:\n  - {term: наставничество, ...}\n  - {term: Наставничество, ...}\n",
    ),
]
