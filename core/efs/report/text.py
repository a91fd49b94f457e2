"""Russian labels, number formatting and the escaping every report medium needs (one place for each)."""

from __future__ import annotations

import html
import re
from typing import Any

from efs.indicators.results import STATUS_LABELS as RESULT_STATUS_LABELS

SYNTHETIC_BANNER = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
SYNTHETIC_NOTE = "СИНТЕТИЧЕСКИЕ ДАННЫЕ — не реальные: сформированы efs data synth для демонстрации"

#: Section ids (stable: the HTML ids, the XLSX sheet order, the JSON keys) and their Russian titles.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Сводка"),
    ("structure", "Структура системы"),
    ("coverage", "Функции и субъекты"),
    ("findings", "Находки проверки"),
    ("indicators", "Показатели"),
    ("roadmap", "Дорожная карта"),
    ("recommendations", "Рекомендации"),
)
SECTION_TITLES = dict(SECTIONS)

STATUS_LABELS = RESULT_STATUS_LABELS  # the engine's labels: one wording in the terminal and the report
ORIGIN_LABELS = {
    "jurisdiction": "цель положения",
    "federal": "федеральная цель",
    "roadmap": "порог дорожной карты",
}
ROADMAP_LABELS = {
    "done": "выполнено",
    "due": "в работе, срок не истёк",
    "overdue": "просрочено",
    "cancelled": "отменено",
    "no_deadline": "срок не указан, не выполнено",
}
STORE_STATUS_LABELS = {
    "done": "выполнено",
    "in_progress": "выполняется",
    "not_started": "не начато",
    "cancelled": "отменено",
    None: "нет отметки",
}
SEVERITY_LABELS = {"error": "ошибка", "warning": "предупреждение", "info": "сведение"}
LEVEL_LABELS = {
    "federal": "федеральный",
    "regional": "региональный",
    "municipal": "муниципальный",
    "institutional": "институциональный",
    None: "уровень не указан",
}
AGREEMENT_LABELS = {
    "tripartite": "трёхстороннее соглашение",
    "cooperation": "соглашение о сотрудничестве",
    "network": "соглашение о сетевом взаимодействии",
    "other": "соглашение",
}
SCOPE_LABELS = {"municipality": "по муниципалитетам", "organization": "по организациям"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: Any) -> str:
    """Text without control characters (they break XML, XLSX and terminals); ``None`` becomes ``""``."""
    if text is None:
        return ""
    return _CONTROL.sub("", str(text))


def esc(text: Any) -> str:
    """HTML/SVG/XML-escaped text (quotes too): user text never becomes markup."""
    return html.escape(clean(text), quote=True)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md(text: Any) -> str:
    """Markdown-inline-safe text on one line: markup backslash-escaped, ``&``, ``<``, ``>`` as entities."""
    value = clean(text).replace("\r", " ").replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def num(value: float | None, digits: int = 1) -> str:
    """A number in Russian style: decimal comma, thin groups; ``—`` for none."""
    if value is None:
        return "—"
    if float(value).is_integer():
        text = f"{int(value):,}".replace(",", "\u202f")
    else:
        text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def with_unit(value: float | None, unit: str) -> str:
    """``42,8 %`` / ``20 чел.`` / ``—``."""
    return "—" if value is None else f"{num(value)} {unit.strip()}".strip()


def date_ru(value: Any) -> str:
    """``ДД.ММ.ГГГГ`` for a date or ISO string; ``—`` for none."""
    if value is None or value == "":
        return "—"
    import datetime as dt

    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return str(value.strftime("%d.%m.%Y"))


def source_text(source: Any) -> str:
    """A Source (model or dict) as «документ, §раздел, строка N»; empty for none."""
    if source is None:
        return ""
    if isinstance(source, dict):
        parts = [source.get("document") or "?"]
        if source.get("section"):
            parts.append(f"§{source['section']}")
        if source.get("line"):
            parts.append(f"строка {source['line']}")
        return ", ".join(parts)
    return str(source)
