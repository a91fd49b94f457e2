"""Which targets apply to a result, and whether they are met."""

from __future__ import annotations

from collections.abc import Iterable

from efs.indicators.results import TargetCheck
from efs.model import Comparator, IndicatorDefinition, Scope, Target

_COMPARATOR_WORDS = {
    Comparator.at_least: "не менее",
    Comparator.at_most: "не более",
    Comparator.equal: "ровно",
}
_ORIGIN_WORDS = {"jurisdiction": "положение", "federal": "концепция", "roadmap": "дорожная карта"}


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


def _scope_applies(target: Target, scope: str, jurisdiction_level: str, unit: str) -> bool:
    if scope == "jurisdiction":
        if target.scope == Scope.jurisdiction:
            return True
        if target.scope == Scope.each_region:
            return jurisdiction_level == "regional"
        return target.scope == Scope.each_municipality and jurisdiction_level == "municipal"
    wanted = Scope.each_municipality if scope == "municipality" else Scope.each_organization
    # A jurisdiction-wide share target is the benchmark for each municipality / organization too;
    # a count target is not (200 teams for the region is not 200 per school).
    return target.scope == wanted or (target.scope == Scope.jurisdiction and unit.strip() == "%")


def _matches_sub(target: Target, sub_label: str | None, has_subs: bool) -> bool:
    if sub_label is None:
        return target.sub_measure is None
    if target.sub_measure is None:
        return False
    a, b = target.sub_measure.strip().lower(), sub_label.strip().lower()
    return a == b or a in b or b in a or not has_subs


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
    """Targets that apply in ``year``: per origin, those of the latest target year not after ``year``.

    A target «к 2024 году» keeps applying after 2024; targets of later years do not apply yet.
    """
    usable = [
        (t, o)
        for t, o in candidates
        if _scope_applies(t, scope, jurisdiction_level, unit)
        and _matches_sub(t, sub_label, sub_count > 1)
        and t.year <= year
    ]
    out = []
    for origin in ("jurisdiction", "federal", "roadmap"):
        mine = [(t, o) for t, o in usable if o == origin]
        if mine:
            latest = max(t.year for t, _ in mine)
            out += [(t, o) for t, o in mine if t.year == latest]
    return out


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


def label(target: Target, origin: str) -> str:
    """«не менее 30 % к 2024 г. (концепция; 001_….txt, §…, строка 34)»."""
    value = f"{target.value:g}"
    unit = target.unit.strip()
    text = f"{_COMPARATOR_WORDS[target.comparator]} {value} {unit} к {target.year} г."
    if target.sub_measure:
        text += f" — {target.sub_measure}"
    where = _ORIGIN_WORDS.get(origin, origin)
    if target.source is not None:
        where += f"; {target.source}"
    return f"{text} ({where})"
