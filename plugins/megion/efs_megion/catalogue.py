"""Subject kinds the Megion Положение needs beyond the federal catalogue.

Its functions (resource provision, the passport, expertise) are in the core catalogue: the Tyumen and
Turochak documents assign them too.
"""

from __future__ import annotations

from efs.model import Level, SubjectKind


def subject_kinds() -> list[SubjectKind]:
    """Kinds of subjects the Megion document names and the federal catalogue lacks."""
    return [
        SubjectKind(
            id="networking_site",
            name="нетворкинг-площадка (сетевая методическая площадка)",
            levels=[Level.municipal, Level.institutional],
            fills_roles=["municipal_methodical_association"],
            description="Муниципальное методическое объединение, работающее как сетевая методическая "
            "площадка «Нетворкинг» на базе образовательной организации, с руководителем, назначенным "
            "распорядительным актом органа управления образованием (§3.2.3, §4.1).",
        ),
    ]
