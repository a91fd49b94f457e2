"""Russian titles and labels of the passport (one place; every medium reads them from here)."""

from __future__ import annotations

#: Section ids (the JSON keys, the HTML ids, the XLSX sheets' order) and their titles.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("structure", "Структура системы"),
    ("staff", "Кадровый состав"),
    ("programmes", "Программы ДПО"),
    ("infrastructure", "Инфраструктура"),
    ("engagement", "Вовлечение педагогов"),
    ("indicators", "Показатели"),
    ("to_fill", "Заполняется вручную"),
)
SECTION_TITLES = dict(SECTIONS)

#: ``organizations.kind`` as the passport names a row of organisations of that kind.
ORGANIZATION_KINDS = {
    "school": "общеобразовательные организации",
    "kindergarten": "дошкольные образовательные организации",
    "additional_education": "организации дополнительного образования",
    "college": "профессиональные образовательные организации",
    "university": "образовательные организации высшего образования",
    "cnppm": "ЦНППМ",
    "other": "иные организации",
}
#: ``internship_sites.kind``.
SITE_KINDS = {
    "internship_site": "стажировочные площадки",
    "innovation_site": "инновационные площадки",
    "networking_site": "нетворкинг-площадки",
    "methodical_centre": "методические центры",
}
#: ``methodical_active_members.role``.
ACTIVE_ROLES = {
    "regional_methodist": "региональные методисты",
    "tutor": "тьюторы",
    "municipal_methodist": "муниципальные методисты",
}
#: Engagement measures (:data:`efs.passport.counts.ENGAGEMENT`): column titles.
ENGAGEMENT_TITLES = {
    "diagnostics": "прошли диагностику",
    "deficits": "выявлены профессиональные дефициты",
    "routes": "есть ИОМ",
    "mentees": "наставляемые",
    "mentors": "наставники",
    "support": "участвовали в формах поддержки",
    "completed": "освоили программы ДПО",
    "post_course": "посткурсовое сопровождение",
}
HIDDEN = "скрыто"
HIDDEN_NOTE = ("«скрыто» — группа меньше {k} человек, или строка скрыта, чтобы итог не раскрыл такую группу "
               "(как в efs report и efs indicators: --min-denominator).")
NO_DEVELOPER = "разработчик не указан"
TOTAL = "Итого"
