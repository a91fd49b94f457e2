"""``efs validate``: load configurations, run every rule, report findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from efs.cli.options import registered_format_option, workspace
from efs.yamlsafe import DEFAULT_MAX_BYTES


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command()
@click.argument("targets", nargs=-1, required=True, metavar="ПУТЬ|ID...")
@registered_format_option("validation")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Дата, на которую проверяются сроки (по умолчанию — сегодня).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="КОДЫ",
    help="Запускать только эти правила: коды, префиксы кодов или имена через запятую.",
)
@click.option(
    "--ignore", multiple=True, metavar="КОДЫ", help="Не запускать эти правила (коды, префиксы, имена)."
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Файл базовой линии: находки из него отмечаются подавленными.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать все текущие находки в файл базовой линии.",
)
@click.option(
    "--only-configurations",
    is_flag=True,
    help="Пропускать файлы YAML, которые не конфигурации efs (нет ключа format_version или jurisdiction "
    "в начале строки): так хук pre-commit не трогает workflow CI и прочий YAML.",
)
@click.option("--strict", is_flag=True, help="Считать предупреждения ошибками для кода выхода.")
@click.option("--exit-zero", is_flag=True, help="Всегда завершаться с кодом 0 (только отчёт).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать отчёт в файл, а не на экран.",
)
@click.option(
    "--max-size",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES // 1048576,
    show_default=True,
    help="Наибольший размер файла конфигурации, МБ.",
)
def validate(
    targets: tuple[str, ...],
    output_format: str,
    as_of: dt.datetime | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: Path | None,
    write_baseline: Path | None,
    only_configurations: bool,
    strict: bool,
    exit_zero: bool,
    output: Path | None,
    max_size: int,
) -> int:
    """Проверить конфигурации (файлы, каталоги или id юрисдикций).

    Код выхода: 0 — ошибок нет, 1 — в конфигурации есть ошибки (с --strict — и предупреждения),
    2 — команду не удалось выполнить.
    """
    from efs.conformance.suppression import Baseline

    ws = workspace()
    only = None
    if only_configurations:
        from efs.loading import looks_like_configuration

        skipped = [p for p in ws.paths(targets) if not looks_like_configuration(p)]
        if skipped:
            click.echo(f"Пропущено файлов YAML, которые не конфигурации efs: {len(skipped)}", err=True)
        only = looks_like_configuration
    accepted = Baseline.read(baseline) if baseline is not None else None
    result = ws.validate(
        targets,
        as_of=as_of.date() if as_of else None,
        max_bytes=max_size * 1048576,
        select=_split(select),
        ignore=_split(ignore),
        baseline=accepted,
        only=only,
    )
    if write_baseline is not None:
        count = Baseline.write(write_baseline, result.results)
        click.echo(f"Базовая линия: {count} находок записано в {write_baseline}", err=True)
    report = ws.render("validation", output_format, result)
    assert isinstance(report, str), "формат находок пишет текст"
    if output is not None:
        from efs.safeio import write_text_atomic

        write_text_atomic(output, report + "\n")
    else:
        click.echo(report)
    return 0 if exit_zero or write_baseline is not None else result.exit_code(strict=strict)
