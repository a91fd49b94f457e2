"""docs/rules.md is generated from the rules' metadata (the pre-commit hook: tests/test_precommit.py)."""

from __future__ import annotations

from pathlib import Path

from efs.conformance.docs import core_rules, markdown

ROOT = Path(__file__).resolve().parents[2]


def test_rules_md_is_current():
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == markdown(core_rules()), (
        "обновите: efs rules --core --format markdown -o docs/rules.md"
    )


def test_every_rule_is_documented_with_its_code_and_slug():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in core_rules():
        assert f"### {rule.code} `{rule.slug}`" in text

