"""The indicators section: each indicator's value, targets with their origin, verdict, history and drill-down.

Every number comes from :func:`efs.indicators.compute` (the same engine as ``efs indicators``), so
suppression of small denominators, aggregate returns and target selection work exactly as there.
The engine already falls back to the federal target of an equivalent indicator and to the roadmap
thresholds linked to the indicator; this module only says, for each verdict, which of them it rests on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs.indicators import MIN_DENOMINATOR
from efs.indicators.results import TargetCheck
from efs.indicators.years import data_years
from efs.report.text import ORIGIN_DOCUMENTS, ORIGIN_LABELS, STATUS_LABELS

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.indicators.overlap import SetAside
    from efs.indicators.results import IndicatorResult, SkippedTarget
    from efs.model import Configuration
    from efs.registry import Registry
    from efs.report.names import Namer

#: How many years of history a chart shows at most.
HISTORY_YEARS = 5

def _years_text(years: list[int]) -> str:
    return ", ".join(map(str, years)) if years else "нет ни одного"


def data_note(year: int, stored: list[int], shown: list[int]) -> str:
    """What the store holds, said plainly: the report year's data or its absence, and what the charts show."""
    if year in stored:
        note = f"Год отчёта: {year}; годы данных в хранилище: {_years_text(stored)}."
    else:
        note = (f"За {year} год в хранилище нет данных мониторинга — показатели за этот год не оцениваются "
                f"(«нет данных»); годы данных в хранилище: {_years_text(stored)}.")
    hidden = [y for y in stored if y < year and y not in shown]
    if hidden:
        note += f" На графиках — годы {_years_text(shown)}; более ранние не показаны: {_years_text(hidden)}."
    return note


#: What an item says when its year has no monitoring data at all.
NO_DATA_NOTE = "за год отчёта в хранилище нет данных мониторинга"


def _target(t: TargetCheck | SkippedTarget, namer: Namer) -> dict[str, Any]:
    """A target as the справка shows it: as the document writes it («ежегодно не менее 10%»), its period
    («ежегодно, 2023–2024 гг.»), its origin and where it is written — never a deadline it does not have."""
    target = t.target
    text = target.as_written
    if target.sub_measure:
        text += f" — {target.sub_measure}"
    where = namer.source(target.source) if target.source is not None else ""
    origin = ORIGIN_LABELS.get(t.origin, t.origin)
    place = ", ".join(
        p for p in (target.period_text(), ORIGIN_DOCUMENTS.get(t.origin, origin), namer.section(target.source)) if p
    )
    return {
        "label": f"{text} ({place})",
        "text": text,
        "origin": t.origin,
        "origin_label": origin,
        "value": target.value,
        "unit": target.unit,
        "comparator": target.comparator.value,
        "year": target.year,
        "kind": target.kind.value,
        "period": target.period_text(),
        "met": t.met if isinstance(t, TargetCheck) else None,
        "as_written": target.as_written,
        "source": where,
    }


def _skipped(t: SkippedTarget, namer: Namer) -> dict[str, Any]:
    """A target not checked for the result, with the reason."""
    return {**_target(t, namer), "reason": t.reason}


def _key(r: IndicatorResult) -> tuple[str, str | None]:
    return (r.indicator_id, r.sub_measure)


def verdict_basis(r: IndicatorResult) -> tuple[str | None, str]:
    """Which origin the verdict rests on, and an honest Russian note saying so.

    The configuration's own target when it has one; otherwise the federal target (of the federal
    indicator itself or of the federal indicator declared equivalent); otherwise a roadmap threshold.
    """
    origins = [t.origin for t in r.targets]
    if r.status in ("no_data", "suppressed"):
        return None, STATUS_LABELS[r.status]
    if not origins:
        return None, r.target_note or (
            "целевого значения нет ни в положении, ни у равнозначного федерального показателя, ни в дорожной карте"
        )
    if "jurisdiction" in origins:
        basis = "jurisdiction"
        note = "по цели положения"
    elif "federal" in origins:
        basis = "federal"
        note = (
            "федеральный показатель, цель концепции"
            if r.federal
            else "положение цели не задаёт — сравнение с федеральной целью равнозначного показателя"
        )
    else:
        basis = "roadmap"
        note = "положение цели не задаёт — сравнение с порогом дорожной карты"
    others = sorted({ORIGIN_LABELS[o] for o in origins if o != basis})
    if others:
        note += "; учтены также: " + ", ".join(others)
    return basis, note


def _result_row(r: IndicatorResult) -> dict[str, Any]:
    return {
        "scope_id": r.scope_id,
        "scope_name": r.scope_name,
        "numerator": r.numerator,
        "denominator": r.denominator,
        "value": r.value,
        "status": r.status,
        "status_label": STATUS_LABELS[r.status],
        "data_source": r.data_source,
    }


