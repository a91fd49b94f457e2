"""Progress of long operations: one callback shape for import, synthesis and the analytics build.

A :data:`Progress` is called as ``progress(step, done, total)``: ``step`` a short Russian label of what
is under way («Запись», «Аналитические таблицы 2024»…), ``done`` how many units of it are finished,
``total`` how many there are (``None`` when unknown). Library code calls it when given one and is
silent otherwise; the command line passes a rich progress bar on a terminal (``efs.cli.progress``),
tests pass their own (the import that is killed mid-write waits in one).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, "int | None"], None]
