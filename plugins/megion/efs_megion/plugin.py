"""Hook implementations of the «город Мегион» plugin."""

from __future__ import annotations

from efs.hookspecs import hookimpl
from efs.model.formula import Formula
from efs.registry import JurisdictionInfo, bundled_configuration


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    return [JurisdictionInfo(id="megion", name="город Мегион", config_path=bundled_configuration("efs_megion", "megion.yaml"))]


@hookimpl
def efs_formulas() -> list[Formula]:
    """Formulas of this jurisdiction's own indicators (building blocks; see formulas.py for the readings)."""
    from efs_megion.formulas import formulas

    return formulas()
