"""What the indicator engine returns (plain dataclasses: reports, JSON and CSV read them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from efs.model import Target

STATUSES = ("met", "not_met", "no_target", "no_data", "suppressed")
STATUS_LABELS = {
    "met": "достигнуто",
    "not_met": "не достигнуто",
    "no_target": "цель не задана",
    "no_data": "нет данных",
    "suppressed": "скрыто (защита малых групп)",
}
SOURCE_LABELS = {
    "person": "персональные данные",
    "aggregate": "сводные отчёты",
    "mixed": "персональные данные и сводные отчёты",
    "none": "нет данных",
}


@dataclass
class TargetCheck:
    """One target applied to one result.

    Attributes:
        target: The target as the document states it.
        met: Whether the value satisfies it (``None`` — no value to compare).
        origin: ``jurisdiction`` (the configuration), ``federal`` (the Concept) or ``roadmap``.
        label: Russian, with the source section, e.g. «≥ 30 % к 2024 г. (концепция, …)».
    """

    target: Target
    met: bool | None
    origin: str
    label: str


@dataclass
class SkippedTarget:
    """A target of the indicator not checked against this result, and why.

    Attributes:
        target: The target as the document states it.
        origin: ``jurisdiction``, ``federal`` or ``roadmap``.
        reason: Russian: another year, replaced by a later target, another territory, a sub-measure the
            formula does not compute, no formula.
        label: As :attr:`TargetCheck.label`.
    """

    target: Target
    origin: str
    reason: str
    label: str


def target_dict(target: Target) -> dict[str, Any]:
    """A target's data for JSON: value, period, scope, as written."""
    return {
        "kind": target.kind.value,
        "year": target.year,
        "first_year": target.first_year,
        "last_year": target.last_year,
        "period": target.period_text(),
        "value": target.value,
        "unit": target.unit,
        "comparator": target.comparator.value,
        "sub_measure": target.sub_measure,
        "scope": target.scope.value,
        "as_written": target.as_written,
    }


@dataclass
class IndicatorResult:
    """The value of one indicator for one scope and year.

    ``numerator``, ``denominator`` and ``value`` are ``None`` when there is no data or when the
    result is suppressed (denominator below the threshold). ``sub_measure`` names a part of an
    indicator (e.g. «справившихся на 70% и более»); ``None`` for the indicator itself. ``targets``
    are the targets checked; ``skipped_targets`` the indicator's other targets, each with the reason it
    is not checked here; ``target_note`` says in Russian why no target is checked (status ``no_target``).
    """

    indicator_id: str
    indicator_text: str
    federal: bool
    scope: str
    scope_id: str
    scope_name: str
    year: int
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    status: str
    targets: list[TargetCheck] = field(default_factory=list)
    data_source: str = "none"
    sub_measure: str | None = None
    formula_id: str | None = None
    note: str | None = None
    skipped_targets: list[SkippedTarget] = field(default_factory=list)
    target_note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (targets flattened to their data)."""
        out = asdict(self)
        out["targets"] = [
            {**target_dict(t.target), "met": t.met, "origin": t.origin, "label": t.label} for t in self.targets
        ]
        out["skipped_targets"] = [
            {**target_dict(t.target), "origin": t.origin, "reason": t.reason, "label": t.label}
            for t in self.skipped_targets
        ]
        return out
