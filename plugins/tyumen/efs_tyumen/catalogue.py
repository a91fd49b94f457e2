"""Subject kinds and functions the Tyumen Положение needs beyond the federal catalogue."""

from __future__ import annotations

from efs.model import Function, Level, Source, SubjectKind

DOCUMENT = "003_bb9f7ec55f47c063.txt"


def subject_kinds() -> list[SubjectKind]:
    """Kinds of subjects the Tyumen document names and the federal catalogue lacks."""
    return [
        SubjectKind(
            id="cnppm_branch",
            name="центр непрерывного повышения профессионального мастерства (ЦНППМ) — один из центров института",
            levels=[Level.regional],
            fills_roles=["cnppm"],
            description="Один из нескольких ЦНППМ на базе одного регионального института (п. 3: «ЦНППМ г. Тюмени, "
            "ЦНППМ г. Ишима, ЦНППМ г. Тобольска, выступают координаторами РС НМС»). Указывается host — институт, "
            "и part_of — субъект «ЦНППМ», которому документ поручает функции.",
        ),
        SubjectKind(
            id="pedagogical_education_provider",
            name="организации педагогического образования (ПОО и ООВО, УГС 44.00.00)",
            levels=[Level.regional],
            fills_roles=[],
            description="Профессиональные образовательные организации и образовательные организации высшего "
            "образования, реализующие программы по укрупненной группе специальностей 44.00.00 «Образование и "
            "педагогические науки» (п. 5): колледжи и вузы одним пунктом.",
        ),
    ]


def functions() -> list[Function]:
    """Functions the Tyumen document describes and the federal catalogue lacks."""
    return [
        Function(
            id="general_education_content",
            name="содержание общего образования и примерные программы",
            description="Единые региональные подходы к содержанию и технологиям реализации общего образования; "
            "предложения по проектам примерных программ и методическое сопровождение их реализации (РУМО).",
            source=Source(document=DOCUMENT, section="п. 6", line=103),
        ),
    ]
