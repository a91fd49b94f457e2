"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = ROOT / "config"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Property tests judge the code, not the machine: no wall-clock deadline per example and no "input
# generation is slow" health check, which fail on a loaded CI runner with nothing wrong in efs.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("efs", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("efs")


@pytest.fixture(scope="session")
def registry():
    """The catalogue from every installed plugin (built once per test session)."""
    from efs.registry import Registry

    return Registry.build()


@pytest.fixture(scope="session")
def bundled_configs(registry):
    """The four bundled configurations, loaded."""
    from efs.loading import load_configuration

    return {p.stem: load_configuration(p, registry=registry) for p in sorted(CONFIG_DIR.glob("*.yaml"))}



def shipped_document(name: str, registry):
    """The document a plugin ships under the name sources cite; a missing one fails the test, never skips it."""
    from efs import documents

    document = documents.load(name, registry=registry)
    assert document is not None, f"ни один плагин не поставляет документ {name}"
    return document


#: The OASIS SARIF 2.1.0 schema, vendored as published (the suite needs nothing outside the repository).
SARIF_SCHEMA_FILE = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def sarif_schema() -> dict:
    """The SARIF 2.1.0 schema, rooted at its log object.

    The published file keeps the log object's schema in ``definitions.Root`` and puts no constraint at its
    own root: validating against the file as it is accepts any JSON. Validate against ``Root``.
    """
    import json

    schema = json.loads(SARIF_SCHEMA_FILE.read_text(encoding="utf-8"))
    return {**schema, "$ref": "#/definitions/Root"}
