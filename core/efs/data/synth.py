"""``efs data synth``: deterministic, believable synthetic monitoring data for a whole jurisdiction.

Everything is drawn with one :func:`numpy.random.default_rng` seeded by ``seed`` and generated as
vectors (no loop over people); rows go in with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL).

Shapes (see ``docs/data.md``):

* about 30 staff per organization, organizations spread over municipalities with log-normal sizes
  (a few large cities, many small districts); a municipal jurisdiction is one municipality;
* ages 21–70 around 45, about 7 % young teachers in their first three years, 6 % managers;
* participation, diagnostics, programme completions around the levels the documents target
  (young teachers supported ≈ 75 %, registry programmes chosen by diagnostics ≈ 25 %…), each
  municipality a little above or below;
* every table: programmes, teams and their trainings, events, internship sites, graduates, the
  methodical active and the roadmap's ``measure_status``;
* aggregate returns: about one municipality in ten (one organization in ten for a municipal
  jurisdiction) hands over counts only — its person rows are computed, turned into aggregate
  returns through the indicator engine, and removed, as a real return would arrive.

All or nothing: the rows go in with one transaction whose ``data_sources`` row is marked
``synthesis_partial``; the aggregate returns, the removal of the hidden rows and the mark's change to
``synthesis`` go in a second one. A synthesis killed between the two leaves the mark, every other
command refuses the jurisdiction's data with a message, and the next ``efs data synth`` replaces it.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from efs.progress import Progress
from efs.safeio import note_committed

if TYPE_CHECKING:
    import numpy as np
    import sqlalchemy as sa

    from efs.data.store import Store
    from efs.data.synth_parts import Hidden
    from efs.model import Configuration

STAFF_PER_ORG = 30
#: Steps reported to a progress callback (:mod:`efs.progress`).
STEP_ROWS = "Синтез: запись строк"
STEP_STATISTICS = "Синтез: статистика планировщика"
_ORG_KINDS = (
    ("school", 0.55),
    ("kindergarten", 0.30),
    ("additional_education", 0.10),
    ("college", 0.04),
    ("other", 0.01),
)
_ORG_NAMES = {
    "school": "Школа",
    "kindergarten": "Детский сад",
    "additional_education": "Центр доп. образования",
    "college": "Колледж",
    "other": "Организация",
    "cnppm": "ЦНППМ",
}
_YOUNG_FORMS = ("mentoring", "teacher_pair", "young_teachers_association", "school_of_young_teacher")
_OTHER_FORMS = (
    "networking",
    "methodical_association",
    "professional_community",
    "contest",
    "internship",
    "other",
)
_EVENT_KINDS = ("conference", "seminar", "forum", "webinar", "contest", "open_lesson", "master_class")
_EVENT_TITLES = {
    "conference": "Конференция",
    "seminar": "Семинар",
    "forum": "Форум",
    "webinar": "Вебинар",
    "contest": "Конкурс профессионального мастерства",
    "open_lesson": "Открытый урок",
    "master_class": "Мастер-класс",
}


@dataclass
class SynthSummary:
    """What :func:`efs.synthesis.synthesize` wrote.

    Attributes:
        jurisdiction: Jurisdiction id.
        seed: The seed.
        years: Years of data.
        rows: Rows written per table.
        seconds: Wall time.
        source_id: The ``data_sources`` row recording the synthesis.
    """

    jurisdiction: str
    seed: int
    years: list[int]
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    source_id: int = 0


def resolve_configuration(ref: str) -> Configuration:
    """A configuration from a path or a bundled jurisdiction id (``amur``…)."""
    from efs.workspace import Workspace

    return Workspace().load(ref)


class _Writer:
    """Bulk rows into the store inside one transaction."""

    def __init__(
        self, conn: sa.Connection, jur: str, source: int, rows: dict[str, int], progress: Progress | None = None
    ) -> None:
        self.conn, self.jur, self.source, self.rows = conn, jur, source, rows
        self.pg = conn.dialect.name == "postgresql"
        self.progress = progress

    def write(self, table: str, columns: dict[str, Any]) -> None:
        """Write columns (equal-length lists or arrays) plus jurisdiction and source to ``table``."""
        names = list(columns)
        data = [c.tolist() if hasattr(c, "tolist") else list(c) for c in columns.values()]
        n = len(data[0]) if data else 0
        if n == 0:
            return
        cols = ["jurisdiction_id", *names, "source_id"]
        tuples = list(zip([self.jur] * n, *data, [self.source] * n, strict=True))
        collist = ", ".join(f'"{c}"' for c in cols)
        if self.pg:
            raw = self.conn.connection.driver_connection
            assert raw is not None
            with raw.cursor() as cur, cur.copy(f'COPY "{table}" ({collist}) FROM STDIN') as copy:
                for t in tuples:
                    copy.write_row(t)
        else:
            marks = ", ".join("?" * len(cols))
            self.conn.exec_driver_sql(f'INSERT INTO "{table}" ({collist}) VALUES ({marks})', tuples)
        self.rows[table] = self.rows.get(table, 0) + n
        if self.progress is not None:
            self.progress(STEP_ROWS, sum(self.rows.values()), None)


def _dates(rng: np.random.Generator, year: int, n: int, first_month: int = 1, last_month: int = 12) -> Any:
    """``n`` ISO date strings in ``year`` between the months given."""
    import numpy as np

    start = np.datetime64(f"{year}-{first_month:02d}-01")
    end = np.datetime64(f"{year}-{last_month:02d}-28")
    offs = rng.integers(0, int((end - start).astype(int)) + 1, n)
    return np.datetime_as_string(start + offs.astype("timedelta64[D]"))


def _shift(dates: Any, days: Any) -> Any:
    import numpy as np

    return np.datetime_as_string(dates.astype("datetime64[D]") + np.asarray(days).astype("timedelta64[D]"))


def _clear(conn: sa.Connection, jur: str) -> None:
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.derived import invalidate

    invalidate(conn, [jur])
    for t in reversed(S.metadata.sorted_tables):
        if t.name != "jurisdictions":
            conn.execute(sa.delete(t).where(t.c.jurisdiction_id == jur))
    conn.execute(sa.delete(S.jurisdictions).where(S.jurisdictions.c.id == jur))


def write_synthetic(
    store: Store,
    config: Configuration,
    *,
    staff: int,
    year: int,
    years: int = 1,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[SynthSummary, Hidden | None]:
    """Replace the jurisdiction's rows with synthetic person-level rows (one transaction), then ``ANALYZE``.

    The first half of :func:`efs.synthesis.synthesize`, which then turns the hidden scopes' rows into
    aggregate returns through the indicator engine (a step above the store). Arguments as there.

    Returns:
        The summary so far and the scopes to hand over as aggregate returns (``None`` — none).
    """
    import numpy as np
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import PARTIAL_SYNTHESIS
    from efs.data.synth_parts import generate

    started = time.perf_counter()
    store.ensure_current(partial_ok=True)  # an interrupted synthesis is what this one replaces
    jur = config.jurisdiction.id
    span = list(range(year - years + 1, year + 1))
    summary = SynthSummary(jur, seed, span)
    rng = np.random.default_rng([seed, staff, year, years, zlib.crc32(jur.encode())])
    if progress is not None:
        progress(STEP_ROWS, 0, None)
    with store.engine.begin() as conn:
        _clear(conn, jur)
        conn.execute(
            sa.insert(S.jurisdictions).values(
                id=jur, name=config.jurisdiction.name, level=str(config.jurisdiction.level.value)
            )
        )
        source = conn.execute(
            sa.insert(S.data_sources)
            .values(
                jurisdiction_id=jur,
                kind=PARTIAL_SYNTHESIS,  # until the aggregate returns are written too
                seed=seed,
                rows=staff,
                loaded_at=dt.datetime.now(dt.UTC),
                comment=f"efs data synth: работников {staff}, годы {span[0]}–{span[-1]}",
            )
            .returning(S.data_sources.c.id)
        ).scalar_one()
        summary.source_id = int(source)
        w = _Writer(conn, jur, summary.source_id, summary.rows, progress)
        hidden = generate(w, rng, config, staff=staff, span=span)
        if not hidden:
            _mark_complete(conn, summary.source_id)
    note_committed(f"синтетические данные «{jur}»" + (" без сводных данных (неполные)" if hidden else ""))
    if hidden:
        store.partial_ok = True  # the engine computes the aggregate returns from these rows (replace_hidden ends it)
    if progress is not None:
        progress(STEP_STATISTICS, 0, None)
    analyze(store)  # without statistics the planners pick poor plans for the indicator queries
    summary.seconds = time.perf_counter() - started
    return summary, hidden


def count_rows(store: Store, summary: SynthSummary) -> None:
    """Fill ``summary.rows`` with the jurisdiction's row counts as they are now."""
    import sqlalchemy as sa

    from efs.data import schema as S

    with store.engine.connect() as conn:
        for name in list(summary.rows):
            t = S.metadata.tables[name]
            summary.rows[name] = conn.execute(
                sa.select(sa.func.count()).select_from(t).where(t.c.jurisdiction_id == summary.jurisdiction)
            ).scalar_one()


