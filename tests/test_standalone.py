"""The repository stands alone: nothing in its code or tests reaches for files outside it.

The developers' reference material beside the checkout (source documents, inventories, schemas) is not a
test dependency: the documents ship with their plugins, the SARIF schema is vendored under
``tests/schemas``. A test whose fixture is missing fails; it never skips.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Ways code reaches out of the checkout: the directory above it, or a sibling ``shared`` directory.
OUTSIDE = re.compile(r"""(ROOT|HERE|parents\[\d\])\.parent\b|\.\./shared|["']shared["']\s*/|/\s*["']shared["']""")


def _code_files() -> list[Path]:
    here = Path(__file__).resolve()  # its examples of what is refused are not references
    return [p for top in ("core", "plugins", "tests", "bench") for p in (ROOT / top).rglob("*.py") if p != here]


def test_no_code_or_test_refers_to_a_path_outside_the_repository():
    offenders = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
                 for p in _code_files()
                 for n, line in enumerate(p.read_text(encoding="utf-8").split("\n"), start=1)
                 if OUTSIDE.search(line)]
    assert offenders == []


def test_the_pattern_catches_the_ways_tests_used_to_reach_outside():
    for line in ('SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"',
                 'SARIF = ROOT.parent / "schemas" / "sarif.json"', "open('../" + "shared/seeds/x.txt')"):
        assert OUTSIDE.search(line), line


def test_the_vendored_sarif_schema_refuses_what_is_not_a_sarif_log():
    import jsonschema
    import pytest

    from tests.conftest import sarif_schema

    schema = sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    jsonschema.validate({"version": "2.1.0", "runs": []}, schema)
    for wrong in ({"runs": []}, {"version": "2.0.0", "runs": []}, {"version": "2.1.0", "runs": [{"results": []}]},
                  {"version": "2.1.0", "runs": [], "extra": 1}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, schema)
