"""Assemble the annual report of one jurisdiction as plain data (the JSON format is exactly this)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from efs._version import __version__
from efs.indicators import MIN_DENOMINATOR
from efs.report.text import SECTION_TITLES, SECTIONS, SEVERITY_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.indicators.overlap import SetAside
    from efs.model import Configuration
    from efs.registry import Registry

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
    registry: Registry | None = None,
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
    from efs.registry import Registry
    from efs.report.indicators import indicator_section, set_aside_section
    from efs.report.names import Namer
    from efs.report.recommendations import derive
    from efs.report.roadmap import roadmap_section
    from efs.report.structure import structure_section

    registry = Registry.of(registry)
    jur = config.jurisdiction
    _check_store(store, jur.id, jur.name)
    day = as_of or default_as_of(year)
    namer = Namer(config, registry)
    findings = validate(config, registry=registry, as_of=day)
    set_aside: list[SetAside] = []  # the computation's by-product: no query run twice
    indicators = indicator_section(config, store, registry, year=year, min_denominator=min_denominator,
                                   namer=namer, set_aside=set_aside)
    roadmap = roadmap_section(config, store, day, namer)
    coverage = coverage_matrix(config, registry)
    recommendations = derive(config, registry, indicators=indicators["items"], findings=findings,
                             roadmap=roadmap["items"], year=year, as_of=day, namer=namer)
    finding_items = []
    for f in findings:
        item = finding_to_dict(f)
        item["severity_label"] = SEVERITY_LABELS[f.severity.value]
        rule = registry.rules.get(f.code)
        item["rule_title"] = rule.title if rule is not None else f.code
        item["text"] = namer.humanize(f.message)
        item["where"] = namer.source(item["source"])
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
            "document_title": namer.document_title,
            "adopted_by": jur.adopted_by.issuer if jur.adopted_by else None,
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
        "set_aside": set_aside_section(config, store, set_aside, years=indicators["history_years"], namer=namer),
        "roadmap": roadmap,
        "recommendations": recommendations,
    }
    report["summary"] = summary(report, has_own_indicators=bool(config.indicators))
    return report


def summary(report: dict[str, Any], *, has_own_indicators: bool) -> dict[str, Any]:
    """The first page: verdicts at a glance, value against target, the five actions, honest notes.

    ``verdicts`` lists each indicator once: a federal indicator that an indicator of the Положение
    declares equivalent is shown through that indicator (same population, same value), not twice.
    """
    from efs.report.words import count

    items = report["indicators"]["items"]
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for i in items:
        counts[i["status"]] += 1
    brief = [
        {
            "id": i["id"],
            "sub_measure": i["sub_measure"],
            "number": i["number"],
            "label": i["label"],
            "text": i["text"],
            "federal": i["federal"],
            "value": i["value"],
            "unit": i["unit"],
            "status": i["status"],
            "status_label": i["status_label"],
            "target": i["target"],
            "history": i["history"],
            "verdict_basis": i["verdict_basis"],
            "verdict_note": i["verdict_note"],
            "equivalent_labels": i["equivalent_labels"],
        }
        for i in items
    ]
    shadowed = {e for i in items if not i["federal"] for e in i["equivalent"]}
    order = {"not_met": 0, "met": 1, "no_target": 2, "no_data": 3, "suppressed": 4}
    verdicts = sorted((b for b in brief if not (b["federal"] and b["id"] in shadowed)),
                      key=lambda b: order.get(b["status"], 5))
    notes = []
    if not has_own_indicators:
        notes.append(
            "Положение не задаёт своих показателей эффективности: оценка дана по федеральным показателям "
            "концепции и их целям."
        )
    fallback = [i for i in items if not i["federal"] and i["verdict_basis"] in ("federal", "roadmap")]
    if fallback:
        notes.append(
            f"У {count(len(fallback), 'показатель', 'gent')} Положения нет своей цели: вердикт вынесен по "
            "федеральной цели равнозначного показателя или по порогу дорожной карты — так и отмечено у каждого."
        )
    if shadowed & {b["id"] for b in brief}:
        notes.append("Федеральные показатели, которым равнозначен показатель Положения, в сводке не повторяются: "
                     "они показаны через него.")
    if report["synthetic"]:
        notes.append("Данные синтетические (efs data synth): цифры показывают работу отчёта, а не положение дел.")
    if not report["indicators"].get("has_data", True):
        notes.append(report["indicators"]["data_note"])
    if report.get("set_aside", {}).get("items"):
        notes.append(f"Сводных отчётов, не использованных при расчёте: {len(report['set_aside']['items'])} — "
                     f"какие и почему, сказано в разделе «{SECTION_TITLES['set_aside']}».")
    uncovered = sum(len(r["uncovered_at"]) for r in report["coverage"]["functions"])
    fnd, rm = report["findings"]["counts"], report["roadmap"]["counts"]
    recs = report["recommendations"]
    tiles = [
        (counts["met"], "показатель с достигнутой целью", "met"),
        (counts["not_met"], "показатель с недостигнутой целью", "not_met"),
        (counts["no_target"], "показатель без цели", "no_target"),
        (counts["no_data"] + counts["suppressed"], "показатель без данных", "no_data"),
        (fnd["error"] + fnd["warning"], "замечание к Положению", "findings"),
        (uncovered, "непокрытая обязательная функция", "uncovered"),
        (rm["overdue"], "просроченное мероприятие", "overdue"),
        (len(recs["items"]), "рекомендация", "recommendations"),
    ]
    by_id = {r["id"]: r for r in recs["items"]}
    return {
        "indicators": counts,
        "met": [b for b in brief if b["status"] == "met"],
        "not_met": [b for b in brief if b["status"] == "not_met"],
        "other": [b for b in brief if b["status"] not in ("met", "not_met")],
        "verdicts": verdicts,
        "tiles": [{"count": n, "label": count(n, phrase), "id": tid} for n, phrase, tid in tiles],
        "actions": [by_id[a] for a in recs.get("actions", [])],
        "findings": fnd,
        "uncovered_functions": uncovered,
        "roadmap": rm,
        "recommendations": len(recs["items"]),
        "notes": notes,
    }
