"""Small groups are hidden as ``efs report`` hides them, and no published number gives one back."""

from __future__ import annotations

import itertools
import random
import shutil

import pytest

from tests.passport.conftest import YEAR, by_label, find


def _derivable(bases, hidden, total_hidden, k):
    """Whether the published numbers give back one hidden group smaller than ``k`` (total minus the rest)."""
    if not hidden or total_hidden:
        return False
    return len(hidden) == 1 or sum(bases[i] for i in hidden) < k


def test_protect_hides_small_groups_and_a_complement_so_that_the_total_reveals_none():
    from efs.passport.disclosure import protect

    assert protect([100, 3, 50, 0], 5) == ({1, 2}, False)  # the smallest other row hides with it
    assert protect([3, 1, 40, 60], 5) == ({0, 1, 2}, False)  # two small rows together are still < 5
    assert protect([3, 2, 40, 60], 5) == ({0, 1}, False)  # together five: the total gives only their sum
    assert protect([3, 0, 0], 5) == ({0}, True)  # nothing else to hide: the total goes
    assert protect([100, 3, 50], 5, total=False) == ({1}, False)  # no total, no complement needed
    assert protect([0, 0, 7], 5) == (set(), False)  # a row of nobody reveals nothing
    assert protect([10, 20, 30], 5, forced=frozenset({2})) == ({0, 2}, False)  # hidden elsewhere: here too


def test_protect_never_leaves_a_small_group_derivable_on_random_tables():
    from efs.passport.disclosure import protect

    rng = random.Random(17)
    for _ in range(3000):
        k = rng.randint(2, 10)
        bases = [rng.choice([0, rng.randint(1, k), rng.randint(1, 300)]) for _ in range(rng.randint(1, 8))]
        hidden, total_hidden = protect(bases, k)
        assert {i for i, b in enumerate(bases) if 0 < b < k} <= hidden
        assert not _derivable(bases, hidden, total_hidden, k), (bases, k, hidden)
        smallest = sorted(i for i, b in enumerate(bases) if b >= k)
        assert all(bases[i] <= max((bases[j] for j in smallest if j not in hidden), default=10**9)
                   for i in hidden if bases[i] >= k), "a complement is the smallest row, not any row"


def test_protect_is_minimal_on_small_tables():
    """Exhaustively: the rows hidden are the primary ones plus the fewest complements needed."""
    from efs.passport.disclosure import protect

    k = 5
    for bases in itertools.product([0, 1, 4, 5, 9, 30], repeat=3):
        hidden, total_hidden = protect(list(bases), k)
        primary = {i for i, b in enumerate(bases) if 0 < b < k}
        if not primary:
            assert hidden == set() and not total_hidden
            continue
        # no subset between primary and hidden protects as well
        extra = sorted(hidden - primary)
        for n in range(len(extra)):
            for fewer in itertools.combinations(extra, n):
                assert _derivable(list(bases), primary | set(fewer), total_hidden, k) or total_hidden


@pytest.fixture
def small_store(passport_store, tmp_path):
    """A copy of the synthetic store where, in municipality m002 of amur, only 3 teachers still work."""
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store

    path = tmp_path / "small.sqlite"
    shutil.copy(passport_store.engine.url.database, path)
    store = open_store(path, create=False)
    s, o = S.staff, S.organizations
    with store.engine.begin() as conn:
        orgs = sa.select(o.c.id).where(o.c.jurisdiction_id == "amur", o.c.municipality_id == "m002")
        ids = [r[0] for r in conn.execute(sa.select(s.c.id).where(
            s.c.jurisdiction_id == "amur", s.c.organization_id.in_(orgs)).order_by(s.c.id))]
        assert len(ids) > 10
        conn.execute(sa.update(s).where(s.c.jurisdiction_id == "amur", s.c.id.in_(ids[3:])).values(left_year=YEAR - 1))
        conn.execute(sa.update(s).where(s.c.jurisdiction_id == "amur", s.c.id.in_(ids[:3])).values(
            is_pedagogical=True, is_manager=False, left_year=None, pedagogical_start_year=YEAR - 10))
    yield store
    store.close()


def test_a_municipality_of_three_teachers_is_hidden_with_a_complement_and_the_total_stays(
        small_store, loaded_configs, registry):
    from efs.passport import build_passport

    config = loaded_configs["amur"]
    p = build_passport(config, small_store, year=YEAR, registry=registry)
    names = {r["cells"][0]: r for r in find(p, "staff", "staff")["rows"]}
    small = next(label for label in names if label.endswith("№ 2"))
    for tid in ("staff",):
        rows = find(p, "staff", tid)["rows"]
        hidden = [r for r in rows if r["hidden"]]
        assert names[small]["hidden"] and len(hidden) == 2
        assert all(v is None for v in names[small]["cells"][1:])
        total = rows[-1]
        assert total["total"] and not total["hidden"]
        visible = sum(r["cells"][1] for r in rows[:-1] if not r["hidden"])
        assert total["cells"][1] - visible >= 5, "the total minus the visible rows is two groups, not a small one"
    eng = find(p, "engagement", "engagement")["rows"]
    assert [r["hidden"] for r in eng] == [r["hidden"] for r in find(p, "staff", "staff")["rows"]]
    shares = find(p, "engagement", "engagement_shares")["rows"]
    assert all(v is None for r in shares if r["hidden"] for v in r["cells"][1:])


def test_a_municipality_hidden_in_the_region_is_hidden_in_its_own_part(small_store, loaded_configs, registry):
    """The complement row is not small; but its part's totals plus the region's would give back the small one."""
    from efs.passport import build_passport

    config = loaded_configs["amur"]
    region = build_passport(config, small_store, year=YEAR, registry=registry)
    hidden = [r["cells"][0] for r in find(region, "staff", "staff")["rows"] if r["hidden"]]
    from efs.passport.counts import municipalities

    names = {v: k for k, v in municipalities(small_store, "amur").items()}
    for label in hidden:
        part = build_passport(config, small_store, year=YEAR, registry=registry, municipality=names[label])
        for tid, sid in (("staff", "staff"), ("engagement", "engagement")):
            rows = find(part, sid, tid)["rows"]
            assert all(r["hidden"] for r in rows), (label, tid)
    for label in names:  # every part hides its total exactly when the region hides its row
        part = build_passport(config, small_store, year=YEAR, registry=registry, municipality=names[label])
        assert by_label(find(part, "staff", "staff"))["Итого"]["_hidden"] == (label in hidden), label


def test_the_threshold_is_the_commands_min_denominator(small_store, loaded_configs, registry):
    from efs.passport import build_passport

    p = build_passport(loaded_configs["amur"], small_store, year=YEAR, registry=registry, min_denominator=1)
    assert not any(r["hidden"] for s in p["sections"] for t in s["tables"] for r in t["rows"])
    assert p["min_denominator"] == 1
