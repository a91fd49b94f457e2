"""Primary and secondary suppression: each rule of docs/disclosure.md on a table worked out by hand.

The intruder's linear program over everything published (test_intruder.py) is the audit of the whole;
these tests pin each rule of the method to a small table where the right answer is plain arithmetic.
"""

from __future__ import annotations

import csv
import json
import sqlite3

from click.testing import CliRunner

from efs.indicators import compute
from efs.indicators.disclosure import Tree, protect
from tests.indicators.data import Data, d

YEAR = 2024
J = ("jurisdiction", "j")


def tree(shape: dict[str, list[str]]) -> Tree:
    """municipality → its organisations, under the jurisdiction ``j``."""
    t = Tree(J)
    for muni, orgs in shape.items():
        t.add(("municipality", muni), J)
        for org in orgs:
            t.add(("organization", org), ("municipality", muni))
    return t


def cells(**values: tuple[float, float]) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """``m1=(num, den)`` → a municipality, ``o1=…`` → an organisation, ``j=…`` → the jurisdiction."""
    scope = {"m": "municipality", "o": "organization", "j": "jurisdiction"}
    return {(scope[k[0]], k): [v] for k, v in values.items()}


def org(name: str) -> tuple[str, str]:
    return ("organization", name)


def muni(name: str) -> tuple[str, str]:
    return ("municipality", name)


def test_a_small_cell_alone_takes_the_smallest_sibling_with_it():
    t = tree({"m1": ["o1", "o2", "o3"]})
    v = cells(j=(20, 60), m1=(20, 60), o1=(1, 3), o2=(9, 30), o3=(10, 27))
    hidden = protect(t, v, 5)
    # o1 alone is m1 minus o2 and o3; o3 (27 people) is the smallest sibling that hides it
    assert {org("o1"), org("o3")} <= hidden and org("o2") not in hidden
    assert protect(t, v, 5, secondary=False) == {org("o1")}


def test_hidden_cells_that_count_no_one_are_not_enough():
    t = tree({"m1": ["o1", "o2", "o3", "o4"]})
    # o1 and o2 are small and count no one; m1 counts 5: if they were the only hidden cells, each would be 0 %
    v = cells(j=(5, 40), m1=(5, 40), o1=(0, 3), o2=(0, 4), o3=(0, 8), o4=(5, 25))
    hidden = protect(t, v, 5)
    assert org("o4") in hidden, "the sibling that counts someone joins the hidden ones"
    assert org("o3") not in hidden, "a sibling that counts no one protects nothing"


def test_hidden_cells_that_count_everyone_are_not_enough():
    t = tree({"m1": ["o1", "o2", "o3", "o4"]})
    v = cells(j=(35, 40), m1=(35, 40), o1=(3, 3), o2=(4, 4), o3=(8, 8), o4=(20, 25))
    assert org("o4") in protect(t, v, 5)


def test_a_total_of_zero_is_not_protected_zero_convention():
    t = tree({"m1": ["o1", "o2", "o3"]})
    v = cells(j=(0, 40), m1=(0, 40), o1=(0, 3), o2=(0, 4), o3=(0, 33))
    assert protect(t, v, 5) == {org("o1"), org("o2")}, "m1's 0 % says it of every school; nothing to hide"


def test_hidden_children_together_count_at_least_the_threshold():
    t = tree({"m1": ["o1", "o2", "o3", "o4"]})
    v = cells(j=(20, 63), m1=(20, 63), o1=(1, 2), o2=(1, 1), o3=(8, 30), o4=(10, 30))
    hidden = protect(t, v, 5)
    assert {org("o1"), org("o2")} < hidden, "two small schools of 3 people together are still a small group"


