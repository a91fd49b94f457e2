"""A bullet that names several functions covers each; a branch shares the functions of its whole."""

from __future__ import annotations

import pytest

from efs.errors import ConfigurationError


def _with_bullet(base, bullet):
    """The base with every institutional subject reduced to the one ``bullet``."""
    subjects = [dict(s) for s in base["subjects"]]
    for s in subjects:
        if s["level"] == "institutional":
            s["functions"] = [bullet]
    return {"subjects": subjects}


def test_also_covers_a_required_function(run_rule, base):
    only_primary = {"function": "mentoring", "text": "взаимообучение, в том числе наставничество"}
    gaps = {f.item for f in run_rule("EFS131", _with_bullet(base, only_primary))}
    assert "institutional:experience_dissemination" in gaps
    both = dict(only_primary, also=["experience_dissemination"])
    gaps = {f.item for f in run_rule("EFS131", _with_bullet(base, both))}
    assert "institutional:experience_dissemination" not in gaps and "institutional:mentoring" not in gaps


def test_unknown_also_is_a_located_load_error(registry, base):
    from efs.loading import load_configuration
    from tests.conformance.conftest import overlay

    data = overlay(base, _with_bullet(base, {"function": "mentoring", "also": ["mentorng"], "text": "т"}))
    with pytest.raises(ConfigurationError) as err:
        load_configuration(data, registry=registry)
    assert "mentorng" in str(err.value) and "mentoring" in str(err.value)


def test_coverage_matrix_counts_also(registry, base):
    from efs.conformance.coverage import coverage_matrix
    from efs.loading import load_configuration
    from tests.conformance.conftest import overlay

    bullet = {"function": "mentoring", "also": ["experience_dissemination"], "text": "т"}
    config = load_configuration(overlay(base, _with_bullet(base, bullet)), registry=registry)
    rows = {r["id"]: r for r in coverage_matrix(config, registry)["functions"]}
    assert rows["experience_dissemination"]["cells"].get("council") == 1  # and not only the primary id
    assert "institutional" not in rows["experience_dissemination"]["uncovered_at"]


def test_branch_without_bullets_shares_the_functions_of_its_whole(run_rule):
    whole = {"id": "centre", "name": "ЦНППМ", "kind": "cnppm", "level": "regional",
             "functions": [{"function": "diagnostics", "text": "диагностика"}]}
    branch = {"id": "branch", "name": "ЦНППМ г. Ишима", "kind": "cnppm", "level": "regional", "part_of": "centre"}
    assert run_rule("EFS130", {"+subjects": [whole, branch]}) == []
    orphan = {k: v for k, v in branch.items() if k != "part_of"}
    assert [f.item for f in run_rule("EFS130", {"+subjects": [whole, orphan]})] == ["branch"]
