"""Shared CLI options as decorators (one definition each)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from efs.registry import Registry
    from efs.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY = "efs.registry"
_WORKSPACE = "efs.workspace"


def registry() -> Registry:
    """The catalogue of this command's run: built once, shared by ``--format`` choices and the workspace."""
    meta = click.get_current_context().find_root().meta
    if _REGISTRY not in meta:
        ws: Workspace | None = meta.get(_WORKSPACE)
        if ws is None:
            from efs.workspace import Workspace

            ws = Workspace()
        meta[_REGISTRY] = ws.registry
    found: Registry = meta[_REGISTRY]
    return found


def workspace(db: str | None = None, *, writable: bool = False, create: bool | None = None) -> Workspace:
    """The command's :class:`~efs.workspace.Workspace` (its store closed when the command ends).

    Its catalogue is the one the ``--format`` choices were read from, or is built when first needed (a
    command that needs none, such as importing returns, builds none).
    """
    from efs.workspace import Workspace

    ctx = click.get_current_context()
    meta = ctx.find_root().meta
    ws = Workspace(db, writable=writable, registry=meta.get(_REGISTRY), create=create)
    meta[_WORKSPACE] = ws
    ctx.call_on_close(ws.close)
    return ws


class FormatChoice(click.Choice):
    """The output formats of one kind registered through ``efs_output_formats`` (the core's and plugins'),
    read from the registry when the option is parsed or its help is shown."""

    def __init__(self, kind: str) -> None:
        super().__init__((), case_sensitive=True)
        self.kind = kind

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        try:
            return tuple(f.name for f in registry().formats_of(self.kind))
        except RuntimeError:  # no click context (a tool inspecting the command): the core's formats
            from efs.formats import efs_output_formats

            return tuple(f.name for f in efs_output_formats() if f.kind == self.kind)

    @choices.setter
    def choices(self, _value: Sequence[str]) -> None:
        pass


def registered_format_option(
    kind: str, *, default: str | None = "text", help_text: str = "Формат вывода."
) -> Callable[[F], F]:
    """``--format`` whose choices are the registered output formats of ``kind`` (:mod:`efs.formats`)."""
    return click.option(
        "--format",
        "output_format",
        type=FormatChoice(kind),
        default=default,
        show_default=default is not None,
        help=help_text,
    )


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
