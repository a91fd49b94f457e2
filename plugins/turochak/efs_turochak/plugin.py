"""Hook implementations of the «Турочакский район» plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from efs.plugin import DocumentInfo, JurisdictionInfo, bundled_configuration, hookimpl

if TYPE_CHECKING:
    from efs.plugin import Formula


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


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The document the configuration encodes, shipped in the package under the name its sources cite."""
    return [
        DocumentInfo(
            name="000_8d8fc144dad462b3.txt",
            path=Path(__file__).parent / "documents" / "turochak.txt",
            title="Положение о МСНМС, приложение к приказу Управления образования "
            "МО «Турочакский район» от 09.12.2022 № 751",
            jurisdiction="turochak",
        )
    ]
