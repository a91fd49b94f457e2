"""Compare two versions of a Положение: the typed changes and their impact, as one :class:`Comparison`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from efs._version import __version__
from efs.diff.changes import compare_configurations, group_by_section
from efs.diff.model import CHANGE_TYPES, Change

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration
    from efs.registry import Registry

FORMAT_VERSION = 1


@dataclass(slots=True)
class Comparison:
    """Two versions of a configuration compared.

    Attributes:
        old: The old version.
        new: The new version.
        old_name: How the user named the old version (a file or a jurisdiction id).
        new_name: How the user named the new version.
        as_of: The date both versions were checked on.
        changes: The typed changes, in the order of the sections and of the new document.
        impact: ``findings``, ``indicators``, ``recommendations`` and ``coverage`` (see ``docs/diff.md``).
        synthetic: Whether the store's data of the jurisdiction were synthesised (values shown are not real).
    """

    old: Configuration
    new: Configuration
    old_name: str
    new_name: str
    as_of: dt.date
    changes: list[Change]
    impact: dict[str, Any] = field(default_factory=dict)
    synthetic: bool = False

    @property
    def changed(self) -> bool:
        """Whether the versions differ at all (the exit status of ``efs diff``: 1 when they do)."""
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        """How many changes of each type (every type listed, zeros included)."""
        out = {t: 0 for t, _ in CHANGE_TYPES}
        for c in self.changes:
            out[c.type] += 1
        return out

    def sections(self) -> list[tuple[str, str, list[Change]]]:
        """``(section id, title, changes)`` of every section with changes, in the document's order."""
        return group_by_section(self.changes)

    def as_dict(self) -> dict[str, Any]:
        """The whole comparison as JSON-ready data (the JSON format, ``docs/diff.md``)."""

        def version(config: Configuration, name: str) -> dict[str, Any]:
            j = config.jurisdiction
            adopted = j.adopted_by
            return {"name": name, "file": config.file, "jurisdiction": j.id, "jurisdiction_name": j.name,
                    "document": j.document,
                    "adopted_by": (adopted.as_written or adopted.title) if adopted is not None else None}

        return {
            "format": "efs-diff",
            "format_version": FORMAT_VERSION,
            "efs_version": __version__,
            "old": version(self.old, self.old_name),
            "new": version(self.new, self.new_name),
            "as_of": self.as_of.isoformat(),
            "changed": self.changed,
            "synthetic": self.synthetic,
            "counts": self.counts(),
            "sections": [
                {"id": sid, "title": title, "changes": [c.as_dict() for c in items]}
                for sid, title, items in self.sections()
            ],
            "impact": self.impact,
        }


def compare(
    old: Configuration,
    new: Configuration,
    *,
    registry: Registry | None = None,
    as_of: dt.date | None = None,
    store: Store | None = None,
    year: int | None = None,
    min_denominator: int | None = None,
    old_name: str | None = None,
    new_name: str | None = None,
) -> Comparison:
    """Compare two versions of a configuration: typed changes and their impact.

    Args:
        old: The version in force.
        new: The amended version (or a second draft).
        registry: The catalogue (:class:`efs.registry.Registry`), built from the installed plugins by default.
        as_of: The date both versions are validated on and the roadmap is judged on (today by default).
        store: A monitoring store: indicator values and verdicts under both versions are computed from it.
        year: The year of those values (default: the latest year the store holds data of the jurisdiction).
        min_denominator: Smallest denominator shown (as ``efs indicators``); smaller results are suppressed.
        old_name: How to name the old version in outputs (default: its file or jurisdiction id).
        new_name: The same for the new version.

    Raises:
        InputError: A store is given but holds no data of the jurisdiction and no ``year`` is given.
        StoreError: The store cannot be read.
        PluginError: A rule or a plugin failed.
    """
    from efs.conformance import validate
    from efs.conformance.coverage import coverage_matrix
    from efs.diff import impact as I
    from efs.indicators import MIN_DENOMINATOR
    from efs.registry import Registry
    from efs.report.recommendations import derive
    from efs.report.roadmap import roadmap_section

    registry = Registry.of(registry)
    day = as_of or I.default_as_of()
    changes, sides = compare_configurations(old, new, registry)
    old_findings = validate(old, registry=registry, as_of=day)
    new_findings = validate(new, registry=registry, as_of=day)
    values = None
    synthetic = False
    if store is not None:
        from efs.indicators.engine import is_synthetic

        values = I.store_values(old, new, store, year=year, registry=registry,
                                min_denominator=min_denominator or MIN_DENOMINATOR)
        synthetic = is_synthetic(store, new.jurisdiction.id)

    def recommendations(config: Configuration, findings: list[Any], indicator_items: list[dict[str, Any]]) -> Any:
        roadmap = roadmap_section(config, store, day)
        return derive(config, registry, indicators=indicator_items, findings=findings, roadmap=roadmap["items"])

    impact = {
        "findings": I.findings_impact(old_findings, new_findings, sides),
        "indicators": I.indicators_impact(changes, sides, values),
        "recommendations": I.recommendations_impact(
            recommendations(old, old_findings, values["old"] if values else []),
            recommendations(new, new_findings, values["new"] if values else []),
            sides,
        ),
        "coverage": I.coverage_impact(coverage_matrix(old, registry), coverage_matrix(new, registry), sides),
    }
    I.attach(changes, impact)
    return Comparison(old, new, old_name or _name(old), new_name or _name(new), day, changes, impact, synthetic)


def _name(config: Configuration) -> str:
    return config.file or config.jurisdiction.id
