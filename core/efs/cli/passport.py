"""``efs passport ЮРИСДИКЦИЯ --year Y -o PATH``: the паспорт системы (or a municipality's part of it)."""

from __future__ import annotations

from pathlib import Path

import click

from efs.cli.db import db_option
from efs.cli.options import min_denominator_option, registered_format_option, warn_synthetic, workspace


@click.command()
@click.argument("config", metavar="ПУТЬ|ID")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Год паспорта.")
@db_option
@click.option("--municipality", default=None, metavar="КОД",
              help="Сведения одного муниципалитета региона для ЦНППМ (код муниципалитета в хранилище).")
@click.option("--fill", "fill_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Файл со сведениями, которых нет в efs (финансирование, контакты): .yaml, .csv или .xlsx.")
@registered_format_option(
    "passport",
    default=None,
    help_text="Формат: html, xlsx, md, json или формат плагина. Обычно не нужен: формат задаёт расширение файла.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Файл паспорта: .html, .xlsx, .md или .json.")
@min_denominator_option
def passport(
    config: str,
    year: int,
    db: str | None,
    municipality: str | None,
    fill_file: Path | None,
    output_format: str | None,
    output: Path,
    min_denominator: int,
) -> int:
    """Паспорт региональной системы научно-методического сопровождения за год.

    Разделы: структура системы, кадровый состав, программы ДПО, инфраструктура, вовлечение педагогов,
    показатели — из конфигурации и хранилища; финансовое обеспечение и контакты efs не знает — это
    раздел «Заполняется вручную» (или файл --fill). С --municipality — сведения одного муниципалитета
    для ЦНППМ региона. Малые группы скрыты, как в efs report. Какой раздел из каких данных —
    docs/passport.md.
    """
    from efs.errors import InputError
    from efs.passport import build_passport, read_fill, write_passport
    from efs.report import format_for

    ws = workspace(db)
    fmt = format_for(output, output_format, ws.formats("passport"))  # before any work
    if not output.parent.exists():
        raise InputError(f"каталог для паспорта не существует: {output.parent}")
    filled = read_fill(fill_file) if fill_file is not None else None
    cfg = ws.load(config)
    data = build_passport(cfg, ws.store, year=year, municipality=municipality, filled=filled, registry=ws.registry,
                          min_denominator=min_denominator)
    path = write_passport(data, output, fmt, ws.formats("passport"))
    if data["synthetic"]:
        warn_synthetic()
    what = f"муниципалитета «{data['municipality']['name']}»" if data["municipality"] else f"«{cfg.jurisdiction.name}»"
    click.echo(f"Паспорт ({fmt}) {what} за {year} год: {path} ({path.stat().st_size // 1024} КБ)")
    return 0
