"""efs — the ЕФС framework: Положения about teacher-support systems as executable data.

The public API for embedding (guide: ``docs/api.md``). Nothing here prints, exits or keeps global
state::

    import efs

    config = efs.load_configuration("config/amur.yaml")
    findings = efs.validate(config, as_of=datetime.date(2026, 1, 1))

    with efs.open_store("monitoring.sqlite") as store:
        efs.import_files(store, ["staff.xlsx"])
        results = efs.compute(config, store, year=2024, by="municipality")
        efs.write_report(efs.build_report(config, store, year=2024), "amur-2024.html")

Attributes are imported lazily so that ``import efs`` stays fast: the store, the indicator engine
and the report load SQLAlchemy and openpyxl only when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs._version import __version__

if TYPE_CHECKING:
    from efs.conformance import Finding, Rule, Severity, validate
    from efs.data.importing import ImportResult, import_files
    from efs.data.store import Store, open_store
    from efs.data.synth import SynthSummary
    from efs.errors import (
        ConfigurationError,
        DataError,
        EfsError,
        InputError,
        Location,
        PluginError,
        Problem,
        StoreError,
    )
    from efs.indicators import IndicatorResult, TargetCheck, compute
    from efs.loading import load_configuration
    from efs.model import Configuration
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry
    from efs.report import build_report, write_report
    from efs.synthesis import synthesize
    from efs.workspace import Workspace

__all__ = [
    "Configuration",
    "ConfigurationError",
    "DataError",
    "EfsError",
    "Finding",
    "ImportResult",
    "IndicatorResult",
    "InputError",
    "Location",
    "PluginError",
    "Problem",
    "Registry",
    "Rule",
    "Severity",
    "Store",
    "StoreError",
    "SynthSummary",
    "TargetCheck",
    "Workspace",
    "__version__",
    "build_report",
    "compute",
    "get_plugin_manager",
    "import_files",
    "load_configuration",
    "open_store",
    "synthesize",
    "validate",
    "write_report",
]

_LAZY = {
    "ConfigurationError": "efs.errors",
    "DataError": "efs.errors",
    "EfsError": "efs.errors",
    "InputError": "efs.errors",
    "Location": "efs.errors",
    "PluginError": "efs.errors",
    "Problem": "efs.errors",
    "StoreError": "efs.errors",
    "Configuration": "efs.model",
    "Finding": "efs.conformance",
    "Rule": "efs.conformance",
    "Severity": "efs.conformance",
    "validate": "efs.conformance",
    "load_configuration": "efs.loading",
    "get_plugin_manager": "efs.plugins",
    "Registry": "efs.registry",
    "Store": "efs.data.store",
    "open_store": "efs.data.store",
    "ImportResult": "efs.data.importing",
    "import_files": "efs.data.importing",
    "SynthSummary": "efs.data.synth",
    "synthesize": "efs.synthesis",
    "IndicatorResult": "efs.indicators",
    "TargetCheck": "efs.indicators",
    "compute": "efs.indicators",
    "build_report": "efs.report",
    "write_report": "efs.report",
    "Workspace": "efs.workspace",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'efs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
