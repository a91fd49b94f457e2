"""Synthetic monitoring data for a whole jurisdiction, with aggregate returns computed by the indicator engine.

:func:`synthesize` is :func:`efs.data.synth.write_synthetic` (the person-level rows, in the store) followed
by the step that needs the engine: about one municipality in ten (one organization in ten for a
municipal jurisdiction) hands over counts only, so its rows are computed into aggregate returns and
removed, as a real return would arrive. It lives above both the store and the engine, so that
``efs.data`` never imports ``efs.indicators``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from efs.data.synth import SynthSummary
from efs.progress import Progress

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.data.synth_parts import Hidden
    from efs.model import Configuration
    from efs.registry import Registry

__all__ = ["SynthSummary", "synthesize"]

#: The step reported while the hidden scopes' aggregate returns are computed.
STEP_AGGREGATES = "Синтез: сводные отчёты"


def synthesize(
    store: Store,
    config: Configuration,
    *,
    staff: int,
    year: int,
    years: int = 1,
    seed: int = 0,
    progress: Progress | None = None,
    registry: Registry | None = None,
) -> SynthSummary:
    """Replace the jurisdiction's data in ``store`` with synthetic data (deterministic for a seed).

    Args:
        store: An open store (initialised here if empty).
        config: The configuration; ``config.jurisdiction.id`` keys the data, its roadmap gives measure ids.
        staff: Number of staff to generate.
        year: Last year of data.
        years: Number of years (``year - years + 1`` … ``year``).
        seed: Random seed: the same arguments give the same rows.
        progress: Called as work goes on (:mod:`efs.progress`).
        registry: The catalogue the indicators of the aggregate returns come from (the installed plugins'
            by default).

    Returns:
        A :class:`SynthSummary`.
    """
    from efs.data.synth import count_rows, replace_hidden, write_synthetic

    started = time.perf_counter()
    summary, hidden = write_synthetic(
        store, config, staff=staff, year=year, years=years, seed=seed, progress=progress
    )
    if hidden:
        try:  # between the two transactions the rows are marked partial; only this synthesis reads them
            rows = hidden_returns(store, config, summary, hidden, progress, registry)
            replace_hidden(store, hidden, rows, summary)
        finally:
            store.partial_ok = False
        drop_set_aside(store, config, summary, registry)
    count_rows(store, summary)  # after the aggregate step removed the hidden person rows
    summary.seconds = time.perf_counter() - started
    return summary


def drop_set_aside(
    store: Store, config: Configuration, summary: SynthSummary, registry: Registry | None = None
) -> None:
    """Remove the hidden scopes' returns the computation would set aside (:mod:`efs.indicators.overlap`).

    A hidden scope loses its staff, but the rows kept by unit (events, management teams, internship sites)
    stay: its return of an indicator counted from those is not used, and a real scope would not file it.
    Removing it changes no number; the synthetic data then has no unit with both kinds of data.
    """
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.indicators.overlap import set_aside_returns

    unused = set_aside_returns(config, store, registry=registry)
    if not unused:
        return
    a = S.aggregate_returns
    with store.engine.begin() as conn:
        for item in unused:
            jur, indicator, year, scope, scope_id, sub = item.key
            conn.execute(sa.delete(a).where(a.c.jurisdiction_id == jur, a.c.indicator_id == indicator,
                                            a.c.year == year, a.c.scope == scope, a.c.scope_id == scope_id,
                                            a.c.sub_measure == sub))
    summary.rows["aggregate_returns"] = summary.rows.get("aggregate_returns", 0) - len(unused)


def hidden_returns(
    store: Store,
    config: Configuration,
    summary: SynthSummary,
    hidden: Hidden,
    progress: Progress | None = None,
    registry: Registry | None = None,
) -> list[dict[str, Any]]:
    """The aggregate returns of the hidden scopes for every year, as the engine computes them.

    The engine counts only the staff of the hidden scopes (``restrict``): their results are the same as
    over everyone, and the other scopes' staff are not scanned.
    """
    from efs.indicators.engine import compute

    wanted = set(hidden.ids)
    rows = []
    restrict = (hidden.scope, tuple(hidden.ids))
    for k, y in enumerate(summary.years):
        if progress is not None:
            progress(STEP_AGGREGATES, k, len(summary.years))
        results = compute(config, store, year=y, by=hidden.scope, show_small=True, restrict=restrict,
                          registry=registry)
        for r in results:
            if r.scope_id in wanted and r.numerator is not None and r.data_source == "person":
                rows.append(
                    {
                        "jurisdiction_id": summary.jurisdiction,
                        "indicator_id": r.indicator_id,
                        "year": y,
                        "scope": hidden.scope,
                        "scope_id": r.scope_id,
                        "sub_measure": getattr(r, "sub_measure", None) or "",
                        "numerator": float(r.numerator),
                        "denominator": None if r.denominator is None else float(r.denominator),
                        "source_id": summary.source_id,
                    }
                )
    if progress is not None:
        progress(STEP_AGGREGATES, len(summary.years), len(summary.years))
    return rows
