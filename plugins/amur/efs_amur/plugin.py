"""Hook implementations of the «Амурская область» plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from efs.plugin import DocumentInfo, JurisdictionInfo, bundled_configuration, hookimpl

if TYPE_CHECKING:
    from efs.plugin import Formula, Function, Rule, SubjectKind


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    config = bundled_configuration("efs_amur", "amur.yaml")
    return [JurisdictionInfo(id="amur", name="Амурская область", config_path=config)]


@hookimpl
def efs_subject_kinds() -> list[SubjectKind]:
    """Kinds the Amur document needs: the young teachers' association and the partner university."""
    from efs_amur.catalogue import subject_kinds

    return subject_kinds()


@hookimpl
def efs_functions() -> list[Function]:
    """Functions the Amur document needs beyond the federal catalogue."""
    from efs_amur.catalogue import functions

    return functions()


@hookimpl
def efs_conformance_rules() -> list[Rule]:
    """The local rules the Amur document sets."""
    from efs_amur.rules import RULES

    return RULES


@hookimpl
def efs_formulas() -> list[Formula]:
    """Formulas of the Amur indicators of their own (ids referenced from ``config/amur.yaml``)."""
    from efs_amur.formulas import formulas

    return formulas()


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The document the configuration encodes, shipped in the package under the name its sources cite."""
    return [
        DocumentInfo(
            name="002_6414ad974cc0e1d7.txt",
            path=Path(__file__).parent / "documents" / "amur.txt",
            title="Приказ Минобрнауки Амурской области от 12.05.2023 № 464: Положение "
            "о РСНМС, Комплекс мер («дорожная карта»), глоссарий",
            jurisdiction="amur",
        )
    ]
