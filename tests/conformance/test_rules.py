"""Every rule of the core, on a configuration that triggers it and on one that does not."""

from __future__ import annotations

import datetime as dt

import pytest

from efs.conformance.core_rules import RULES
from tests.conformance.conftest import AS_OF, CASES, case

CHECKED = [r for r in RULES if not r.engine_reported]


def test_at_least_25_rules_with_stable_unique_codes_and_slugs():
    assert len(CHECKED) >= 25
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.slug for r in RULES}) == len(RULES)
    assert all(r.code.startswith("EFS") and r.rationale and r.recommendation and r.example for r in RULES)


def test_every_rule_has_a_case_file():
    missing = [r.code for r in CHECKED if not (CASES / f"{r.code}.yaml").exists()]
    assert missing == []


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: f"{r.code}-{r.slug}")
def test_rule_triggers_with_located_message(rule, run_rule):
    data = case(rule.code)
    findings = run_rule(rule.code, data["triggers"], document=_document(data, "triggers"))
    assert findings, f"{rule.code} ничего не нашло"
    text = " | ".join(f.message for f in findings)
    for expected in data["expect"]:
        assert expected in text
    for f in findings:
        assert f.slug == rule.slug and f.severity == rule.severity
        assert f.location.path, "находка должна указывать узел конфигурации"


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: f"{r.code}-{r.slug}")
def test_rule_is_silent_on_clean_configuration(rule, run_rule):
    data = case(rule.code)
    as_of = dt.date.fromisoformat(data.get("clean_as_of", AS_OF.isoformat()))
    assert run_rule(rule.code, data["clean"], as_of=as_of, document=_document(data, "clean")) == []


def _document(data, which: str) -> str | None:
    """The document text a case gives for its triggering or its clean configuration (``None``: no document)."""
    if "document_for" in data:
        return data["document_for"].get(which)
    return data.get("document")


def test_repeated_measure_similarity_is_difflib_ratio():
    """EFS233's filtered comparison answers exactly as ``SequenceMatcher.ratio() >= 0.92`` (the rule's
    definition), on pairs around the threshold: equal, one letter off, reordered, other lengths, unrelated."""
    import difflib
    import random

    from efs.conformance.rules_complete import _similar

    base = "проведение муниципального конкурса профессионального мастерства педагогических работников"
    rng = random.Random(233)
    texts = [base, base[::-1], base.upper(), "участие в мероприятиях муниципальной системы", ""]
    for _ in range(300):
        chars = list(base)
        for _ in range(rng.randint(0, 12)):
            k = rng.randrange(len(chars))
            op = rng.randrange(3)
            if op == 0:
                chars[k] = rng.choice("абвгдеёжзийклмнопрстуфхцчшщъыьэюя ")
            elif op == 1:
                del chars[k]
            else:
                chars.insert(k, rng.choice("абвгде "))
        texts.append("".join(chars))
    answers = set()
    for b in texts[:40]:
        matcher = difflib.SequenceMatcher(None, "", b, autojunk=False)
        for a in texts:
            expected = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.92
            assert _similar(matcher, a) == expected, (a, b)
            answers.add(expected)
    assert answers == {True, False}
