"""The same data gives the same results on SQLite and on PostgreSQL (needs EFS_TEST_DATABASE_URL)."""

from __future__ import annotations

import pytest

from efs.indicators import compute
from tests.indicators.sample import YEAR, indicators, sample

pytestmark = pytest.mark.postgres


def _table(results):
    return {
        (r.indicator_id, r.sub_measure, r.scope_id): (
            r.numerator,
            r.denominator,
            None if r.value is None else round(r.value, 9),
            r.status,
        )
        for r in results
    }


@pytest.mark.parametrize("by", ["jurisdiction", "municipality", "organization"])
def test_sqlite_and_postgresql_agree_on_every_indicator(store, pg_store, config_for, registry, by):
    cfg = config_for(indicators())
    data = sample()
    data.save(store)
    data.save(pg_store)
    lite = _table(compute(cfg, store, year=YEAR, by=by, registry=registry))
    pg = _table(compute(cfg, pg_store, year=YEAR, by=by, registry=registry))
    assert lite == pg
    assert any(v[2] not in (None, 0) for v in lite.values())  # the sample produces real values
