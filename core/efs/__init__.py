"""efs — the ЕФС framework: Положения about teacher-support systems as executable data.

The public API for embedding. Nothing here prints, exits or keeps global state::

    import efs

    config = efs.load_configuration("config/amur.yaml")
    findings = efs.validate(config, as_of=datetime.date(2026, 1, 1))

Attributes are imported lazily so that ``import efs`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs._version import __version__

if TYPE_CHECKING:
    from efs.conformance import Finding, Rule, Severity, validate
    from efs.errors import ConfigurationError, EfsError, InputError, Location, PluginError
    from efs.loading import load_configuration
    from efs.model import Configuration
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry

__all__ = [
    "Configuration",
    "ConfigurationError",
    "EfsError",
    "Finding",
    "InputError",
    "Location",
    "PluginError",
    "Registry",
    "Rule",
    "Severity",
    "__version__",
    "get_plugin_manager",
    "load_configuration",
    "validate",
]

_LAZY = {
    "ConfigurationError": "efs.errors",
    "EfsError": "efs.errors",
    "InputError": "efs.errors",
    "Location": "efs.errors",
    "PluginError": "efs.errors",
    "Configuration": "efs.model",
    "Finding": "efs.conformance",
    "Rule": "efs.conformance",
    "Severity": "efs.conformance",
    "validate": "efs.conformance",
    "load_configuration": "efs.loading",
    "get_plugin_manager": "efs.plugins",
    "Registry": "efs.registry",
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
