"""Everything a plugin author imports, from one place.

A jurisdiction plugin needs::

    from efs.plugin import (
        hookimpl,                      # marks the hook implementations
        JurisdictionInfo,              # efs_jurisdictions: the jurisdiction and its configuration
        DocumentInfo,                  # efs_documents: the document its configuration encodes
        SubjectKind, Function, Level,  # efs_subject_kinds, efs_functions
        IndicatorDefinition, Target,   # efs_indicators
        Formula,                       # efs_formulas (FormulaContext, CustomQuery: a Python formula)
        Rule, RuleContext, Finding, Severity,  # efs_conformance_rules
        OutputFormat,                  # efs_output_formats: a format of findings, indicators, reports
    )

The hooks themselves are documented in ``docs/plugins.md`` (generated from :mod:`efs.hookspecs`).
A plugin's rules run only on the configurations that name the plugin in ``plugins:``: a rule needs no
guard of its own. ``FormulaContext`` and ``CustomQuery`` import SQLAlchemy and are loaded only when asked
for (import them inside the formula function, so that ``efs validate`` stays light).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule
from efs.documents.shipped import DocumentInfo
from efs.formats import OutputFormat
from efs.hookspecs import hookimpl
from efs.model import (
    Comparator,
    Function,
    IndicatorDefinition,
    Level,
    Link,
    Provenance,
    Source,
    SubjectKind,
    Target,
)
from efs.model.formula import AlternativeReading, Formula
from efs.registry import JurisdictionInfo, bundled_configuration

if TYPE_CHECKING:
    from efs.indicators.sql import CustomQuery, FormulaContext

__all__ = [
    "AlternativeReading",
    "Comparator",
    "CustomQuery",
    "DocumentInfo",
    "Finding",
    "Formula",
    "FormulaContext",
    "Function",
    "IndicatorDefinition",
    "JurisdictionInfo",
    "Level",
    "Link",
    "OutputFormat",
    "Provenance",
    "Rule",
    "RuleContext",
    "Severity",
    "Source",
    "SubjectKind",
    "Target",
    "bundled_configuration",
    "hookimpl",
]

_HEAVY = {"CustomQuery": "efs.indicators.sql", "FormulaContext": "efs.indicators.sql"}


def __getattr__(name: str) -> Any:
    if name in _HEAVY:
        import importlib

        value = getattr(importlib.import_module(_HEAVY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'efs.plugin' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
