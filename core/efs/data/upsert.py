"""Writing validated import batches: classify against the store, upsert on natural keys, one transaction.

Used by :mod:`efs.data.importing`. Rows already in the store with the same values are left alone
(``unchanged``); new rows are ``imported``; rows whose key exists with other values are ``updated``.
Writes use ``INSERT … ON CONFLICT (natural key) DO UPDATE`` so two imports running at the same time on
PostgreSQL both succeed and leave a correct store; large PostgreSQL batches go through ``COPY`` into a
temporary table first.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlalchemy as sa

    from efs.data.importing import _Batch
    from efs.data.store import Store
    from efs.progress import Progress


def write_batches(
    store: Store, batches: Sequence[_Batch], *, dry_run: bool, progress: Progress | None = None
) -> None:
    """Classify and (unless ``dry_run``) write every batch in one transaction; fill the batches' counters.

    ``progress`` (:mod:`efs.progress`) hears :data:`efs.data.importing.STEP_WRITE` after every chunk
    written, with the rows done so far inside the still open transaction (written, or found unchanged)
    and the rows of all batches.
    """
    from efs.data.derived import invalidate
    from efs.data.importing import STEP_WRITE

    done, total = 0, sum(len(b.rows) for b in batches)
    with store.engine.connect() as conn:
        trans = conn.begin()
        try:
            if not dry_run:  # the analytics of the jurisdictions written to no longer describe their data
                touched = {r["jurisdiction_id"] for b in batches if b.spec.name != "jurisdictions" for r in b.rows}
                invalidate(conn, touched)
            for b in batches:
                todo = _classify(conn, b)
                done += len(b.rows) - len(todo)
                if dry_run or not todo:
                    continue
                sources = _record_sources(conn, b, todo)
                for start in range(0, len(todo), _chunk(store, len(todo))):
                    chunk = todo[start : start + _chunk(store, len(todo))]
                    _upsert(conn, b, chunk, sources)
                    done += len(chunk)
                    if progress is not None:
                        progress(STEP_WRITE, done, total)
            if dry_run:
                trans.rollback()
            else:
                trans.commit()
        except BaseException:
            trans.rollback()
            raise


def _chunk(store: Store, n: int) -> int:
    from efs.data.importing import CHUNK, COPY_THRESHOLD

    if store.dialect == "postgresql" and n >= COPY_THRESHOLD:
        return max(n, 1)
    return CHUNK


def _columns(b: _Batch) -> list[str]:
    cols = [c.name for c in b.spec.columns]
    return cols if b.spec.name == "jurisdictions" else ["jurisdiction_id", *cols]


def _classify(conn: sa.Connection, b: _Batch) -> list[dict[str, Any]]:
    """Count imported/updated/unchanged; return the rows to write."""
    import sqlalchemy as sa

    from efs.data import schema as S

    t = S.metadata.tables[b.spec.name]
    cols = _columns(b)
    existing: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    if b.rows:
        q = sa.select(*(t.c[c] for c in cols))
        if b.spec.name != "jurisdictions":
            jurs = sorted({r["jurisdiction_id"] for r in b.rows})
            q = q.where(t.c.jurisdiction_id.in_(jurs))
        key_idx = [
            cols.index(k) for k in (("id",) if b.spec.name == "jurisdictions" else ("jurisdiction_id", *b.spec.key))
        ]
        for r in conn.execute(q):
            existing[tuple(r[i] for i in key_idx)] = tuple(r)
    todo = []
    keys = ("id",) if b.spec.name == "jurisdictions" else ("jurisdiction_id", *b.spec.key)
    get_key, get_all = operator.itemgetter(*keys), operator.itemgetter(*cols)
    if not existing:  # a first import: every row is new
        b.part.imported += len(b.rows)
        return list(b.rows)
    for row in b.rows:
        k = get_key(row)
        old = existing.get(k if len(keys) > 1 else (k,))
        if old is None:
            b.part.imported += 1
            todo.append(row)
        elif old == (get_all(row) if len(cols) > 1 else (get_all(row),)):
            b.part.unchanged += 1
        else:
            b.part.updated += 1
            todo.append(row)
    return todo


def _record_sources(conn: sa.Connection, b: _Batch, rows: list[dict[str, Any]]) -> dict[str, int]:
    """One ``data_sources`` row per jurisdiction of the batch; jurisdiction → source id."""
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.importing import file_sha256, now

    if b.spec.name == "jurisdictions":
        return {}
    out = {}
    sha = file_sha256(b.path)
    jurs: dict[str, int] = {}
    for r in rows:
        jurs[r["jurisdiction_id"]] = jurs.get(r["jurisdiction_id"], 0) + 1
    for jur, n in sorted(jurs.items()):
        out[jur] = conn.execute(
            sa.insert(S.data_sources)
            .values(
                jurisdiction_id=jur,
                kind="synthesis" if jur in b.synthetic else "file",  # synthetic data stays marked as such
                table_name=b.spec.name,
                file_name=str(b.path),
                file_sha256=sha,
                rows=n,
                loaded_at=now(),
                comment=f"лист «{b.part.sheet}»" if b.part.sheet else None,
            )
            .returning(S.data_sources.c.id)
        ).scalar_one()
    return out


def _upsert(conn: sa.Connection, b: _Batch, rows: list[dict[str, Any]], sources: dict[str, int]) -> None:
    cols = _columns(b)
    if b.spec.name != "jurisdictions":
        cols = [*cols, "source_id"]
    keys = ["id"] if b.spec.name == "jurisdictions" else ["jurisdiction_id", *b.spec.key]
    rest = [c for c in cols if c not in keys]
    update = ("DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in rest)) if rest else "DO NOTHING"
    conflict = "ON CONFLICT (" + ", ".join(f'"{k}"' for k in keys) + f") {update}"
    collist = ", ".join(f'"{c}"' for c in cols)
    table = f'"{b.spec.name}"'

    def values(r: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(r[c] if c != "source_id" else sources.get(r["jurisdiction_id"]) for c in cols)

    if conn.dialect.name == "postgresql":
        from efs.data.importing import COPY_THRESHOLD

        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur:
            if len(rows) >= COPY_THRESHOLD:
                cur.execute(
                    f'CREATE TEMP TABLE IF NOT EXISTS "efs_import_{b.spec.name}" '
                    f"(LIKE {table} INCLUDING DEFAULTS) ON COMMIT DROP"
                )
                cur.execute(f'TRUNCATE "efs_import_{b.spec.name}"')
                with cur.copy(f'COPY "efs_import_{b.spec.name}" ({collist}) FROM STDIN') as copy:
                    for r in rows:
                        copy.write_row(values(r))
                cur.execute(
                    f'INSERT INTO {table} ({collist}) SELECT {collist} FROM "efs_import_{b.spec.name}" {conflict}'
                )
            else:
                marks = ", ".join(["%s"] * len(cols))
                cur.executemany(
                    f"INSERT INTO {table} ({collist}) VALUES ({marks}) {conflict}", [values(r) for r in rows]
                )
        return
    marks = ", ".join(["?"] * len(cols))
    dates = {c.name for c in b.spec.columns if c.type == "date"}
    plain = [c for c in cols if c != "source_id"]
    get = operator.itemgetter(*plain)
    date_at = [i for i, c in enumerate(plain) if c in dates]
    with_source = "source_id" in cols
    out = []
    for r in rows:
        t = get(r) if len(plain) > 1 else (get(r),)
        if date_at:
            t = list(t)
            for i in date_at:
                t[i] = _sqlite(t[i])
            t = tuple(t)
        out.append((*t, sources.get(r["jurisdiction_id"])) if with_source else t)
    conn.exec_driver_sql(f"INSERT INTO {table} ({collist}) VALUES ({marks}) {conflict}", out)


def _sqlite(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    return value
