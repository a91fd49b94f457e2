"""``efs catalogue``: every kind, function, formula and building block, with Russian names (issue 13, friction 2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from efs.cli import run

ROOT = Path(__file__).resolve().parents[1]
CYRILLIC = re.compile(r"[а-яё]", re.I)


def _json(capsys, *args: str) -> dict:
    assert run(["catalogue", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_each_section_lists_every_item_of_the_registry_with_a_russian_name(capsys, registry):
    from efs.indicators.blocks import CONDITIONS, POPULATIONS

    data = _json(capsys)
    assert list(data) == ["kinds", "functions", "formulas", "blocks"]
    assert [k["id"] for k in data["kinds"]] == sorted(registry.kinds)
    assert [f["id"] for f in data["functions"]] == sorted(registry.functions)
    assert [f["id"] for f in data["formulas"]] == sorted(registry.formulas)
    assert {p["id"] for p in data["blocks"]["populations"]} == set(POPULATIONS)
    assert {c["id"] for c in data["blocks"]["conditions"]} == set(CONDITIONS)
    for section in ("kinds", "functions", "formulas"):
        assert all(CYRILLIC.search(e["name"]) for e in data[section]), section


def test_an_entry_says_which_plugin_provides_it_and_how_the_concept_uses_it(capsys, registry):
    data = _json(capsys, "kinds", "functions", "formulas")
    kinds = {k["id"]: k for k in data["kinds"]}
    assert kinds["cnppm_branch"]["plugin"] == "tyumen"
    assert [r["id"] for r in kinds["cnppm_branch"]["fills_roles"]] == ["cnppm"]
    mentoring = next(f for f in data["functions"] if f["id"] == "mentoring")
    assert mentoring["required_at"] == [lv.value for lv in registry.functions["mentoring"].required_at]
    federal = next(f for f in data["formulas"] if f["id"] == "young_teachers_supported_share")
    assert federal["form"] == "blocks" and "federal_4" in federal["indicators"]


def test_text_lists_one_section_with_plugins_named(capsys):
    assert run(["catalogue", "kinds"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Виды субъектов:")
    assert "  networking_site — " in out and "(плагин megion)" in out
    assert "Функции:" not in out


def test_blocks_show_conditions_with_their_parameters_and_choices(capsys):
    assert run(["catalogue", "blocks"]) == 0
    out = capsys.readouterr().out
    assert "took_diagnostic — прошёл диагностику" in out
    assert "kind (list) — вид диагностики: professional_deficits, functional_literacy" in out


def test_an_unknown_section_is_a_russian_error_with_a_suggestion(capsys):
    assert run(["catalogue", "fuctions"]) == 2
    err = capsys.readouterr().err
    assert "нет раздела каталога «fuctions»" in err and "«functions»" in err


def test_a_plugin_registered_in_a_test_appears_in_the_catalogue():
    from efs import catalogue
    from efs.hookspecs import hookimpl
    from efs.model import Level, SubjectKind
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry

    class Plugin:
        @hookimpl
        def efs_subject_kinds(self):
            return [SubjectKind(id="support_hub", name="опорный центр", levels=[Level.municipal])]

    pm = get_plugin_manager(entry_points=False)
    pm.register(Plugin(), name="hubs")
    [hub] = [k for k in catalogue.kinds(Registry.build(pm)) if k["id"] == "support_hub"]
    assert hub == {"id": "support_hub", "name": "опорный центр", "levels": ["municipal"], "fills_roles": [],
                   "description": None, "plugin": "hubs"}


def test_docs_catalogue_is_current(registry):
    from efs.catalogue import markdown

    committed = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    assert committed == markdown(registry), "обновите: efs catalogue --format markdown -o docs/catalogue.md"


@pytest.mark.parametrize("command", ["kinds", "functions", "formulas", "blocks"])
def test_the_guide_to_configurations_points_to_the_commands_that_list_ids(command):
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert f"`efs catalogue {command}`" in text
