"""The comparison as one self-contained HTML file, rendered by the report's machinery.

The page is a template of the report's autoescaping Jinja2 environment (:mod:`efs.report.templating`,
``templates/diff.html.j2``) with the report's stylesheet and its Content-Security-Policy: no script,
nothing fetched, every value text. Struck-out words are ``<del>``, inserted ones ``<ins>``.
"""

from __future__ import annotations

from typing import Any

from efs.report.text import LEVEL_LABELS, SYNTHETIC_BANNER, SYNTHETIC_NOTE

#: What the comparison adds to the report's stylesheet.
CSS = """
del{background:#fbe3e1;color:#8e1b13}ins{background:#dcefdc;color:#1b5e20;text-decoration:none}
table.cmp td:nth-child(2),table.cmp td:nth-child(3){width:30%}
tr.ch-added td:nth-child(3){background:#f1f8f1}tr.ch-removed td:nth-child(2){background:#fdf1f0}
"""


def render_html(data: dict[str, Any]) -> str:
    """The comparison (the JSON data of :meth:`efs.diff.Comparison.as_dict`) as one HTML document."""
    from markupsafe import Markup

    from efs.diff.model import CHANGE_LABELS
    from efs.diff.text import headline
    from efs.report.html import CSS as REPORT_CSS
    from efs.report.html import SYNTHETIC_CSS, csp
    from efs.report.templating import render

    css = REPORT_CSS + CSS + (SYNTHETIC_CSS if data["synthetic"] else "")
    counts = [(CHANGE_LABELS[k], v) for k, v in data["counts"].items() if v]
    return render(
        "diff.html.j2",
        d=data,
        title=f"Сравнение редакций: {data['new']['jurisdiction_name']}",
        csp=csp(css),
        css=Markup(css),
        headline=headline(data),
        counts=counts,
        labels={"SYNTHETIC_BANNER": SYNTHETIC_BANNER, "SYNTHETIC_NOTE": SYNTHETIC_NOTE},
        levels=lambda values: ", ".join(LEVEL_LABELS.get(v, v) for v in values),
    )
