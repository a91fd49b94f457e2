"""The core's conformance rules, registered as a default plugin."""

from __future__ import annotations

from efs.conformance.rules import Rule
from efs.hookspecs import hookimpl


@hookimpl
def efs_conformance_rules() -> list[Rule]:
    """The concept's own rules."""
    from efs.conformance.core_rules import RULES

    return list(RULES)