def test_a_lone_child_hides_its_parent_and_the_parents_sibling():
    t = tree({"m1": ["o1"], "m2": ["o2", "o3"], "m3": ["o4"]})
    v = cells(j=(30, 100), m1=(1, 3), o1=(1, 3), m2=(14, 50), o2=(7, 25), o3=(7, 25), m3=(15, 47), o4=(15, 47))
    hidden = protect(t, v, 5)
    # o1 is all of m1: m1 goes (it is small itself), and m1 is the jurisdiction minus m2 and m3, so the
    # smaller of them (m3, 47 people) goes too — and o4, which is all of m3
    assert hidden == {org("o1"), muni("m1"), muni("m3"), org("o4")}


def test_a_hidden_municipality_is_not_given_away_by_its_shown_schools():
    t = tree({"m1": ["o1", "o2"], "m2": ["o3", "o4"], "m3": ["o5", "o6"]})
    v = cells(
        j=(60, 180),
        m1=(20, 60), o1=(10, 30), o2=(10, 30),
        m2=(20, 60), o3=(1, 2), o4=(19, 58),
        m3=(20, 60), o5=(10, 30), o6=(10, 30),
    )
    hidden = protect(t, v, 5)
    assert {org("o3"), org("o4")} <= hidden
    # m2 is shown: o3 + o4 = m2 with two unknowns; nothing forces a municipality
    assert not {muni("m1"), muni("m2"), muni("m3")} & hidden


def young_staff(data: Data, organization: str, n: int, supported: int, prefix: str) -> None:
    for i in range(n):
        pid = f"{prefix}{i}"
        data.person(pid, organization, birth=1996, start=2023)
        if i < supported:
            data.participation(pid, "mentoring", d(YEAR))


YOUNG = {"population": "young_teachers", "numerator": ["participated"]}


def world() -> Data:
    data = (
        Data()
        .municipality("m1").municipality("m2")
        .organization("o1", "m1").organization("o2", "m1").organization("o3", "m1").organization("o4", "m2")
    )
    young_staff(data, "o1", 2, 1, "a")  # small
    young_staff(data, "o2", 12, 6, "b")
    young_staff(data, "o3", 9, 3, "c")
    young_staff(data, "o4", 10, 5, "e")
    return data


def statuses(config, store, registry, **kw):
    return {
        (r.scope, r.scope_id): r.status
        for by in ("jurisdiction", "municipality", "organization")
        for r in compute(config, store, year=YEAR, by=by, registry=registry, **kw)
        if r.indicator_id == "x" and r.sub_measure is None
    }


def test_the_engine_hides_the_same_cells_whichever_scope_is_asked(store, config_for, registry):
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    world().save(store)
    shown = statuses(cfg, store, registry)
    assert shown[org("o1")] == "suppressed"
    assert shown[org("o3")] == "suppressed", "o1 = m1 − o2 − o3 unless the smallest sibling o3 is hidden too"
    assert shown[org("o2")] != "suppressed" and shown[muni("m1")] != "suppressed"
    primary_only = statuses(cfg, store, registry, secondary=False)
    assert [k for k, s in primary_only.items() if s == "suppressed"] == [org("o1")]
    assert "suppressed" not in statuses(cfg, store, registry, show_small=True).values()


