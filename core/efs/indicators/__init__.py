"""The indicator engine: formulas from building blocks compiled to SQL, results per scope and year.

::

    from efs.indicators import compute
    results = compute(config, store, year=2024, by="municipality")

Public names are imported lazily (``import efs.indicators`` does not load SQLAlchemy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

#: Results whose denominator is below this are suppressed in every output unless asked otherwise.
MIN_DENOMINATOR = 5

if TYPE_CHECKING:
    from efs.indicators.engine import compute, is_synthetic
    from efs.indicators.results import IndicatorResult, TargetCheck
    from efs.indicators.sql import CustomQuery, FormulaContext
    from efs.model.formula import Formula

__all__ = [
    "MIN_DENOMINATOR",
    "CustomQuery",
    "Formula",
    "FormulaContext",
    "IndicatorResult",
    "TargetCheck",
    "compute",
    "is_synthetic",
]

_WHERE = {
    "compute": "efs.indicators.engine",
    "is_synthetic": "efs.indicators.engine",
    "IndicatorResult": "efs.indicators.results",
    "TargetCheck": "efs.indicators.results",
    "CustomQuery": "efs.indicators.sql",
    "FormulaContext": "efs.indicators.sql",
    "Formula": "efs.model.formula",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(name)
