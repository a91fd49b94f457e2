"""Output formats: one registry for the CLI's ``--format`` choices, the web's downloads and plugins' formats.

Every format is an :class:`OutputFormat` returned by a plugin's ``efs_output_formats`` hook; the core's own
(below) are registered as a default plugin, so a plugin's format sits beside them in
:attr:`efs.registry.Registry.formats` and in the choices of the command that prints its kind. What
``render`` receives depends on the kind:

============== ======================================================= =====================
kind           ``render`` receives                                     command
============== ======================================================= =====================
``validation`` :class:`efs.workspace.Validation` (findings, date)      ``efs validate``
``indicators`` :class:`efs.workspace.IndicatorRun` (results, flags)    ``efs indicators``
``report``     the report's data (``dict``, the JSON format's shape)   ``efs report``
``diff``       the comparison's data (``dict``, the JSON shape)        ``efs diff``
``passport``   the passport's data (``dict``, the JSON format's shape) ``efs passport``
============== ======================================================= =====================

``render`` returns ``str`` (text) or ``bytes`` (``binary=True``: XLSX). Renderers import what they need
when called, so registering formats costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.hookspecs import hookimpl

if TYPE_CHECKING:
    from efs.model import Provenance
    from efs.workspace import IndicatorRun, Validation

#: The kinds of output, each the result of one command (see the module's table).
KINDS = ("validation", "indicators", "report", "diff", "passport")


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One output format of one kind of result.

    Attributes:
        kind: What it renders: ``validation``, ``indicators``, ``report``, ``diff`` or ``passport``.
        name: The ``--format`` value (``sarif``); unique within the kind unless ``overrides`` names the owner.
        title: Russian, for help and download links («SARIF 2.1.0 для GitHub code scanning»).
        render: The result → ``str`` (text) or ``bytes`` (when ``binary``).
        suffixes: File name suffixes, the first the one written (``(".html", ".htm")``); a report's file
            name picks its format by them.
        media_type: The HTTP ``Content-Type`` of the rendering.
        binary: ``render`` returns ``bytes`` (such a format is written to a file, never to a terminal).
        overrides: The plugin whose format of the same kind and name this one replaces.
        provenance: Filled by efs.
    """

    kind: str
    name: str
    title: str
    render: Callable[[Any], str | bytes]
    suffixes: tuple[str, ...] = ()
    media_type: str = "text/plain; charset=utf-8"
    binary: bool = False
    overrides: str | None = None
    provenance: Provenance | None = None

    @property
    def id(self) -> str:
        """``kind:name``, the key in :attr:`efs.registry.Registry.formats`."""
        return f"{self.kind}:{self.name}"

    @property
    def suffix(self) -> str:
        """The suffix a file of this format is written with (``""`` when it has none)."""
        return self.suffixes[0] if self.suffixes else ""


def write(fmt: OutputFormat, result: Any, path: Path) -> Path:
    """Render ``result`` in ``fmt`` and write it to ``path`` all or nothing (:func:`efs.safeio.open_atomic`)."""
    from efs.safeio import open_atomic

    out = fmt.render(result)
    with open_atomic(path, "wb") as fh:
        fh.write(out if isinstance(out, bytes) else out.encode("utf-8"))
    return path


# --- the core's formats ---------------------------------------------------------------------


def _validation(attr: str) -> Callable[[Validation], str]:
    def render(validation: Validation) -> str:
        from efs.conformance import formats

        renderer: Callable[..., str] = getattr(formats, attr)
        return renderer(validation.results, validation.as_of, validation.registry)

    return render


def _indicators(attr: str) -> Callable[[IndicatorRun], str]:
    def render(run: IndicatorRun) -> str:
        from efs.indicators import output

        if attr == "to_json":
            return output.to_json(run.results, synthetic=run.synthetic, labels=run.labels, set_aside=run.set_aside)
        renderer: Callable[..., str] = getattr(output, attr)
        return renderer(run.results, synthetic=run.synthetic, labels=run.labels)

    return render


def _report(fmt: str) -> Callable[[dict[str, Any]], str | bytes]:
    def render(report: dict[str, Any]) -> str | bytes:
        if fmt == "xlsx":
            from efs.report.xlsx import xlsx_bytes

            return xlsx_bytes(report)
        from efs.report import render_text

        return render_text(report, fmt)

    return render


