"""The one shape of every passport table, and building one from counts with small-cell protection.

A table is plain data (the JSON format is exactly this)::

    {"id", "title", "columns": [{"id", "title", "kind"}], "rows": [{"cells", "total", "hidden"}], "note"}

``kind`` is ``text``, ``int`` (a count), ``percent`` (one decimal), ``number`` (a value in its unit),
``year`` or ``code`` (an identifier for other
systems). A hidden row keeps its text cells and has ``null`` for every number; a total row is marked
``total``. Renderers (Markdown, HTML, XLSX) read nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from efs.passport.disclosure import protect
from efs.passport.text import TOTAL


def column(cid: str, title: str, kind: str = "text") -> dict[str, str]:
    """A column."""
    return {"id": cid, "title": title, "kind": kind}


def table(tid: str, title: str, columns: list[dict[str, str]], rows: list[list[Any]], *, note: str = "",
          total: list[Any] | None = None) -> dict[str, Any]:
    """A table of plain rows (nothing hidden): configuration data, organisations, programmes."""
    out = [{"cells": r, "total": False, "hidden": False} for r in rows]
    if total is not None:
        out.append({"cells": total, "total": True, "hidden": False})
    return {"id": tid, "title": title, "columns": columns, "rows": out, "note": note}


def share(part: int | None, whole: int | None) -> float | None:
    """A percentage to one decimal, as every medium shows it; ``None`` without a whole."""
    from efs.report.text import rounded

    if part is None or not whole:
        return None
    return rounded(part / whole * 100)


def protected(tid: str, title: str, columns: list[dict[str, str]], labels: Sequence[list[Any]],
              counts: Sequence[list[int | None]], bases: Sequence[int], *, threshold: int,
              total: tuple[list[Any], list[int | None], int] | None = None, note: str = "",
              forced: frozenset[int] = frozenset(), total_forced: bool = False) -> dict[str, Any]:
    """A table of person counts: ``labels[i] + counts[i]`` per row, hidden by :func:`protect` on ``bases``.

    ``total`` is ``(labels, counts, base)`` of the total row; ``forced`` rows and a ``total_forced`` total
    are hidden whatever their size (another table the reader also has hides them).
    """
    hidden, total_hidden = protect(list(bases), threshold, total=total is not None, forced=forced)
    rows = []
    for i, (lab, cnt) in enumerate(zip(labels, counts, strict=True)):
        gone = i in hidden
        rows.append({"cells": [*lab, *([None] * len(cnt) if gone else cnt)], "total": False, "hidden": gone})
    if total is not None:
        lab, cnt, base = total
        gone = total_hidden or total_forced or 0 < base < threshold
        rows.append({"cells": [*lab, *([None] * len(cnt) if gone else cnt)], "total": True, "hidden": gone})
    return {"id": tid, "title": title, "columns": columns, "rows": rows, "note": note}


def numbers(t: dict[str, Any]) -> list[tuple[int, int, float]]:
    """Every number of a table as ``(row, column, value)`` (the XLSX test compares these with the sheet)."""
    kinds = [c["kind"] for c in t["columns"]]
    return [(r, c, v) for r, row in enumerate(t["rows"]) for c, v in enumerate(row["cells"])
            if kinds[c] in ("int", "percent", "number") and isinstance(v, int | float) and not isinstance(v, bool)]


__all__ = ["TOTAL", "column", "numbers", "protected", "share", "table"]
