"""``efs data template|import|export|synth|analytics|pseudonymize``: monitoring data in and out of the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from efs.cli.db import db_option
from efs.cli.progress import progress_bar

if TYPE_CHECKING:
    from efs.model import Configuration
    from efs.workspace import Workspace

#: ``--staff`` at most: about as many as there are teachers in the whole of Russia.
MAX_STAFF = 2_000_000
#: ``--seed`` at most: what every store keeps in an integer column (PostgreSQL ``integer``).
MAX_SEED = 2**31 - 1

#: ``--jurisdiction/-j``: a bundled configuration's id or a YAML path (synth, analytics).
config_option = click.option(
    "--jurisdiction",
    "-j",
    "config_ref",
    required=True,
    help="Юрисдикция: id встроенной конфигурации (amur…) или путь к YAML.",
)


@click.group()
def data() -> None:
    """Данные мониторинга: шаблоны, загрузка, выгрузка, синтетические данные, псевдонимизация."""


@data.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    show_default=True,
    help="XLSX — одна книга с листами; CSV — файл на таблицу.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Каталог, куда записать шаблоны.",
)
def template(fmt: str, out_dir: Path) -> int:
    """Записать шаблоны для загрузки данных (заголовки, типы, пояснения по-русски)."""
    from efs.data.templates import write_templates

    for path in write_templates(out_dir, fmt=fmt):
        click.echo(f"Записан шаблон: {path}")
    return 0


@data.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--dry-run", is_flag=True, help="Только проверить и посчитать, ничего не записывать.")
@click.option("--table", default=None, help="Таблица для всех файлов (если не распознаётся сама).")
@click.option("--jurisdiction", "-j", default=None, help="Юрисдикция строк без столбца «Юрисдикция».")
@click.option("--encoding", default=None, help="Кодировка CSV (по умолчанию UTF-8; например, cp1251).")
@click.option(
    "--ignore-manifest",
    is_flag=True,
    help="Не сверять файлы с манифестом выгрузки efs-manifest.json (для файлов, исправленных намеренно).",
)
def import_(
    paths: tuple[Path, ...],
    db: str | None,
    dry_run: bool,
    table: str | None,
    jurisdiction: str | None,
    encoding: str | None,
    ignore_manifest: bool,
) -> int:
    """Загрузить файлы CSV/XLSX: каждая строка проверяется, вся загрузка — одной транзакцией или ничего.

    Таблица распознаётся по названию листа или заголовку CSV (--table задаёт её явно). Повторная загрузка
    того же файла ничего не меняет. Код выхода 1 — есть отклонённые строки (все перечислены). Сводные
    отчёты, которые расчёт не использует (за ту же организацию или муниципалитет есть персональные данные
    или отчёты организаций), — предупреждение в stderr после записи (при --dry-run — о тех, что не будут
    использованы после записи); код выхода остаётся 0.
    """
    from efs.cli.options import workspace

    ws = workspace(db, writable=True)
    with progress_bar() as progress:
        summary = ws.import_files(
            paths,
            dry_run,
            jurisdiction=jurisdiction,
            table=table,
            encoding=encoding,
            progress=progress,
            announce=lambda s: click.echo(s, err=True),
            verify_manifest=not ignore_manifest,
        )
    if not summary.ok:
        for p in summary.problems:
            click.echo(f"  {p}", err=True)
        click.echo(f"efs: ошибка: {summary.message}", err=True)
        return 1
    result = summary.result
    for note in result.notes:
        click.echo(note, err=True)
    for line in summary.warning_lines():  # returns the computation sets aside: a warning, the exit code stays 0
        click.echo(line, err=True)
    for part in result.parts:
        where = part.file + (f", лист «{part.sheet}»" if part.sheet else "")
        click.echo(
            f"{where} → {part.table}: новых {part.imported}, обновлено {part.updated}, "
            f"без изменений {part.unchanged}, отклонено {part.rejected}"
        )
    verb = "проверено (--dry-run, ничего не записано)" if dry_run else "загружено"
    click.echo(
        f"Итого {verb}: новых {result.total('imported')}, обновлено {result.total('updated')}, "
        f"без изменений {result.total('unchanged')}, отклонено {result.total('rejected')}"
    )
    return 0


@data.command()
@db_option
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Каталог для файлов CSV.",
)
@click.option("--jurisdiction", "-j", default=None, help="Только эта юрисдикция.")
@click.option("--table", "tables", multiple=True, help="Только эти таблицы (можно повторять).")
@click.option("--include-person-rows", is_flag=True, help="Выгрузить и таблицы со строками о людях.")
def export(
    db: str | None,
    out_dir: Path,
    jurisdiction: str | None,
    tables: tuple[str, ...],
    include_person_rows: bool,
) -> int:
    """Выгрузить таблицы в CSV для Excel (UTF-8 с BOM, «;», формулы обезврежены)."""
    from efs.workspace import Workspace

    with Workspace(db) as workspace:
        for item in workspace.export(out_dir, jurisdiction=jurisdiction, tables=tables,
                                     include_person_rows=include_person_rows,
                                     warn=lambda text: click.echo(text, err=True)):
            click.echo(f"{item.path}: строк {item.rows}")
    return 0


@data.command()
@db_option
@config_option
@click.option(
    "--staff",
    type=click.IntRange(10, MAX_STAFF),
    required=True,
    help="Число работников (не больше, чем педагогов во всей России).",
)
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Последний год данных.")
@click.option("--years", type=click.IntRange(1, 20), default=1, show_default=True, help="Сколько лет данных.")
@click.option(
    "--seed",
    type=click.IntRange(0, MAX_SEED),
    default=0,
    show_default=True,
    help="Зерно: то же зерно — те же данные.",
)
@click.option(
    "--analytics/--no-analytics",
    "with_analytics",
    default=True,
    show_default=True,
    help="Сразу построить аналитические таблицы (см. efs data analytics).",
)
def synth(db: str | None, config_ref: str, staff: int, year: int, years: int, seed: int, with_analytics: bool) -> int:
    """Заполнить хранилище правдоподобными синтетическими данными юрисдикции (все таблицы)."""
    from efs.cli.options import workspace

    ws = workspace(db, writable=True)
    config = ws.load(config_ref)
    with ws:
        with progress_bar() as progress:
            summary = ws.synthesize(config, staff=staff, year=year, years=years, seed=seed, progress=progress)
        click.echo(
            f"Синтетические данные «{config.jurisdiction.name}» ({config.jurisdiction.id}), зерно {seed}, "
            f"годы {year - years + 1}–{year}, {summary.seconds:.1f} с:"
        )
        for table, n in summary.rows.items():
            click.echo(f"  {table:28} {n:>10}")
        if with_analytics:
            _build_analytics(ws, config, list(range(year - years + 1, year + 1)))
    return 0


@data.command()
@db_option
@config_option
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Последний год.")
@click.option("--years", type=click.IntRange(1, 20), default=1, show_default=True, help="Сколько лет до него.")
def analytics(db: str | None, config_ref: str, year: int, years: int) -> int:
    """Построить аналитические таблицы: числители и знаменатели всех формул юрисдикции, посчитанные заранее.

    После этого efs indicators и efs report читают несколько сотен готовых строк вместо
    миллионов строк по людям; результаты те же. Загрузка или синтез данных юрисдикции
    удаляет её аналитические таблицы (устаревшие не используются никогда) — постройте их снова.
    """
    from efs.cli.options import workspace

    ws = workspace(db, writable=True, create=False)  # an existing store: analytics never create one
    config = ws.load(config_ref)
    _build_analytics(ws, config, list(range(year - years + 1, year + 1)))
    return 0


def _build_analytics(ws: Workspace, config: Configuration, years: list[int]) -> None:
    with progress_bar() as progress:
        summary = ws.build_analytics(config, years, progress=progress)
    from efs.safeio import note_committed

    note_committed(f"аналитические таблицы «{config.jurisdiction.id}»")
    per_year = ", ".join(f"{y}: {n}" for y, n in summary.queries.items())
    click.echo(
        f"Аналитические таблицы «{config.jurisdiction.id}» построены за {summary.seconds:.1f} с: "
        f"формул по годам {per_year}; строк {summary.rows}."
    )


@data.command()
@click.argument("source", type=click.Path(path_type=Path), required=False)
@click.option(
    "--key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Файл секретного ключа (храните отдельно от данных).",
)
@click.option("--create-key", is_flag=True, help="Создать новый ключ в --key-file и выйти.")
@click.option("--column", "columns", multiple=True, help="Столбец с СНИЛС или табельными номерами (можно повторять).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Куда записать CSV (по умолчанию ИМЯ.pseudo.csv рядом с исходным).",
)
@click.option("--encoding", default=None, help="Кодировка исходного CSV.")
def pseudonymize(
    source: Path | None,
    key_file: Path,
    create_key: bool,
    columns: tuple[str, ...],
    output: Path | None,
    encoding: str | None,
) -> int:
    """Заменить СНИЛС или табельные номера устойчивыми псевдонимами (HMAC-SHA256 с ключом)."""
    from efs.data import pseudonymize as P

    if create_key:
        P.create_key(key_file)
        click.echo(f"Создан ключ: {key_file} (храните его отдельно от данных)")
        return 0
    if source is None:
        raise click.UsageError("укажите исходный файл")
    key = P.load_key(key_file)
    target = output or source.with_name(source.stem + ".pseudo.csv")
    n = P.pseudonymize_file(source, target, key, columns=columns, encoding=encoding)
    click.echo(f"Записано строк: {n} → {target}")
    return 0
