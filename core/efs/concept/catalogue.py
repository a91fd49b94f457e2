"""The federal catalogue: subject kinds and functions named by the concept.

Ids follow ``GLOSSARY.md``. Jurisdiction-specific kinds (``networking_site``,
``cnppm_branch``, ``young_teachers_association`` …) come from plugins, not from here.
"""

from __future__ import annotations

from efs.concept.roles import CONCEPT
from efs.model import Function, Level, Source, SubjectKind

FEDERAL_DOCUMENT = "001_5ac565084bef0351.txt"

R, M, INST, F = Level.regional, Level.municipal, Level.institutional, Level.federal

# (id, name, levels, roles it can fill)
_KINDS: list[tuple[str, str, list[Level], list[str]]] = [
    ("federal_operator", "федеральный оператор / координатор ЕФС", [F], ["federal_coordinator"]),
    ("regional_authority", "региональный орган исполнительной власти в сфере образования (РОИВ)", [R],
     ["regional_authority"]),
    ("regional_operator", "региональный оператор системы научно-методического сопровождения", [R],
     ["regional_coordinator"]),
    ("cnppm", "центр непрерывного повышения профессионального мастерства педагогических работников (ЦНППМ)",
     [R], ["cnppm"]),
    ("dpo_institute", "институт развития образования / повышения квалификации (ИРО, ИПК)", [R],
     ["regional_coordinator"]),
    ("methodical_active", "региональный методический актив (РМА)", [R], ["methodical_active"]),
    ("rumo", "региональное учебно-методическое объединение (РУМО)", [R], []),
    ("internship_site", "стажировочная площадка", [R, M, INST], []),
    ("innovation_site", "региональная инновационная площадка (РИП)", [R, M, INST], []),
    ("college", "профессиональная образовательная организация (колледж, ПОО)", [R], []),
    ("university", "образовательная организация высшего образования (вуз, ООВО)", [F, R], []),
    ("pms_support_centre", "психолого-педагогический, медицинский и социальный центр (ППМС-центр)", [R, M], []),
    ("quality_assessment_centre", "региональный центр оценки качества образования (РЦОКО)", [R], []),
    ("competence_assessment_centre",
     "центр оценки профессионального мастерства и квалификаций педагогов (ЦОПМКП)", [R], []),
    ("professional_association", "профессиональное объединение, ассоциация педагогов", [R, M, INST], []),
    ("professional_community", "профессиональное (методическое) сообщество", [R, M, INST], []),
    ("municipal_authority", "муниципальный орган управления образованием", [M], ["municipal_authority"]),
    ("municipal_methodical_service", "муниципальная методическая служба (ММС)", [M],
     ["municipal_methodical_service"]),
    ("municipal_methodical_association", "муниципальное методическое объединение (ММО)", [M],
     ["municipal_methodical_association"]),
    ("school_methodical_council", "методический (научно-методический) совет образовательной организации", [INST],
     ["school_methodical_council"]),
    ("school_methodical_association", "методическое объединение образовательной организации (МО)", [INST],
     ["school_methodical_association"]),
    ("management_team", "управленческая команда образовательной организации", [INST], []),
    ("teacher_pair", "«пары» педагогов", [INST], []),
    ("organization", "образовательная организация (ОО)", [INST], []),
]

