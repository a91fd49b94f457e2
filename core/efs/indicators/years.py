"""Which years the store holds monitoring data of a jurisdiction for: the one rule behind «нет данных».

A year *has data* when the store holds at least one monitoring record of the jurisdiction dated in it
— a diagnostic, an individual route, a programme completion, post-course support, participation in a
form of support, a team training, an event, a graduate's diagnostic — or an aggregate return for it.
The populations the indicators count (staff, graduates, internship sites, the methodical active,
programmes) are not data of a year: they are there whether or not the year was monitored, so a year
without any record would otherwise read 0 % — absence is not a zero. For such a year the engine
(:func:`efs.indicators.engine.compute`) reports every result «нет данных»; ``efs indicators``, the
справка, the passport and ``efs serve`` all read it from there. In a year with data a count of nothing
is a real 0, and a share whose denominator is empty is «нет данных» as before.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa

    from efs.data.store import Store

#: The dated monitoring tables and the column that dates each record.
DATED = (
    ("diagnostics", "taken_on"),
    ("individual_routes", "started_on"),
    ("programme_completions", "completed_on"),
    ("post_course_support", "started_on"),
    ("support_participation", "started_on"),
    ("team_trainings", "completed_on"),
    ("events", "held_on"),
    ("graduate_diagnostics", "taken_on"),
)


def data_years(store: Store, jurisdiction: str) -> list[int]:
    """Every year for which the store holds monitoring data of the jurisdiction, ascending."""
    import sqlalchemy as sa

    from efs.data import schema as S

    years: set[int] = set()
    with store.engine.connect() as conn:
        for table, column in DATED:
            t = S.metadata.tables[table]
            year = sa.extract("year", t.c[column])
            query = sa.select(year).where(t.c.jurisdiction_id == jurisdiction).group_by(year)
            years |= {int(y) for (y,) in conn.execute(query) if y is not None}
        a = S.aggregate_returns
        query = sa.select(a.c.year).where(a.c.jurisdiction_id == jurisdiction).group_by(a.c.year)
        years |= {int(y) for (y,) in conn.execute(query)}
    return sorted(years)


def has_data(conn: sa.Connection, jurisdiction: str, year: int) -> bool:
    """Whether the store holds any monitoring data of the jurisdiction for ``year`` (``year in data_years``).

    One indexed probe per table (the dated tables are indexed by jurisdiction and date), stopping at the
    first record found.
    """
    import sqlalchemy as sa

    from efs.data import schema as S

    a = S.aggregate_returns
    probes = [sa.select(a.c.year).where(a.c.jurisdiction_id == jurisdiction, a.c.year == year).limit(1)]
    first, after = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    for table, column in DATED:
        t = S.metadata.tables[table]
        probes.append(sa.select(t.c[column]).where(t.c.jurisdiction_id == jurisdiction, t.c[column] >= first,
                                                   t.c[column] < after).limit(1))
    return any(conn.execute(probe).first() is not None for probe in probes)
