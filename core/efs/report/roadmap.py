"""The roadmap section: each measure's status on a date, from the store's ``measure_status`` rows.

A measure is *done* when its latest status on the date is ``done`` (or the configuration records
its completion, ``done:``), *cancelled* when ``cancelled``; otherwise it is *overdue* when its
deadline (the date, or the end of a period or recurrence) lies before the date, *due* when the
deadline is still ahead or the recurrence has no end, and *no_deadline* when the document gives none.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from efs.report.text import ROADMAP_LABELS, STORE_STATUS_LABELS, source_text

if TYPE_CHECKING:
    from efs.data.store import Store
    from efs.model import Configuration, Measure
    from efs.report.names import Namer


def latest_statuses(store: Store, jurisdiction: str, as_of: dt.date) -> dict[str, dict[str, Any]]:
    """The latest ``measure_status`` row on or before ``as_of``, by measure id."""
    import sqlalchemy as sa

    from efs.data import schema as S

    t = S.measure_status
    query = (
        sa.select(t.c.measure_id, t.c.as_of, t.c.status, t.c.evidence, t.c.comment)
        .where(t.c.jurisdiction_id == jurisdiction, t.c.as_of <= as_of)
        .order_by(t.c.measure_id, t.c.as_of)
    )
    out: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for row in conn.execute(query).mappings():
            out[row["measure_id"]] = dict(row)  # ordered by date: the last one wins
    return out


def due_date(measure: Measure) -> dt.date | None:
    """The measure's deadline: its date, or the end of its period or recurrence."""
    d = measure.deadline
    if d is None:
        return None
    return d.date or d.end


def classify(measure: Measure, row: dict[str, Any] | None, as_of: dt.date) -> str:
    """``done``, ``cancelled``, ``overdue``, ``due`` or ``no_deadline`` on ``as_of``."""
    status = row["status"] if row else None
    if status == "done" or (measure.done is not None and measure.done <= as_of):
        return "done"
    if status == "cancelled":
        return "cancelled"
    due = due_date(measure)
    if due is not None:
        return "overdue" if due < as_of else "due"
    if measure.deadline is not None and measure.deadline.kind.value == "recurrence":
        return "due"
    return "no_deadline"


def _names(config: Configuration) -> dict[str, str]:
    out = {a.id: a.short_name or a.name for a in config.actors}
    out.update({s.id: s.short_name or s.name for s in config.subjects})
    return out


def roadmap_section(config: Configuration, store: Store | None, as_of: dt.date,
                    namer: Namer | None = None) -> dict[str, Any]:
    """Every measure with its status on ``as_of`` and the counts by status (sources named by ``namer``).

    Without a store (``efs diff`` without ``--db``) only the configuration's own marks (``done:``) and the
    deadlines decide.
    """
    rows = latest_statuses(store, config.jurisdiction.id, as_of) if store is not None else {}
    where = namer.source if namer is not None else source_text
    names = _names(config)
    items = []
    counts = dict.fromkeys(ROADMAP_LABELS, 0)
    for m in config.roadmap:
        row = rows.get(m.id)
        status = classify(m, row, as_of)
        counts[status] += 1
        due = due_date(m)
        items.append(
            {
                "id": m.id,
                "number": m.number,
                "text": m.text,
                "responsible": [
                    {"id": r.id, "name": names.get(r.id, r.as_written) if r.id else r.as_written}
                    for r in m.responsible
                ],
                "deadline": m.deadline.as_written if m.deadline else None,
                "due_date": due.isoformat() if due else None,
                "status": status,
                "status_label": ROADMAP_LABELS[status],
                "store_status": row["status"] if row else None,
                "store_status_label": STORE_STATUS_LABELS.get(row["status"] if row else None, "?"),
                "store_as_of": row["as_of"].isoformat() if row and row["as_of"] else None,
                "evidence": row["evidence"] if row else None,
                "indicators": [link.id for link in m.indicators],
                "functions": [link.id for link in m.functions],
                "source": where(m.source),
            }
        )
    return {"as_of": as_of.isoformat(), "counts": counts, "items": items}
