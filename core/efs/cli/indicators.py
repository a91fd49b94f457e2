"""``efs indicators CONFIG --year Y``: compute every indicator from the monitoring store."""

from __future__ import annotations

import click

from efs.cli.db import db_option
from efs.cli.options import min_denominator_option, registered_format_option, warn_synthetic, workspace


@click.command()
@click.argument("config", metavar="ПУТЬ|ID")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Год отчёта.")
@db_option
@click.option(
    "--by",
    type=click.Choice(["jurisdiction", "municipality", "organization"]),
    default="jurisdiction",
    show_default=True,
    help="Территория результатов: юрисдикция, муниципалитеты или организации.",
)
@registered_format_option("indicators", default="table")
@click.option(
    "--explain",
    "explain_id",
    metavar="ID",
    default=None,
    help="Показать определение, формулу, SQL и данные одного показателя.",
)
@click.option(
    "--show-small",
    is_flag=True,
    help="Показывать и скрытые защитой малых групп результаты (не для публикации).",
)
@min_denominator_option
def indicators(
    config: str,
    year: int,
    db: str | None,
    by: str,
    output_format: str,
    explain_id: str | None,
    show_small: bool,
    min_denominator: int,
) -> int:
    """Рассчитать показатели эффективности конфигурации (и федеральные) по данным хранилища.

    Доли считаются как сумма числителей на сумму знаменателей по территории; знаменатель 0 —
    «нет данных», и за год, по которому в хранилище нет ни одной записи мониторинга юрисдикции, все
    показатели — «нет данных», а не 0. Знаменатель меньше порога скрывается, а вместе с ним и ячейки,
    по которым его можно было бы вычислить вычитанием (защита малых групп, docs/disclosure.md);
    --show-small показывает всё — для внутренней работы, не для публикации. Если при расчёте не
    использованы сводные отчёты (за ту же территорию есть персональные данные или отчёты организаций),
    об этом строка в stderr: сколько и по каким причинам; какие — в справке и в --format json (set_aside).
    """
    ws = workspace(db)
    run = ws.indicators(config, year, by, show_small=show_small, min_denominator=min_denominator)
    if run.synthetic:
        warn_synthetic()
    note = run.set_aside_note()
    if note:  # returns not used: said on stderr, stdout stays what tools parse
        click.echo(note, err=True)
    if explain_id is not None:
        explained = ws.explain(config, explain_id, year, by, show_small=show_small, min_denominator=min_denominator)
        click.echo(explained.text)
        return 0
    click.echo(ws.render("indicators", output_format, run), nl=False)
    return 0
