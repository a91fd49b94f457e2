"""Properties over random datasets: numerator ≤ denominator, shares in 0–100 %, municipalities roll up."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from efs.indicators import compute
from tests.indicators.data import Data, d

YEAR = 2024
COUNTER = itertools.count()

person = st.tuples(
    st.integers(0, 5),  # organization index
    st.integers(1960, 2003),  # birth year
    st.integers(1985, 2025),  # start of pedagogical work
    st.booleans(),  # participates in a support form this year
    st.sampled_from([None, "reg_diag", "reg", "plain"]),  # programme completed this year
    st.one_of(st.none(), st.floats(0, 100)),  # functional literacy result
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    from efs.data.store import open_store

    st_ = open_store(tmp_path_factory.mktemp("prop") / "prop.sqlite")
    yield st_
    st_.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, max_size=60), munis=st.integers(1, 3))
def test_numerator_never_exceeds_denominator_and_municipalities_sum_to_the_jurisdiction(
    shared_store, registry, config_for, people, munis
):
    j = f"j{next(COUNTER)}"  # each example is its own jurisdiction in one store
    data = Data(j)
    for m in range(munis):
        data.municipality(f"m{m}")
    for o in range(6):
        data.organization(f"o{o}", f"m{o % munis}")
    data.programme("reg_diag", registry=True).programme("reg", registry=True).programme("plain")
    for i, (org, birth, start, supported, prog, lit) in enumerate(people):
        pid = f"p{i}"
        data.person(pid, f"o{org}", birth=birth, start=start)
        if supported:
            data.participation(pid, "mentoring", d(YEAR))
        if prog:
            data.completion(pid, prog, d(YEAR), by_diagnostics=prog == "reg_diag")
        if lit is not None:
            data.diagnostic(pid, "functional_literacy", d(YEAR), lit)
    data.save(shared_store)
    cfg = config_for([], jurisdiction=j)
    top = compute(cfg, shared_store, year=YEAR, registry=registry, show_small=True)
    by_muni = compute(cfg, shared_store, year=YEAR, by="municipality", registry=registry, show_small=True)
    for r in top + by_muni:
        if r.numerator is None:
            assert r.status == "no_data"
            continue
        if r.denominator is not None:
            assert 0 <= r.numerator <= r.denominator
            assert 0 <= r.value <= 100
    for r in top:
        parts = [m for m in by_muni if (m.indicator_id, m.sub_measure) == (r.indicator_id, r.sub_measure)]
        assert sum(m.numerator or 0 for m in parts) == (r.numerator or 0)
        if r.denominator is not None:
            assert sum(m.denominator or 0 for m in parts) == r.denominator
