"""Writing a comparison: text, JSON, Markdown and HTML as text; XLSX as the сравнительная таблица.

Every file goes through :mod:`efs.safeio` (written whole or not at all); formats are named as the
report names them (:func:`efs.report.format_for`: the suffix decides).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FORMATS = ("text", "json", "md", "html", "xlsx")


def render(data: dict[str, Any], fmt: str) -> str:
    """The comparison as text in ``fmt`` (``text``, ``json``, ``md`` or ``html``)."""
    if fmt == "text":
        from efs.diff.text import render_text

        return render_text(data)
    if fmt == "md":
        from efs.diff.text import render_markdown

        return render_markdown(data)
    if fmt == "html":
        from efs.diff.html import render_html

        return render_html(data)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"формат {fmt!r} не текстовый; известны: {', '.join(FORMATS)}")


def write(data: dict[str, Any], path: Path, fmt: str) -> Path:
    """Write the comparison to ``path`` in ``fmt``; return the path."""
    if fmt == "xlsx":
        from efs.diff.xlsx import write_xlsx

        write_xlsx(data, path)
        return path
    from efs.safeio import write_text_atomic

    return write_text_atomic(path, render(data, fmt))
