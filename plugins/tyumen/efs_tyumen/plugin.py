"""Hook implementations of the «Тюменская область» plugin."""

from __future__ import annotations

from efs.hookspecs import hookimpl
from efs.registry import JurisdictionInfo, bundled_configuration


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    path = bundled_configuration("efs_tyumen", "tyumen.yaml")
    return [JurisdictionInfo(id="tyumen", name="Тюменская область", config_path=path)]
