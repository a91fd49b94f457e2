"""Hook implementations of the «город Мегион» plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from efs.plugin import DocumentInfo, JurisdictionInfo, bundled_configuration, hookimpl

if TYPE_CHECKING:
    from efs.plugin import Formula, Rule, SubjectKind


@hookimpl
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """The jurisdiction this plugin serves and its bundled configuration."""
    config = bundled_configuration("efs_megion", "megion.yaml")
    return [JurisdictionInfo(id="megion", name="город Мегион", config_path=config)]


@hookimpl
def efs_subject_kinds() -> list[SubjectKind]:
    """Kinds the Megion document needs: the networking site (нетворкинг-площадка)."""
    from efs_megion.catalogue import subject_kinds

    return subject_kinds()


@hookimpl
def efs_conformance_rules() -> list[Rule]:
    """The local rules the Megion document sets."""
    from efs_megion.rules import RULES

    return RULES


@hookimpl
def efs_formulas() -> list[Formula]:
    """Formulas of this jurisdiction's own indicators (building blocks; see formulas.py for the readings)."""
    from efs_megion.formulas import formulas

    return formulas()


@hookimpl
def efs_documents() -> list[DocumentInfo]:
    """The document the configuration encodes, shipped in the package under the name its sources cite."""
    return [
        DocumentInfo(
            name="004_a3288780aaeebb26.txt",
            path=Path(__file__).parent / "documents" / "megion.txt",
            title="Приказ департамента образования и молодёжной политики администрации города "
            "Мегиона от 19.08.2021 № 360-О: Положение о МСНМС, глоссарий, дорожная карта",
            jurisdiction="megion",
        )
    ]
