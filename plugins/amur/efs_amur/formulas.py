"""Formulas of the Амурская область indicators (Положение о РС НМС, §5, ``002_6414ad974cc0e1d7.txt``).

Indicator 6 is the federal one and uses the federal formula. Each ``reading`` states the choice made
where the wording leaves room, quoting the words it rests on; ``alternatives`` are the other readings
the words allow (``efs indicators --explain`` shows their values). Imports nothing heavy (collected by
``efs validate``).
"""

from __future__ import annotations

from efs.model import Source
from efs.model.formula import AlternativeReading, Formula

DOC = "002_6414ad974cc0e1d7.txt"

#: «…на основе результатов диагностики профессиональных дефицитов в ЦНППМ»: the centre of the configuration.
CNPPM = ["cnppm"]
#: Organisations to which the regional target model of mentoring applies (roadmap 2.8.2, lines 553–555:
#: «организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным
#: общеобразовательным программам и программам среднего профессионального образования»).
MENTORING_MODEL_KINDS = ["school", "kindergarten", "additional_education", "college"]
#: Every kind of educational organisation the store knows (higher and further professional education included).
ALL_EDUCATIONAL_KINDS = [*MENTORING_MODEL_KINDS, "university", "cnppm"]
ACTIVE_ROLES = ["regional_methodist", "tutor"]
DIAGNOSED = {"took_diagnostic": {"kind": "professional_deficits", "provider_subject": CNPPM}}
REGISTRY_BY_CNPPM = {
    "completed_programme": {
        "federal_registry": True,
        "selected_by_diagnostics": True,
        "diagnostic_provider_subject": CNPPM,
    }
}
#: Schools with low results (ШНОР) or in adverse social conditions (ШНСУ).
LOW_RESULTS_OR_ADVERSE = {
    "any": [{"organization": {"low_results": True}}, {"organization": {"adverse_conditions": True}}]
}
EDUCATIONAL_TEAMS = [{"team_level": "organization"}, {"organization": {"kind": ALL_EDUCATIONAL_KINDS}}]


def _src(line: int) -> Source:
    return Source(document=DOC, section="5", line=line)


