"""What every bundled configuration guarantees, whichever document it encodes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shipped_document

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["amur", "megion", "tyumen", "turochak"]


def _items(config):
    s = config.system
    items = [
        *config.subjects, *config.actors, *config.indicators, *config.agreements, *config.roadmap,
        *config.legal_basis, *config.glossary, *s.tasks, *s.principles, *s.approaches, *s.directions,
        *s.notes, *s.interaction_subjects, *s.interaction_channels, *config.jurisdiction.annexes,
    ]
    items += [x for x in (s.goal, config.jurisdiction.adopted_by, config.monitoring) if x is not None]
    items += [f for sub in config.subjects for f in sub.functions]
    items += [a for sub in config.subjects for a in sub.aliases]
    items += [t for m in config.roadmap for t in m.thresholds]
    return items


@pytest.mark.parametrize("name", NAMES)
def test_every_item_has_a_source_line_inside_its_document(name, bundled_configs, registry):
    config = bundled_configs[name]
    n_lines = len(shipped_document(config.jurisdiction.document, registry).lines)
    for item in _items(config):
        assert item.source is not None and item.source.line is not None, item
        assert 1 <= item.source.line <= n_lines, item


@pytest.mark.parametrize("name", NAMES)
def test_every_function_bullet_maps_to_a_registered_function(name, bundled_configs, registry):
    for s in bundled_configs[name].subjects:
        for f in s.functions:
            assert f.function in registry.functions, (s.id, f.function)
            assert not f.text.startswith(("-", "–", "·")), f.text


@pytest.mark.parametrize("name", NAMES)
def test_every_indicator_formula_is_registered(name, bundled_configs, registry):
    for ind in bundled_configs[name].indicators:
        assert ind.formula in registry.formulas, (ind.number, ind.formula)


@pytest.mark.parametrize("name", NAMES)
def test_configuration_is_complete_not_a_placeholder(name):
    head = (ROOT / "config" / f"{name}.yaml").read_text("utf-8")[:2000]
    assert "ЧАСТИЧНАЯ КОДИРОВКА" not in head


@pytest.mark.parametrize("name", NAMES)
def test_bundled_configuration_raises_no_load_errors(name, bundled_configs, registry):
    from efs.conformance.engine import validate

    codes = {f.code for f in validate(bundled_configs[name], registry=registry)}
    assert not codes & {"EFS001", "EFS002", "EFS003", "EFS004", "EFS005"}