def _diff(fmt: str) -> Callable[[dict[str, Any]], str | bytes]:
    def render(data: dict[str, Any]) -> str | bytes:
        if fmt == "xlsx":
            from efs.diff.xlsx import xlsx_bytes

            return xlsx_bytes(data)
        from efs.diff.output import render as render_text

        return render_text(data, fmt)

    return render


def _passport(fmt: str) -> Callable[[dict[str, Any]], str | bytes]:
    def render(data: dict[str, Any]) -> str | bytes:
        if fmt == "xlsx":
            from efs.passport.xlsx import xlsx_bytes

            return xlsx_bytes(data)
        from efs.passport import render_text

        return render_text(data, fmt)

    return render


_JSON = "application/json"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_HTML = "text/html; charset=utf-8"
_MD = "text/markdown; charset=utf-8"


@hookimpl
def efs_output_formats() -> list[OutputFormat]:
    """The core's formats of every kind."""
    return [
        OutputFormat("validation", "text", "текст: находка на строку и итог", _validation("render_text"), (".txt",)),
        OutputFormat("validation", "json", "JSON (формат — docs/rules.md)", _validation("render_json"), (".json",),
                     _JSON),
        OutputFormat("validation", "junit", "JUnit XML для систем CI", _validation("_junit"), (".xml",),
                     "application/xml"),
        OutputFormat("validation", "sarif", "SARIF 2.1.0 (GitHub code scanning, редакторы)", _validation("_sarif"),
                     (".sarif", ".sarif.json"), "application/sarif+json"),
        OutputFormat("validation", "github", "аннотации GitHub Actions", _validation("render_github"), (".txt",)),
        OutputFormat("indicators", "table", "таблица для терминала", _indicators("to_table"), (".txt",)),
        OutputFormat("indicators", "json", "JSON: все поля каждого результата", _indicators("to_json"), (".json",),
                     _JSON),
        OutputFormat("indicators", "csv", "CSV для Excel (UTF-8 с BOM, «;», десятичная запятая)",
                     _indicators("to_csv"), (".csv",), "text/csv; charset=utf-8"),
        OutputFormat("report", "html", "HTML: один файл, печатается в PDF", _report("html"), (".html", ".htm"), _HTML),
        OutputFormat("report", "xlsx", "XLSX: лист на раздел", _report("xlsx"), (".xlsx",), _XLSX, binary=True),
        OutputFormat("report", "md", "Markdown для вики", _report("md"), (".md", ".markdown"), _MD),
        OutputFormat("report", "json", "JSON для других систем (формат — docs/report.md)", _report("json"),
                     (".json",), _JSON),
        OutputFormat("diff", "text", "текст для терминала", _diff("text"), (".txt",)),
        OutputFormat("diff", "json", "JSON", _diff("json"), (".json",), _JSON),
        OutputFormat("diff", "md", "Markdown", _diff("md"), (".md", ".markdown"), _MD),
        OutputFormat("diff", "html", "HTML: сравнительная таблица", _diff("html"), (".html", ".htm"), _HTML),
        OutputFormat("diff", "xlsx", "XLSX: сравнительная таблица", _diff("xlsx"), (".xlsx",), _XLSX, binary=True),
        OutputFormat("passport", "html", "HTML: один файл, печатается в PDF", _passport("html"), (".html", ".htm"),
                     _HTML),
        OutputFormat("passport", "xlsx", "XLSX: лист на раздел", _passport("xlsx"), (".xlsx",), _XLSX, binary=True),
        OutputFormat("passport", "md", "Markdown", _passport("md"), (".md", ".markdown"), _MD),
        OutputFormat("passport", "json", "JSON (формат — docs/passport.md)", _passport("json"), (".json",), _JSON),
    ]


def of_kind(formats: dict[str, OutputFormat], kind: str) -> list[OutputFormat]:
    """The formats of ``kind`` in ``formats`` (a registry's): the core's first, then the plugins'."""
    from efs.plugins import CORE_DISTRIBUTION

    def plugins_after(f: OutputFormat) -> bool:
        return f.provenance is not None and f.provenance.distribution != CORE_DISTRIBUTION

    return sorted((f for f in formats.values() if f.kind == kind), key=plugins_after)
