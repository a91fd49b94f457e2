"""Hook implementations of the «Амурская область» plugin."""

from __future__ import annotations

from efs.hookspecs import hookimpl
from efs.registry import JurisdictionInfo, bundled_configuration


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    return [JurisdictionInfo(id="amur", name="Амурская область", config_path=bundled_configuration("efs_amur", "amur.yaml"))]
