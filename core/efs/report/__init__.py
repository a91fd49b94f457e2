"""The annual аналитическая справка of a jurisdiction: HTML, XLSX, Markdown and JSON.

::

    from efs.report import build_report, write_report

    report = build_report(config, store, year=2025)       # plain data: the JSON format
    write_report(report, "amur-2025.html")                  # format from the suffix, or fmt="xlsx"

Formats and the JSON shape are documented in ``docs/report.md``. Heavy modules (SQLAlchemy,
openpyxl) are imported only when a report is built or written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from efs.report.build import build_report, default_as_of

FORMATS: tuple[str, ...] = ("html", "xlsx", "md", "json")
SUFFIXES = {"html": ".html", "xlsx": ".xlsx", "md": ".md", "json": ".json"}

__all__ = ["FORMATS", "build_report", "default_as_of", "format_for", "render_text", "write_report"]


def format_for(path: Path | str, fmt: str | None = None) -> str:
    """The format named, else the one the file suffix implies (``.htm`` too), else ``html``."""
    if fmt:
        return fmt
    suffix = Path(path).suffix.lower()
    for name, ext in SUFFIXES.items():
        if suffix == ext or (name == "html" and suffix == ".htm") or (name == "md" and suffix == ".markdown"):
            return name
    return "html"


def render_text(report: dict[str, Any], fmt: str) -> str:
    """HTML, Markdown or JSON as text (XLSX is binary: use :func:`write_report`)."""
    if fmt == "html":
        from efs.report.html import render_html

        return render_html(report)
    if fmt == "md":
        from efs.report.markdown import render_markdown

        return render_markdown(report)
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n"
    raise ValueError(f"формат {fmt!r} не текстовый; известны: {', '.join(FORMATS)}")


def write_report(report: dict[str, Any], path: Path | str, fmt: str | None = None) -> Path:
    """Write ``report`` to ``path`` in ``fmt`` (default: from the suffix); return the path.

    Raises:
        InputError: The directory does not exist or the file cannot be written.
    """
    from efs.errors import InputError

    target = Path(path)
    fmt = format_for(target, fmt)
    if fmt not in FORMATS:
        raise InputError(f"неизвестный формат отчёта «{fmt}»; известны: {', '.join(FORMATS)}")
    if not target.parent.exists():
        raise InputError(f"каталог для отчёта не существует: {target.parent}")
    try:
        if fmt == "xlsx":
            from efs.report.xlsx import write_xlsx

            write_xlsx(report, target)
        else:
            from efs.safeio import write_text_atomic

            write_text_atomic(target, render_text(report, fmt))
    except (PermissionError, IsADirectoryError) as exc:
        raise InputError(f"не удалось записать отчёт {target}: {exc.strerror or exc}") from exc
    return target