def _mark_complete(conn: sa.Connection, source_id: int) -> None:
    """Turn the synthesis's ``data_sources`` row from partial to complete (in the last transaction)."""
    import sqlalchemy as sa

    from efs.data import schema as S

    conn.execute(sa.update(S.data_sources).where(S.data_sources.c.id == source_id).values(kind="synthesis"))


def analyze(store: Store, tables: list[str] | None = None) -> None:
    """Refresh the planner statistics after a load (SQLite ``ANALYZE``, PostgreSQL ``ANALYZE``): of
    ``tables`` (names of :mod:`efs.data.schema`), or of every table.

    Without them SQLite chose plans that made the indicator queries on 10 000 synthetic staff take
    55 s instead of 1.7 s; PostgreSQL, on tables it has never sampled, takes them for one row each and
    nests loops: 2.5 s for one share over 1 000 imported staff instead of a few milliseconds.
    """
    with store.engine.begin() as conn:
        if store.dialect == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=2000")  # sampled statistics: seconds, not minutes
        if tables is None:
            conn.exec_driver_sql("ANALYZE")
            return
        preparer = conn.dialect.identifier_preparer
        for name in tables:
            conn.exec_driver_sql(f"ANALYZE {preparer.quote(name)}")


def replace_hidden(store: Store, hidden: Hidden, rows: list[dict[str, Any]], summary: SynthSummary) -> None:
    """Remove the hidden scopes' person rows and write their aggregate returns ``rows``, in one transaction."""
    import sqlalchemy as sa

    from efs.data import schema as S

    jur = summary.jurisdiction
    st, org = S.staff, S.organizations
    with store.engine.begin() as conn:
        if hidden.scope == "municipality":
            orgs = sa.select(org.c.id).where(org.c.jurisdiction_id == jur, org.c.municipality_id.in_(hidden.ids))
            g = S.graduates
            conn.execute(sa.delete(g).where(g.c.jurisdiction_id == jur, g.c.municipality_id.in_(hidden.ids)))
            conn.execute(sa.delete(st).where(st.c.jurisdiction_id == jur, st.c.organization_id.in_(orgs)))
        else:
            conn.execute(sa.delete(st).where(st.c.jurisdiction_id == jur, st.c.organization_id.in_(hidden.ids)))
        if rows:
            conn.execute(sa.insert(S.aggregate_returns), rows)
        summary.rows["aggregate_returns"] = len(rows)
        _mark_complete(conn, summary.source_id)  # the same transaction: complete data, or the partial mark
    store.partial_ok = False
    note_committed(f"сводные данные синтеза «{jur}» (данные полные)")
