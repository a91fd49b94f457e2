"""A comparison as text: plain text, JSON, Markdown and HTML (the XLSX сравнительная таблица is
:mod:`efs.diff.xlsx`).

Files are written by the format registry (:func:`efs.formats.write`, all or nothing through
:mod:`efs.safeio`); formats are named as the report names them (the suffix decides).
"""

from __future__ import annotations

import json
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
