"""``efs data import``: validate every row of CSV/XLSX files, then upsert them in one transaction.

::

    from efs.data.importing import import_files
    result = import_files(store, ["staff.xlsx"], jurisdiction="amur")

Steps: each file (or XLSX sheet) is matched to a table by its sheet name or its header; every row is
converted and checked (types, required values, allowed values, duplicates inside the batch, references
to organizations, staff… in the batch or the store). Any rejected row rejects the whole batch and every
problem is reported with file, sheet, row and column. A clean batch is written in one transaction with
an upsert on the natural keys, so re-importing a file changes nothing; PostgreSQL gets large tables
through ``COPY``. Each written file is recorded in ``data_sources`` with its hash and date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.data import readers
from efs.data.tables import ALIASES, JURISDICTION_HEADER, ColumnSpec, TableSpec, spec_for, specs
from efs.errors import DataError, Location, Problem
from efs.progress import Progress

if TYPE_CHECKING:
    import sqlalchemy as sa

    from efs.data.store import Store

CHUNK = 5000
FAST_CHUNK = 20000  # rows converted column by column at a time
COPY_THRESHOLD = 20000
_YEAR_COLUMNS = {
    "birth_year",
    "pedagogical_start_year",
    "left_year",
    "since_year",
    "until_year",
    "graduation_year",
    "year",
}
#: The largest integer every store keeps in an integer column (PostgreSQL ``integer``: 32 bits).
MAX_INT = 2**31 - 1
#: ``jurisdictions → {(jurisdiction, indicator): kind}`` (see :func:`import_files`).
IndicatorKinds = Callable[[set[str]], dict[tuple[str, str], str]]
#: The step reported while the validated rows are written (``progress(STEP_WRITE, written, total)``).
STEP_WRITE = "Запись в хранилище"


def reading(file: str) -> str:
    """The step reported while ``file`` is read and checked."""
    return f"Чтение {Path(file).name}"


@dataclass
class TableCounts:
    """What one file (or sheet) did to one table."""

    file: str
    sheet: str | None
    table: str
    chosen_by: str
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportResult:
    """Outcome of :func:`import_files`.

    Attributes:
        parts: One entry per imported file or sheet.
        committed: The rows were written (``False`` for ``--dry-run``).
        notes: Remarks for the user (skipped sheets).
        jurisdictions: The jurisdictions whose rows the files hold.
        returns_at: Where each aggregate return of the files is: its key (jurisdiction, indicator, year, scope,
            scope id, sub-measure or ``""``) → file, sheet and row; the import warns about the returns the
            computation sets aside (:mod:`efs.indicators.overlap`) with these places.
        returns: The aggregate returns of the files, as validated (a dry run checks them without writing).
    """

    parts: list[TableCounts] = field(default_factory=list)
    committed: bool = False
    notes: list[str] = field(default_factory=list)
    jurisdictions: set[str] = field(default_factory=set)
    returns_at: dict[tuple[Any, ...], Location] = field(default_factory=dict)
    returns: list[dict[str, Any]] = field(default_factory=list)

    def total(self, what: str) -> int:
        """Sum of one counter (``imported``, ``updated``, ``unchanged``, ``rejected``) over the parts."""
        return sum(int(getattr(p, what)) for p in self.parts)


@dataclass
class _Batch:
    spec: TableSpec
    part: TableCounts
    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line of each row (its Location is made only when needed)
    sheet: readers.Sheet | None = None
    synthetic: frozenset[str] = frozenset()  # jurisdictions an export manifest marks synthetic

    def location(self, k: int) -> Location:
        """Where row ``k`` of the batch is."""
        assert self.sheet is not None
        return self.sheet.location(self.lines[k])


def choose_table(sheet: readers.Sheet, override: str | None) -> tuple[TableSpec | None, str]:
    """The table a sheet holds and how it was recognised (``--table``, sheet name, header or file name)."""
    if override:
        return spec_for(override), "--table"
    if sheet.name:
        for spec in specs().values():
            if sheet.name.strip().lower() in (spec.name, spec.sheet.lower()):
                return spec, f"по названию листа «{sheet.name}»"
    header = {h.lower() for h in sheet.header if h}
    best: tuple[float, TableSpec | None] = (0.0, None)
    for spec in specs().values():
        known = spec.headers
        matched = {known[h] for h in header if h in known} - {"jurisdiction_id"}
        required = {c.name for c in spec.columns if c.required}
        if not required <= matched or not matched:
            continue
        score = len(matched) / len(header) + len(matched) / len(spec.columns)
        if score > best[0]:
            best = (score, spec)
    if best[1] is not None:
        return best[1], "по заголовку"
    stem = Path(sheet.file).stem.lower()
    for spec in specs().values():
        if stem in (spec.name, spec.sheet.lower()):
            return spec, f"по имени файла «{Path(sheet.file).name}»"
    return None, ""


def _converter(col: ColumnSpec, table: str) -> Callable[[Any], Any]:
    aliases = ALIASES.get(f"{table}.{col.name}", {})
    choices = {c.lower(): c for c in col.choices}

    def text(v: Any) -> Any:
        s = readers.checked_text(v)
        if s is None:
            return None
        if choices or aliases:
            low = s.lower()
            if low in choices:
                return choices[low]
            if low in aliases:
                return aliases[low]
            if choices:
                raise ValueError(f"недопустимое значение «{s}»; допустимо: {', '.join(col.choices)}")
        if col.max_length and len(s) > col.max_length:
            raise ValueError(f"длиннее {col.max_length} символов")
        return s

    def year(v: Any) -> int:
        y = readers.parse_int(v)
        if not 1900 <= y <= 2100:
            raise ValueError(f"год {y} вне 1900–2100")
        return y

    def count(v: Any) -> int:
        n = readers.parse_int(v)
        if n < 0:
            raise ValueError("число не может быть отрицательным")
        if n > MAX_INT:  # PostgreSQL refuses it, SQLite would keep it: the same verdict on both stores
            limit = f"{MAX_INT:,}".replace(",", " ")
            raise ValueError(f"число {n} больше {limit} — столько не хранит ни одно хранилище efs")
        return n

    def percent(v: Any) -> float:
        x = readers.parse_float(v)
        if not 0 <= x <= 100:
            raise ValueError(f"процент {x} вне 0–100")
        return x

    def nonneg(v: Any) -> float:
        x = readers.parse_float(v)
        if x < 0:
            raise ValueError("число не может быть отрицательным")
        return x

    if col.type == "str":
        return text
    if col.type == "int":
        return year if col.name in _YEAR_COLUMNS else count
    if col.type == "float":
        return percent if col.name == "result_percent" else nonneg
    if col.type == "bool":
        return readers.parse_bool
    return readers.parse_date


def _read_sheet(
    sheet: readers.Sheet,
    spec: TableSpec,
    default_jur: str | None,
    batch: _Batch,
    problems: list[Problem],
    progress: Progress | None,
) -> None:
    known = spec.headers
    index: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(sheet.header):
        if not h:
            continue
        name = known.get(h.lower())
        if name is None:
            problems.append(
                Problem(
                    f"неизвестный столбец «{h}» для таблицы «{spec.sheet}» ({spec.name}); "
                    "сверьтесь с шаблоном (efs data template)",
                    sheet.location(sheet.header_row, i + 1),
                )
            )
            continue
        if name in seen:
            problems.append(
                Problem(
                    f"столбец «{h}» повторяется (уже в столбце {seen[name] + 1})",
                    sheet.location(sheet.header_row, i + 1),
                )
            )
            continue
        seen[name] = i
        index.append((i, name))
    missing = [c.header for c in spec.columns if c.required and c.name not in seen]
    if missing:
        problems.append(
            Problem(
                "нет обязательных столбцов: " + ", ".join(f"«{m}»" for m in missing),
                sheet.location(sheet.header_row),
            )
        )
        return
    columns = {c.name: c for c in spec.columns}
    convs = [
        (
            i,
            name,
            columns[name] if name != "jurisdiction_id" else None,
            _converter(columns[name], spec.name) if name != "jurisdiction_id" else readers.checked_text,
        )
        for i, name in index
    ]
    absent = [(c.name, c.default) for c in spec.columns if c.name not in seen]
    with_jur = spec.name != "jurisdictions"
    n = 0
    while True:
        chunk = list(itertools.islice(sheet.rows, FAST_CHUNK))
        if not chunk:
            return
        fast = _convert_columns(chunk, len(sheet.header), convs, absent, spec.name, with_jur, default_jur)
        if fast is not None:
            batch.part.read += len(chunk)
            batch.rows += fast
            batch.lines += [line for line, _ in chunk]
            batch.sheet = sheet
            if progress is not None:
                for k in range(n + 1, n + len(chunk) + 1):
                    if k % 10000 == 0:
                        progress(reading(sheet.file), k, sheet.size_hint)
            n += len(chunk)
            continue
        for line, cells in chunk:  # something is wrong in this chunk: row by row, every problem located
            n += 1
            _read_row(sheet, spec, default_jur, batch, problems, convs, absent, with_jur, line, cells)
            if progress is not None and n % 10000 == 0:
                progress(reading(sheet.file), n, sheet.size_hint)


Conv = tuple[int, str, ColumnSpec | None, Callable[[Any], Any]]


def _convert_columns(
    chunk: list[tuple[int, list[Any]]],
    width: int,
    convs: list[Conv],
    absent: list[tuple[str, Any]],
    table: str,
    with_jur: bool,
    default_jur: str | None,
) -> list[dict[str, Any]] | None:
    """The rows of ``chunk`` converted column by column, or ``None`` when any cell or row is not clean.

    Each converter is a pure function of the cell, so a column is converted once per distinct value.
    Anything the row-by-row path would reject or treat specially (an error, an empty required cell, a
    row of another width, a cross-column rule) makes this return ``None``; the caller then runs the
    row-by-row path on the chunk, which reports every problem. Clean rows come out identical.
    """
    table_cells = []
    for _, cells in chunk:
        if len(cells) != width:  # shorter, or longer with values past the header: row by row
            extra = cells[width:]
            if len(cells) < width or any(c is not None and not (type(c) is str and not c.strip()) for c in extra):
                return None
            cells = cells[:width]
        table_cells.append(cells)
    columns = list(zip(*table_cells, strict=True))
    names: list[str] = []
    values: list[list[Any]] = []
    for i, name, col, conv in convs:
        raw = columns[i]
        types = set(map(type, raw))
        if bool in types and len(types & {bool, int, float}) > 1:  # True == 1: one value, two conversions
            return None
        mapping: dict[Any, Any] = {}
        try:
            for v in set(raw):
                value = conv(v) if v is not None and (not isinstance(v, str) or v.strip()) else None
                if value is None and col is not None:
                    if col.required:
                        return None
                    value = col.default
                mapping[v] = value
        except (ValueError, TypeError):
            return None
        names.append(name)
        values.append([mapping[v] for v in raw] if len(mapping) > 1 else [mapping[raw[0]]] * len(raw))
    for name, default in absent:
        names.append(name)
        values.append([default] * len(chunk))
    rows = [dict(zip(names, vals, strict=True)) for vals in zip(*values, strict=True)]
    if with_jur:
        if "jurisdiction_id" in names:
            if default_jur is None and any(r["jurisdiction_id"] is None for r in rows):
                return None
            for r in rows:
                r["jurisdiction_id"] = r["jurisdiction_id"] or default_jur
        elif default_jur is None:
            return None
        else:
            for r in rows:
                r["jurisdiction_id"] = default_jur
    if _RULE_COLUMNS.get(table, _ANY_RULE) & set(names) and any(_violates(table, r) for r in rows):
        return None
    return rows


_ANY_RULE = {"started_on", "ended_on", "since_year", "until_year"}
_RULE_COLUMNS = {
    "staff": {"birth_year", "pedagogical_start_year", *_ANY_RULE},
}


def _violates(table: str, row: dict[str, Any]) -> bool:
    return _row_rules(table, row, None, 0, None)


def _read_row(
    sheet: readers.Sheet,
    spec: TableSpec,
    default_jur: str | None,
    batch: _Batch,
    problems: list[Problem],
    convs: list[Conv],
    absent: list[tuple[str, Any]],
    with_jur: bool,
    line: int,
    cells: list[Any],
) -> None:
    """Convert and check one row (every problem reported); keep it in the batch when clean."""
    batch.part.read += 1
    row: dict[str, Any] = {}
    bad = False
    for i, name, col, conv in convs:
        raw = cells[i] if i < len(cells) else None
        try:
            value = conv(raw) if raw is not None and (not isinstance(raw, str) or raw.strip()) else None
        except ValueError as exc:
            problems.append(Problem(f"«{sheet.header[i]}»: {exc}", sheet.location(line, i + 1)))
            bad = True
            continue
        if value is None and col is not None:
            if col.required:
                problems.append(
                    Problem(
                        f"«{sheet.header[i]}»: пустое значение в обязательном столбце",
                        sheet.location(line, i + 1),
                    )
                )
                bad = True
                continue
            value = col.default
        row[name] = value
    if len(cells) > len(sheet.header) and any(readers.clean_text(c) for c in cells[len(sheet.header) :]):
        problems.append(
            Problem(
                f"в строке {len(cells)} значений, а в заголовке {len(sheet.header)} столбцов",
                sheet.location(line),
            )
        )
        bad = True
    for name, default in absent:
        row[name] = default
    if with_jur:
        row["jurisdiction_id"] = row.get("jurisdiction_id") or default_jur
        if row["jurisdiction_id"] is None:
            problems.append(
                Problem(
                    "не указана юрисдикция: добавьте столбец «Юрисдикция» или параметр --jurisdiction",
                    sheet.location(line),
                )
            )
            bad = True
    bad = _row_rules(spec.name, row, sheet, line, problems) or bad
    if bad:
        batch.part.rejected += 1
        return
    batch.rows.append(row)
    batch.lines.append(line)
    batch.sheet = sheet


def _row_rules(
    table: str, row: dict[str, Any], sheet: readers.Sheet | None, line: int, problems: list[Problem] | None
) -> bool:
    """Checks across columns of one row; return whether the row is rejected (reported when ``problems``)."""
    why = None
    if (
        table == "staff"
        and row.get("birth_year")
        and row.get("pedagogical_start_year")
        and row["pedagogical_start_year"] < row["birth_year"] + 14
    ):
        why = "год начала педагогической работы раньше, чем работнику исполнилось 14 лет"
    for a, b in (("started_on", "ended_on"), ("since_year", "until_year")):
        if row.get(a) is not None and row.get(b) is not None and row[b] < row[a]:
            why = "дата (год) окончания раньше начала"
    if why:
        if problems is not None and sheet is not None:
            problems.append(Problem(why, sheet.location(line)))
        return True
    return False


def _key(spec: TableSpec, row: dict[str, Any]) -> tuple[Any, ...]:
    head = () if spec.name == "jurisdictions" else (row["jurisdiction_id"],)
    return head + tuple(row[k] for k in spec.key)


def _check_batches(
    conn: sa.Connection, batches: list[_Batch], problems: list[Problem], kinds_of: IndicatorKinds | None = None
) -> None:
    """Duplicates inside the batch and references to rows neither in the batch nor in the store."""
    import sqlalchemy as sa

    from efs.data import schema as S

    keys: dict[str, set[tuple[Any, ...]]] = {}
    for b in batches:
        seen = keys.setdefault(b.spec.name, set())
        first: dict[tuple[Any, ...], int] = {}
        names = ("id",) if b.spec.name == "jurisdictions" else ("jurisdiction_id", *b.spec.key)
        get = operator.itemgetter(*names)
        keys_of = [get(r) if len(names) > 1 else (get(r),) for r in b.rows]
        if len(set(keys_of)) == len(keys_of) and seen.isdisjoint(keys_of):  # the common case: no duplicates
            seen.update(keys_of)
            continue
        keep_rows, keep_lines = [], []
        for k_row, (row, k) in enumerate(zip(b.rows, keys_of, strict=True)):
            if k in first or k in seen:
                where = f" (строка {b.lines[first[k]]})" if k in first else " (в другом файле этой загрузки)"
                problems.append(
                    Problem(f"повторная строка: ключ {', '.join(map(str, k))} уже встречался{where}", b.location(k_row))
                )
                b.part.rejected += 1
                continue
            first[k] = k_row
            keep_rows.append(row)
            keep_lines.append(b.lines[k_row])
        seen.update(first)
        b.rows, b.lines = keep_rows, keep_lines
    _check_shares(batches, problems, kinds_of)
    jurs = {r["jurisdiction_id"] for b in batches if b.spec.name != "jurisdictions" for r in b.rows}
    cache: dict[str, set[tuple[Any, ...]]] = {}

    def known(table: str) -> set[tuple[Any, ...]]:
        if table not in cache:
            t = S.metadata.tables[table]
            if table == "jurisdictions":
                q = sa.select(t.c.id)
            else:
                q = sa.select(t.c.jurisdiction_id, t.c.id).where(t.c.jurisdiction_id.in_(sorted(jurs)))
            cache[table] = {tuple(r) for r in conn.execute(q)} | keys.get(table, set())
        return cache[table]

    for b in batches:
        refs = dict(b.spec.references)
        if b.spec.name != "jurisdictions":
            refs["jurisdiction_id"] = "jurisdictions"
        if b.spec.name != "aggregate_returns" and all(_all_known(b.rows, c, t, known(t)) for c, t in refs.items()):
            continue  # the common case, checked a column at a time
        for k_row, row in enumerate(b.rows):
            bad = False
            targets = list(refs.items())
            if b.spec.name == "aggregate_returns":
                targets.append(("scope_id", "organizations" if row["scope"] == "organization" else "municipalities"))
            for column, table in targets:
                value = row.get(column)
                if value is None:
                    continue
                probe = (value,) if table == "jurisdictions" else (row["jurisdiction_id"], value)
                if probe not in known(table):
                    what = specs()[table].sheet
                    problems.append(
                        Problem(
                            f"«{_header(b.spec, column)}»: "
                            f"«{value}» нет ни в таблице «{what}» этой загрузки, ни в хранилище",
                            b.location(k_row),
                        )
                    )
                    bad = True
            if bad:
                b.part.rejected += 1


def _check_shares(batches: list[_Batch], problems: list[Problem], kinds_of: IndicatorKinds | None) -> None:
    """A share's aggregate return cannot count more in its numerator than in its denominator.

    Only shares: a ratio (``teachers_per_rma_member`` — teachers per member of the methodical active)
    has a numerator larger than its denominator by nature. ``kinds_of`` tells the kind of each indicator
    (:func:`efs.indicators.kinds.indicator_kinds`: from the jurisdiction's configuration as installed);
    without it, or for an indicator it does not know, nothing is assumed.
    """
    suspects = [
        (b, k, row)
        for b in batches
        if b.spec.name == "aggregate_returns"
        for k, row in enumerate(b.rows)
        if row.get("denominator") is not None and row["numerator"] > row["denominator"]
    ]
    if not suspects or kinds_of is None:
        return
    kinds = kinds_of({row["jurisdiction_id"] for _, _, row in suspects})
    for b, k, row in suspects:
        if kinds.get((row["jurisdiction_id"], row["indicator_id"])) == "share":
            problems.append(Problem(
                f"числитель {row['numerator']:g} больше знаменателя {row['denominator']:g}, а показатель "
                f"{row['indicator_id']} — доля: в ней числитель — часть знаменателя",
                b.location(k),
            ))
            b.part.rejected += 1


def _all_known(rows: list[dict[str, Any]], column: str, table: str, known: set[tuple[Any, ...]]) -> bool:
    """Every non-empty value of ``column`` is in ``known`` (keys of ``table``)."""
    probes: set[tuple[Any, ...]]
    if table == "jurisdictions":
        probes = {(r.get(column),) for r in rows}
    else:
        probes = {(r["jurisdiction_id"], r.get(column)) for r in rows}
    return all(p[-1] is None or p in known for p in probes)


def _header(spec: TableSpec, column: str) -> str:
    return JURISDICTION_HEADER if column == "jurisdiction_id" else spec.column(column).header


def import_files(
    store: Store,
    paths: Iterable[str | Path],
    *,
    jurisdiction: str | None = None,
    table: str | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    announce: Callable[[str], None] | None = None,
    verify_manifest: bool = True,
    indicator_kinds: IndicatorKinds | None = None,
) -> ImportResult:
    """Import data files into the store: every row validated, the whole batch in one transaction.

    Args:
        store: An open, initialised store.
        paths: CSV or XLSX files.
        jurisdiction: Jurisdiction of rows whose file has no «Юрисдикция» column (default: the only one in the
            store or in the batch).
        table: Table for every file (overrides recognition).
        encoding: Text encoding of CSV files (default: UTF-8, with Windows-1251 detected and refused).
        dry_run: Validate and count, write nothing.
        progress: Called as work goes on (:mod:`efs.progress`): ``reading(file)`` with the rows read of a
            large file, then :data:`STEP_WRITE` with the rows written inside the open transaction.
        announce: Called with a Russian line per file saying which table it was recognised as.
        verify_manifest: Refuse a file that an export manifest beside it lists with another size or
            checksum (:mod:`efs.data.manifest`).
        indicator_kinds: ``jurisdictions → {(jurisdiction, indicator): share | count | ratio}``
            (:func:`efs.indicators.kinds.indicator_kinds`, which ``efs data import`` passes): aggregate
            returns of a share whose numerator exceeds its denominator are refused. Without it they are not
            checked (the store layer does not know the indicators' formulas).

    Raises:
        DataError: A file cannot be read, a table cannot be recognised, or rows were rejected (all of them
            are in ``problems``); nothing is written then.
    """
    from efs.data.upsert import write_batches

    store.ensure_current()
    files = [Path(p) for p in paths]
    if verify_manifest:
        from efs.data.manifest import verify

        damaged = verify(p for p in files if p.is_file())
        if damaged:
            raise DataError(f"файлов, не совпадающих с манифестом выгрузки: {len(damaged)} — ничего не загружено",
                            damaged)
    result = ImportResult()
    problems: list[Problem] = []
    batches: list[_Batch] = []
    sheets: list[tuple[Path, readers.Sheet, TableSpec, str]] = []
    hidden: list[Problem] = []
    for p in files:
        for sheet in readers.open_sheets(p, encoding=encoding):
            spec, how = choose_table(sheet, table)
            if sheet.hidden:
                if spec is None:
                    result.notes.append(f"{p}: скрытый лист «{sheet.name}» пропущен — это не таблица данных")
                else:
                    hidden.append(Problem(
                        f"лист «{sheet.name}» скрыт в книге, а в нём таблица «{spec.sheet}» ({how}): efs не загружает "
                        "данные, которых не видно при просмотре книги. Покажите лист (щелчок правой кнопкой по "
                        "ярлыку листа → «Показать») и проверьте его — или удалите, если данные не нужны",
                        sheet.location(sheet.header_row),
                    ))
                continue
            if spec is None:
                if sheet.name is not None:
                    result.notes.append(f"{p}: лист «{sheet.name}» пропущен — это не таблица данных")
                    continue
                raise DataError(
                    "не удалось понять, какая это таблица: заголовок не совпадает ни с одним шаблоном; укажите --table",
                    location=sheet.location(sheet.header_row),
                )
            sheets.append((p, sheet, spec, how))
    if hidden:
        raise DataError(f"скрытых листов с данными: {len(hidden)} — ничего не загружено", hidden)
    if not sheets:
        raise DataError("в файлах нет ни одной таблицы данных")
    order = list(specs())
    sheets.sort(key=lambda s: order.index(s[2].name))
    default_jur = jurisdiction or _default_jurisdiction(store)
    for p, sheet, spec, how in sheets:
        part = TableCounts(file=str(p), sheet=sheet.name, table=spec.name, chosen_by=how)
        if announce:
            where = f"{p}" + (f", лист «{sheet.name}»" if sheet.name else "")
            announce(f"{where}: таблица «{spec.sheet}» ({spec.name}) — {how}")
        from efs.data.manifest import synthetic_jurisdictions

        batch = _Batch(spec, part, p, synthetic=synthetic_jurisdictions(p))
        _read_sheet(sheet, spec, default_jur, batch, problems, progress)
        batches.append(batch)
        result.parts.append(part)
        if spec.name == "jurisdictions" and default_jur is None and len(batch.rows) == 1:
            default_jur = batch.rows[0]["id"]
    with store.engine.connect() as conn:
        _check_batches(conn, batches, problems, indicator_kinds)
    if problems:
        raise DataError(
            f"отклонено строк: {result.total('rejected')} — ничего не загружено; исправьте строки и повторите",
            problems,
        )
    for b in batches:
        if b.spec.name == "jurisdictions":
            continue
        result.jurisdictions |= {r["jurisdiction_id"] for r in b.rows}
        if b.spec.name == "aggregate_returns":
            for k, r in enumerate(b.rows):
                key = (r["jurisdiction_id"], r["indicator_id"], r["year"], r["scope"], r["scope_id"],
                       r.get("sub_measure") or "")
                result.returns_at[key] = b.location(k)
            result.returns += b.rows
    write_batches(store, batches, dry_run=dry_run, progress=progress)
    result.committed = not dry_run
    if result.committed:
        from efs.safeio import note_committed

        note_committed(f"загруженные строки (файлов и листов: {len(result.parts)}; одна транзакция)")
    written = sorted({p.table for p in result.parts if p.imported or p.updated})
    if result.committed and written:
        from efs.data.synth import analyze

        analyze(store, written)
    return result


def _default_jurisdiction(store: Store) -> str | None:
    import sqlalchemy as sa

    from efs.data import schema as S

    with store.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(sa.select(S.jurisdictions.c.id).limit(2))]
    return str(ids[0]) if len(ids) == 1 else None


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's content (recorded in ``data_sources``)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def now() -> dt.datetime:
    """The current time (UTC) for ``data_sources.loaded_at``."""
    return dt.datetime.now(dt.UTC)
