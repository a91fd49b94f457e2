"""What a comparison reports: typed changes, grouped by section, each with its match and its impact."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from efs.diff.words import Segment

#: Sections of a Положение in the order the document gives them (ids are stable: JSON keys, HTML ids).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("jurisdiction", "Реквизиты положения"),
    ("legal_basis", "Нормативная правовая основа"),
    ("system", "Цель, задачи, принципы и направления"),
    ("subjects", "Субъекты системы"),
    ("functions", "Функции субъектов"),
    ("actors", "Органы и организации вне системы"),
    ("catalogue", "Собственные функции положения"),
    ("indicators", "Показатели эффективности"),
    ("agreements", "Соглашения"),
    ("roadmap", "Дорожная карта"),
    ("monitoring", "Мониторинг"),
    ("glossary", "Глоссарий"),
    ("service", "Служебные сведения конфигурации"),
)
SECTION_TITLES = dict(SECTIONS)

#: Change types (stable codes: JSON, exit status, tests) and their Russian names.
CHANGE_TYPES: tuple[tuple[str, str], ...] = (
    ("added", "добавлено"),
    ("removed", "исключено"),
    ("reworded", "изменена формулировка"),
    ("moved", "перенесено"),
    ("renumbered", "изменён номер"),
    ("target_changed", "изменено целевое значение"),
    ("deadline_moved", "перенесён срок"),
    ("responsible_changed", "изменены ответственные"),
    ("act_replaced", "акт заменён"),
    ("act_amended", "акт изменён (новая редакция)"),
    ("formula_changed", "изменена формула расчёта"),
    ("changed", "изменены сведения"),
)
CHANGE_LABELS = dict(CHANGE_TYPES)

MATCH_LABELS = {
    "id": "по идентификатору",
    "text": "по тексту",
    "key": "по ключу",
}


@dataclass(frozen=True, slots=True)
class Match:
    """How an old item was paired with a new one.

    Attributes:
        method: ``id`` (the same identifier), ``key`` (the same natural key: a target's year, a term),
            or ``text`` (the same kind and alike wording; ids differ or are absent).
        confidence: 1.0 for ``id`` and ``key``; for ``text``, the similarity of the wordings (0.6–1.0).
    """

    method: str
    confidence: float = 1.0

    @property
    def label(self) -> str:
        """``по тексту, сходство 83 %``."""
        text = MATCH_LABELS[self.method]
        if self.method == "text":
            text += f", сходство {round(self.confidence * 100)} %"
        return text


@dataclass(slots=True)
class Change:
    """One typed change between the two versions.

    Attributes:
        type: One of :data:`CHANGE_TYPES`.
        section: One of :data:`SECTIONS`.
        field: The attribute of the item that changed (``level``, ``deadline``…); ``None`` when the change
            concerns the whole item (added, removed, moved to another subject, a target).
        item: What the changed item is, in Russian («субъект 3.2.2 «ММС»»).
        old: The old wording of what changed (``None`` for an added item).
        new: The new wording (``None`` for a removed item).
        detail: What changed, said in one Russian sentence («уровень: муниципальный → региональный»).
        words: For a rewording: the word-level diff of ``old`` and ``new``.
        old_id: Identifier of the item in the old version (where it has one).
        new_id: Identifier in the new version.
        old_path: Path of the item in the old configuration (for its file:line).
        new_path: Path in the new configuration.
        old_line: Line of the item in the old configuration file, when loaded from a file.
        new_line: Line in the new configuration file.
        match: How the two were paired (``None`` for added and removed items).
        refs: Identifiers the change concerns, for its impact (``indicator:federal_1``, ``function:diagnostics``).
        impact: What the change does, in Russian (filled by the impact analysis).
    """

    type: str
    section: str
    item: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    detail: str = ""
    words: list[Segment] | None = None
    old_id: str | None = None
    new_id: str | None = None
    old_path: tuple[str | int, ...] | None = None
    new_path: tuple[str | int, ...] | None = None
    old_line: int | None = None
    new_line: int | None = None
    match: Match | None = None
    refs: list[str] = _field(default_factory=list)
    impact: list[str] = _field(default_factory=list)

    @property
    def label(self) -> str:
        """The change type in Russian."""
        return CHANGE_LABELS[self.type]

    @property
    def structural(self) -> bool:
        """Whether the change can alter what the system does (a renumbering or a rewording cannot)."""
        return self.type not in ("renumbered", "reworded")

    def path(self, side: str) -> tuple[str | int, ...] | None:
        """Path of what changed in the ``old`` or ``new`` configuration (the item's, with the field)."""
        base = self.old_path if side == "old" else self.new_path
        if base is None:
            return None
        return (*base, self.field) if self.field else base

    def as_dict(self) -> dict[str, Any]:
        """The change as JSON-ready data (documented in ``docs/diff.md``)."""
        from efs.errors import format_path

        return {
            "type": self.type,
            "type_label": self.label,
            "section": self.section,
            "section_title": SECTION_TITLES[self.section],
            "item": self.item,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "detail": self.detail,
            "words": [{"op": op, "text": text} for op, text in self.words] if self.words is not None else None,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "old_path": format_path(self.old_path) if self.old_path is not None else None,
            "new_path": format_path(self.new_path) if self.new_path is not None else None,
            "old_line": self.old_line,
            "new_line": self.new_line,
            "match": None if self.match is None else {
                "method": self.match.method,
                "confidence": round(self.match.confidence, 3),
                "label": self.match.label,
            },
            "refs": list(self.refs),
            "impact": list(self.impact),
        }
