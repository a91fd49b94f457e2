"""Golden findings of the bundled configurations: ``python -m tests.conformance.golden`` rewrites them.

Each ``golden/<name>.json`` is the JSON report of ``efs validate config/<name>.yaml --as-of 2026-11-23``
without the efs version, so that a change in any rule's findings on the real documents shows in review.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2026, 11, 23)


def report(name: str, registry: Any = None) -> dict[str, Any]:
    """The golden report of ``config/<name>.yaml`` (paths relative to the repository root)."""
    import os

    from efs.conformance import validate_paths
    from efs.conformance.formats import render_json
    from efs.registry import Registry

    registry = registry or Registry.build()
    cwd = Path.cwd()
    try:
        os.chdir(ROOT)
        results = validate_paths([Path("config") / f"{name}.yaml"], registry=registry, as_of=AS_OF)
    finally:
        os.chdir(cwd)
    doc = json.loads(render_json(results, AS_OF))
    doc.pop("efs_version")
    return doc


def dump(doc: dict[str, Any]) -> str:
    """Stable text of a golden report."""
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    """Rewrite every golden file from the current configurations."""
    GOLDEN.mkdir(exist_ok=True)
    for path in sorted((ROOT / "config").glob("*.yaml")):
        (GOLDEN / f"{path.stem}.json").write_text(dump(report(path.stem)), encoding="utf-8")
        print(f"{GOLDEN / path.stem}.json")


if __name__ == "__main__":
    main()