def test_indicators_with_the_same_denominator_hide_the_same_cells(store, config_for, registry):
    cfg = config_for([
        {"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG},
        {"id": "y", "text": "Ещё доля", "unit": "%", "formula": {**YOUNG, "numerator": ["took_diagnostic"]}},
    ])
    world().save(store)
    results = [r for by in ("jurisdiction", "municipality", "organization")
               for r in compute(cfg, store, year=YEAR, by=by, registry=registry) if r.sub_measure is None]
    hidden = {i: {(r.scope, r.scope_id) for r in results if r.indicator_id == i and r.status == "suppressed"}
              for i in ("x", "y")}
    assert hidden["x"] == hidden["y"] and org("o1") in hidden["x"]


def test_an_export_without_person_rows_leaves_out_the_returns_of_hidden_cells(tmp_path):
    from efs.cli import cli

    db = str(tmp_path / "amur.sqlite")

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    run("data", "synth", "--db", db, "-j", "amur", "--staff", "1500", "--year", str(YEAR), "--years", "2",
        "--no-analytics")
    results = [r for by in ("municipality", "organization")
               for r in json.loads(run("indicators", "amur", "--db", db, "--year", str(YEAR), "--by", by,
                                       "--format", "json"))["results"]]
    hidden = {(r["indicator_id"], r["scope_id"]) for r in results if r["status"] == "suppressed"}
    run("data", "export", "--db", db, "--output", str(tmp_path / "export"))
    with open(tmp_path / "export" / "aggregate_returns.csv", encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh, delimiter=";"))
    exported = {(row[header.index("Показатель")], row[header.index("Код организации или муниципалитета")])
                for row in rows if int(row[header.index("Год")]) == YEAR}
    with sqlite3.connect(db) as conn:
        stored = set(conn.execute("select indicator_id, scope_id from aggregate_returns where year = ?", (YEAR,)))
    assert stored & hidden, "the synthetic store has hidden municipalities, and some of their returns are small"
    assert not exported & hidden
    assert exported == stored - hidden, "every return of a shown cell is written"


def test_several_scopes_at_once_are_the_scopes_one_by_one(store, config_for, registry):
    cfg = config_for([{"id": "x", "text": "Доля", "unit": "%", "formula": YOUNG}])
    world().save(store)
    scopes = ("jurisdiction", "municipality", "organization")
    together = compute(cfg, store, year=YEAR, by=scopes, registry=registry)
    apart = [r for by in scopes for r in compute(cfg, store, year=YEAR, by=by, registry=registry)]
    assert [r.to_dict() for r in together] == [r.to_dict() for r in apart]
    assert any(r.status == "suppressed" for r in together)


def test_explain_readings_count_the_returns_and_hide_what_efs_indicators_hides(tmp_path):
    """The chosen reading `--explain` prints is the indicator itself, aggregate returns included (were it
    person rows only, the indicator minus it would publish the returns of a hidden municipality), and computing
    the readings alongside, as `--explain` does, hides exactly the cells `efs indicators` hides."""
    from efs.indicators.explain import reading_plans
    from efs.indicators.plan import plan_indicators
    from efs.workspace import Workspace

    with Workspace(str(tmp_path / "s.sqlite"), writable=True) as ws:
        ws.synthesize("amur", staff=1500, year=YEAR, seed=1)
        config = ws.load("amur")
        plans = plan_indicators(config, ws.registry)
        readings = {  # the chosen reading of each indicator that has others → the indicator
            alt.indicator.id: p.indicator.id for p in plans for label, alt in reading_plans(p) if label.startswith("1")
        }
        assert readings, "amur has indicators with other readings"
        scopes = ("jurisdiction", "municipality", "organization")
        alone = compute(config, ws.store, year=YEAR, by=scopes, registry=ws.registry)
        every = [*plans, *(alt for p in plans for _, alt in reading_plans(p))]
        together = compute(config, ws.store, year=YEAR, by=scopes, registry=ws.registry, plans=every)

    def cells(results, ids):
        return {(r.indicator_id, r.sub_measure, r.scope, r.scope_id): (r.numerator, r.denominator, r.status)
                for r in results if r.indicator_id in ids}

    configured = {p.indicator.id for p in plans}
    assert cells(together, configured) == cells(alone, configured)
    by_unit = cells(together, configured)
    returns_seen = False
    for (rid, sub, scope, unit), value in cells(together, set(readings)).items():
        assert value == by_unit[readings[rid], sub, scope, unit], (rid, sub, scope, unit)
    for r in together:
        returns_seen |= r.indicator_id in readings and r.data_source in ("aggregate", "mixed")
    assert returns_seen, "the store has units counted from aggregate returns"
