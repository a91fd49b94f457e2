"""``efs data export``: tables as CSV that Excel in Russia opens as is, and that import back unchanged.

UTF-8 with BOM, ``;`` between cells, Russian headers from :mod:`efs.data.tables`, dates ``ДД.ММ.ГГГГ``,
decimal comma, ``да``/``нет``. Every text cell a spreadsheet would run as a formula (starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading ``'`` from the one neutralising writer
(:mod:`efs.neutral`), which the importer strips again. Each file is written all or nothing
(:mod:`efs.safeio`), and ``efs-manifest.json`` records every file's rows and checksum, which import
verifies (:mod:`efs.data.manifest`). Tables of person rows are written only with ``include_person_rows=True``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.data.tables import JURISDICTION_HEADER, specs
from efs.errors import InputError
from efs.neutral import Verbatim, csv_writer
from efs.safeio import open_atomic

if TYPE_CHECKING:
    from efs.data.store import Store


def format_cell(value: Any) -> str:
    """One value as Excel in Russia reads it: numbers, dates and booleans as :class:`Verbatim`, text as is.

    Text is neutralised by the writer (:func:`efs.neutral.csv_writer`), numbers never are.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return Verbatim("да" if value else "нет")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Verbatim(value.strftime("%d.%m.%Y"))
    if isinstance(value, int):
        return Verbatim(str(value))
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
        return Verbatim(text.replace(".", ","))
    return str(value)


@dataclass
class Exported:
    """One written file."""

    table: str
    path: Path
    rows: int


def export_tables(
    store: Store,
    out_dir: Path,
    *,
    jurisdiction: str | None = None,
    tables: Iterable[str] = (),
    include_person_rows: bool = False,
    withhold: Callable[[str, str, int, str, str], bool] | None = None,
) -> list[Exported]:
    """Write each table (default: all allowed) to ``out_dir/<table>.csv``.

    ``withhold(jurisdiction, indicator, year, scope, scope_id)`` says which aggregate returns are not
    written. An export for publication goes through :meth:`efs.workspace.Workspace.export`, which passes
    the cells the indicator engine hides, so it publishes no more than ``efs indicators`` does
    (:mod:`efs.indicators.disclosure`); this function alone writes every return it is not told to withhold.

    Raises:
        InputError: A person-level table was asked for without ``include_person_rows``, or an unknown table.
    """
    import sqlalchemy as sa

    from efs.data import schema as S

    store.ensure_current()
    wanted = list(tables) or [n for n, s in specs().items() if include_person_rows or not s.person_rows]
    for name in wanted:
        if name not in specs():
            raise InputError(f"нет такой таблицы: {name}; есть: {', '.join(specs())}")
        if specs()[name].person_rows and not include_person_rows:
            raise InputError(f"таблица {name} содержит строки о людях; выгрузка только с --include-person-rows")
    out_dir.mkdir(parents=True, exist_ok=True)
    done = []
    with store.engine.connect() as conn:
        for name in wanted:
            spec = specs()[name]
            t = S.metadata.tables[name]
            cols = [c.name for c in spec.columns]
            has_jur = name != "jurisdictions"
            q = sa.select(*([t.c.jurisdiction_id] if has_jur else []), *(t.c[c] for c in cols))
            if jurisdiction is not None:
                q = q.where((t.c.jurisdiction_id if has_jur else t.c.id) == jurisdiction)
            keys = [t.c.jurisdiction_id] if has_jur else []
            q = q.order_by(*keys, *(t.c[k] for k in spec.key))
            path = out_dir / f"{name}.csv"
            n = 0
            with open_atomic(path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv_writer(fh, delimiter=";")
                writer.writerow(([JURISDICTION_HEADER] if has_jur else []) + [c.header for c in spec.columns])
                for row in conn.execution_options(stream_results=True).execute(q):
                    if name == "aggregate_returns" and withhold is not None and withhold(
                        row.jurisdiction_id, row.indicator_id, row.year, row.scope, row.scope_id
                    ):
                        continue
                    writer.writerow([format_cell(v) for v in row])
                    n += 1
            done.append(Exported(name, path, n))
    from efs.data.manifest import write_manifest

    with store.engine.connect() as conn:
        ds = S.data_sources
        q = sa.select(ds.c.jurisdiction_id).where(ds.c.kind == "synthesis").distinct()
        if jurisdiction is not None:
            q = q.where(ds.c.jurisdiction_id == jurisdiction)
        synthetic = [str(r[0]) for r in conn.execute(q)]
    write_manifest(out_dir, [(e.table, e.path, e.rows) for e in done], jurisdiction=jurisdiction, synthetic=synthetic)
    return done
