"""Formulas of the Турочакский район indicators (Положение о МСНМС, §5, ``000_8d8fc144dad462b3.txt``).

Imports nothing heavy (collected by ``efs validate``).
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import Formula

DOC = "000_8d8fc144dad462b3.txt"


def _src(line: int) -> Source:
    return Source(document=DOC, section="5", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/turochak.yaml``)."""
    return [
        Formula(
            id="turochak_individual_routes_share",
            source=_src(192),
            name="Доля педагогов с ИОМ с учётом диагностики дефицитов",
            blocks={
                "population": "teachers",
                "numerator": [{"individual_route": {"based_on_diagnostics": True}}],
            },
            reading="§5 п. 1: педагогические работники района; ИОМ, действовавший в году и построенный с учётом "
            "диагностики. Ссылка на показатели ЦНППМ задаёт цель, а не формулу.",
        ),
        Formula(
            id="turochak_registry_courses_share",
            source=_src(193),
            name="Доля педагогов, прошедших курсы по программам федерального реестра",
            blocks={
                "population": "teachers",
                "numerator": [{"completed_programme": {"federal_registry": True}}],
            },
            reading="§5 п. 2: «организованы курсы» читается как «освоил в году программу из федерального "
            "реестра» — организованные, но не пройденные курсы в данных не учитываются.",
        ),
        Formula(
            id="turochak_registry_among_trained_share",
            source=_src(194),
            name="Доля обученных по программам ФР ДПО среди всех обученных по ДПП",
            blocks={
                "population": "teachers",
                "where": [{"completed_programme": {}}],
                "numerator": [{"completed_programme": {"federal_registry": True}}],
            },
            reading="§5 п. 3: знаменатель — педагоги, освоившие в году любую ДПП; числитель — освоившие программу "
            "из реестра. «ДНП, разработанным организацией» — опечатка «ДПП»; разработчик не проверяется: "
            "программы реестра в справочнике района и есть программы организации.",
        ),
        Formula(
            id="turochak_young_teachers_support_share",
            source=_src(195),
            name="Доля педагогов до 35 лет в первые 3 года работы в формах наставничества и поддержки",
            blocks={
                "population": "young_teachers",
                "numerator": ["participated"],
                "sub_measures": [
                    {
                        "id": "mentoring",
                        "label": "в различных формах наставничества",
                        "numerator": [{"participated": {"forms": ["mentoring", "teacher_pair"]}}],
                    }
                ],
            },
            reading="§5 п. 4 содержит две меры: основная — участие в любых форматах поддержки и сопровождения "
            "(цель 2024 г. ≥ 70 %); подпоказатель — участие в формах наставничества (наставничество и «пары», "
            "цель 2023 г. ≥ 100 %). Молодой педагог — как в федеральном показателе 4.",
        ),
        Formula(
            id="turochak_post_course_support_share",
            source=_src(196),
            name="Доля педагогов, охваченных посткурсовым сопровождением, среди прошедших курсы",
            blocks={
                "population": "teachers",
                "where": [{"completed_programme": {}}],
                "numerator": ["post_course_support"],
            },
            reading="§5 п. 5: знаменатель — педагоги, освоившие в году программу повышения квалификации; "
            "числитель — те из них, у кого в году было посткурсовое сопровождение.",
        ),
    ]
