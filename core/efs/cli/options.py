"""Shared CLI options as decorators (one definition each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    """``--format`` with the given choices."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Формат вывода.",
    )


def min_denominator_option(func: F) -> F:
    """``--min-denominator``: results with a smaller denominator are suppressed."""
    from efs.indicators import MIN_DENOMINATOR

    return click.option(
        "--min-denominator",
        type=click.IntRange(1),
        default=MIN_DENOMINATOR,
        show_default=True,
        help="Наименьший показываемый знаменатель (меньшие скрываются).",
    )(func)


def warn_synthetic() -> None:
    """Warn on stderr that the jurisdiction's data in the store was synthesised."""
    click.echo("Внимание: данные этой юрисдикции синтетические (efs data synth), не реальные.", err=True)


def console(stderr: bool = False) -> Any:
    """A rich console: colour only on a terminal, no markup surprises from user text, no raw control codes."""
    from efs.cli.terminal import safe_console

    return safe_console(stderr=stderr, highlight=False, soft_wrap=True)


def print_markdown(text: str) -> None:
    """Markdown for a reader: rich's rendering (bold, code, headings) on a terminal; in a pipe or a
    file the same text without escape codes, Markdown marks or trailing spaces."""
    from rich.markdown import Markdown

    out = console()
    if out.is_terminal:
        out.print(Markdown(text))
        return
    with out.capture() as captured:
        out.print(Markdown(text))
    lines = [line.rstrip() for line in captured.get().splitlines()]
    click.echo("\n".join(lines).strip("\n"))
