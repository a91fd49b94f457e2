"""The readings of the documents' words: the building blocks they need, on hand-built data worked out by hand.

Each test states the document's words it checks and counts the rows as a reader of those words would.
"""

from __future__ import annotations

import pytest

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024

SUBJECTS = [
    {
        "id": "institute",
        "name": "Институт развития образования",
        "short_name": "ИРО",
        "kind": "dpo_institute",
        "level": "regional",
    },
    {
        "id": "cnppm",
        "name": "Центр непрерывного повышения профессионального мастерства педагогических работников",
        "short_name": "ЦНППМ",
        "kind": "cnppm",
        "level": "regional",
        "host": "institute",
    },
    {"id": "college", "name": "Педагогический колледж", "kind": "college", "level": "regional"},
]
ACTORS = [{"id": "academy", "name": "Академия Минпросвещения России"}]


def config(config_for, formula, unit="%"):
    return config_for(
        [{"id": "x", "text": "Показатель", "unit": unit, "formula": formula}], subjects=SUBJECTS, actors=ACTORS
    )


def one(store, cfg, registry, year=YEAR, by="jurisdiction"):
    [r] = [
        r
        for r in compute(cfg, store, year=year, by=by, registry=registry, show_small=True)
        if r.indicator_id == "x" and r.sub_measure is None
    ]
    return r


def staff(n: int = 4) -> Data:
    data = Data().municipality("m").organization("o", "m")
    for i in range(n):
        data.person(f"p{i}", "o")
    return data


def test_provider_subject_counts_diagnostics_run_by_the_centre_under_any_of_its_names(store, config_for, registry):
    # «прошедших диагностику профессиональных дефицитов в ЦНППМ»
    data = staff(5)
    data.diagnostic("p0", "professional_deficits", d(YEAR), provider="ЦНППМ")
    data.diagnostic("p1", "professional_deficits", d(YEAR), provider="Центр непрерывного повышения "
                    "профессионального мастерства педагогических работников")
    data.diagnostic("p2", "professional_deficits", d(YEAR), provider="ФИОКО")
    data.diagnostic("p3", "professional_deficits", d(YEAR), provider=None)
    data.diagnostic("p4", "functional_literacy", d(YEAR), provider="ЦНППМ")
    data.save(store)
    formula = {
        "population": "teachers",
        "numerator": [{"took_diagnostic": {"kind": "professional_deficits", "provider_subject": ["cnppm"]}}],
    }
    r = one(store, config(config_for, formula), registry)
    assert (r.numerator, r.denominator) == (2, 5)  # p0, p1; ФИОКО, no provider and another kind are not


def test_a_subject_stands_for_the_subjects_it_hosts(store, config_for, registry):
    data = staff(3)
    data.diagnostic("p0", "professional_deficits", d(YEAR), provider="ИРО")
    data.diagnostic("p1", "professional_deficits", d(YEAR), provider="ЦНППМ")  # hosted by the institute
    data.save(store)
    formula = {"population": "teachers", "numerator": [{"took_diagnostic": {"provider_subject": "institute"}}]}
    assert one(store, config(config_for, formula), registry).numerator == 2


def test_an_unknown_subject_in_a_formula_is_a_located_error(config_for, registry):
    from efs.errors import ConfigurationError
    from efs.indicators.plan import plan_indicators

    formula = {"population": "teachers", "numerator": [{"took_diagnostic": {"provider_subject": "cnpm"}}]}
    cfg = config(config_for, formula)
    with pytest.raises(ConfigurationError) as exc:
        plan_indicators(cfg, registry)
    assert "cnpm" in str(exc.value) and "cnppm" in str(exc.value)  # with the nearest id


def programmes() -> Data:
    data = staff(2)
    data.programme("own_innov", innovation=True).programme("own").programme("fed_innov", innovation=True)
    data.programme("unknown")
    rows = data.rows["programmes"]
    rows[0]["developer"] = "ЦНППМ"
    rows[1]["developer"] = "Педагогический колледж"
    rows[2]["developer"] = "Академия Минпросвещения России"
    rows[3]["developer"] = None
    return data.monitored(YEAR)


def test_developed_by_system_keeps_only_programmes_of_the_systems_subjects(store, config_for, registry):
    # «от общего количества ДПП, разработанных субъектами РС НМС»
    programmes().save(store)
    formula = {
        "population": "programmes",
        "where": [{"programme": {"developed_by_system": True}}],
        "numerator": [{"programme": {"innovation_based": True}}],
    }
    r = one(store, config(config_for, formula), registry)
    assert (r.numerator, r.denominator) == (1, 2)  # own_innov of own_innov, own; the Academy is an actor


