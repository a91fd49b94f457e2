"""The core stays small: `import efs` and `efs validate` import no database, spreadsheet or report stack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("sqlalchemy", "openpyxl", "alembic", "pandas", "psycopg", "pygal", "jinja2", "pymorphy3", "duckdb",
         "fastapi", "starlette", "uvicorn", "efs.web",
         "efs.report",
         "efs.data", "efs.indicators")

FORMULA_SPEC = ("efs.indicators", "efs.indicators.spec", "efs.indicators.blocks", "efs.indicators.names",
                "efs.data", "efs.data.vocabulary")
PROBE = """
import sys, json
{body}
heavy = {heavy!r}
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy
                        or any(m.startswith(h + '.') for h in heavy))))
"""


def _loaded(body: str) -> list[str]:
    code = PROBE.format(body=body, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_efs_loads_nothing_heavy_and_not_even_pydantic():
    assert _loaded("import efs") == []
    code = "import sys, efs; print('pydantic' in sys.modules, 'yaml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_efs_validate_loads_nothing_heavy():
    body = ("from efs.cli import run\n"
            "code = run(['validate', '--exit-zero', '--format', 'json', 'config/'])\n"
            "assert code == 0, code")
    # EFS168 parses formulas and resolves the subjects they name: the building blocks are plain data, with
    # no SQL behind them. The whole-document rules read the shipped documents with the Russian morphology
    # analyser (efs.morphology): pymorphy3 is the one heavy module validation may load, and only then.
    loaded = [m for m in _loaded(body) if m not in FORMULA_SPEC]
    assert [m for m in loaded if m.split(".")[0] != "pymorphy3"] == []
    assert "pymorphy3" in loaded


def test_efs_validate_without_its_document_does_not_load_the_morphology_analyser(tmp_path):
    target = tmp_path / "skeleton.yaml"
    body = ("from efs.cli import run\n"
            f"assert run(['new', 'config', 'skeleton', '-o', {str(target)!r}]) == 0\n"
            f"code = run(['validate', '--exit-zero', {str(target)!r}])\n"
            "assert code == 0, code")
    assert [m for m in _loaded(body) if m.startswith("pymorphy3")] == []
