"""Click usage errors in Russian (click's own messages are English), and what a command has committed.

A command that writes in steps (a synthesis, then its analytics tables) records each step that is
durably written (:func:`efs.safeio.note_committed`); when the user presses Ctrl-C or a fault stops the
command later, the message says what was already saved instead of a bare «прервано».
"""

from __future__ import annotations

import re

import click

from efs.safeio import committed
from efs.yamlsafe import did_you_mean


def _num(n: float) -> str:
    return f"{n:,}".replace(",", " ")


def usage_error_message(exc: click.UsageError) -> str:
    """A Russian message for a click usage error."""
    text = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        hint = f" (возможно: {', '.join(sorted(exc.possibilities))})" if exc.possibilities else ""
        return f"неизвестный параметр «{exc.option_name}»{hint}"
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        name = param.human_readable_name if param is not None else "?"
        kind = "аргумент" if isinstance(param, click.Argument) else "параметр"
        return f"не указан обязательный {kind} {name}"
    if isinstance(exc, click.BadParameter):
        param = exc.param
        raw_hint = exc.param_hint or (param.get_error_hint(exc.ctx) if param is not None and exc.ctx else "?")
        label = (raw_hint if isinstance(raw_hint, str) else " / ".join(raw_hint)).strip("'\"")
        got = re.search(r"'([^']*)' (?:is not|does not)", text)
        value = f" «{got.group(1)}»" if got else ""
        if param is not None and isinstance(param.type, click.Choice):
            choices = [str(c) for c in param.type.choices]
            return (f"недопустимое значение{value} для {label}"
                    f"{did_you_mean(got.group(1), choices) if got else ''}; допустимо: {', '.join(choices)}")
        if param is not None and isinstance(param.type, click.DateTime):
            return f"недопустимая дата{value} для {label}: нужна ГГГГ-ММ-ДД"
        if param is not None and isinstance(param.type, click.IntRange):
            low, high = param.type.min, param.type.max
            bounds = " ".join(
                part for part in (f"от {_num(low)}" if low is not None else "",
                                  f"до {_num(high)}" if high is not None else "") if part
            )
            got_range = re.search(r"(\S+) is not in the range", text)
            if got_range:
                value = f" «{got_range.group(1)}»"
            return f"недопустимое число{value} для {label}: допустимо {bounds} (целое)"
        if param is not None and isinstance(param.type, click.types.IntParamType):
            return f"недопустимое число{value} для {label}: нужно целое число"
        if param is not None and isinstance(param.type, click.Path):
            return f"путь{value} для {label} не существует или недоступен"
        return f"недопустимое значение{value} для {label}"
    m = re.match(r"No such command '(.+?)'", text)
    if m:
        group = exc.ctx.command if exc.ctx is not None else None
        names = group.list_commands(exc.ctx) if isinstance(group, click.Group) and exc.ctx else []
        return f"неизвестная команда «{m.group(1)}»{did_you_mean(m.group(1), names)}"
    m = re.match(r"Got unexpected extra arguments? \((.+)\)", text)
    if m:
        return f"лишние аргументы: {m.group(1)}"
    m = re.match(r"Option '(.+?)' requires an argument", text)
    if m:
        return f"параметру {m.group(1)} нужно значение"
    if text.startswith("Missing command"):
        return "не указана команда"
    return f"неверный вызов: {text}"


def interrupted_message() -> str:
    """«прервано», saying what was saved before the interruption (and that nothing else was)."""
    done = committed()
    if not done:
        return "efs: прервано (Ctrl-C)"
    return (f"efs: прервано (Ctrl-C) после того, как записано и сохранено: {'; '.join(done)}; "
            "то, что шло после, не записано")
