"""Assemble the annual report of one jurisdiction as plain data (the JSON format is exactly this)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from efs._version import __version__
from efs.indicators import MIN_DENOMINATOR
from efs.report.text import SECTIONS, SEVERITY_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration

FORMAT_VERSION = 1


def default_as_of(year: int, today: dt.date | None = None) -> dt.date:
    """The end of the report year, or today while the year is still running."""
    today = today or dt.date.today()
    return min(dt.date(year, 12, 31), today)


def _check_store(store: Store, jurisdiction: str, name: str) -> None:
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.errors import InputError

    store.ensure_current()
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(S.jurisdictions.c.id).where(S.jurisdictions.c.id == jurisdiction)).first()
    if found is None:
        raise InputError(
            f"в хранилище {store.url} нет данных юрисдикции «{name}» ({jurisdiction}): загрузите их "
            f"(efs data import) или создайте синтетические (efs data synth -j {jurisdiction})"
        )


def build_report(
    config: Configuration,
    store: Store,
    *,
    year: int,
    as_of: dt.date | None = None,
    registry: Any = None,
    min_denominator: int = MIN_DENOMINATOR,
) -> dict[str, Any]:
    """The whole report as a JSON-ready dictionary (shape: ``docs/report.md``).

    Args:
        config: The jurisdiction's configuration.
        store: An open store holding the jurisdiction's monitoring data.
        year: Report year.
        as_of: Date of the roadmap status and of the deadline checks (default :func:`default_as_of`).
        registry: Plugin registry (built when ``None``).
        min_denominator: Smallest denominator shown; smaller results are suppressed as in ``efs indicators``.

    Raises:
        InputError: The store holds no data of the jurisdiction.
        StoreError: The store is not at the newest schema revision.
        ConfigurationError: A formula of the configuration is invalid.
    """
    from efs.conformance import validate
    from efs.conformance.coverage import coverage_matrix
    from efs.conformance.formats import finding_to_dict
    from efs.indicators.engine import is_synthetic
    from efs.report.indicators import indicator_section
    from efs.report.recommendations import derive
    from efs.report.roadmap import roadmap_section
    from efs.report.structure import structure_section

    if registry is None:
        from efs.registry import Registry

        registry = Registry.build()
    jur = config.jurisdiction
    _check_store(store, jur.id, jur.name)
    day = as_of or default_as_of(year)
    findings = validate(config, registry=registry, as_of=day)
    indicators = indicator_section(config, store, registry, year=year, min_denominator=min_denominator)
    roadmap = roadmap_section(config, store, day)
    coverage = coverage_matrix(config, registry)
    recommendations = derive(
        config, registry, indicators=indicators["items"], findings=findings, roadmap=roadmap["items"]
    )
    finding_items = []
    for f in findings:
        item = finding_to_dict(f)
        item["severity_label"] = SEVERITY_LABELS[f.severity.value]
        finding_items.append(item)
    counts = {"error": 0, "warning": 0, "info": 0, "suppressed": 0}
    for f in findings:
        counts["suppressed" if f.suppressed else f.severity.value] += 1
    report: dict[str, Any] = {
        "format": "efs-report",
        "format_version": FORMAT_VERSION,
        "efs_version": __version__,
        "jurisdiction": {
            "id": jur.id,
            "name": jur.name,
            "level": jur.level.value,
            "system_name": jur.system_name,
            "document": jur.document,
            "region": jur.region,
        },
        "year": year,
        "as_of": day.isoformat(),
        "synthetic": is_synthetic(store, jur.id),
        "min_denominator": min_denominator,
        "sections": [{"id": sid, "title": title} for sid, title in SECTIONS],
        "structure": structure_section(config, registry),
        "coverage": coverage,
        "findings": {"counts": counts, "items": finding_items},
        "indicators": indicators,
        "roadmap": roadmap,
        "recommendations": recommendations,
    }
    report["summary"] = summary(report, has_own_indicators=bool(config.indicators))
    return report


def summary(report: dict[str, Any], *, has_own_indicators: bool) -> dict[str, Any]:
    """What meets its target and what does not, at a glance, with honest notes on the basis of verdicts."""
    items = report["indicators"]["items"]
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for i in items:
        counts[i["status"]] += 1
    brief = [
        {
            "id": i["id"],
            "sub_measure": i["sub_measure"],
            "number": i["number"],
            "text": i["text"],
            "federal": i["federal"],
            "value": i["value"],
            "unit": i["unit"],
            "status": i["status"],
            "verdict_basis": i["verdict_basis"],
            "verdict_note": i["verdict_note"],
        }
        for i in items
    ]
    notes = []
    if not report["indicators"]["has_data"]:
        notes.append(report["indicators"]["data_note"])
    if not has_own_indicators:
        notes.append(
            "Положение не задаёт своих показателей эффективности: оценка дана по федеральным показателям "
            "концепции и их целям."
        )
    fallback = [i for i in items if not i["federal"] and i["verdict_basis"] in ("federal", "roadmap")]
    if fallback:
        notes.append(
            f"У {len(fallback)} показател(ей) положения нет своей цели: вердикт по федеральной цели равнозначного "
            "показателя или по порогу дорожной карты — так и отмечено у каждого."
        )
    if report["synthetic"]:
        notes.append("Данные синтетические (efs data synth): цифры показывают работу отчёта, а не положение дел.")
    uncovered = sum(len(r["uncovered_at"]) for r in report["coverage"]["functions"])
    return {
        "indicators": counts,
        "met": [b for b in brief if b["status"] == "met"],
        "not_met": [b for b in brief if b["status"] == "not_met"],
        "other": [b for b in brief if b["status"] not in ("met", "not_met")],
        "findings": report["findings"]["counts"],
        "uncovered_functions": uncovered,
        "roadmap": report["roadmap"]["counts"],
        "recommendations": len(report["recommendations"]["items"]),
        "notes": notes,
    }
