"""The concept's rules (grown by the conformance work)."""

from __future__ import annotations

from collections.abc import Iterator

from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule


def _subject_without_function(ctx: RuleContext) -> Iterator[Finding]:
    for i, s in enumerate(ctx.config.subjects):
        if not s.functions:
            yield ctx.finding(("subjects", i), f"у субъекта «{s.name}» не указано ни одной функции",
                              source=s.source, item=s.id)


RULES: list[Rule] = [
    Rule(
        code="EFS130",
        slug="subject-without-function",
        severity=Severity.warning,
        title="Субъект без функций",
        rationale="Концепция описывает субъектов через их функции: субъект без функций не участвует в сопровождении.",
        recommendation="Перечислите функции субъекта или исключите его из состава системы.",
        check=_subject_without_function,
        example="subjects:\n  - id: x\n    name: Совет\n    kind: school_methodical_council\n    level: institutional\n",
    ),
]
