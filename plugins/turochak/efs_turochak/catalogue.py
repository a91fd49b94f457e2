"""Functions the Турочакский район Положение needs beyond the federal catalogue."""

from __future__ import annotations

from efs.model import Function, Source

DOCUMENT = "000_8d8fc144dad462b3.txt"


def functions() -> list[Function]:
    """Functions the Turochak document names and the federal catalogue lacks."""
    return [
        Function(
            id="turochak_founder_assignments",
            name="иные задачи и функции, возложенные учредителем",
            description="Открытый перечень: организация выполняет иные задачи и функции, возложенные "
            "учредителем (п. 3.2.3, институт повышения квалификации; учредитель в документе не назван).",
            source=Source(document=DOCUMENT, section="3.2.3", line=91),
        ),
    ]
