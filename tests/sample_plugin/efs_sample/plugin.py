"""Hooks of the sample plugin: a subject kind, a rule, a jurisdiction with its configuration and its document."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from efs.plugin import DocumentInfo, Finding, JurisdictionInfo, Level, Rule, Severity, SubjectKind, hookimpl


@hookimpl
def efs_subject_kinds() -> list[SubjectKind]:
    """A kind that only this plugin knows."""
    return [SubjectKind(id="sample_hub", name="опорный методический центр", levels=[Level.municipal])]


def _hub_count(ctx) -> Iterator[Finding]:  # type: ignore[no-untyped-def]
    hubs = [i for i, s in enumerate(ctx.config.subjects) if s.kind == "sample_hub"]
    for i in hubs:
        s = ctx.config.subjects[i]
        yield ctx.finding(("subjects", i), f"опорный центр «{s.name}» найден плагином sample", item=s.id)


@hookimpl
def efs_conformance_rules() -> list[Rule]:
    """A rule with the plugin's own prefix."""
    return [
        Rule(code="SMP001", slug="sample-hub-present", severity=Severity.info, title="Опорный центр есть",
             rationale="Пример правила стороннего плагина.", recommendation="Ничего делать не нужно.",
             check=_hub_count)
    ]


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The sample jurisdiction, with its configuration installed inside the package."""
    return [JurisdictionInfo(id="sample", name="Образцовый район",
                             config_path=Path(__file__).parent / "config" / "sample.yaml")]


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The document the sample configuration encodes, installed inside the package."""
    return [DocumentInfo(name="sample.txt", path=Path(__file__).parent / "documents" / "sample.txt",
                         title="Положение об образцовой системе сопровождения", jurisdiction="sample")]
