"""Fixtures of the web workspace's tests: the ASGI app on a synthetic store, and the CLI to compare it with."""

from __future__ import annotations

import json

import pytest

from tests.conftest import CONFIG_DIR

YEAR = 2025
NAMES = tuple(sorted(p.stem for p in CONFIG_DIR.glob("*.yaml")))


@pytest.fixture(scope="session")
def web_store(tmp_path_factory, bundled_configs):
    """A SQLite store with a year of synthetic data (300 staff) for each bundled jurisdiction; its path."""
    from efs.data.store import open_store
    from efs.synthesis import synthesize

    path = tmp_path_factory.mktemp("web") / "web.sqlite"
    with open_store(path) as store:
        for config in bundled_configs.values():
            synthesize(store, config, staff=300, year=YEAR, years=1, seed=3)
    return path


def make_client(db, **settings):
    """A test client of the app on ``db`` (a fresh service: nothing shared between tests but the catalogue)."""
    from fastapi.testclient import TestClient

    from efs.web.app import Settings, create_app

    return TestClient(create_app(Settings(db=str(db), **settings)), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(web_store):
    """A read-only server on the synthetic store."""
    with make_client(web_store) as c:
        yield c


def cli_json(capsys, *argv: str) -> tuple[int, object]:
    """Run the CLI in this process; its exit code and its standard output parsed as JSON."""
    from efs.cli import run

    capsys.readouterr()
    code = run(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out)


def csrf_of(client) -> str:
    """The CSRF token of the client's session (the cookie a page sets; the forms carry its value)."""
    from efs.web.safety import CSRF_COOKIE

    if CSRF_COOKIE not in client.cookies:
        assert client.get("/").status_code == 200
    return client.cookies[CSRF_COOKIE]
