"""Helpers for rule tests: a clean base configuration and a way to run one rule on an overlay of it."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "cases"
AS_OF = dt.date(2026, 11, 23)
#: The formulas of the federal indicators 1–4 (efs.concept.indicators), so the base computes.
FEDERAL_FORMULAS = (
    "federal_registry_by_diagnostics_share",
    "functional_literacy_diagnostics_share",
    "management_teams_trained_count",
    "young_teachers_supported_share",
)


def _functions_for(level: str, registry: Any) -> list[dict[str, Any]]:
    return [
        {"function": f.id, "text": f.name, "source": {"line": 1}}
        for f in registry.functions.values()
        if level in [lv.value for lv in f.required_at]
    ]


def base_config(registry: Any) -> dict[str, Any]:
    """A municipal configuration that fills every role and required function: rules find nothing in it."""
    roles = [
        ("authority", "Управление образования", "municipal_authority", "municipal"),
        ("mms", "Муниципальная методическая служба", "municipal_methodical_service", "municipal"),
        ("mmo", "Муниципальные методические объединения", "municipal_methodical_association", "municipal"),
        (
            "council",
            "Методический совет образовательной организации",
            "school_methodical_council",
            "institutional",
        ),
        (
            "school_mo",
            "Методические объединения образовательной организации",
            "school_methodical_association",
            "institutional",
        ),
    ]
    subjects = [
        {
            "id": i,
            "name": n,
            "kind": k,
            "level": lv,
            "functions": _functions_for(lv, registry),
            "source": {"section": "3", "line": 10 + n_},
        }
        for n_, (i, n, k, lv) in enumerate(roles)
    ]
    return {
        "format_version": 1,
        "jurisdiction": {
            "id": "testland",
            "name": "Тестовый район",
            "level": "municipal",
            "document": "test.txt",
            "adopted_by": {"kind": "приказ", "number": "15-О", "date": "2023-01-10"},
            "source": {"line": 1},
        },
        "legal_basis": [
            {
                "id": "concept",
                "kind": "распоряжение",
                "number": "Р-174",
                "date": "2020-12-16",
                "as_written": "распоряжение от 16.12.2020 № Р-174 (в ред. от 15.12.2022 № Р-303)",
            }
        ],
        "subjects": subjects,
        "indicators": [
            {
                "id": f"ind_{n}",
                "number": str(n),
                "text": f"Показатель {n}",
                "unit": "%",
                "equivalent": [{"id": f"federal_{n}", "rationale": "тот же показатель"}],
                "formula": formula,
                "targets": [
                    {"year": 2024, "value": 80, "unit": "%", "as_written": "к 2024 году – не менее 80%"}
                ],
            }
            for n, formula in enumerate(FEDERAL_FORMULAS, start=1)
        ],
        "roadmap": [
            {
                "id": "m1",
                "number": "1.",
                "text": "Мероприятие",
                "responsible": ["authority"],
                "deadline": {"as_written": "ежегодно", "kind": "recurrence", "frequency": "annually"},
            }
        ],
        "monitoring": {"frequency": "ежегодно", "times_per_year": 1},
    }


def overlay(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` applied: mappings merge key by key, anything else replaces."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if key.startswith("+"):
            out[key[1:]] = [*out.get(key[1:], []), *copy.deepcopy(value)]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = overlay(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return {k: v for k, v in out.items() if v != "__drop__"}


def case(code: str) -> dict[str, Any]:
    """The case file of a rule: ``triggers`` and ``clean`` overlays, ``expect`` substrings, ``as_of``, and the
    ``document`` (its text, or ``document_for: {triggers: …, clean: …}``) when the rule reads it."""
    return yaml.safe_load((CASES / f"{code}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def base(registry):
    return base_config(registry)


@pytest.fixture()
def run_rule(registry, base, tmp_path):
    """``run_rule(code, patch, as_of=AS_OF, document=None)`` → findings of that one rule on the base with ``patch``.

    With ``document`` (the text of ``jurisdiction.document``), the configuration is written to a file with
    the document beside it, so that the source checks have it at hand.
    """
    from efs.conformance import validate
    from efs.loading import load_configuration

    def run(code: str, patch: dict[str, Any], as_of: dt.date = AS_OF, document: str | None = None):
        data = overlay(base, patch)
        source: Any = data
        if document is not None:
            (tmp_path / data["jurisdiction"]["document"]).write_text(document, encoding="utf-8")
            source = tmp_path / "config.yaml"
            source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        config = load_configuration(source, registry=registry)
        return [f for f in validate(config, registry=registry, as_of=as_of, select=[code]) if f.code == code]

    return run