def indicator_section(
    config: Configuration,
    store: Store,
    registry: Registry,
    *,
    year: int,
    min_denominator: int = MIN_DENOMINATOR,
    namer: Namer | None = None,
    set_aside: list[SetAside] | None = None,
) -> dict[str, Any]:
    """The indicators of ``config`` (and the federal ones) for ``year``, with history and drill-down.

    When ``set_aside`` is given, the aggregate returns the computation of each year shown does not use are
    added to it (the by-product of :func:`efs.indicators.compute`; :func:`set_aside_section` shows them).

    Returns:
        ``{"year", "has_data", "data_years", "data_note", "drilldown_scope", "history_years", "items": [...]}``;
        each item is documented in ``docs/report.md``. ``data_years`` are all the years the store holds
        monitoring data for; ``history_years`` the ones the charts show (at most :data:`HISTORY_YEARS`, up to
        the report year). A report year without any data gives «нет данных» everywhere, never a computed 0.
    """
    from efs.indicators.engine import compute
    from efs.report.names import Namer

    namer = namer or Namer(config, registry)

    def run(y: int, by: str | tuple[str, ...]) -> list[IndicatorResult]:
        return compute(config, store, year=y, by=by, registry=registry, min_denominator=min_denominator,
                       set_aside=set_aside)

    drill_scope = "municipality" if config.jurisdiction.level.value == "regional" else "organization"
    stored = data_years(store, config.jurisdiction.id)
    has_data = year in stored

    # the jurisdiction and its drill-down from one computation (compute gives each scope in turn); a year
    # without data is «нет данных» already (efs.indicators.years)
    both = run(year, ("jurisdiction", drill_scope))
    main = [r for r in both if r.scope == "jurisdiction"]
    drill: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for r in (r for r in both if r.scope == drill_scope):
        drill.setdefault(_key(r), []).append(_result_row(r))
    years = [*[y for y in stored if y < year][-(HISTORY_YEARS - 1):], year]
    history: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for y in years:
        for r in main if y == year else run(y, "jurisdiction"):
            history.setdefault(_key(r), []).append({"year": y, "value": r.value, "status": r.status})
    definitions = {**registry.indicators, **{i.id: i for i in config.indicators}}
    function_names = {**{f.id: f.name for f in registry.functions.values()}, **{f.id: f.name for f in config.functions}}
    items = []
    for r in main:
        ind = definitions.get(r.indicator_id)
        basis, note = verdict_basis(r)
        if not has_data:
            note = NO_DATA_NOTE
        targets = [_target(t, namer) for t in r.targets]
        deciding = next((t for t in targets if t["origin"] == basis and t["met"] is not None), None)
        equivalent = [link.id for link in ind.equivalent] if ind is not None else []
        items.append(
            {
                "id": r.indicator_id,
                "sub_measure": r.sub_measure,
                "number": ind.number if ind is not None else None,
                "label": namer.indicator(r.indicator_id),
                "text": r.indicator_text,
                "federal": r.federal,
                "unit": r.unit,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "value": r.value,
                "status": r.status,
                "status_label": STATUS_LABELS[r.status],
                "verdict_basis": basis,
                "verdict_note": note,
                "targets": targets,
                "target": deciding,
                "targets_not_checked": [_skipped(t, namer) for t in r.skipped_targets],
                "data_source": r.data_source,
                "equivalent": equivalent,
                "equivalent_labels": [namer.indicator(e) for e in equivalent],
                "functions": [
                    {"id": link.id, "name": function_names.get(link.id, link.id)}
                    for link in (ind.functions if ind is not None else [])
                ],
                "source": namer.source(ind.source) if ind is not None else "",
                "note": r.note,
                "history": history.get(_key(r), []),
                "drilldown": drill.get(_key(r), []),
            }
        )
    return {
        "year": year,
        "has_data": has_data,
        "data_years": stored,
        "data_note": data_note(year, stored, years),
        "drilldown_scope": drill_scope,
        "history_years": years,
        "items": items,
    }


def set_aside_section(
    config: Configuration, store: Store, found: list[SetAside], *, years: list[int], namer: Namer
) -> dict[str, Any]:
    """The aggregate returns the computation of ``years`` (the справка's: the report year and the charts')
    does not use, with the reason: ``found``, what :func:`indicator_section` was given to collect (the same
    items as :func:`efs.indicators.overlap.set_aside_returns` lists for each year), shown year by year.

    Returns:
        ``{"years", "returns", "note", "items": [{year, indicator_id, label, text, sub_measure, scope,
        scope_label, scope_id, scope_name, reason, reason_text}]}``: ``returns`` is how many returns the store
        holds for those years, ``note`` says in words what was set aside or that nothing was. A return's own
        numbers are not shown: the справка is published, and a small unit's return is not disclosure-controlled.
    """
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.indicators.overlap import SCOPE_WORDS

    a = S.aggregate_returns
    with store.engine.connect() as conn:
        held = conn.execute(sa.select(sa.func.count()).select_from(a).where(
            a.c.jurisdiction_id == config.jurisdiction.id, a.c.year.in_(years))).scalar_one()
    found = [s for y in years for s in found if s.year == y]
    items = [
        {
            "year": s.year,
            "indicator_id": s.indicator_id,
            "label": namer.indicator(s.indicator_id) if s.reason != "unknown_indicator" else s.indicator_id,
            "text": s.indicator_text,
            "sub_measure": s.sub_measure,
            "scope": s.scope,
            "scope_label": SCOPE_WORDS.get(s.scope, s.scope),
            "scope_id": s.scope_id,
            "scope_name": s.scope_name,
            "reason": s.reason,
            "reason_text": s.reason_text,
        }
        for s in found
    ]
    span = _years_text(years)
    if not held:
        note = f"Сводных отчётов за {span} в хранилище нет: показатели рассчитаны по персональным данным."
    elif not items:
        note = f"Все сводные отчёты за {span} ({held}) использованы при расчёте: ни один не отложен."
    else:
        note = (f"Из сводных отчётов за {span} ({held}) при расчёте не использовано: {len(items)}. У каждого "
                "названа причина и что используется вместо него (персональные данные или отчёты организаций "
                "той же территории); дважды не считается ничто.")
    return {"years": years, "returns": held, "note": note, "items": items}
