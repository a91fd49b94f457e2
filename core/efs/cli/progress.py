"""Progress bars for long commands (import, synthesis, analytics build, demo): on a terminal only.

:func:`progress_bar` gives the :data:`efs.progress.Progress` callback the library functions take, drawn
as a transient rich progress bar on stderr — one line per step, each with its count and elapsed time —
or ``None`` when stderr is not a terminal, so pipes, files, CI logs and tests see nothing of it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from efs.progress import Progress


@contextmanager
def progress_bar() -> Iterator[Progress | None]:
    """A progress callback drawing on the terminal while the block runs; ``None`` when not on a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bars

    from efs.cli.options import console

    with Bars(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bars:
        tasks: dict[str, Any] = {}

        def update(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bars.add_task(step, total=total)
            bars.update(tasks[step], completed=done, total=total)

        yield update
