"""Findings: what a rule (or the loader) found, where, and in which part of the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from efs.errors import Location, Problem
from efs.model import Source


class Severity(StrEnum):
    """How much a finding matters."""

    error = "error"
    warning = "warning"
    info = "info"

    @property
    def label(self) -> str:
        """Russian label."""
        return {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}[self.value]


@dataclass(slots=True)
class Finding:
    """One located finding.

    Attributes:
        code: Stable rule code (``EFS101``; ``EFS001``–``EFS009`` are load errors).
        slug: Readable rule name (``missing-target-year``).
        severity: error, warning or info.
        message: Russian one-line message.
        location: Where in the configuration (file, line, column, path).
        source: Where in the source document the item concerned comes from.
        item: Id of the item concerned (used by suppressions and baselines).
        suppressed: Set when a suppression or baseline covers the finding.
        suppression_reason: The reason given for the suppression.
    """

    code: str
    slug: str
    severity: Severity
    message: str
    location: Location
    source: Source | None = None
    item: str | None = None
    suppressed: bool = False
    suppression_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def sort_key(self) -> tuple[str, int, int, str]:
        """File, line, column, code."""
        loc = self.location
        return (loc.file or "", loc.line or 0, loc.column or 0, self.code)


LOAD_SLUGS = {
    "EFS001": "yaml-syntax",
    "EFS002": "schema",
    "EFS003": "unknown-reference",
    "EFS004": "plugin-missing",
    "EFS005": "unreadable-file",
}


def load_findings(problems: list[Problem]) -> list[Finding]:
    """Turn loader problems into error findings with their reserved codes."""
    return [
        Finding(p.code, LOAD_SLUGS.get(p.code, "load-error"), Severity.error, p.message, p.location)
        for p in problems
    ]
