"""Formulas of the Турочакский район indicators (Положение о МСНМС, §5, ``000_8d8fc144dad462b3.txt``).

Each ``reading`` states the choice made, ``alternatives`` the other readings the words allow. Imports
nothing heavy (collected by ``efs validate``).
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import AlternativeReading, Formula

DOC = "000_8d8fc144dad462b3.txt"


def _src(line: int) -> Source:
    return Source(document=DOC, section="5", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/turochak.yaml``)."""
    return [
        Formula(
            id="turochak_individual_routes_share",
            source=_src(192),
            name="Доля педагогов, для которых в году разработаны ИОМ с учётом диагностики дефицитов",
            blocks={
                "population": "teachers",
                "numerator": [{"individual_route": {"based_on_diagnostics": True, "started_in_period": True}}],
            },
            reading="§5 п. 1, «для которых разработаны индивидуальные образовательные маршруты с учетом "
            "диагностики профессиональных дефицитов»: педагогические работники района, работавшие в году; "
            "«разработаны» — маршрут составлен (начат) в году отчёта и построен с учётом диагностики. Ссылка «в "
            "соответствии с утверждаемыми показателями эффективности ЦНППМ» задаёт источник цели, а не формулу.",
            alternatives=[
                AlternativeReading(
                    reading="«разработаны» — как состояние: у педагога есть маршрут, действовавший хотя бы часть "
                    "года, когда бы он ни был составлен.",
                    blocks={
                        "population": "teachers",
                        "numerator": [{"individual_route": {"based_on_diagnostics": True}}],
                    },
                )
            ],
        ),
        Formula(
            id="turochak_registry_courses_share",
            source=_src(193),
            name="Доля педагогов, прошедших курсы по программам федерального реестра",
            blocks={
                "population": "teachers",
                "numerator": [{"completed_programme": {"federal_registry": True}}],
            },
            reading="§5 п. 2, «для которых организованы курсы повышения квалификации … по программам, вошедшим в "
            "федеральный реестр»: курсы считаются организованными для педагога, если он освоил в году программу "
            "из федерального реестра; записанные, но не пройденные курсы в данных не ведутся. Направление курсов "
            "(«по актуальным направлениям образования») в данных не различается.",
        ),
        Formula(
            id="turochak_registry_among_trained_share",
            source=_src(194),
            name="Доля обученных по программам ФР, разработанным институтом (ЦНППМ), среди всех обученных по ДПП",
            blocks={
                "population": "teachers",
                "where": [{"completed_programme": {}}],
                "numerator": [{"completed_programme": {"federal_registry": True, "developer_subject": ["institute"]}}],
            },
            reading="§5 п. 3, «прошедших обучение по ДНП, разработанным организацией и включенным в ФР ДПО за "
            "отчетный период, от общего количества педагогических работников, прошедших обучение по ДПП»: «ДНП» "
            "— опечатка «ДПП»; показатель взят из показателей ЦНППМ («в соответствие с утвержденными показателями "
            "ЦНППМ»), поэтому «организацией» — институт, на базе которого открыт ЦНППМ («открытому на базе "
            "Бюджетного учреждения дополнительного профессионального образования Республики Алтай «Институт "
            "повышения квалификации и профессиональной переподготовки работников образования Республики Алтай»», "
            "п. 2.1, строка 27), вместе с ЦНППМ; в данных разработчик записан одним из их названий. "
            "Знаменатель — педагоги, освоившие в году любую ДПП; числитель — освоившие программу реестра, "
            "разработанную этой организацией. Слова «за отчетный период» относятся к обучению: дата включения "
            "программы в реестр в данных не ведётся.",
            alternatives=[
                AlternativeReading(
                    reading="«организацией» — любой организацией муниципальной системы: программа разработана "
                    "одним из субъектов МСНМС (институт, колледж, университет и другие).",
                    blocks={
                        "population": "teachers",
                        "where": [{"completed_programme": {}}],
                        "numerator": [
                            {"completed_programme": {"federal_registry": True, "developed_by_system": True}}
                        ],
                    },
                )
            ],
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
            reading="§5 п. 4 содержит две меры: основная — участие в любых «форматах поддержки и сопровождения» "
            "(цель «к 2024 году - не менее 70%»); подпоказатель — участие «в различных формах наставничества» "
            "(формы mentoring и teacher_pair — наставничество и пары педагогов; цель «к 2023 году - не менее "
            "100%»), он не больше основной меры. "
            "Молодой педагог — как в федеральном показателе 4. Уровень формы («на муниципальном уровне») в данных "
            "не различается: считается любая форма.",
        ),
        Formula(
            id="turochak_post_course_support_share",
            source=_src(196),
            name="Доля педагогов, охваченных посткурсовым сопровождением после курсов года, среди прошедших курсы",
            blocks={
                "population": "teachers",
                "where": [{"completed_programme": {}}],
                "numerator": [{"post_course_support": {"after_completed_programme": True}}],
            },
            reading="§5 п. 5, «Доля педагогов, охваченных посткурсовым сопровождением от общего числа педагогов, "
            "прошедших курсы повышения квалификации»: знаменатель — педагоги, освоившие в году программу "
            "повышения квалификации; числитель — те из них, чьё сопровождение относится к освоенному в году курсу "
            "(программа сопровождения — освоенная, начало не раньше даты освоения и до конца года отчёта). Вид "
            "программы (повышение квалификации или переподготовка) в данных не различается.",
            alternatives=[
                AlternativeReading(
                    reading="Сопровождение не связано с курсом года: прошедший курсы педагог считается, если в году "
                    "у него было любое посткурсовое сопровождение (например, после курса прошлого года).",
                    blocks={
                        "population": "teachers",
                        "where": [{"completed_programme": {}}],
                        "numerator": ["post_course_support"],
                    },
                )
            ],
        ),
    ]
