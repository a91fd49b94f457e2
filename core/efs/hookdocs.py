"""The hooks section of ``docs/plugins.md``, generated from the docstrings of :mod:`efs.hookspecs`.

``python -m efs.hookdocs docs/plugins.md`` rewrites the part between the markers; a test fails when the
committed file is stale (as pytest and pluggy generate their hook references).
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

BEGIN = "<!-- хуки: начало; генерируется из efs/hookspecs.py: python -m efs.hookdocs docs/plugins.md -->"
END = "<!-- хуки: конец -->"


def hooks() -> list[tuple[str, str, str]]:
    """(name, signature, docstring) of every hook, in the order of :mod:`efs.hookspecs`."""
    from efs import hookspecs

    found = [(fn.__code__.co_firstlineno, name, fn) for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
             if name.startswith("efs_")]
    return [(name, f"{name}{inspect.signature(fn)}".replace("'", ""), inspect.cleandoc(fn.__doc__ or ""))
            for _, name, fn in sorted(found)]


def _sphinx_to_markdown(text: str) -> str:
    import re

    return re.sub(r":(?:class|func|data|mod):`~?([^`]+)`", r"`\1`", text)


def markdown() -> str:
    """The generated section: one subsection per hook, its signature as the heading."""
    out: list[str] = []
    for _, signature, doc in hooks():
        first, _, rest = doc.partition("\n\n")
        out += [f"### `{signature}`", "", _sphinx_to_markdown(" ".join(first.split())), ""]
        for para in rest.split("\n\n"):
            para = " ".join(para.split())
            if para:
                out += [_sphinx_to_markdown(para), ""]
    return "\n".join(out).rstrip("\n")


def rewrite(text: str) -> str:
    """``text`` (the whole page) with the part between the markers regenerated."""
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"в странице нет меток {BEGIN!r} … {END!r}")
    return f"{head}{BEGIN}\n\n{markdown()}\n\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the hooks section of the page named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/plugins.md")
    path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Записан {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