# (id, name, description, levels at which the concept requires the function). Where the requirement comes from:
# regional — the functions the concept (Р-174) and its recommendations (Р-33) give the ЦНППМ and the regional
# authority (diagnostics, routes, registry programmes, post-course support, mentoring, young teachers,
# internships, methodical active, management teams, monitoring); municipal — «Основные направления деятельности
# Системы на муниципальном уровне» (001_5ac565084bef0351.txt, lines 15–19) and the coordination the municipal
# methodical service holds; institutional — the school-level functions the recommendations give methodical
# councils and associations (support of routes, mentoring, horizontal learning). Nothing else is required, so
# that every EFS131 finding is a function the concept really asks of that level.
_FUNCTIONS: list[tuple[str, str, str, list[Level]]] = [
    ("governance", "управление и нормативное регулирование системы",
     "Правовое регулирование, утверждение документов, распределение полномочий, контроль.", [R]),
    ("coordination", "координация деятельности субъектов системы",
     "Организационно-методическая координация, взаимодействие субъектов, сетевое взаимодействие.", [R, M]),
    ("diagnostics", "диагностика профессиональных дефицитов",
     "Выявление профессиональных дефицитов, оценка компетенций, диагностика функциональной грамотности.",
     [R]),
    ("individual_routes", "индивидуальные образовательные маршруты (ИОМ)",
     "Разработка и сопровождение ИОМ по итогам диагностики.", [R, M, INST]),
    ("professional_development", "повышение квалификации и профессиональное развитие",
     "Реализация дополнительных профессиональных программ, обучение, профессиональная переподготовка.", [R]),
    ("programme_development", "разработка дополнительных профессиональных программ",
     "Разработка ДПП, в том числе сетевых, на основе инноваций.", [R]),
    ("federal_registry", "федеральный реестр ДПП",
     "Подготовка программ к включению в федеральный реестр, реализация программ реестра.", [R]),
    ("post_course_support", "посткурсовое сопровождение", "Методическое сопровождение после обучения.", [R]),
    ("mentoring", "наставничество", "Внедрение целевой модели наставничества, наставнические пары.", [R, INST]),
    ("young_teachers_support", "поддержка молодых педагогов",
     "Поддержка и сопровождение педагогов до 35 лет в первые 3 года работы.", [R]),
    ("internships", "стажировки", "Организация стажировок, работа стажировочных площадок.", [R]),
    ("methodical_support", "методическая помощь и консультирование",
     "Адресная методическая помощь, консультации, сопровождение педагогов и управленцев.", [R, M]),
    ("experience_dissemination", "обобщение и распространение опыта",
     "Выявление, обобщение и трансляция эффективных практик.", [R, M, INST]),
    ("professional_communities", "развитие профессиональных сообществ",
     "Поддержка методических объединений, ассоциаций, сообществ.", [R, M]),
    ("methodical_active", "формирование методического актива",
     "Отбор, подготовка и работа региональных методистов и тьюторов.", [R]),
    ("management_training", "развитие управленческих кадров",
     "Обучение управленческих команд, резерв управленческих кадров.", [R]),
    ("monitoring", "мониторинг эффективности",
     "Мониторинг и анализ результатов, показателей, качества сопровождения.", [R]),
    ("analytics", "анализ и методические рекомендации",
     "Анализ результатов оценочных процедур, подготовка аналитических материалов и рекомендаций.", [R]),
    ("information_support", "информационное сопровождение",
     "Информирование педагогов, публикации, информационные ресурсы.", [M]),
    ("innovation", "инновационная и опытно-экспериментальная деятельность",
     "Инновационные проекты, апробация, внедрение нового содержания и технологий.", []),
    ("research", "научные исследования", "Научно-исследовательская деятельность, научное сопровождение.", []),
    ("competitions", "конкурсы профессионального мастерства",
     "Организация и сопровождение конкурсов, олимпиад для педагогов.", []),
    ("certification_support", "сопровождение аттестации",
     "Аттестация педагогических работников, экспертиза.", []),
    ("school_support", "поддержка школ с низкими результатами и в неблагоприятных условиях",
     "Сопровождение ШНОР и ШНСУ.", []),
    ("teacher_training", "подготовка будущих педагогов",
     "Среднее и высшее педагогическое образование, профориентация в педагогику.", []),
    ("psychological_support", "психолого-педагогическое сопровождение",
     "Психологическая помощь, профилактика профессионального выгорания.", []),
    ("digital_environment", "цифровая образовательная среда",
     "Цифровые платформы и ресурсы непрерывного профессионального развития.", []),
    ("quality_assessment", "оценка качества образования",
     "Оценочные процедуры, исследования качества образования.", []),
    # Named by the concept without being required of every level; several documents assign them.
    ("resource_provision", "ресурсное обеспечение системы",
     "Материально-технические, финансовые, кадровые и иные условия и финансирование системы "
     "научно-методического сопровождения.", []),
    ("dpo_passport", "паспорт системы и сведения для него",
     "Формирование паспорта региональной системы научно-методического сопровождения (паспорта ДПО, ДППО) "
     "и передача сведений для него.", []),
    ("expertise", "экспертиза программ и практик",
     "Участие в экспертизе дополнительных профессиональных и образовательных программ, инновационного "
     "содержания и лучших практик; вовлечение педагогов в экспертную деятельность.", []),
    ("assigned_by_founder", "иные задачи и функции, возложенные учредителем",
     "Открытый пункт перечня функций организации: задачи, которые учредитель возлагает сверх названных "
     "в положении.", []),
]


def subject_kinds() -> list[SubjectKind]:
    """The subject kinds the federal concept names."""
    return [SubjectKind(id=i, name=n, levels=lv, fills_roles=roles) for i, n, lv, roles in _KINDS]


_MUNICIPAL_DIRECTIONS = "Основные направления деятельности Системы на муниципальном уровне"
# Function -> line of 001 that names it among the municipal directions.
_MUNICIPAL_LINES = {
    "individual_routes": 15,
    "information_support": 16,
    "methodical_support": 17,
    "professional_communities": 18,
    "experience_dissemination": 19,
}


def _source(fid: str, levels: list[Level]) -> Source | None:
    if fid in _MUNICIPAL_LINES:
        return Source(document=FEDERAL_DOCUMENT, section=_MUNICIPAL_DIRECTIONS, line=_MUNICIPAL_LINES[fid])
    if levels:
        return Source(document=CONCEPT, section="функции субъектов регионального и институционального уровней")
    return None


def functions() -> list[Function]:
    """The federal function catalogue; a required function's ``source`` says where the requirement is."""
    return [
        Function(id=i, name=n, description=d, required_at=lv, source=_source(i, lv)) for i, n, d, lv in _FUNCTIONS
    ]
