"""``efs diff OLD NEW``: the сравнительная таблица of two versions of a Положение and what the change does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from efs.cli.options import min_denominator_option, registered_format_option, warn_synthetic, workspace


@click.command()
@click.argument("old", metavar="БЫЛО")
@click.argument("new", metavar="СТАЛО")
@registered_format_option(
    "diff",
    default=None,
    help_text="Формат: text (по умолчанию), json, md, html, xlsx или формат плагина. С -o формат задаёт "
    "расширение файла.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Файл: .html, .xlsx (сравнительная таблица), .md или .json; без -o — вывод в терминал.",
)
@click.option(
    "--db",
    default=None,
    metavar="URL|PATH",
    help="Хранилище мониторинга: если указано, значения и вердикты показателей считаются по обеим редакциям.",
)
@click.option("--year", type=click.IntRange(2000, 2100), default=None,
              help="Год значений показателей (по умолчанию — последний год с данными в хранилище).")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Дата, на которую проверяются обе редакции (по умолчанию — сегодня).",
)
@min_denominator_option
def diff(
    old: str,
    new: str,
    output_format: str | None,
    output: Path | None,
    db: str | None,
    year: int | None,
    as_of: dt.datetime | None,
    min_denominator: int,
) -> int:
    """Сравнить две редакции положения: что изменилось и к чему это приведёт.

    БЫЛО и СТАЛО — файлы конфигураций или id юрисдикций (черновики efs draft тоже). Пункты
    сопоставляются по id, а где id разные — по виду и сходству текста (с долей сходства). Изменения
    типизированы (добавлено, исключено, изменена формулировка — по словам, перенесено, изменён номер,
    изменено целевое значение, перенесён срок, изменены ответственные, акт заменён или изменён) и
    сгруппированы по разделам; влияние — находки проверки, показатели (с --db — значения и вердикты по
    обеим редакциям), рекомендации, покрытие функций.

    Код выхода: 0 — изменений нет, 1 — есть изменения, 2 — сравнить не удалось.
    """
    from efs.errors import InputError
    from efs.formats import write
    from efs.report import format_for

    ws = workspace(db)
    formats = ws.formats("diff")
    if output is None:
        fmt = output_format or "text"
        chosen = ws.output_format("diff", fmt)
        if chosen.binary:
            raise InputError(f"{fmt.upper()} пишется только в файл: укажите -o сравнение{chosen.suffix}")
    elif output_format == "text":
        fmt = "text"
    else:
        fmt = format_for(output, output_format, formats)
    if output is not None and not output.parent.exists():
        raise InputError(f"каталог для файла не существует: {output.parent}")
    result = ws.diff(old, new, as_of=as_of.date() if as_of else None, with_store=db is not None, year=year,
                     min_denominator=min_denominator)
    data = result.as_dict()
    if output is None:
        click.echo(ws.render("diff", fmt, data), nl=False)
    else:
        write(ws.output_format("diff", fmt), data, output)
        click.echo(f"Сравнение ({fmt}): {output}", err=True)
    if result.synthetic:
        warn_synthetic()
    return 1 if result.changed else 0
