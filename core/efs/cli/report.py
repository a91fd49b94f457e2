"""``efs report CONFIG --year Y -o PATH``: the annual аналитическая справка in HTML, XLSX, Markdown or JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from efs.cli.db import db_option
from efs.cli.options import min_denominator_option, registered_format_option, warn_synthetic, workspace


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
@registered_format_option(
    "report",
    default=None,
    help_text="Формат: html, xlsx, md, json или формат плагина. Обычно не нужен: формат задаёт расширение "
    "файла; нужен для имени без расширения. Расширение, которое противоречит формату (например, -o r.pdf), — "
    "ошибка.",
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
    from efs.errors import InputError
    from efs.report import format_for, write_report

    ws = workspace(db)
    # before any work: a name that contradicts the format is an error
    fmt = format_for(output, output_format, ws.formats("report"))
    if not output.parent.exists():
        raise InputError(f"каталог для отчёта не существует: {output.parent}")
    built = ws.build_report(config, year, as_of=as_of.date() if as_of else None, min_denominator=min_denominator)
    path = write_report(built.data, output, fmt, ws.formats("report"))
    if built.synthetic:
        warn_synthetic()
    click.echo(f"Отчёт ({fmt}) «{built.config.jurisdiction.name}» за {year} год: {path} "
               f"({path.stat().st_size // 1024} КБ)")
    return 0
