"""The rendering boundary of text output: nothing a name contains reaches the terminal raw.

:func:`guarded` replaces ``sys.stdout`` and ``sys.stderr`` for the duration of a command with
:class:`SafeStream`, which passes every piece of text through :func:`efs.neutral.terminal_text`:
an organisation called ``"\\x1b]8;;http://evil\\x1b\\\\Школа"`` or carrying a bidi override prints as
``\\u001b]8;;…`` instead of becoming a hyperlink, a cleared screen or reordered text. Rich output
(tables, progress bars) goes through :class:`SafeConsole`, which sanitises the text of every segment
but keeps the styles rich itself adds.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, TextIO

from efs.neutral import terminal_text


class SafeStream(io.TextIOBase):
    """A text stream that writes :func:`~efs.neutral.terminal_text` of everything to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(terminal_text(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(self.inner.isatty())

    def fileno(self) -> int:
        return self.inner.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.inner, "encoding", None) or "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)


def raw(stream: Any) -> Any:
    """The stream under a :class:`SafeStream` (for rich, which sanitises by itself)."""
    return stream.inner if isinstance(stream, SafeStream) else stream


@contextmanager
def guarded() -> Iterator[None]:
    """Run a block with ``sys.stdout`` and ``sys.stderr`` sanitised (restored afterwards)."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None and not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, SafeStream):
                with suppress(OSError, ValueError):
                    stream.flush()
        sys.stdout, sys.stderr = saved


def safe_console(stderr: bool = False, **kwargs: Any) -> Any:
    """A rich console whose text is sanitised segment by segment (its own styles are kept)."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                Segment(terminal_text(text), style, None) if control is None else Segment(text, style, control)
                for text, style, control in buffer
            )

    kwargs.setdefault("file", raw(sys.stderr if stderr else sys.stdout))
    return SafeConsole(**kwargs)
