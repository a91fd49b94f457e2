"""The passport as one self-contained HTML file, rendered by the report's machinery.

The page is a template of the report's autoescaping Jinja2 environment (:mod:`efs.report.templating`,
``templates/passport.html.j2``) with the report's stylesheet, its print rules and its
Content-Security-Policy: no script, nothing fetched, every value text. Each section starts a printed page.
"""

from __future__ import annotations

from typing import Any

from efs.passport.fill import TO_FILL
from efs.passport.markdown import title
from efs.passport.text import HIDDEN
from efs.report.text import SYNTHETIC_BANNER, SYNTHETIC_NOTE

#: What the passport adds to the report's stylesheet: the total rows, the fields left to fill.
CSS = """
tr.total td{font-weight:bold;background:#f4f6f9}
section.to-fill{border:2px dashed #d08a00;padding:8px 12px;border-radius:8px}
td.blank{background:#fff8e6;min-width:120px}
"""


def render_html(passport: dict[str, Any]) -> str:
    """The passport (the JSON data of :func:`efs.passport.build_passport`) as one HTML document."""
    from markupsafe import Markup

    from efs.report.html import CSS as REPORT_CSS
    from efs.report.html import SYNTHETIC_CSS, csp
    from efs.report.templating import render

    css = REPORT_CSS + CSS + (SYNTHETIC_CSS if passport["synthetic"] else "")
    return render(
        "passport.html.j2",
        p=passport,
        title=title(passport),
        csp=csp(css),
        css=Markup(css),
        labels={"SYNTHETIC_BANNER": SYNTHETIC_BANNER, "SYNTHETIC_NOTE": SYNTHETIC_NOTE, "HIDDEN": HIDDEN,
                "TO_FILL": TO_FILL},
    )
