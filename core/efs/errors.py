"""One error vocabulary for efs.

Every failure a user can cause is an :class:`EfsError` (or a subclass) with a Russian
message, a :class:`Location` where one exists, and an exit code for the CLI:

* ``1`` — the user's input is wrong (a configuration with errors, a bad data file);
* ``2`` — the command could not run (a missing file, a missing plugin, a broken store).

Library code raises these; only :mod:`efs.cli` turns them into messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

PathPart = str | int


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is: a file position and/or a path inside the document.

    Attributes:
        file: File name as given by the user (``None`` for configurations built from dicts).
        line: 1-based line, or ``None`` when unknown.
        column: 1-based column, or ``None`` when unknown.
        path: Keys and indexes from the document root, e.g. ``("subjects", 3, "level")``.
        sheet: Sheet name for XLSX data files.
    """

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[PathPart, ...] = ()
    sheet: str | None = None

    @property
    def dotted_path(self) -> str:
        """The path written as ``subjects[3].level``."""
        return format_path(self.path)

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"лист «{self.sheet}»")
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        head = ":".join(parts)
        if not head:
            return self.dotted_path or "<конфигурация>"
        return head


def format_path(path: Sequence[PathPart]) -> str:
    """Render a document path as ``subjects[3].level``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass(slots=True)
class Problem:
    """One located problem inside a larger error (a configuration can have many)."""

    message: str
    location: Location = field(default_factory=Location)
    code: str = "EFS002"

    def __str__(self) -> str:
        where = str(self.location)
        if not where or (self.location.file is None and self.message.startswith(f"{where}: ")):
            return self.message  # a configuration built from a dict names its path in the message already
        return f"{where}: {self.message}"


class EfsError(Exception):
    """Root of every error efs raises on purpose.

    Attributes:
        message: Russian text saying what is wrong and how to fix it.
        location: Where, if known.
        exit_code: 1 for wrong user input, 2 for a command that could not run.
    """

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is not None and str(self.location):
            return f"{self.location}: {self.message}"
        return self.message


class ConfigurationError(EfsError):
    """A configuration could not be loaded; carries every problem found in one run."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem], file: str | None = None) -> None:
        self.problems = list(problems)
        self.file = file
        first = self.problems[0] if self.problems else Problem("ошибка конфигурации")
        super().__init__(first.message, first.location)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class InputError(EfsError):
    """The user named something that does not exist or cannot be read (exit 2)."""


class PluginError(EfsError):
    """A plugin is missing, conflicts with another, or failed inside a hook."""


class DataError(EfsError):
    """Monitoring data could not be imported; carries the rejected rows."""

    exit_code = 1

    def __init__(self, message: str, problems: Iterable[Problem] = (), location: Location | None = None):
        super().__init__(message, location)
        self.problems = list(problems)

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(str(p) for p in self.problems)])


class StoreError(EfsError):
    """The monitoring store cannot be opened, migrated or queried."""
