"""``efs plugins``, ``efs show``, ``efs schema``, ``efs new config``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from efs.cli.options import console, format_option, registry, workspace


@click.command()
@format_option("text", "json")
def plugins(output_format: str) -> int:
    """Показать плагины: имя, дистрибутив, версия, хуки; сломанные — с ошибкой (они пропущены)."""
    from efs.plugins import list_plugins

    reg = registry()
    infos = list_plugins(reg.pm)
    if output_format == "json":
        doc = [
            {"name": p.name, "distribution": p.distribution, "version": p.version, "default": p.default,
             "hooks": list(p.hooks),
             "jurisdictions": sorted(j.id for j in reg.jurisdictions.values()
                                     if j.provenance and j.provenance.plugin == p.name)}
            for p in infos
        ]
        doc += [{"name": b.name, "distribution": b.distribution, "version": b.version, "default": False,
                 "hooks": [], "jurisdictions": [], "broken": True, "error": b.error} for b in reg.broken]
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    table = Table(title="Плагины efs")
    for col in ("плагин", "дистрибутив", "версия", "хуки"):
        table.add_column(col)
    for p in infos:
        name = f"{p.name} (встроенный)" if p.default else p.name
        table.add_row(name, p.distribution, p.version, ", ".join(p.hooks))
    for b in reg.broken:
        table.add_row(f"{b.name} (не работает)", b.distribution, b.version, f"пропущен: {b.error}")
    console().print(table)
    return 0


@click.command()
@click.argument("target", metavar="ПУТЬ|ID")
@format_option("text", "yaml", "json", default="text")
def show(target: str, output_format: str) -> int:
    """Показать конфигурацию после загрузки — в том же формате, что и файлы config/ (text — это YAML)."""
    ws = workspace()
    config = ws.load(ws.paths([target])[0])
    data = config.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["format_version"] = config.format_version
    if output_format == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), nl=False)
    return 0


@click.command()
@click.option("-o", "--output", metavar="ФАЙЛ", default=None,
              help="Куда записать: по умолчанию configuration.schema.json в текущем каталоге "
                   "(для --format markdown — стандартный вывод); «-» — стандартный вывод.")
@format_option("json", "markdown", default="json")
def schema(output: str | None, output_format: str) -> int:
    """JSON Schema конфигурации для редактора; markdown — справочник полей.

    Схема подключается первой строкой файла конфигурации
    «# yaml-language-server: $schema=configuration.schema.json» (так начинается заготовка efs new
    config): редактор с yaml-language-server (VS Code, JetBrains, Neovim) проверяет файл на лету и
    подсказывает ключи, виды субъектов, функции, уровни и формулы установленных плагинов.
    """
    if output_format == "markdown":
        from efs.fieldref import markdown

        text = markdown()
        target = output or "-"
    else:
        from efs.schema import SCHEMA_FILE, json_schema_text

        text = json_schema_text(registry())
        target = output or SCHEMA_FILE
    if target == "-":
        click.echo(text)
    else:
        from efs.safeio import write_text_atomic

        write_text_atomic(target, text + "\n")
        click.echo(f"Записан {target}", err=True)
    return 0


@click.group()
def new() -> None:
    """Создать заготовки."""


@new.command("config")
@click.argument("name")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Файл (по умолчанию NAME.yaml в текущем каталоге).")
@click.option("--level", type=click.Choice(["municipal", "regional"]), default="municipal", show_default=True,
              help="Уровень юрисдикции.")
@click.option("--force", is_flag=True, help="Перезаписать существующий файл.")
def new_config(name: str, output: Path | None, level: str, force: bool) -> int:
    """Записать заготовку конфигурации, которая проходит проверку."""
    from efs.errors import InputError
    from efs.skeleton import skeleton

    path = output or Path(f"{name}.yaml")
    if path.exists() and not force:
        raise InputError(f"файл {path} уже существует (--force, чтобы перезаписать)")
    from efs.safeio import write_text_atomic

    write_text_atomic(path, skeleton(name, level, registry()))
    click.echo(f"Создан {path}. Проверка: efs validate {path}")
    from efs.schema import SCHEMA_FILE, json_schema_text

    schema_path = path.parent / SCHEMA_FILE
    if not schema_path.exists():
        write_text_atomic(schema_path, json_schema_text(registry()) + "\n")
        click.echo(f"Создан {schema_path}: схема для редактора, её подключает первая строка {path.name} "
                   "(обновить после установки плагинов: efs schema)")
    return 0


@click.command()
@click.argument("sections", nargs=-1, metavar="[kinds|functions|formulas|blocks]...")
@format_option("text", "json", "markdown")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Записать в файл (например, docs/catalogue.md).")
def catalogue(sections: tuple[str, ...], output_format: str, output: Path | None) -> int:
    """Каталог: виды субъектов (kinds), функции (functions), формулы (formulas), строительные блоки (blocks).

    Идентификаторы для конфигурации — kind субъекта, function пункта функций, formula показателя — с
    русскими названиями и плагином, который их даёт. Без аргументов — все разделы; markdown — весь каталог,
    как в docs/catalogue.md.
    """
    from efs import catalogue as cat
    from efs.errors import InputError
    from efs.yamlsafe import did_you_mean

    for name in sections:
        if name not in cat.SECTIONS:
            raise InputError(f"нет раздела каталога «{name}»{did_you_mean(name, list(cat.SECTIONS))}; "
                             f"разделы: {', '.join(cat.SECTIONS)}")
    if output_format == "markdown":
        text = cat.markdown(registry())
    else:
        data = cat.listing(registry(), list(dict.fromkeys(sections)) or None)
        text = cat.render_json(data) if output_format == "json" else cat.render_text(data)
    if output is not None:
        from efs.safeio import write_text_atomic

        write_text_atomic(output, text.rstrip("\n") + "\n")
    else:
        click.echo(text)
    return 0
