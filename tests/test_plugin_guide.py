"""The guide to Python formulas in docs/plugins.md runs: its example computes what an auditor counts by hand,
and a typo in its ``module:function`` is an ``efs validate`` finding (issue 13, friction 8)."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sys
from pathlib import Path

import pytest

from efs.hookspecs import hookimpl
from efs.plugins import get_plugin_manager
from efs.registry import Registry

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "plugins.md"


def guide_block(first_line: str) -> str:
    """The ```python block of the guide that starts with ``first_line``."""
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    [block] = [b for b in blocks if b.startswith(first_line)]
    return block


@pytest.fixture()
def myregion(tmp_path, monkeypatch):
    """The guide's ``efs_myregion/formulas.py`` as an importable package, and a registry with its formulas."""
    package = tmp_path / "efs_myregion"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "formulas.py").write_text(guide_block("# efs_myregion/formulas.py"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("efs_myregion")]:
        monkeypatch.delitem(sys.modules, name)
    module = importlib.import_module("efs_myregion.formulas")

    class Plugin:
        @hookimpl
        def efs_formulas(self):
            return module.formulas()

    pm = get_plugin_manager(entry_points=False)
    pm.register(Plugin(), name="myregion")
    return module, Registry.build(pm)


def _config(formula: str, registry):
    from efs.loading import load_configuration

    return load_configuration({
        "format_version": 1,
        "jurisdiction": {"id": "myregion", "name": "Мой регион", "level": "regional", "document": "d.txt"},
        "indicators": [{"id": "orgs_mentoring", "text": "Доля организаций, в которых есть наставник",
                        "unit": "%", "formula": formula}],
    }, registry=registry)


def test_the_guides_python_formula_computes_the_share_an_auditor_counts(myregion, tmp_path):
    from efs.data.store import open_store
    from efs.indicators import compute
    from tests.indicators.data import Data

    _, registry = myregion
    y = 2024
    data = Data("myregion").municipality("m")
    for org in "abcdef":
        data.organization(org, "m")
    # a: a mentor during the year; b: a mentor whose mentoring ended the year before; c: a mentee only;
    # d: a mentor of another form of support; e: a mentor from the next year; f: a mentor since 2022, open.
    rows = [("a", "mentoring", "mentor", dt.date(y, 2, 1), None), ("b", "mentoring", "mentor", dt.date(2022, 9, 1),
            dt.date(y - 1, 6, 30)), ("c", "mentoring", "mentee", dt.date(y, 2, 1), None),
            ("d", "teacher_pair", "mentor", dt.date(y, 2, 1), None), ("e", "mentoring", "mentor",
            dt.date(y + 1, 1, 10), None), ("f", "mentoring", "mentor", dt.date(2022, 9, 1), None)]
    for org, form, role, start, end in rows:
        data.person(f"p_{org}", org).participation(f"p_{org}", form, start, end, role=role)
    store = open_store(tmp_path / "store.sqlite")
    try:
        data.save(store)
        config = _config("myregion_mentoring_organizations_share", registry)
        [r] = [r for r in compute(config, store, year=y, registry=registry) if r.indicator_id == "orgs_mentoring"]
    finally:
        store.close()
    # By hand: organizations a and f had a mentor of mentoring during 2024; six organizations in all.
    assert (r.numerator, r.denominator) == (2, 6)
    assert r.value == pytest.approx(100 * 2 / 6)


def test_validate_imports_a_python_formula_and_names_the_nearest_function_for_a_typo(myregion):
    from efs.conformance import validate
    from efs.model.formula import Formula

    module, _ = myregion

    class Typos:
        @hookimpl
        def efs_formulas(self):
            return [Formula(id="typo", name="с опечаткой", python="efs_myregion.formulas:mentoring_organization_share"),
                    Formula(id="no_module", name="без модуля", python="efs_myregion.formulaz:formulas"),
                    Formula(id="not_a_path", name="не путь", python="efs_myregion.formulas")]

    pm = get_plugin_manager(entry_points=False)
    pm.register(Typos(), name="typos")
    pm.register(type("Guide", (), {"efs_formulas": hookimpl(lambda self: module.formulas())})(), name="myregion")
    registry = Registry.build(pm)
    messages = {}
    for formula in ("typo", "no_module", "not_a_path", "myregion_mentoring_organizations_share"):
        found = validate(_config(formula, registry), registry=registry, select=["EFS168"])
        messages[formula] = [f.message for f in found]
    assert messages["myregion_mentoring_organizations_share"] == []
    [typo] = messages["typo"]
    assert "«efs_myregion.formulas:mentoring_organization_share» не найдена" in typo
    assert "возможно, имелось в виду «mentoring_organizations_share»" in typo and "плагина «typos»" in typo
    assert messages["no_module"] == [
        "показатель «Доля организаций, в которых есть наставник»: формула «no_module» плагина «typos»: функция Python "
        "«efs_myregion.formulaz:formulas» не найдена: нет модуля «efs_myregion.formulaz»"]
    assert "не «модуль:функция»" in messages["not_a_path"][0]


def test_the_guide_keeps_sqlalchemy_out_of_the_module_import():
    code = guide_block("# efs_myregion/formulas.py")
    top = [line for line in code.splitlines() if line.startswith(("import ", "from "))]
    assert top == ["from efs.plugin import Formula"]


def test_the_guides_plugin_runs_its_rule_only_on_configurations_that_require_it(tmp_path, monkeypatch):
    from efs.conformance import validate
    from efs.loading import load_configuration

    package = tmp_path / "efs_myregion"
    (package / "documents").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "plugin.py").write_text(guide_block("# efs_myregion/plugin.py"), encoding="utf-8")
    (package / "documents" / "myregion.txt").write_text("3.1. Опорный центр Северного района\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m.startswith("efs_myregion")]:
        monkeypatch.delitem(sys.modules, name)
    pm = get_plugin_manager(entry_points=False)
    pm.register(importlib.import_module("efs_myregion.plugin"), name="myregion")
    registry = Registry.build(pm)
    assert registry.documents["polozhenie.txt"].provenance.plugin == "myregion"

    def run(plugins: list[str]) -> list[str]:
        config = load_configuration({
            "format_version": 1, "plugins": plugins,
            "jurisdiction": {"id": "myregion", "name": "Мой регион", "level": "municipal",
                             "document": "polozhenie.txt"},
            "subjects": [{"id": "hub", "name": "Опорный центр Северного района", "kind": "support_hub",
                          "level": "municipal", "source": {"line": 1}}],
        }, registry=registry)
        return [f.code for f in validate(config, registry=registry, select=["MYR001", "EFS02"])]

    assert run(["myregion"]) == ["MYR001"]  # and its source checked against the plugin's document
    assert run([]) == []