def formulas() -> list[Formula]:
    """The plugin's formulas (ids referenced from ``config/amur.yaml``)."""
    return [
        Formula(
            id="amur_deficit_diagnostics_share",
            source=_src(403),
            name="Доля педагогов и управленцев, прошедших диагностику профессиональных дефицитов в ЦНППМ",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [DIAGNOSED],
                "sub_measures": [
                    {"id": "teachers", "label": "педагогические работники", "where": ["pedagogical"],
                     "numerator": [DIAGNOSED]},
                    {"id": "managers", "label": "управленческие кадры", "where": ["manager"], "numerator": [DIAGNOSED]},
                ],
            },
            reading="§5 п. 1, «прошедших диагностику профессиональных дефицитов в ЦНППМ»: числитель — прошедшие в "
            "году диагностику профессиональных дефицитов, которую провёл ЦНППМ (в данных провайдер записан одним "
            "из названий ЦНППМ в конфигурации); диагностики других организаций не считаются. Знаменатель документ "
            "не называет: педагогические работники и управленческие кадры, работавшие в году. Годовой показатель: "
            "дорожная карта (2.3.1, строка 524) ставит цель «ежегодно». Дорожная карта ставит цели отдельно "
            "педагогическим работникам («Педагогические работники прошли диагностику профессиональных дефицитов в "
            "ЦНППМ, ежегодно не менее 10%», 2.3.1) и управленческим кадрам («Управленческие кадры прошли диагностику "
            "профессиональных дефицитов в ЦНППМ, не менее 10% до декабря 2024 года», 2.3.2, строка 527): "
            "подпоказатели считают долю среди педагогических работников и среди управленческих кадров.",
        ),
        Formula(
            id="amur_individual_routes_share",
            source=_src(405),
            name="Доля педагогов и управленцев, для которых в году разработаны ИОМ по диагностике дефицитов в ЦНППМ",
            blocks={
                "population": "teachers_and_managers",
                "numerator": [
                    {
                        "individual_route": {
                            "based_on_diagnostics": True,
                            "started_in_period": True,
                            "diagnostic_provider_subject": CNPPM,
                        }
                    }
                ],
            },
            reading="§5 п. 2, «для которых разработаны индивидуальные образовательные маршруты на основе результатов "
            "диагностики профессиональных дефицитов в ЦНППМ»: «разработаны» — маршрут составлен (начат) в году "
            "отчёта: дорожная карта ставит показателю цель «ежегодно не менее 10%» (2.3.3, строка 528), то есть "
            "поток маршрутов за год; маршрут построен по результатам диагностики и у работника есть диагностика "
            "профессиональных дефицитов, проведённая ЦНППМ не позже начала маршрута.",
            alternatives=[
                AlternativeReading(
                    reading="«разработаны» — как состояние: у работника есть маршрут, действовавший хотя бы часть "
                    "года, когда бы он ни был составлен (маршрут прошлого года, продолжающийся в этом, считается).",
                    blocks={
                        "population": "teachers_and_managers",
                        "numerator": [
                            {
                                "individual_route": {
                                    "based_on_diagnostics": True,
                                    "diagnostic_provider_subject": CNPPM,
                                }
                            }
                        ],
                    },
                )
            ],
        ),
        Formula(
            id="amur_federal_registry_cnppm_share",
            source=_src(407),
            name="Доля педагогов, освоивших программы ФР ДПП, подобранные с учётом диагностики дефицитов в ЦНППМ",
            blocks={
                "population": "teachers",
                "numerator": [REGISTRY_BY_CNPPM],
                "sub_measures": [
                    {
                        "id": "low_results_schools",
                        "label": "педагогические работники ШНОР и ШНСУ",
                        "where": [LOW_RESULTS_OR_ADVERSE],
                        "numerator": [REGISTRY_BY_CNPPM],
                    }
                ],
            },
            reading="§5 п. 3, «освоивших программы … вошедшие в Федеральный реестр ДПП и подобранные с учетом "
            "диагностики профессиональных дефицитов в ЦНППМ»: знаменатель — педагогические работники, работавшие в "
            "году; числитель — освоившие в году программу реестра с признаком selected_by_diagnostics (подобрана по "
            "диагностике), если у работника есть диагностика профессиональных дефицитов, проведённая ЦНППМ, не "
            "позже даты освоения. Федеральный показатель 1 того же содержания не требует, чтобы диагностику "
            "проводил ЦНППМ. Подпоказатель — педагоги школ с низкими результатами и школ в неблагоприятных "
            "условиях (дорожная карта 2.1.5, строка 510: «Педагогические работники из школ с низкими результатами "
            "обучения и школ, функционирующих в неблагоприятных социальных условиях, обучены по программам, "
            "вошедшим в ФРДПП и подобранным с учетом диагностики профессиональных дефицитов (не менее 30% "
            "ежегодно)»), числитель тот же. Темы программ (введение обновлённых ФГОС, цифровая среда, "
            "функциональная грамотность и др., дорожная карта 2.1.1–2.1.9) в данных не ведутся: пороги по темам "
            "не проверяются.",
        ),
        Formula(
            id="amur_management_teams_trained_share",
            source=_src(409),
            name="Доля управленческих команд образовательных организаций, повысивших квалификацию",
            blocks={
                "population": "management_teams",
                "where": EDUCATIONAL_TEAMS,
                "numerator": ["trained"],
                "sub_measures": [
                    {
                        "id": "preschool",
                        "label": "управленческие команды дошкольных образовательных организаций",
                        "where": [{"organization": {"kind": "kindergarten"}}],
                        "numerator": ["trained"],
                    },
                    {
                        "id": "low_results_schools",
                        "label": "управленческие команды ШНОР и ШНСУ",
                        "where": [LOW_RESULTS_OR_ADVERSE],
                        "numerator": ["trained"],
                    },
                    {
                        "id": "general_education",
                        "label": "управленческие команды общеобразовательных организаций",
                        "where": [{"organization": {"kind": "school"}}],
                        "numerator": ["trained"],
                    },
                ],
            },
            reading="§5 п. 4, «Доля управленческих команд образовательных организаций, повысивших свою "
            "квалификацию…»: знаменатель — команды образовательных организаций (не муниципальные команды и не "
            "команды организаций другого вида); числитель — окончившие обучение в году отчёта. Тема обучения («по "
            "вопросам эффективности управления качеством образования») в данных не различается: считается любое "
            "обучение команды. Годовой показатель: положение называет показатели средством «регулярного "
            "планирования и контроля» (§5, строка 395). Подпоказатели — части, которым дорожная карта ставит "
            "пороги: команды дошкольных организаций (2.1.4, строка 508), школ с низкими результатами и в "
            "неблагоприятных условиях (2.1.5, строка 510), общеобразовательных организаций (2.1.9, строка 518); "
            "у каждой свой знаменатель (все команды этих организаций), тема обучения так же не различается.",
            alternatives=[
                AlternativeReading(
                    reading="Накопленный итог с 2022 года: команда, повысившая квалификацию в любом году с "
                    "2022/23 учебного года (с него дорожная карта ведёт повышение квалификации команд, 2.1.4 и "
                    "2.1.9: «не менее 40 % до 2024», «не менее 20 % до 2024»), считается и в следующие годы.",
                    blocks={
                        "population": "management_teams",
                        "where": EDUCATIONAL_TEAMS,
                        "numerator": ["trained"],
                        "since": 2022,
                    },
                )
            ],
        ),
        Formula(
            id="amur_mentoring_model_organizations_share",
            source=_src(411),
            name="Доля образовательных организаций, реализующих целевую модель наставничества",
            blocks={
                "population": "organizations",
                "where": [{"organization": {"kind": MENTORING_MODEL_KINDS}}],
                "numerator": [{"organization": {"mentoring_model": True}}],
            },
            reading="§5 п. 5, «от общего количества образовательных организаций в регионе»: в знаменателе только "
            "образовательные организации, к которым относится региональная целевая модель наставничества, — "
            "«организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным "
            "общеобразовательным программам и программам среднего профессионального образования» (дорожная карта "
            "2.8.2, строки 553–555): школы, детские сады, организации дополнительного образования, колледжи; "
            "организации иного вида в знаменатель не входят. Числитель — те из них, где внедрена модель.",
            alternatives=[
                AlternativeReading(
                    reading="«образовательных организаций» — в широком смысле закона: и вузы, и организации "
                    "дополнительного профессионального образования (ЦНППМ), хотя целевая модель их не касается.",
                    blocks={
                        "population": "organizations",
                        "where": [{"organization": {"kind": ALL_EDUCATIONAL_KINDS}}],
                        "numerator": [{"organization": {"mentoring_model": True}}],
                    },
                )
            ],
        ),
        Formula(
            id="amur_methodical_active_count",
            source=_src(415),
            name="Количество региональных методистов и тьюторов в РМА",
            blocks={
                "population": "staff",
                "where": [{"methodical_active": {"roles": ACTIVE_ROLES}}],
            },
            reading="§5 п. 7, «Количество региональных методистов и тьюторов в составе регионального методического "
            "актива»: люди (не записи), состоявшие в году в активе в роли регионального методиста или тьютора; "
            "человек в двух ролях считается один раз. Значение года — состав актива в году, не накопленный итог.",
        ),
        Formula(
            id="amur_teachers_per_active_member",
            source=_src(417),
            name="Педагогов на одного члена РМА",
            blocks={
                "numerator": {"population": "teachers"},
                "denominator": {
                    "population": "staff",
                    "where": [{"methodical_active": {"roles": ACTIVE_ROLES}}],
                },
                "factor": 1,
            },
            reading="§5 п. 8, «Количество педагогических работников, сопровождаемых одним членом регионального "
            "методического актива»: среднее — все педагогические работники года, делённые на число членов РМА; "
            "членами считаются региональные методисты и тьюторы, как в показателе 7 («региональных методистов и "
            "тьюторов в составе регионального методического актива»). Закрепление педагогов за членами актива в "
            "данных не ведётся.",
            alternatives=[
                AlternativeReading(
                    reading="Член актива — любой его участник: среди тех, из кого сформирован РМА, п. 3.2.5 называет "
                    "«специалистов муниципальных методических служб» (строки 194–196); знаменатель — все члены актива.",
                    blocks={
                        "numerator": {"population": "teachers"},
                        "denominator": {"population": "staff", "where": ["methodical_active"]},
                        "factor": 1,
                    },
                ),
                AlternativeReading(
                    reading="Сопровождаемые — педагоги с индивидуальным образовательным маршрутом: в дорожной карте "
                    "значение показателя — результат мероприятия «Обеспечение тьюторского сопровождения ИОМ "
                    "педагогических работников в посткурсовой период» (2.6, строка 542); числитель — педагоги, у "
                    "которых в году действовал маршрут.",
                    blocks={
                        "numerator": {"population": "teachers", "where": ["individual_route"]},
                        "denominator": {
                            "population": "staff",
                            "where": [{"methodical_active": {"roles": ACTIVE_ROLES}}],
                        },
                        "factor": 1,
                    },
                ),
            ],
        ),
        Formula(
            id="amur_registry_programmes_share",
            source=_src(419),
            name="Доля программ ДПО в ФР ДПП среди реализуемых",
            blocks={
                "population": "programmes",
                "where": ["implemented"],
                "numerator": [{"programme": {"federal_registry": True}}],
            },
            reading="§5 п. 9, «в общем количестве программ ДПО, реализуемых субъектами РС НМС»: знаменатель — "
            "программы справочника, которые кто-либо освоил в году («реализуемые»; кто реализовал программу, в "
            "данных не записано); числитель — те из них, что входят в федеральный реестр.",
            alternatives=[
                AlternativeReading(
                    reading="Только собственные программы субъектов: доля говорит о том, сколько программ "
                    "субъектов попало в реестр (дорожная карта 1.3.4, строка 492: экспертиза «ДПП, реализуемых "
                    "субъектами РСНМС»), поэтому программы, разработанные не субъектами системы (например, "
                    "федеральными организациями), не считаются.",
                    blocks={
                        "population": "programmes",
                        "where": ["implemented", {"programme": {"developed_by_system": True}}],
                        "numerator": [{"programme": {"federal_registry": True}}],
                    },
                )
            ],
        ),
        Formula(
            id="amur_network_programmes_count",
            source=_src(421),
            name="Количество программ ДПО, реализованных в сетевой форме",
            blocks={
                "population": "programmes",
                "where": ["implemented", {"programme": {"network_form": True}}],
            },
            reading="§5 п. 10, «Количество программ ДПО, реализованных в сетевой форме»: программы в сетевой "
            "форме, которые кто-либо освоил в году («реализованы»); годовой показатель.",
        ),
        Formula(
            id="amur_innovation_programmes_share",
            source=_src(423),
            name="Доля ДПП, разработанных на основе инновационной деятельности, среди ДПП субъектов РС НМС",
            blocks={
                "population": "programmes",
                "where": [{"programme": {"developed_by_system": True}}],
                "numerator": [{"programme": {"innovation_based": True}}],
            },
            reading="§5 п. 11, «от общего количества ДПП, разработанных субъектами РС НМС»: знаменатель — "
            "программы справочника, чей разработчик — субъект системы (записан одним из названий субъекта в "
            "конфигурации); программы федеральных и иных организаций, не входящих в РС НМС, не считаются. "
            "Числитель — те из них, что разработаны на основе инновационной деятельности. Справочник берётся "
            "целиком: дата разработки в данных не ведётся.",
        ),
        Formula(
            id="amur_np_infrastructure_sites_share",
            source=_src(425),
            name="Доля стажировочных площадок на инфраструктуре НП «Образование»",
            blocks={
                "population": "internship_sites",
                "where": [{"site_kind": "internship_site"}],
                "numerator": [{"organization": {"national_project_infrastructure": True}}],
            },
            reading="§5 п. 12: стажировочные площадки, действовавшие в году; «созданных на базе инфраструктуры НП "
            "«Образование»» — организация площадки имеет признак national_project_infrastructure.",
        ),
        Formula(
            id="amur_events_count",
            source=_src(427),
            name="Количество научно-практических и просветительских мероприятий",
            blocks={
                "population": "events",
                "where": [{"event_kind": ["conference", "seminar", "forum", "webinar"]}],
            },
            reading="§5 п. 13, «научно-практических и просветительских мероприятий (форумов, семинаров, "
            "конференций и т.д.)»: перечень в скобках называет род мероприятий — собрания для обсуждения и "
            "распространения знания; «и т.д.» продолжает его мероприятиями того же рода, поэтому считаются "
            "конференции, семинары (и вебинары — семинары в сети), форумы. Конкурсы, открытые уроки и "
            "мастер-классы — другого рода: конкурсы положение называет отдельным видом («конференции, обучающие "
            "семинары, профессиональные конкурсы, тренинги», п. 3.2.8, строка 241), мастер-классы и посещение "
            "занятий — форматами переноса опыта в практику («в формате стажировок, мастер-классов, организации "
            "обмена опытом, посещения учебных занятий педагогических работников», п. 3.3.1, строка 285).",
            alternatives=[
                AlternativeReading(
                    reading="Перечень с «и т.д.» открытый: любое мероприятие для педагогических работников и "
                    "управленческих кадров, конкурсы, открытые уроки и мастер-классы включительно.",
                    blocks={"population": "events"},
                )
            ],
        ),
    ]
