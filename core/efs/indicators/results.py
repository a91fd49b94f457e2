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
    "suppressed": "скрыто (мало данных)",
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
class IndicatorResult:
    """The value of one indicator for one scope and year.

    ``numerator``, ``denominator`` and ``value`` are ``None`` when there is no data or when the
    result is suppressed (denominator below the threshold). ``sub_measure`` names a part of an
    indicator (e.g. «справившихся на 70% и более»); ``None`` for the indicator itself.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dictionary (targets flattened to their data)."""
        out = asdict(self)
        out["targets"] = [
            {
                "year": t.target.year,
                "value": t.target.value,
                "unit": t.target.unit,
                "comparator": t.target.comparator.value,
                "sub_measure": t.target.sub_measure,
                "scope": t.target.scope.value,
                "as_written": t.target.as_written,
                "met": t.met,
                "origin": t.origin,
                "label": t.label,
            }
            for t in self.targets
        ]
        return out
