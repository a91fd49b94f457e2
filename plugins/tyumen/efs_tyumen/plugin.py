"""Hook implementations of the «Тюменская область» plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from efs.plugin import DocumentInfo, JurisdictionInfo, bundled_configuration, hookimpl

if TYPE_CHECKING:
    from efs.plugin import Function, Rule, SubjectKind


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    path = bundled_configuration("efs_tyumen", "tyumen.yaml")
    return [JurisdictionInfo(id="tyumen", name="Тюменская область", config_path=path)]


@hookimpl
def efs_subject_kinds() -> list[SubjectKind]:
    """Kinds the Tyumen document needs: a ЦНППМ branch (three centres of one institute), teacher-education providers."""
    from efs_tyumen.catalogue import subject_kinds

    return subject_kinds()


@hookimpl
def efs_functions() -> list[Function]:
    """Functions the Tyumen document needs beyond the federal catalogue."""
    from efs_tyumen.catalogue import functions

    return functions()


@hookimpl
def efs_conformance_rules() -> list[Rule]:
    """The local rule the Tyumen document sets (TYU001)."""
    from efs_tyumen.rules import RULES

    return RULES


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The document the configuration encodes, shipped in the package under the name its sources cite."""
    return [
        DocumentInfo(
            name="003_bb9f7ec55f47c063.txt",
            path=Path(__file__).parent / "documents" / "tyumen.txt",
            title="Положение о региональной системе научно-методического сопровождения "
            "педагогических работников и управленческих кадров Тюменской области",
            jurisdiction="tyumen",
        )
    ]
