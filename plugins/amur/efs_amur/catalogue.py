"""Subject kinds and functions the Amur Положение needs beyond the federal catalogue."""

from __future__ import annotations

from efs.model import Function, Level, Source, SubjectKind

DOCUMENT = "002_6414ad974cc0e1d7.txt"


def subject_kinds() -> list[SubjectKind]:
    """Kinds of subjects the Amur document names and the federal catalogue lacks."""
    return [
        SubjectKind(
            id="young_teachers_association",
            name="региональная общественная организация молодых педагогов",
            levels=[Level.regional],
            description="Общественное объединение педагогических работников (например, РОО «Ассоциация "
            "молодых педагогов Амурской области», §3.2.8), поддерживающее педагогов до 35 лет.",
        ),
        SubjectKind(
            id="university_partner",
            name="педагогический вуз — партнёр субъектов системы",
            levels=[Level.federal, Level.regional],
            description="Образовательная организация высшего образования, которая выступает партнёром "
            "субъектов регионального уровня по договору о сетевом взаимодействии, не входя ни в один уровень "
            "системы (ФГБОУ ВО БГПУ, §3.5).",
        ),
    ]


def functions() -> list[Function]:
    """Functions the Amur document describes and the federal catalogue lacks."""
    return [
        Function(
            id="expert_review",
            name="экспертиза и вовлечение педагогов в экспертную деятельность",
            description="Экспертиза дополнительных профессиональных программ, учебно-методических "
            "материалов, практик и программ наставничества; формирование реестра экспертов и "
            "экспертного сообщества.",
            source=Source(document=DOCUMENT, section="3.2.4", line=186),
        ),
    ]
