"""The rule type: a small self-describing unit with a stable code and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from efs.conformance.findings import Finding, Severity

if TYPE_CHECKING:
    from efs.conformance.engine import RuleContext


@dataclass(slots=True)
class Rule:
    """A conformance rule.

    Attributes:
        code: Stable code, never reused (``EFS101``; a plugin's carry its own prefix, ``TYU001``).
        slug: Readable name accepted wherever a code is (``missing-target-year``).
        severity: Default severity of its findings.
        title: One line in Russian.
        rationale: Why it matters, citing the concept or the document.
        recommendation: How to fix it.
        check: ``check(ctx) -> Iterable[Finding]``; use ``ctx.finding(...)`` to build located findings.
        example: A short YAML fragment that triggers the rule.
    """

    code: str
    slug: str
    severity: Severity
    title: str
    rationale: str
    recommendation: str
    check: Callable[[RuleContext], Iterable[Finding]]
    example: str = ""
    provenance: Any = field(default=None)