def test_developer_subject_on_a_completion(store, config_for, registry):
    # «прошедших обучение по ДПП, разработанным организацией и включенным в ФР»
    data = programmes()
    data.rows["programmes"][0]["in_federal_registry"] = True
    data.rows["programmes"][2]["in_federal_registry"] = True
    data.completion("p0", "own_innov", d(YEAR)).completion("p1", "fed_innov", d(YEAR))
    data.save(store)
    formula = {
        "population": "teachers",
        "where": [{"completed_programme": {}}],
        "numerator": [{"completed_programme": {"federal_registry": True, "developer_subject": ["institute"]}}],
    }
    r = one(store, config(config_for, formula), registry)
    assert (r.numerator, r.denominator) == (1, 2)  # the centre (hosted by the institute) developed own_innov


def test_developed_by_system_false_is_refused(config_for, registry):
    from efs.errors import ConfigurationError
    from efs.indicators.plan import plan_indicators

    cfg = config(config_for, {"population": "programmes", "where": [{"programme": {"developed_by_system": False}}]})
    with pytest.raises(ConfigurationError, match="только true"):
        plan_indicators(cfg, registry)


def routes() -> Data:
    data = staff(5)
    data.diagnostic("p0", "professional_deficits", d(YEAR, 2), provider="ЦНППМ")
    data.route("p0", d(YEAR, 9))  # drawn up this year, after the centre's diagnostic
    data.diagnostic("p1", "professional_deficits", d(YEAR - 1, 2), provider="ЦНППМ")
    data.route("p1", d(YEAR - 1, 9))  # drawn up last year, still running
    data.diagnostic("p2", "professional_deficits", d(YEAR, 2), provider="ФИОКО")
    data.route("p2", d(YEAR, 9))  # based on another provider's diagnostic
    data.diagnostic("p3", "professional_deficits", d(YEAR, 10), provider="ЦНППМ")
    data.route("p3", d(YEAR, 9))  # the centre's diagnostic came after the route
    data.route("p4", d(YEAR - 2, 1), d(YEAR - 1, 6))  # ended last year
    return data


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"p0", "p1", "p2", "p3"}),
        ({"started_in_period": True}, {"p0", "p2", "p3"}),
        ({"started_in_period": False}, {"p1"}),
        ({"diagnostic_provider_subject": ["cnppm"]}, {"p0", "p1"}),
        ({"diagnostic_provider": ["ФИОКО"]}, {"p2"}),
        ({"started_in_period": True, "diagnostic_provider_subject": ["cnppm"]}, {"p0"}),
    ],
)
def test_routes_drawn_up_in_the_year_and_based_on_the_centres_diagnostic(
    store, config_for, registry, params, expected
):
    # «для которых разработаны ИОМ на основе результатов диагностики профессиональных дефицитов в ЦНППМ»
    routes().save(store)
    formula = {"population": "teachers", "numerator": [{"individual_route": params}]}
    assert one(store, config(config_for, formula), registry).numerator == len(expected)


def test_a_completion_selected_by_the_centres_diagnostic(store, config_for, registry):
    # «подобранные с учетом диагностики профессиональных дефицитов в ЦНППМ»
    data = staff(3).programme("reg", registry=True)
    data.diagnostic("p0", "professional_deficits", d(YEAR, 2), provider="ЦНППМ")
    data.completion("p0", "reg", d(YEAR, 5), by_diagnostics=True)
    data.diagnostic("p1", "professional_deficits", d(YEAR, 2), provider="ИРО")
    data.completion("p1", "reg", d(YEAR, 5), by_diagnostics=True)
    data.diagnostic("p2", "professional_deficits", d(YEAR, 6), provider="ЦНППМ")
    data.completion("p2", "reg", d(YEAR, 5), by_diagnostics=True)  # diagnosed after completing
    data.save(store)
    formula = {
        "population": "teachers",
        "numerator": [
            {
                "completed_programme": {
                    "federal_registry": True,
                    "selected_by_diagnostics": True,
                    "diagnostic_provider_subject": ["cnppm"],
                }
            }
        ],
    }
    assert one(store, config(config_for, formula), registry).numerator == 1


