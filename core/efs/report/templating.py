"""The one Jinja2 environment of the HTML report: autoescaping on, every value cleaned, ids made safe.

Nothing reaches the HTML but through a template of ``efs/report/templates/``, and this environment
escapes every value written there — text, attribute values, ids and fragment links alike —, so a name
such as ``"><meta http-equiv=refresh …>`` stays text. Before escaping, every value passes
:func:`efs.report.text.clean` (control characters dropped, bidi overrides and zero-width characters
shown as visible marks). Ids and ``#fragment`` links built from configuration values go through
:func:`efs.report.text.token`: plain identifiers are kept, anything else becomes a digest.

Jinja2 is imported only here, only when an HTML report is rendered (``import efs`` stays light).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from efs.report.text import clean, token

if TYPE_CHECKING:
    import jinja2


def _finalize(value: Any) -> Any:
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean(value)
    return value


@functools.cache
def environment() -> jinja2.Environment:
    """The environment (built once): package templates, autoescape everywhere, strict undefined values."""
    import jinja2

    from efs.report import text

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("efs.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=text.num, with_unit=text.with_unit, date_ru=text.date_ru, source_text=text.source_text)
    env.globals.update(token=token)
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` of ``efs/report/templates/`` with ``context``."""
    return environment().get_template(template).render(**context)


def render_macro(template: str, macro: str, *args: Any) -> str:
    """Call one macro of a template module (used to render an SVG on its own)."""
    module = environment().get_template(template).module
    return str(getattr(module, macro)(*args))
