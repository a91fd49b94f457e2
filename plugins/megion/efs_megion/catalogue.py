"""Subject kinds and functions the Megion Положение needs beyond the federal catalogue."""

from __future__ import annotations

from efs.model import Function, Level, Source, SubjectKind

DOCUMENT = "004_a3288780aaeebb26.txt"


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


def functions() -> list[Function]:
    """Functions the Megion document describes and the federal catalogue lacks."""
    return [
        Function(
            id="resource_provision",
            name="ресурсное обеспечение системы",
            description="Материально-технические, финансовые, кадровые и иные условия и финансирование "
            "системы научно-методического сопровождения.",
            source=Source(document=DOCUMENT, section="3.2.1", line=120),
        ),
        Function(
            id="dpo_passport",
            name="сведения для паспорта системы ДПО",
            description="Сбор и передача сведений о системе дополнительного профессионального образования "
            "для паспорта системы научно-методического сопровождения (паспорта ДПО, ДППО).",
            source=Source(document=DOCUMENT, section="3.2.2", line=132),
        ),
        Function(
            id="expertise",
            name="экспертиза программ и практик",
            description="Участие в экспертизе дополнительных профессиональных программ, инновационного "
            "содержания и лучших практик.",
            source=Source(document=DOCUMENT, section="3.2.2", line=140),
        ),
    ]
