"""``efs.plugin`` is the one import surface of a plugin author: the bundled plugins use nothing else of efs's
internals, and everything it names imports (the formula types lazily, without SQLAlchemy)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Modules of efs a plugin may import: the surface, and the model it returns.
ALLOWED = {"efs.plugin", "efs.model", "efs.model.formula", "efs.model.base"}


def test_every_name_of_efs_plugin_imports():
    import efs.plugin

    for name in efs.plugin.__all__:
        assert getattr(efs.plugin, name) is not None, name


def test_importing_efs_plugin_loads_no_sqlalchemy_until_a_formula_type_is_asked_for():
    code = ("import sys, efs.plugin; a = 'sqlalchemy' in sys.modules; efs.plugin.CustomQuery; "
            "print(a, 'sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


SAMPLE_PLUGIN = ROOT / "tests" / "sample_plugin" / "efs_sample" / "plugin.py"
PLUGIN_MODULES = [*sorted((ROOT / "plugins").glob("*/efs_*/*.py")), SAMPLE_PLUGIN]


@pytest.mark.parametrize("path", PLUGIN_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_plugins_import_efs_only_through_its_surface(path):
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "efs":
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules |= {a.name for a in node.names if a.name.split(".")[0] == "efs"}
    assert modules <= ALLOWED, sorted(modules - ALLOWED)


def test_no_bundled_rule_guards_itself_against_other_configurations():
    for path in (ROOT / "plugins").glob("*/efs_*/rules.py"):
        text = path.read_text(encoding="utf-8")
        assert "ctx.config.plugins" not in text and "_applies" not in text, path
