"""The rule type: a small self-describing unit with a stable code and a check."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from efs.conformance.findings import Finding, Severity

if TYPE_CHECKING:
    from efs.conformance.engine import RuleContext


def _no_check(ctx: RuleContext) -> Iterable[Finding]:
    return ()


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
            Rules reported by the engine itself (load errors, suppressions) have no check of their own.
        example: A short YAML fragment that triggers the rule.
        provenance: The plugin that defined the rule (filled by efs).
        requires: Parts of a full Положение whose absence the rule reports (``efs.model.DOCUMENT_PARTS``:
            ``legal_basis``, ``structure``, ``indicators``, ``roadmap``, ``monitoring``, ``agreements``). The
            rule runs only on a document whose kind contains them all (``jurisdiction.document_kind``): an
            indicator table is not told it lacks a roadmap. Empty — the rule applies to every document.
    """

    code: str
    slug: str
    severity: Severity
    title: str
    rationale: str
    recommendation: str
    check: Callable[[RuleContext], Iterable[Finding]] = _no_check
    example: str = ""
    provenance: Any = field(default=None)
    requires: tuple[str, ...] = ()

    def applies_to(self, kind: Any) -> bool:
        """Whether the rule runs on a document of ``kind`` (an :class:`efs.model.DocumentKind`)."""
        return all(part in kind.parts for part in self.requires)

    @property
    def engine_reported(self) -> bool:
        """True for codes the engine reports itself (load errors, suppression problems)."""
        return self.check is _no_check

    def matches(self, spec: str) -> bool:
        """Whether a selector names this rule: its code, a prefix of its code, or its slug."""
        spec = spec.strip()
        return spec == self.slug or self.code.upper().startswith(spec.upper()) if spec else False

    @property
    def plugin(self) -> str:
        """Name of the plugin that defined the rule."""
        return self.provenance.plugin if self.provenance is not None else "efs"
