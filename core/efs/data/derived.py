"""Tables derived from a jurisdiction's data (the analytics tables): when they describe it, and clearing them.

A store concern: every load — an import, a synthesis — records itself in ``data_sources`` and clears
the derived tables of the jurisdictions it writes to (:func:`invalidate`, inside the load's
transaction), so nothing derived outlives the data it was computed from. The builder of those tables
(:mod:`efs.indicators.analytics`) stamps each build with :func:`data_stamp` and the engine ignores a
build whose stamp no longer matches.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from efs.data import schema as S

#: The derived tables, cleared together.
DERIVED = (S.analytics_groups, S.analytics_builds)


def data_stamp(conn: sa.Connection, jurisdiction: str) -> str:
    """The state of a jurisdiction's data: how many loads, the last one's id and time."""
    ds = S.data_sources
    row = conn.execute(
        sa.select(sa.func.count(), sa.func.max(ds.c.id), sa.func.max(ds.c.loaded_at)).where(
            ds.c.jurisdiction_id == jurisdiction
        )
    ).one()
    return f"{row[0]}:{row[1]}:{row[2]}"


def invalidate(conn: sa.Connection, jurisdictions: Iterable[str]) -> None:
    """Delete what was derived from the jurisdictions' data (call inside the transaction that changes it)."""
    ids = sorted(set(jurisdictions))
    if not ids:
        return
    for t in DERIVED:
        conn.execute(sa.delete(t).where(t.c.jurisdiction_id.in_(ids)))