def test_post_course_support_tied_to_the_course_completed_in_the_year(store, config_for, registry):
    # «охваченных посткурсовым сопровождением от общего числа педагогов, прошедших курсы»
    data = staff(5).programme("a").programme("b")
    data.completion("p0", "a", d(YEAR, 3)).add("post_course_support", staff_id="p0", programme_id="a",
                                                started_on=d(YEAR, 4))
    data.completion("p1", "a", d(YEAR, 3)).add("post_course_support", staff_id="p1", programme_id="b",
                                                started_on=d(YEAR, 4))  # support after another course
    data.completion("p2", "a", d(YEAR, 3)).add("post_course_support", staff_id="p2", programme_id="a",
                                                started_on=d(YEAR, 2))  # began before the course ended
    data.completion("p3", "a", d(YEAR, 3)).add("post_course_support", staff_id="p3", programme_id="a",
                                                started_on=d(YEAR + 1, 1))  # after the report year
    data.completion("p4", "b", d(YEAR - 1, 11)).add("post_course_support", staff_id="p4", programme_id="b",
                                                     started_on=d(YEAR, 1))  # last year's course
    data.save(store)
    tied = {
        "population": "teachers",
        "where": [{"completed_programme": {}}],
        "numerator": [{"post_course_support": {"after_completed_programme": True}}],
    }
    r = one(store, config(config_for, tied), registry)
    assert (r.numerator, r.denominator) == (1, 4)  # p0 only; p4 completed nothing this year
    loose = {**tied, "numerator": ["post_course_support"]}
    assert one(store, config(config_for, loose), registry).numerator == 3  # p0, p1, p2


def test_since_counts_cumulatively_from_the_first_of_january_of_that_year(store, config_for, registry):
    data = Data().municipality("m")
    for tid, year in (("a", 2020), ("b", 2021), ("c", 2023), ("d", YEAR), ("e", YEAR + 1)):
        data.team(tid, "m").training(tid, d(year))
    data.monitored(2019).save(store)
    formula = {"population": "management_teams", "where": ["trained"], "since": 2021}
    cfg = config(config_for, formula, unit="ед.")
    assert one(store, cfg, registry).numerator == 3  # b, c, d
    assert one(store, cfg, registry, year=2021).numerator == 1  # b
    assert one(store, cfg, registry, year=2019).numerator == 0  # before since: only the report year (monitored)


def test_since_and_window_together_are_refused():
    from efs.indicators.spec import SpecErrors, parse_formula

    with pytest.raises(SpecErrors, match="не задаются вместе"):
        parse_formula({"population": "management_teams", "where": ["trained"], "since": 2021, "window": 2})


def _quotes(text: str) -> list[str]:
    """The outermost «…» quotations of a text (nested quotes kept inside)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "«":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "»" and depth:
            depth -= 1
            if depth == 0:
                out.append(text[start:i])
    return out


def test_every_quotation_in_a_reading_is_the_documents_own_words(registry):
    """A reading quotes the document verbatim: each «…» (split at «…» ellipses) is found in the cited document."""
    from efs import documents
    from tests.conftest import shipped_document

    missing = []
    checked = 0
    for formula in registry.formulas.values():
        assert formula.source is not None and formula.source.document, formula.id
        index = documents.index(shipped_document(formula.source.document, registry))
        texts = [formula.reading or "", *(alt.reading for alt in formula.alternatives)]
        for text in texts:
            for quote in _quotes(text):
                for piece in (p.strip(" ,.") for p in quote.split("…")):
                    if not piece:
                        continue
                    checked += 1
                    if not index.lines_of(piece):
                        missing.append(f"{formula.id}: «{piece}» нет в {formula.source.document}")
    assert checked > 40
    assert not missing, "\n".join(missing)


def test_explain_shows_the_chosen_reading_and_the_other_with_its_value(tmp_path, capsys):
    """A formula written inline states its reading and an alternative; --explain prints both values."""
    from efs.cli import run
    from efs.data.store import open_store

    path = tmp_path / "c.yaml"
    path.write_text(
        "format_version: 1\n"
        "jurisdiction: {id: testland, name: Тестовая область, level: regional, document: t.txt}\n"
        "indicators:\n"
        "  - id: routes\n"
        "    text: Доля педагогов, для которых разработаны ИОМ\n"
        "    unit: '%'\n"
        "    formula:\n"
        "      population: teachers\n"
        "      numerator: [{individual_route: {started_in_period: true}}]\n"
        "      reading: разработаны в году\n"
        "      alternatives:\n"
        "        - reading: действовали в году\n"
        "          blocks: {population: teachers, numerator: [individual_route]}\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.sqlite"
    with open_store(db) as store:
        data = staff(10)
        for i in range(3):
            data.route(f"p{i}", d(YEAR, 9))
        for i in range(3, 8):
            data.route(f"p{i}", d(YEAR - 1, 9))
        data.save(store)
    code = run(["indicators", str(path), "--year", str(YEAR), "--db", str(db), "--explain", "routes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Выбранное прочтение: разработаны в году" in out
    assert "Другое прочтение 2: действовали в году" in out
    chosen, other = out.split("прочтение 1 (выбранное):")[1].split("прочтение 2:")
    assert "3 / 10 → 30 %" in chosen and "8 / 10 → 80 %" in other  # Russian numbers: whole ones whole
