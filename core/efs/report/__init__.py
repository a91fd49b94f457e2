"""The annual аналитическая справка of a jurisdiction: HTML, XLSX, Markdown and JSON.

::

    from efs.report import build_report, write_report

    report = build_report(config, store, year=2025)       # plain data: the JSON format
    write_report(report, "amur-2025.html")                  # format from the suffix

Formats and the JSON shape are documented in ``docs/report.md``. Heavy modules (SQLAlchemy,
openpyxl) are imported only when a report is built or written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.report.build import build_report, default_as_of

if TYPE_CHECKING:
    from efs.formats import OutputFormat


def _core_formats() -> list[OutputFormat]:
    from efs.formats import efs_output_formats

    return [f for f in efs_output_formats() if f.kind == "report"]


#: The core's report formats (plugins add theirs through ``efs_output_formats``: :mod:`efs.formats`).
FORMATS: tuple[str, ...] = tuple(f.name for f in _core_formats())

__all__ = ["FORMATS", "build_report", "default_as_of", "format_for", "render_text", "write_report"]


def format_for(path: Path | str, fmt: str | None = None, formats: Sequence[OutputFormat] | None = None) -> str:
    """The format of the report file ``path``: the suffix's, which ``fmt`` (when given) must agree with.

    The suffix decides (``.html``/``.htm``, ``.xlsx``, ``.md``/``.markdown``, ``.json``, a plugin format's), so
    a file is never written in a format its name contradicts: ``r.pdf`` does not receive HTML unless a plugin
    registered a ``.pdf`` format. ``fmt`` is needed only for a name without a suffix (``report``,
    ``/dev/stdout``). ``formats``: the registered report formats (the core's by default).

    Raises:
        InputError: The suffix names no report format and ``fmt`` is not given; the suffix and ``fmt``
            disagree; or ``fmt`` is not a known format.
    """
    from efs.errors import InputError

    known = {f.name: f.suffixes for f in (formats if formats is not None else _core_formats())}
    names = ", ".join(known)
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    by_suffix = next((f for f, suffixes in known.items() if suffix in suffixes), None)
    if fmt is not None and fmt not in known:
        raise InputError(f"неизвестный формат отчёта «{fmt}»; известны: {names}")
    if fmt is None and by_suffix is not None:
        return by_suffix
    if fmt is not None and (not suffix or by_suffix == fmt):
        return fmt
    if fmt is not None:
        expected = " или ".join(known[fmt])
        raise InputError(
            f"имя файла «{name}» не подходит к формату {fmt}: ожидается расширение {expected} "
            f"(или имя без расширения); уберите --format, чтобы формат выбрало расширение"
        )
    hint = ""
    if suffix == ".pdf":
        hint = (" PDF efs не пишет: запишите HTML (-o отчёт.html), откройте его в браузере и напечатайте в PDF "
                "(или: chromium --headless --print-to-pdf=отчёт.pdf отчёт.html).")
    what = f"расширение «{suffix}» не называет формат отчёта" if suffix else "у имени нет расширения"
    listing = ", ".join(s for suffixes in known.values() for s in suffixes)
    raise InputError(
        f"не понятно, в каком формате писать «{name}»: {what}. Известные расширения: {listing}; "
        f"или укажите --format ({names}).{hint}"
    )


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


def write_report(
    report: dict[str, Any], path: Path | str, fmt: str | None = None, formats: Sequence[OutputFormat] | None = None
) -> Path:
    """Write ``report`` to ``path`` in ``fmt`` (default: from the suffix; see :func:`format_for`); return the path.

    ``formats``: the registered report formats (the core's by default); the file is written all or nothing.

    Raises:
        InputError: The suffix and ``fmt`` disagree (:func:`format_for`), the directory does not exist or
            the file cannot be written.
    """
    from efs.errors import InputError
    from efs.formats import write

    target = Path(path)
    chosen = {f.name: f for f in (formats if formats is not None else _core_formats())}
    fmt = format_for(target, fmt, list(chosen.values()))
    if not target.parent.exists():
        raise InputError(f"каталог для отчёта не существует: {target.parent}")
    try:
        write(chosen[fmt], report, target)
    except (PermissionError, IsADirectoryError) as exc:
        raise InputError(f"не удалось записать отчёт {target}: {exc.strerror or exc}") from exc
    return target
