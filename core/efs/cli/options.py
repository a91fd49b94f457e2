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


def console(stderr: bool = False) -> Any:
    """A rich console: colour only on a terminal, no markup surprises from user text."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)
