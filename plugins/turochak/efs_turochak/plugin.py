"""Hook implementations of the «Турочакский район» plugin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from efs.hookspecs import hookimpl
from efs.registry import JurisdictionInfo, bundled_configuration

if TYPE_CHECKING:
    from efs.model.formula import Formula


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    path = bundled_configuration("efs_turochak", "turochak.yaml")
    return [JurisdictionInfo(id="turochak", name="Турочакский район", config_path=path)]


@hookimpl
def efs_formulas() -> list[Formula]:
    """Formulas of this jurisdiction's own indicators (building blocks; see formulas.py for the readings)."""
    from efs_turochak.formulas import formulas

    return formulas()
