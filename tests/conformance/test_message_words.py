"""Findings speak Russian: no message names a kind, role, function, federal indicator or enum value by its id.

Every rule runs over the four bundled configurations (with their plugins' rules and documents), over the
triggering overlay of every rule's case file (so each rule speaks at least once) and over one mutant of
each operator of ``bench/mutation.py`` that changes a configuration's items (seeded mistakes). The ids are
collected from the catalogue and the model, not from the rules: the Concept's kinds of subjects and their roles, the
functions, the federal indicators, every enumeration of :mod:`efs.model` — and, per configuration, the ids
of its named items (subjects, actors, indicators, measures, acts, agreements). Each has a Russian name or a
number in the document a message can use instead (:mod:`efs.conformance.labels`).

EFS168 is left out: it reports a mistake inside a formula, and must quote the formula's own words
(«неизвестное условие «no_such_condition»; допустимы: took_diagnostic, …») for the author to find it.
"""

from __future__ import annotations

import enum
import re
import sys
from pathlib import Path

import pytest
import yaml

from efs.conformance.core_rules import RULES
from tests.conformance.conftest import AS_OF, CASES, base_config, case, overlay

ROOT = Path(__file__).resolve().parents[2]
QUOTES_FORMULA = {"EFS168"}
#: The operators of bench/mutation.py that change what a message interpolates: the configuration's items.
CONFIG_OPERATORS = {"drop_targets", "share_without_base", "vague_deadline", "repeated_measure", "no_responsible",
                    "altered_federal"}
TOKEN = re.compile(r"(?<![\w./\\-])[A-Za-z][A-Za-z0-9_]*(?![\w/])")


@pytest.fixture(scope="module")
def vocabulary(registry):
    """Every id with a Russian name: kinds, roles, functions, federal indicators, enum values of the model."""
    import efs.model as model
    from efs.concept.roles import ROLES

    ids = set(registry.kinds) | {r for k in registry.kinds.values() for r in k.fills_roles}
    ids |= {r.id for r in ROLES} | set(registry.functions) | set(registry.indicators)
    for name in dir(model):
        value = getattr(model, name)
        if isinstance(value, type) and issubclass(value, enum.Enum):
            ids |= {str(m.value) for m in value if isinstance(m.value, str)}
    return {i for i in ids if len(i) > 2}


def own_ids(config) -> set[str]:
    """The ids of a configuration's named items (subjects, actors, indicators, measures, acts, agreements)."""
    items = [*config.subjects, *config.actors, *config.indicators, *config.roadmap, *config.legal_basis,
             *config.agreements]
    return {i.id for i in items if len(i.id) > 2}


def leaks(findings, vocabulary, config=None) -> list[str]:
    words = vocabulary | (own_ids(config) if config is not None else set())
    return [f"{f.code}: {f.message}" for f in findings if f.code not in QUOTES_FORMULA
            and set(TOKEN.findall(f.message)) & words]


def test_the_vocabulary_holds_the_ids_a_message_once_showed(vocabulary):
    assert {"municipal_authority", "coordination", "federal_2", "regional", "at_least"} <= vocabulary


@pytest.mark.parametrize("name", ["amur", "megion", "turochak", "tyumen"])
def test_no_id_in_the_findings_on_a_bundled_configuration(name, registry, vocabulary):
    from efs.conformance import validate
    from efs.loading import load_configuration

    config = load_configuration(ROOT / "config" / f"{name}.yaml", registry=registry)
    found = validate(config, registry=registry, as_of=AS_OF)
    assert found, "проверка что-то находит в каждом положении"
    assert leaks(found, vocabulary, config) == []


def test_no_id_in_the_findings_of_any_rule_on_its_triggering_case(registry, vocabulary, tmp_path):
    from efs.conformance import validate
    from efs.loading import load_configuration

    base = base_config(registry)
    spoke: set[str] = set()
    bad: list[str] = []
    for rule in RULES:
        if not (CASES / f"{rule.code}.yaml").exists():
            continue
        data = case(rule.code)
        document = data["document_for"].get("triggers") if "document_for" in data else data.get("document")
        config = overlay(base, data["triggers"])
        source: object = config
        if document is not None:
            (tmp_path / config["jurisdiction"]["document"]).write_text(document, encoding="utf-8")
            source = tmp_path / "config.yaml"
            source.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        loaded = load_configuration(source, registry=registry)
        found = validate(loaded, registry=registry, as_of=AS_OF)
        spoke |= {f.code for f in found}
        bad += leaks(found, vocabulary, loaded)
    assert bad == []
    assert {"EFS121", "EFS131", "EFS162", "EFS163"} <= spoke


def test_no_id_in_the_findings_on_mutated_documents(registry, vocabulary, tmp_path):
    from efs.conformance import validate
    from efs.loading import load_configuration

    sys.path.insert(0, str(ROOT))
    try:
        from bench.mutation import mutants
    finally:
        sys.path.remove(str(ROOT))
    picked = {}  # one of each operator that changes the configuration (the document ones quote its text)
    for m in mutants(15):
        if m.operator in CONFIG_OPERATORS:
            picked.setdefault(m.operator, m)
    assert set(picked) == CONFIG_OPERATORS
    bad: list[str] = []
    for k, m in enumerate(picked.values()):
        folder = tmp_path / str(k)
        folder.mkdir()
        (folder / m.config["jurisdiction"]["document"]).write_text("\n".join(m.lines), encoding="utf-8")
        path = folder / "config.yaml"
        path.write_text(yaml.safe_dump(m.config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        loaded = load_configuration(path, registry=registry)
        found = validate(loaded, registry=registry, as_of=AS_OF)
        bad += [f"{m.operator}/{m.jurisdiction}: {x}" for x in leaks(found, vocabulary, loaded)]
    assert bad == []
