"""The паспорт региональной системы научно-методического сопровождения, generated from the configuration and the store.

::

    from efs.passport import build_passport, write_passport

    passport = build_passport(config, store, year=2025)                    # plain data: the JSON format
    part = build_passport(config, store, year=2025, municipality="m001")   # a municipality's part
    write_passport(passport, "amur-2025-passport.xlsx")                    # format from the suffix

Sections, where each comes from and the JSON shape: ``docs/passport.md``. Formats as ``efs report``:
HTML (self-contained, printable), XLSX (one sheet per section), Markdown, JSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.formats import OutputFormat
    from efs.passport.build import build_passport
    from efs.passport.fill import Filled, read_fill

__all__ = ["Filled", "build_passport", "formats", "read_fill", "render_text", "write_passport"]


def __getattr__(name: str) -> Any:
    if name == "build_passport":
        from efs.passport.build import build_passport

        return build_passport
    if name in ("Filled", "read_fill"):
        from efs.passport import fill

        return getattr(fill, name)
    raise AttributeError(name)


def render_text(passport: dict[str, Any], fmt: str) -> str:
    """HTML, Markdown or JSON as text (XLSX is binary: use :func:`write_passport`)."""
    if fmt == "html":
        from efs.passport.html import render_html

        return render_html(passport)
    if fmt == "md":
        from efs.passport.markdown import render_markdown

        return render_markdown(passport)
    if fmt == "json":
        return json.dumps(passport, ensure_ascii=False, indent=1) + "\n"
    raise ValueError(f"формат паспорта {fmt!r} не текстовый")


def formats() -> list[OutputFormat]:
    """The core's passport formats (a registry's, with plugins', are ``Registry.formats`` of kind ``passport``)."""
    from efs.formats import efs_output_formats

    return [f for f in efs_output_formats() if f.kind == "passport"]


def write_passport(passport: dict[str, Any], path: Path | str, fmt: str | None = None,
                   registered: Sequence[OutputFormat] | None = None) -> Path:
    """Write ``passport`` to ``path`` in ``fmt`` (default: from the suffix, as :func:`efs.report.format_for`),
    all or nothing. ``registered``: the passport formats to choose from (the core's by default).

    Raises:
        InputError: The suffix and ``fmt`` disagree, the directory does not exist or the file cannot be written.
    """
    from efs.errors import InputError
    from efs.formats import write
    from efs.report import format_for

    target = Path(path)
    chosen = {f.name: f for f in (registered if registered is not None else formats())}
    fmt = format_for(target, fmt, list(chosen.values()))
    if not target.parent.exists():
        raise InputError(f"каталог для паспорта не существует: {target.parent}")
    try:
        write(chosen[fmt], passport, target)
    except (PermissionError, IsADirectoryError) as exc:
        raise InputError(f"не удалось записать паспорт {target}: {exc.strerror or exc}") from exc
    return target
