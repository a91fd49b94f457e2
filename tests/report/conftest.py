"""Shared fixtures: one synthetic store with every bundled jurisdiction, and their reports.

Each configuration is loaded on its own, so a configuration that does not load fails only the tests
that need it (the others are being edited in parallel; a broken one must not hide the rest).
"""

from __future__ import annotations

import pytest

from tests.conftest import CONFIG_DIR

YEAR = 2025
NAMES = ("amur", "megion", "turochak", "tyumen")


def _load(name, registry):
    from efs.loading import load_configuration

    return load_configuration(CONFIG_DIR / f"{name}.yaml", registry=registry)


@pytest.fixture(scope="session")
def loaded_configs(registry):
    """Each bundled configuration, or the error that stops it loading."""
    from efs.errors import EfsError

    out = {}
    for name in NAMES:
        try:
            out[name] = _load(name, registry)
        except EfsError as exc:
            out[name] = exc
    return out


@pytest.fixture(scope="session")
def report_store(tmp_path_factory, loaded_configs):
    """A SQLite store with two years of synthetic data (600 staff) for each loadable configuration."""
    from efs.data.store import open_store
    from efs.synthesis import synthesize

    store = open_store(tmp_path_factory.mktemp("report") / "reports.sqlite")
    for config in loaded_configs.values():
        if not isinstance(config, Exception):
            synthesize(store, config, staff=600, year=YEAR, years=2, seed=1)
    yield store
    store.close()


class _Reports(dict):
    def __missing__(self, name):
        error = self.errors.get(name)
        pytest.fail(f"конфигурация {name} не загружается: {error}")


@pytest.fixture(scope="session")
def reports(report_store, loaded_configs, registry):
    """The report data of each bundled jurisdiction, by id (a missing one fails the test with its error)."""
    from efs.report import build_report

    out = _Reports()
    out.errors = {n: c for n, c in loaded_configs.items() if isinstance(c, Exception)}
    for name, config in loaded_configs.items():
        if not isinstance(config, Exception):
            out[name] = build_report(config, report_store, year=YEAR, registry=registry)
    return out


@pytest.fixture
def fresh_config(registry):
    """A fresh copy of a bundled configuration (tests mutate it)."""
    return lambda name: _load(name, registry)
