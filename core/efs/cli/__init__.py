"""The ``efs`` command line: thin commands over the library, errors turned into messages in one place."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from efs._version import __version__
from efs.cli.errors import interrupted_message, usage_error_message
from efs.cli.russian import install as _install_russian
from efs.cli.russian import localize_command
from efs.errors import EfsError

_install_russian()

#: Set to ``1`` to see the traceback of an unexpected error instead of the Russian message.
DEBUG_ENV = "EFS_DEBUG"

#: command name → "module:attribute"; commands are imported only when run (fast start-up).
COMMANDS: dict[str, str] = {
    "validate": "efs.cli.validate:validate",
    "show": "efs.cli.catalogue:show",
    "plugins": "efs.cli.catalogue:plugins",
    "catalogue": "efs.cli.catalogue:catalogue",
    "schema": "efs.cli.catalogue:schema",
    "new": "efs.cli.catalogue:new",
    "db": "efs.cli.db:db",
    "indicators": "efs.cli.indicators:indicators",
    "rules": "efs.cli.rules:rules",
    "rule": "efs.cli.rules:rule",
    "coverage": "efs.cli.rules:coverage",
    "data": "efs.cli.data:data",
    "report": "efs.cli.report:report",
    "demo": "efs.cli.demo:demo",
    "diff": "efs.cli.diff:diff",
    "draft": "efs.cli.draft:draft",
    "passport": "efs.cli.passport:passport",
    "serve": "efs.cli.serve:serve",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name].split(":")
            cmd: click.Command = getattr(importlib.import_module(module), attr)
            return localize_command(cmd)
        return super().get_command(ctx, cmd_name)


CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS, options_metavar="[ПАРАМЕТРЫ]",
             subcommand_metavar="КОМАНДА [АРГУМЕНТЫ]...")
@click.version_option(__version__, "--version", prog_name="efs", message="%(prog)s %(version)s",
                      help="Показать версию и выйти.")
def cli() -> None:
    """efs — положения о системах научно-методического сопровождения педагогов как исполняемые данные.

    Проверка конфигураций на соответствие федеральной концепции, мониторинг показателей,
    отчёты. Подробнее о каждой команде: efs КОМАНДА --help.
    """


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: run the CLI and turn every error into a Russian message and exit code."""
    code = run(argv)
    sys.exit(code)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of exiting (used by tests and ``main``).

    Everything the command prints passes :mod:`efs.cli.terminal`: no control sequence from a name
    reaches the terminal raw.
    """
    import warnings

    from efs.cli.terminal import guarded

    saved_hook = sys.unraisablehook
    if not os.environ.get(DEBUG_ENV):  # a library's generator cleaned up after a fault prints no traceback
        sys.unraisablehook = lambda _unraisable: None
    try:
        with guarded(), warnings.catch_warnings():
            original = warnings.showwarning

            def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
                from efs.plugins import PluginWarning

                if issubclass(category, PluginWarning):  # a skipped broken plugin: one Russian line on stderr
                    click.echo(f"efs: предупреждение: {message}", err=True)
                elif os.environ.get(DEBUG_ENV):  # libraries' English warnings are for their developers
                    original(message, category, *args, **kwargs)

            warnings.showwarning = show
            code = _run(argv)
            if code not in (0, 1):
                import gc

                gc.collect()  # finalise what the fault left half-done while the hook is quiet
            return code
    finally:
        sys.unraisablehook = saved_hook


def _run(argv: list[str] | None) -> int:
    from efs.safeio import start_recording, stop_recording

    token = start_recording()
    try:
        return _dispatch(argv)
    finally:
        stop_recording(token)


def _dispatch(argv: list[str] | None) -> int:
    try:
        rv = cli.main(args=argv, prog_name="efs", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo(interrupted_message(), err=True)
        return 130
    except click.UsageError as exc:
        click.echo(f"efs: ошибка: {usage_error_message(exc)}", err=True)
        hint = f"{exc.ctx.command_path} --help" if exc.ctx is not None else "efs --help"
        click.echo(f"Справка: {hint}", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"efs: ошибка: {exc.format_message()}", err=True)
        return exc.exit_code
    except EfsError as exc:
        click.echo(f"efs: ошибка: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo(interrupted_message(), err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a fault of the machine (full disk, locked store…) or a bug: never a traceback
        return _fault(exc)
    return rv if isinstance(rv, int) else 0


def _fault(exc: Exception) -> int:
    from efs.faults import describe
    from efs.safeio import committed

    if os.environ.get(DEBUG_ENV):
        raise exc
    text = describe(exc)
    if text is None:
        text = (f"внутренняя ошибка efs ({type(exc).__name__}: {exc}); это ошибка программы, а не ваших данных — "
                f"сообщите о ней, приложив вывод той же команды с {DEBUG_ENV}=1")
    click.echo(f"efs: ошибка: {text}", err=True)
    done = committed()
    if done:
        click.echo(f"efs: до ошибки записано и сохранено: {'; '.join(done)}", err=True)
    return 2


