"""Which targets apply to a result, whether they are met, and why the others are not checked.

Every target an indicator has — its own, its equivalent federal indicator's, the roadmap thresholds
naming it — is either checked against a result or skipped with a Russian reason (another year, a
later target replaces it, a territory the result is not, a sub-measure the formula does not compute,
no formula at all). Nothing is dropped silently.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from efs.indicators.results import SkippedTarget, TargetCheck
from efs.model import Comparator, IndicatorDefinition, Scope, Target, TargetKind

_ORIGIN_WORDS = {"jurisdiction": "положение", "federal": "концепция", "roadmap": "дорожная карта"}
ORIGINS = ("jurisdiction", "federal", "roadmap")


def candidate_targets(
    indicator: IndicatorDefinition,
    *,
    federal: bool,
    equivalents: Iterable[IndicatorDefinition] = (),
    thresholds: Iterable[Target] = (),
) -> list[tuple[Target, str]]:
    """Every target of the indicator with its origin.

    The indicator's own targets (origin ``federal`` for a federal indicator, else ``jurisdiction``),
    the targets of the federal indicators it is declared equivalent to (``federal``), and the
    roadmap thresholds that name it (``roadmap``).
    """
    out = [(t, "federal" if federal else "jurisdiction") for t in indicator.targets]
    for eq in equivalents:
        out += [(t, "federal") for t in eq.targets]
    out += [(t, "roadmap") for t in thresholds]
    return out


@dataclass(frozen=True)
class Measures:
    """The measures a formula computes: the main one and its sub-measures ``(id, label)``."""

    subs: tuple[tuple[str, str], ...] = ()
    has_formula: bool = True


@functools.lru_cache(maxsize=1024)
def _norm(text: str) -> str:
    """``text`` compared case, ``ё`` and spacing aside (cached: asked for every target of every cell)."""
    return " ".join(text.replace("ё", "е").lower().split())


def sub_measure_of(target: Target, measures: Measures) -> str | None:
    """The sub-measure id a target names (by id or by label, case and spacing aside), else ``None``."""
    if target.sub_measure is None:
        return None
    wanted = _norm(target.sub_measure)
    for sid, label in measures.subs:
        if wanted in (_norm(sid), _norm(label)):
            return sid
    return None


def _scope_reason(target: Target, scope: str, jurisdiction_level: str, unit: str) -> str | None:
    """Why the target does not apply at this scope, or ``None`` when it does."""
    if scope == "jurisdiction":
        if target.scope == Scope.jurisdiction:
            return None
        if target.scope == Scope.each_region:
            if jurisdiction_level == "regional":
                return None
            return "цель для каждого субъекта РФ, а юрисдикция — муниципалитет"
        if target.scope == Scope.each_municipality:
            return None if jurisdiction_level == "municipal" else "цель для каждого муниципалитета, а не для региона"
        if target.scope == Scope.country:
            return "цель для всей страны (сумма по субъектам РФ), не для одной юрисдикции"
        return "цель для каждой организации, а не для юрисдикции в целом"
    wanted = Scope.each_municipality if scope == "municipality" else Scope.each_organization
    # A jurisdiction-wide share target is the benchmark for each municipality / organization too;
    # a count target is not (200 teams for the region is not 200 per school).
    if target.scope == wanted or (target.scope == Scope.jurisdiction and unit.strip() == "%"):
        return None
    return "цель относится к другой территории"


def _year_reason(target: Target, year: int) -> str | None:
    if target.applies_in(year):
        return None
    if year < target.start_year:
        if target.kind == TargetKind.by_year:
            return f"срок цели — {target.year} г., ещё не наступил"
        return f"цель действует с {target.start_year} г."
    return f"цель действовала по {target.end_year} г."


def select(
    candidates: Sequence[tuple[Target, str]],
    *,
    year: int,
    scope: str,
    jurisdiction_level: str,
    unit: str,
    sub_id: str | None,
    measures: Measures,
) -> tuple[list[tuple[Target, str]], list[tuple[Target, str, str]]]:
    """The targets that apply to one result (one measure, scope and year), and the others with reasons.

    A target applies when its territory, its measure (the main one or the sub-measure it names) and its
    period cover the result; among those of one origin, only the ones that start latest apply (a target
    «к 2024 году» replaces one «к 2022 году» from 2024 on). Targets of other sub-measures are left to
    those sub-measures' results and not reported here; targets naming a sub-measure the formula does not
    compute are reported on the main measure's result.
    """
    applied: list[tuple[Target, str]] = []
    skipped: list[tuple[Target, str, str]] = []
    for target, origin in candidates:
        named = sub_measure_of(target, measures)
        if target.sub_measure is not None and named is None:
            if sub_id is None:  # reported once, on the main measure
                reason = (
                    "у показателя нет формулы"
                    if not measures.has_formula
                    else f"в формуле показателя нет подпоказателя «{target.sub_measure}» — данные его не различают, "
                    "цель нечем проверить"
                )
                skipped.append((target, origin, reason))
            continue
        if named != sub_id:
            continue
        if not measures.has_formula:
            skipped.append((target, origin, "у показателя нет формулы"))
            continue
        why = _scope_reason(target, scope, jurisdiction_level, unit) or _year_reason(target, year)
        if why is not None:
            skipped.append((target, origin, why))
            continue
        applied.append((target, origin))
    out: list[tuple[Target, str]] = []
    for origin in ORIGINS:
        mine = [(t, o) for t, o in applied if o == origin]
        if not mine:
            continue
        latest = max(t.start_year for t, _ in mine)
        for t, o in mine:
            if t.start_year == latest:
                out.append((t, o))
            else:
                newer = next(n for n, _ in mine if n.start_year == latest)
                skipped.append((t, o, f"заменена более поздней целью «{newer.as_written}»"))
    return out, skipped


def applicable(
    candidates: list[tuple[Target, str]],
    *,
    year: int,
    scope: str,
    jurisdiction_level: str,
    unit: str,
    sub_label: str | None,
    sub_count: int,
) -> list[tuple[Target, str]]:
    """Targets that apply in ``year`` to the measure labelled ``sub_label`` (``None`` — the main one).

    Kept for callers that know only the label; :func:`select` also says why the others do not apply.
    """
    subs = ((sub_label, sub_label),) if sub_label is not None else ()
    applied, _ = select(
        candidates,
        year=year,
        scope=scope,
        jurisdiction_level=jurisdiction_level,
        unit=unit,
        sub_id=sub_label,
        measures=Measures(subs),
    )
    return applied


def why_no_target(
    candidates: Sequence[tuple[Target, str]],
    skipped: Sequence[tuple[Target, str, str]],
    *,
    sub_id: str | None,
    measures: Measures,
) -> str:
    """Why a result is checked against no target, in Russian (for «цель не задана»)."""
    if skipped:
        return "цели не проверены: " + "; ".join(f"«{t.as_written}» — {reason}" for t, _, reason in skipped)
    for_subs = [t for t, _ in candidates if t.sub_measure is not None and sub_measure_of(t, measures) is not None]
    if sub_id is None and for_subs:
        return "цели заданы только подпоказателям: " + "; ".join(
            f"«{t.as_written}» — {t.sub_measure}" for t in for_subs
        )
    if sub_id is not None:
        return "цели этому подпоказателю не заданы"
    return "целевого значения нет ни в положении, ни у равнозначного федерального показателя, ни в дорожной карте"


def check(target: Target, origin: str, value: float | None) -> TargetCheck:
    """Compare ``value`` with ``target``."""
    met: bool | None
    if value is None:
        met = None
    elif target.comparator == Comparator.at_least:
        met = value >= target.value - 1e-9
    elif target.comparator == Comparator.at_most:
        met = value <= target.value + 1e-9
    else:
        met = abs(value - target.value) <= 1e-9
    return TargetCheck(target=target, met=met, origin=origin, label=label(target, origin))


def skip(target: Target, origin: str, reason: str) -> SkippedTarget:
    """A target not checked, with its label and the reason."""
    return SkippedTarget(target=target, origin=origin, reason=reason, label=label(target, origin))


def label(target: Target, origin: str) -> str:
    """The target as written, its period and where it comes from.

    «к 2024 году – не менее 30% (к 2024 г.; концепция; 001_….txt, §…, строка 34)»,
    «ежегодно не менее 10% — педагогические работники (ежегодно, 2023–2024 гг.; дорожная карта; …)».
    """
    text = target.as_written
    if target.sub_measure:
        text += f" — {target.sub_measure}"
    where = _ORIGIN_WORDS.get(origin, origin)
    if target.source is not None:
        where += f"; {target.source}"
    return f"{text} ({target.period_text()}; {where})"
