"""The families of defects a careful reader finds in a Положение, and the rules that report each.

Used to group findings by family: in ``docs/jurisdictions/*.md`` (what the validator finds in each bundled
document) and in the recall/precision measure against the per-document expectations
(``bench/recall.py``). A rule not listed belongs to no family: the engine's own codes, the source checks
(``EFS020``–``EFS023``: the encoding against its document), and the status of execution on the date of
checking (``EFS153``: a deadline passed is not a defect of the text). ``EFS242`` (a glossary definition the rest
of the text contradicts) is listed so that the expectations can name it, and has no rule yet: what a reader
finds there is measured as missed.
"""

from __future__ import annotations

#: Family id → (Russian title, rule codes).
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "names": ("Названия и органы", (
        "EFS142", "EFS143", "EFS144", "EFS145", "EFS200", "EFS201", "EFS202", "EFS203", "EFS204")),
    "consistency": ("Согласованность разделов", ("EFS120", "EFS210", "EFS211", "EFS212", "EFS213")),
    "legal": ("Правовая основа и ссылки на акты", (
        "EFS101", "EFS102", "EFS103", "EFS104", "EFS105", "EFS106", "EFS107", "EFS108", "EFS110", "EFS111",
        "EFS220", "EFS221", "EFS222", "EFS223")),
    "complete": ("Дорожная карта, мониторинг и показатели", (
        "EFS140", "EFS141", "EFS150", "EFS151", "EFS152", "EFS154", "EFS155", "EFS156", "EFS157",
        "EFS160", "EFS161", "EFS162", "EFS164", "EFS165", "EFS166", "EFS167", "EFS168", "EFS169",
        "EFS180", "EFS181", "EFS182", "EFS186", "EFS230", "EFS231", "EFS232", "EFS233")),
    "glossary": ("Глоссарий", ("EFS190", "EFS240", "EFS241", "EFS242")),
    "concept": ("Соответствие концепции", ("EFS121", "EFS122", "EFS130", "EFS131", "EFS132", "EFS163",
                                           "EFS250", "EFS251")),
    "traces": ("Следы шаблона", ("EFS260",)),
}

#: Rule code → family id.
FAMILY_OF: dict[str, str] = {code: family for family, (_, codes) in FAMILIES.items() for code in codes}


def family_of(code: str) -> str | None:
    """The family a rule's findings belong to, or ``None``."""
    return FAMILY_OF.get(code)
