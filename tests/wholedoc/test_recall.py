"""`efs validate` finds in each bundled document what a careful reader finds there, and little else.

The oracle is ``tests/wholedoc/expected/*.yaml``, written from reading each document (every expected finding
with its line and reason), not from the validator's output; ``bench/recall.py`` prints the full table.
"""

from __future__ import annotations

import pytest

from efs.wholedoc.families import FAMILIES
from tests.wholedoc.expectation import compare, expectations, findings_of

#: Families held to ≥ 0.9 recall and precision here (glossary — one definition the text contradicts, EFS242, has
#: no rule yet — and template traces, whose passages a reader cuts differently, are measured by bench/recall.py).
MEASURED = ("names", "consistency", "legal", "complete", "concept")


@pytest.fixture(scope="module")
def scores(registry):
    return {j: compare(e, findings_of(e, registry)) for j, e in expectations().items()}


def test_every_document_has_an_expectation():
    assert sorted(expectations()) == ["amur", "megion", "turochak", "tyumen"]


def test_every_expected_finding_names_a_family_rule_and_line():
    for jurisdiction, expectation in expectations().items():
        for entry in expectation["findings"]:
            family, code = entry["family"], entry["code"]
            assert code in FAMILIES[family][1], f"{jurisdiction}: {code} не из семейства {family}"
            assert isinstance(entry["line"], int) and entry["reason"].strip()


@pytest.mark.parametrize("family", MEASURED)
def test_recall_and_precision_by_family(scores, family):
    missed = [f"{j}: {m}" for j, s in scores.items() for m in s[family].missed]
    unexpected = [f"{j}: {u}" for j, s in scores.items() for u in s[family].unexpected]
    matched = sum(s[family].matched for s in scores.values())
    expected = sum(s[family].expected for s in scores.values())
    reported = sum(s[family].reported for s in scores.values())
    assert expected, f"для семейства {family} нет ожидаемых находок"
    assert matched / expected >= 0.9, "пропущено:\n" + "\n".join(missed)
    assert matched / max(reported, 1) >= 0.9, "лишнее:\n" + "\n".join(unexpected)
