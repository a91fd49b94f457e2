"""Formulas exist for every indicator, resolve, and bad formulas are reported with their location."""

from __future__ import annotations

import textwrap

import pytest

from efs.errors import ConfigurationError
from efs.indicators.plan import plan_indicators
from efs.indicators.spec import SpecErrors, parse_formula


def test_every_federal_indicator_has_a_formula_that_resolves(registry):
    for ind in registry.indicators.values():
        assert ind.formula, f"{ind.id} без формулы"
        assert isinstance(ind.formula, dict) or ind.formula in registry.formulas, ind.id


def test_every_indicator_of_every_bundled_configuration_has_a_formula(bundled_configs, registry):
    for name, cfg in bundled_configs.items():
        for plan in plan_indicators(cfg, registry):
            assert plan.formula is not None, (
                f"{name}: у показателя {plan.indicator.id} нет формулы ({plan.problem})"
            )


def test_every_registered_formula_compiles(registry):
    from efs.indicators.plan import resolve_named
    from efs.indicators.sql import FormulaContext

    for formula in registry.formulas.values():
        resolved = resolve_named(formula)
        query = resolved.build(FormulaContext("x", 2024))[0]
        assert {"municipality_id", "organization_id", "numerator", "denominator", "base"} <= set(
            query.selected_columns.keys()
        )
        assert formula.reading, f"формула {formula.id} без выбранного прочтения"


def test_an_invalid_formula_in_a_configuration_is_reported_with_file_line_and_every_problem(
    tmp_path, registry
):
    path = tmp_path / "bad.yaml"
    path.write_text(
        textwrap.dedent("""\
        format_version: 1
        jurisdiction: {id: badland, name: Плохая область, level: regional, document: x.txt}
        indicators:
          - id: a
            text: Доля
            unit: "%"
            formula:
              population: teachers
              numerator:
                - took_diagnostic: {kind: astrology}
                - trained
          - id: b
            text: Количество
            unit: ед.
            formula: no_such_formula
        """),
        encoding="utf-8",
    )
    from efs.loading import load_configuration

    cfg = load_configuration(path, registry=registry)
    with pytest.raises(ConfigurationError) as exc:
        plan_indicators(cfg, registry)
    text = str(exc.value)
    assert "bad.yaml:10" in text and "astrology" in text  # the kind, on its line
    assert "bad.yaml:11" in text and "неприменимо" in text  # trained is for management teams
    assert "bad.yaml:15" in text and "no_such_formula" in text


def test_efs_indicators_reports_a_bad_formula_without_a_traceback(tmp_path, capsys):
    from efs.cli import run

    path = tmp_path / "bad.yaml"
    path.write_text(
        "format_version: 1\njurisdiction: {id: badland, name: П, level: regional, document: x.txt}\n"
        "indicators:\n  - {id: a, text: Д, unit: '%', formula: {population: teachrs}}\n",
        encoding="utf-8",
    )
    code = run(["indicators", str(path), "--year", "2024", "--db", str(tmp_path / "s.sqlite")])
    err = capsys.readouterr().err
    assert code == 1 and "bad.yaml:4" in err and "teachrs" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("formula", "fragment"),
    [
        ([], "словарём"),
        ({"population": "teachers", "nonsense": 1}, "неизвестный ключ"),
        ({"numerator": ["participated"]}, "population"),
        ({"population": "teachers", "numerator": [{"participated": {"forms": ["dancing"]}}]}, "dancing"),
        ({"population": "teachers", "numerator": [{"age_below": "young"}]}, "число"),
        ({"population": "teachers", "window": 0}, "window"),
        ({"population": "teachers", "sub_measures": []}, "только в доле"),
        ({"numerator": {"population": "teachers"}}, "denominator"),
        ({"population": "teachers", "measure": "participants"}, "мера"),
        ({"population": "teachers", "numerator": [{"a": 1, "b": 2}]}, "одного ключа"),
    ],
)
def test_formula_mistakes_are_explained_in_russian(formula, fragment):
    with pytest.raises(SpecErrors) as exc:
        parse_formula(formula)
    assert fragment in str(exc.value)


def custom_formula(ctx):
    """A Python formula for the test below: organizations with low results, counted."""
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.indicators.sql import CustomQuery

    o = S.organizations
    query = (
        sa.select(
            o.c.municipality_id,
            o.c.id.label("organization_id"),
            sa.func.sum(sa.case((o.c.low_results, 1), else_=0)).label("numerator"),
            sa.cast(sa.null(), sa.Float).label("denominator"),
            sa.func.count().label("base"),
        )
        .where(o.c.jurisdiction_id == ctx.jurisdiction)
        .group_by(o.c.municipality_id, o.c.id)
    )
    return CustomQuery(query, "count", 1.0, (), ("organizations",))


def test_a_python_formula_from_a_plugin_is_computed(store, config_for):
    import pluggy

    from efs.hookspecs import hookimpl
    from efs.indicators import compute
    from efs.model.formula import Formula
    from efs.plugins import get_plugin_manager
    from efs.registry import Registry
    from tests.indicators.data import Data

    class Plugin:
        @hookimpl
        def efs_formulas(self):
            return [
                Formula(
                    id="low_results_count",
                    name="ШНОР",
                    python=f"{__name__}:custom_formula",
                    reading="каждая ШНОР",
                )
            ]

    pm: pluggy.PluginManager = get_plugin_manager(entry_points=False)
    pm.register(Plugin(), name="test_custom")
    registry = Registry.build(pm)
    Data().municipality("m").organization("a", "m", low_results=True).organization("b", "m").monitored(2024).save(store)
    cfg = config_for(
        [{"id": "low", "text": "Количество ШНОР", "unit": "ед.", "formula": "low_results_count"}]
    )
    [r] = [r for r in compute(cfg, store, year=2024, registry=registry) if r.indicator_id == "low"]
    assert (r.numerator, r.value, r.formula_id) == (1, 1, "low_results_count")
