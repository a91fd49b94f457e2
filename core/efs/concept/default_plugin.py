"""The core's catalogue, registered as a default plugin through the same hooks as any other."""

from __future__ import annotations

from pathlib import Path

from efs.concept import catalogue, indicators
from efs.documents.shipped import DocumentInfo
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


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The federal text the catalogue cites: the system at the municipal level, with the federal indicators."""
    return [
        DocumentInfo(
            name=catalogue.FEDERAL_DOCUMENT,
            path=Path(__file__).parent / "documents" / "concept_municipal_level.txt",
            title="Система научно-методического сопровождения педагогических работников на муниципальном "
            "уровне: изложение федеральной концепции с федеральными показателями эффективности",
        )
    ]
