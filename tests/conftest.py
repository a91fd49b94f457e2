"""Shared fixtures."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG_DIR = ROOT / "config"
SHARED = ROOT.parent / "shared"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


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
