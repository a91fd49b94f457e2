"""The monitoring vocabulary: the values the store's coded columns take.

Import validates against these (:mod:`efs.data.tables`), synthesis draws from them
(:mod:`efs.data.synth_parts`) and the formula building blocks offer them as parameter choices
(:mod:`efs.indicators.blocks`). They belong to the data: a formula reads them, it does not define them.
"""

from __future__ import annotations

#: ``diagnostics.kind``
DIAGNOSTIC_KINDS = ("professional_deficits", "functional_literacy", "subject", "methodical", "managerial")
#: ``support_participation.form``
SUPPORT_FORMS = (
    "mentoring",
    "teacher_pair",
    "young_teachers_association",
    "networking",
    "methodical_association",
    "professional_community",
    "contest",
    "internship",
    "school_of_young_teacher",
    "other",
)
#: ``support_participation.role``
SUPPORT_ROLES = ("participant", "mentee", "mentor", "organizer")
#: ``internship_sites.kind``
SITE_KINDS = ("internship_site", "innovation_site", "networking_site", "methodical_centre")
#: ``methodical_active_members.role``
ACTIVE_ROLES = ("regional_methodist", "tutor", "municipal_methodist")
