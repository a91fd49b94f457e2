"""``efs rules``, ``efs rule CODE`` and ``efs coverage PATH``: what the rules are and what a system covers."""

from __future__ import annotations

import json
from pathlib import Path

import click

from efs.cli.options import format_option, registry
from efs.errors import InputError


@click.command()
@format_option("text", "json", "markdown")
@click.option("--json", "as_json", is_flag=True, help="То же, что --format json.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Записать в файл (например, docs/rules.md).",
)
@click.option("--core", is_flag=True, help="Только правила ядра (так строится docs/rules.md).")
def rules(output_format: str, as_json: bool, output: Path | None, core: bool) -> int:
    """Перечислить правила проверки: код, имя, уровень, плагин, название."""
    from efs.conformance.docs import core_rules, markdown, rule_to_dict

    items = core_rules() if core else sorted(registry().rules.values(), key=lambda r: r.code)
    fmt = "json" if as_json else output_format
    if fmt == "json":
        text = json.dumps([rule_to_dict(r) for r in items], ensure_ascii=False, indent=2)
    elif fmt == "markdown":
        text = markdown(items)
    else:
        text = "\n".join(
            f"{r.code}  {r.slug:<32} {r.severity.label:<15} {r.plugin:<10} {r.title}" for r in items
        )
    if output is not None:
        from efs.safeio import write_text_atomic

        write_text_atomic(output, text.rstrip("\n") + "\n")
    else:
        click.echo(text)
    return 0


@click.command()
@click.argument("code", metavar="КОД|ИМЯ")
@format_option("text", "markdown", "json")
def rule(code: str, output_format: str) -> int:
    """Объяснить одно правило: обоснование, рекомендация, пример.

    text — для чтения: в терминале с оформлением, в файле или конвейере — обычный текст без разметки;
    markdown — исходная разметка (как в docs/rules.md); json — для программ.
    """
    from efs.cli.options import print_markdown
    from efs.conformance.docs import rule_markdown, rule_to_dict
    from efs.yamlsafe import did_you_mean

    every = registry().rules.values()
    found = [r for r in every if code in (r.code, r.slug) or r.code == code.upper()]
    if not found:
        names = [r.code for r in every] + [r.slug for r in every]
        raise InputError(f"нет правила «{code}»{did_you_mean(code, names)}; список: efs rules")
    item = found[0]
    if output_format == "json":
        click.echo(json.dumps(rule_to_dict(item), ensure_ascii=False, indent=2))
    elif output_format == "markdown":
        click.echo(rule_markdown(item))
    else:
        print_markdown(rule_markdown(item))
    return 0


@click.command()
@click.argument("target", metavar="ПУТЬ|ID")
@format_option("text", "json")
def coverage(target: str, output_format: str) -> int:
    """Матрица «функция × субъект» конфигурации; непокрытые обязательные функции отмечены «!»."""
    from efs.cli.options import workspace
    from efs.conformance.coverage import coverage_matrix, render_coverage

    ws = workspace()
    matrix = coverage_matrix(ws.load(target), ws.registry)
    click.echo(
        json.dumps(matrix, ensure_ascii=False, indent=2)
        if output_format == "json"
        else render_coverage(matrix)
    )
    return 0
