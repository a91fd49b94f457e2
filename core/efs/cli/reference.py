"""The command reference (docs/cli.md), generated from the commands' own help."""

from __future__ import annotations

import click

from efs.cli import COMMANDS, cli


# Fixed settings, so the page does not depend on the terminal or on which context built a command's
# (cached) help option first.
def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    return click.Context(command, info_name=name, parent=parent, terminal_width=100, max_content_width=100,
                         help_option_names=["-h", "--help"])


def _help(command: click.Command, path: list[str]) -> str:
    parent: click.Context | None = None
    for name in path[:-1]:
        parent = _context(cli if parent is None else parent.command, name, parent)
    ctx = _context(command, path[-1], parent)
    return command.get_help(ctx)


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, command)]
    if isinstance(command, click.Group):
        ctx = _context(command, path[-1])
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                out.extend(_walk(sub, [*path, name]))
    return out


def markdown() -> str:
    """Every command's help page, in order."""
    ctx = _context(cli, "efs")
    lines = ["# Команды efs", "",
             "Сгенерировано из справки команд (`python -m efs.cli.reference`); не править вручную.", ""]
    for name in sorted(COMMANDS):
        command = cli.get_command(ctx, name)
        assert command is not None
        for path, cmd in _walk(command, ["efs", name]):
            lines += [f"## {' '.join(path)}", "", "```text", _help(cmd, path).rstrip(), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/cli.md")
    target.write_text(markdown() + "\n", encoding="utf-8")
