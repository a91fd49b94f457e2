"""What else the concept requires: monitoring frequency and the tripartite agreement."""

from __future__ import annotations

from efs.concept.roles import CONCEPT
from efs.model import Source

#: Monitoring of the system's effectiveness is carried out at least this many times a year.
MIN_MONITORING_PER_YEAR = 1.0
MONITORING_SOURCE = Source(document=CONCEPT, section="мониторинг эффективности: не реже одного раза в год")

#: The roles whose holders are parties of the tripartite agreement ("cnppm_host" is the organisation
#: that hosts the ЦНППМ: the host of a subject filling the ``cnppm`` role, or that subject itself).
TRIPARTITE_ROLES: tuple[tuple[str, str], ...] = (
    ("regional_authority", "региональный орган исполнительной власти в сфере образования"),
    ("municipal_authority", "муниципальный орган управления образованием"),
    ("cnppm_host", "организация, на базе которой создан ЦНППМ"),
)
TRIPARTITE_SOURCE = Source(
    document=CONCEPT,
    section="трёхстороннее соглашение РОИВ, органа местного самоуправления и организации — базы ЦНППМ",
)
