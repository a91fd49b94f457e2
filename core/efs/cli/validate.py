"""``efs validate``: load configurations, run every rule, report findings."""

from __future__ import annotations

import datetime as dt

import click

from efs.cli.options import format_option
from efs.yamlsafe import DEFAULT_MAX_BYTES


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="ПУТЬ|ID...")
@format_option("text", "json")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Дата, на которую проверяются сроки (по умолчанию — сегодня).")
@click.option("--strict", is_flag=True, help="Считать предупреждения ошибками для кода выхода.")
@click.option("--exit-zero", is_flag=True, help="Всегда завершаться с кодом 0 (только отчёт).")
@click.option("--max-size", type=click.IntRange(1), default=DEFAULT_MAX_BYTES // 1048576, show_default=True,
              help="Наибольший размер файла конфигурации, МБ.")
def validate(targets: tuple[str, ...], output_format: str, as_of: dt.datetime | None, strict: bool,
             exit_zero: bool, max_size: int) -> int:
    """Проверить конфигурации (файлы, каталоги или id юрисдикций).

    Код выхода: 0 — ошибок нет, 1 — в конфигурации есть ошибки, 2 — команду не удалось выполнить.
    """
    from efs.conformance import validate_paths
    from efs.conformance.formats import FORMATS, exit_code
    from efs.loading import collect_paths
    from efs.registry import Registry

    registry = Registry.build()
    paths = collect_paths(list(targets), registry)
    day = as_of.date() if as_of else dt.date.today()
    results = validate_paths(paths, registry=registry, as_of=day, max_bytes=max_size * 1048576)
    click.echo(FORMATS[output_format](results, day))
    return 0 if exit_zero else exit_code(results, strict=strict)
