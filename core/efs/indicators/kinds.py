"""The kind of each indicator of the installed jurisdictions: share, count or ratio.

Import needs it to check aggregate returns (a share's numerator is part of its denominator; a ratio's is
not), and the store layer does not know formulas: ``efs data import`` passes :func:`indicator_kinds` to
:func:`efs.data.importing.import_files`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from efs.registry import Registry


def indicator_kinds(jurisdictions: set[str], registry: Registry | None = None) -> dict[tuple[str, str], str]:
    """``(jurisdiction, indicator) → share | count | ratio`` for the installed jurisdictions among ``jurisdictions``
    (of ``registry``: the installed plugins' by default)."""
    from efs.errors import EfsError
    from efs.indicators.plan import plan_indicators
    from efs.indicators.sql import FormulaContext
    from efs.loading import load_configuration
    from efs.registry import Registry

    registry = Registry.of(registry)
    out: dict[tuple[str, str], str] = {}
    for jur in sorted(jurisdictions):
        if jur not in registry.jurisdictions:
            continue
        try:
            config = load_configuration(registry.jurisdictions[jur].config_path, registry=registry)
            plans = plan_indicators(config, registry)
        except EfsError:
            continue
        for plan in plans:
            formula = plan.formula
            if formula is None:
                continue
            if formula.spec is not None:
                out[(jur, plan.indicator.id)] = formula.spec.kind
            elif formula.python is not None:
                out[(jur, plan.indicator.id)] = formula.python(FormulaContext(jur, 2000)).kind
    return out
