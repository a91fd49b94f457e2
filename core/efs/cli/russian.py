"""Click's own help vocabulary in Russian.

Click marks its strings for gettext (``_("Usage:")``) through a module-level ``_`` in each of its
modules; efs replaces that function in the CLI's process only, so help pages read in one language.
Anything without a translation stays as click wrote it.
"""

from __future__ import annotations

from collections.abc import Callable

import click.core
import click.decorators
import click.formatting

RUSSIAN: dict[str, str] = {
    "Usage:": "Использование:",
    "Options": "Параметры",
    "Commands": "Команды",
    "Positional arguments": "Аргументы",
    "Show this message and exit.": "Показать эту справку и выйти.",
    "Show the version and exit.": "Показать версию и выйти.",
    "Aborted!": "Прервано.",
    "Missing command.": "Не указана команда.",
    "required": "обязательный",
    "(dynamic)": "(вычисляется)",
    "deprecated": "устарело",
}
_FORMATTED = {
    "default: {default}": "по умолчанию: {default}",
    "env var: {var}": "переменная окружения: {var}",
}


def translate(message: str) -> str:
    """The Russian text for one of click's messages, or the message unchanged."""
    return RUSSIAN.get(message) or _FORMATTED.get(message) or message


def install() -> None:
    """Make click's help output Russian in this process."""
    modules = (click.core, click.formatting, click.decorators)
    for module in modules:
        current: Callable[[str], str] = getattr(module, "_", translate)
        if current is not translate:
            module._ = translate  # type: ignore[attr-defined]


def localize_command(cmd: click.Command) -> click.Command:
    """Russian metavars in a command's usage line (and its subcommands', for groups)."""
    if cmd.options_metavar == "[OPTIONS]":
        cmd.options_metavar = "[ПАРАМЕТРЫ]"
    if isinstance(cmd, click.Group):
        if cmd.subcommand_metavar in (None, "COMMAND [ARGS]..."):
            cmd.subcommand_metavar = "КОМАНДА [АРГУМЕНТЫ]..."
        for sub in cmd.commands.values():
            localize_command(sub)
    return cmd
