"""``efs report CONFIG --year Y -o PATH``: the annual аналитическая справка in HTML, XLSX, Markdown or JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from efs.cli.db import db_option
from efs.cli.options import min_denominator_option, warn_synthetic


@click.command()
@click.argument("config", metavar="ПУТЬ|ID")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Год отчёта.")
@db_option
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Дата состояния дорожной карты и проверки сроков (по умолчанию — 31 декабря года отчёта "
    "или сегодня, если год не закончился).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["html", "xlsx", "md", "json"]),
    default=None,
    help="Формат: html, xlsx, md или json. Обычно не нужен: формат задаёт расширение файла; нужен для имени "
    "без расширения. Расширение, которое противоречит формату (например, -o r.pdf), — ошибка.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Файл отчёта: .html, .xlsx, .md или .json (PDF — печать HTML из браузера).",
)
@min_denominator_option
def report(
    config: str,
    year: int,
    db: str | None,
    as_of: dt.datetime | None,
    output_format: str | None,
    output: Path,
    min_denominator: int,
) -> int:
    """Аналитическая справка за год: итоги с главными действиями, затем приложения.

    Итоги (одна-две печатные страницы): вердикты, значение против цели, пять главных действий с адресатом
    из Положения и сроком. Приложения: рекомендации, показатели, замечания проверки, дорожная карта,
    структура системы, функции и субъекты.

    HTML — один самодостаточный файл (печатается в PDF из браузера); XLSX — лист на раздел;
    Markdown — для вики; JSON — для других систем (формат — docs/report.md).
    """
    from efs.data.store import open_store
    from efs.errors import InputError
    from efs.loading import load_one
    from efs.registry import Registry
    from efs.report import build_report, format_for, write_report

    fmt = format_for(output, output_format)  # before any work: a name that contradicts the format is an error
    if not output.parent.exists():
        raise InputError(f"каталог для отчёта не существует: {output.parent}")
    registry = Registry.build()
    cfg = load_one(config, registry)
    with open_store(db, create=False) as store:
        data = build_report(
            cfg,
            store,
            year=year,
            as_of=as_of.date() if as_of else None,
            registry=registry,
            min_denominator=min_denominator,
        )
    path = write_report(data, output, fmt)
    if data["synthetic"]:
        warn_synthetic()
    click.echo(f"Отчёт ({fmt}) «{cfg.jurisdiction.name}» за {year} год: {path} ({path.stat().st_size // 1024} КБ)")
    return 0
