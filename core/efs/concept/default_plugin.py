"""The core's catalogue, registered as a default plugin through the same hooks as any other."""

from __future__ import annotations

from efs.concept import catalogue, indicators
from efs.hookspecs import hookimpl
from efs.model import Function, IndicatorDefinition, SubjectKind
from efs.model.formula import Formula


@hookimpl
def efs_subject_kinds() -> list[SubjectKind]:
    """The federal subject kinds."""
    return catalogue.subject_kinds()


@hookimpl
def efs_functions() -> list[Function]:
    """The federal function catalogue."""
    return catalogue.functions()


@hookimpl
def efs_indicators() -> list[IndicatorDefinition]:
    """The federal indicators with their targets."""
    return indicators.federal_indicators()


@hookimpl
def efs_formulas() -> list[Formula]:
    """The formulas of the federal indicators (building blocks, compiled by :mod:`efs.indicators`)."""
    from efs.concept.formulas import federal_formulas

    return federal_formulas()
