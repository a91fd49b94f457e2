"""Fixtures: one synthetic store with every bundled jurisdiction, its export, and the passports."""

from __future__ import annotations

import pytest

from tests.report.conftest import NAMES, YEAR, loaded_configs  # noqa: F401  (the report's fixture, reused)

__all__ = ["NAMES", "YEAR"]


@pytest.fixture(scope="session")
def passport_store(tmp_path_factory, loaded_configs):  # noqa: F811
    """A SQLite store with two years of synthetic data (600 staff) for each bundled configuration."""
    from efs.data.store import open_store
    from efs.synthesis import synthesize

    store = open_store(tmp_path_factory.mktemp("passport") / "passport.sqlite")
    for config in loaded_configs.values():
        if not isinstance(config, Exception):
            synthesize(store, config, staff=600, year=YEAR, years=2, seed=3)
    yield store
    store.close()


@pytest.fixture(scope="session")
def exported(passport_store, tmp_path_factory):
    """Every table of the store exported by ``efs data export`` (person rows included): the oracle's input."""
    from efs.data.export import export_tables

    out = tmp_path_factory.mktemp("passport-export")
    export_tables(passport_store, out, include_person_rows=True)
    return out


@pytest.fixture(scope="session")
def passports(passport_store, loaded_configs, registry):  # noqa: F811
    """The passport of each bundled jurisdiction, by id."""
    from efs.passport import build_passport

    return {name: build_passport(config, passport_store, year=YEAR, registry=registry)
            for name, config in loaded_configs.items() if not isinstance(config, Exception)}


def section(passport: dict, sid: str) -> dict:
    """One section of a passport."""
    return next(s for s in passport["sections"] if s["id"] == sid)


def find(passport: dict, sid: str, tid: str) -> dict:
    """One table of a section."""
    return next(t for t in section(passport, sid)["tables"] if t["id"] == tid)


def by_label(t: dict) -> dict[str, dict[str, object]]:
    """A table's rows by their first cell, each as ``{column id: value}``."""
    ids = [c["id"] for c in t["columns"]]
    return {row["cells"][0]: dict(zip(ids, row["cells"], strict=True)) | {"_hidden": row["hidden"]}
            for row in t["rows"]}
