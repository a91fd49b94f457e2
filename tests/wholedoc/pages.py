"""The findings lists of ``docs/jurisdictions/*.md``, generated from what ``efs validate`` reports.

Each page's section «Что находит проверка» lies between two markers and is rendered from the golden report
of its configuration (``tests/conformance/golden/<name>.json`` — the output of ``efs validate
config/<name>.yaml --as-of 2026-11-23``, itself tested current), grouped by the families of
:mod:`efs.wholedoc.families`. ``python -m tests.wholedoc.pages`` rewrites the sections;
``tests/wholedoc/test_pages.py`` fails when a page lists a finding the validator does not emit, or misses one
it does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "docs" / "jurisdictions"
GOLDEN = ROOT / "tests" / "conformance" / "golden"
BEGIN = "<!-- findings: begin -->"
END = "<!-- findings: end -->"
_SEVERITY = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}


def _item(f: dict[str, Any]) -> str:
    src = f.get("source") or {}
    where = f"строка {src['line']} документа; " if src.get("line") else ""
    return (f"- **{f['code']}** `{f['slug']}` ({_SEVERITY.get(f['severity'], f['severity'])}; {where}"
            f"{f['file']}:{f['line']}) — {f['message']}")


def section(name: str) -> str:
    """The generated findings section of ``docs/jurisdictions/<name>.md`` (markers included)."""
    from efs.wholedoc.families import FAMILIES, family_of

    report = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    findings = [f for file in report["files"] for f in file["findings"] if not f.get("suppressed")]
    summary = report["summary"]
    lines = [
        BEGIN,
        f"<!-- Создано командой `python -m tests.wholedoc.pages` из вывода `efs validate config/{name}.yaml "
        f"--as-of {report['as_of']}` (tests/conformance/golden/{name}.json); не правьте вручную. -->",
        "",
        f"На {report['as_of']}: ошибок — {summary['error']}, предупреждений — {summary['warning']}, "
        f"сведений — {summary['info']}. Находки по семействам (docs/rules.md):",
    ]
    groups = [(title, [f for f in findings if family_of(f["code"]) == family])
              for family, (title, _) in FAMILIES.items()]
    groups.append(("Прочее: кодировка против документа, исполнение на дату проверки, правила плагина",
                   [f for f in findings if family_of(f["code"]) is None]))
    for title, group in groups:
        if not group:
            continue
        lines += ["", f"### {title} ({len(group)})", ""]
        lines += [_item(f) for f in group]
    lines.append(END)
    return "\n".join(lines)


def render(name: str, page: str) -> str:
    """``page`` with its generated section replaced (appended at the end when it has none)."""
    block = section(name)
    if BEGIN in page and END in page:
        return re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _: block, page, flags=re.S)
    return page.rstrip("\n") + "\n\n## Что находит проверка (`efs validate`)\n\n" + block + "\n"


def main() -> None:
    """Rewrite the findings section of every jurisdiction page."""
    for path in sorted(PAGES.glob("*.md")):
        if (GOLDEN / f"{path.stem}.json").exists():
            path.write_text(render(path.stem, path.read_text(encoding="utf-8")), encoding="utf-8")
            print(path)


if __name__ == "__main__":
    main()
