"""Russian labels, number formatting and the escaping every report medium needs (one place for each)."""

from __future__ import annotations

import hashlib
import html
import math
import re
from typing import Any

from efs.indicators.results import STATUS_LABELS as RESULT_STATUS_LABELS

SYNTHETIC_BANNER = "СИНТЕТИЧЕСКИЕ ДАННЫЕ"
SYNTHETIC_NOTE = "СИНТЕТИЧЕСКИЕ ДАННЫЕ — не реальные: сформированы efs data synth для демонстрации"

#: Section ids (stable: the HTML ids, the JSON keys) and their Russian titles, in the order of the справка
#: and of the XLSX sheets: the summary (one to two printed pages) first, then the appendices.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Итоги"),
    ("recommendations", "Рекомендации"),
    ("indicators", "Показатели"),
    ("set_aside", "Сводные отчёты, не использованные при расчёте"),
    ("findings", "Замечания проверки положения"),
    ("roadmap", "Дорожная карта"),
    ("structure", "Структура системы"),
    ("coverage", "Функции и субъекты"),
)
SECTION_TITLES = dict(SECTIONS)

STATUS_LABELS = RESULT_STATUS_LABELS  # the engine's labels: one wording in the terminal and the report
ORIGIN_LABELS = {
    "jurisdiction": "цель положения",
    "federal": "федеральная цель",
    "roadmap": "порог дорожной карты",
}
COMPARATOR_WORDS = {"at_least": "не менее", "at_most": "не более", "equal": "ровно"}
#: Where a target is written, as the reader knows it.
ORIGIN_DOCUMENTS = {"jurisdiction": "Положение", "federal": "концепция ЕФС", "roadmap": "дорожная карта"}
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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

#: Characters that change or hide text without showing themselves: Unicode's format characters (category
#: Cf: bidi overrides and isolates, zero-width spaces and joiners, the BOM, soft hyphen, tags…), the line and
#: paragraph separators, the combining grapheme joiner, variation selectors and the blank Hangul fillers.
#: Two names that differ only by these look identical, and a bidi override reorders what a reader sees.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)


def invisible_mark(char: str) -> str:
    """How an invisible character is shown in a report: ``⟨U+202E⟩``."""
    return f"⟨U+{ord(char):04X}⟩"


def clean(text: Any) -> str:
    """Text safe to show: control characters removed, invisible ones shown as ``⟨U+202E⟩``; ``None`` is ``""``.

    Control characters break XML, XLSX and terminals; invisible ones (bidi overrides, zero-width
    spaces…) would make a report show something other than what the store holds. Every medium except
    JSON (which keeps the data exactly) passes text through here.
    """
    if text is None:
        return ""
    value = _CONTROL.sub("", str(text))
    return _INVISIBLE.sub(lambda m: invisible_mark(m.group()), value)


def esc(text: Any) -> str:
    """HTML/SVG/XML-escaped text (quotes too): user text never becomes markup."""
    return html.escape(clean(text), quote=True)


_TOKEN_PART = re.compile(r"[A-Za-z0-9_]{1,64}")


def token(*parts: Any) -> str:
    """An HTML id / URL fragment made of ``parts``, always of ``[A-Za-z0-9_-]`` only.

    A part that is a plain identifier is kept (``ind-federal_1-ge70``: readable, stable links); any
    other part becomes ``-`` and a hash of it, so ids derived from configuration values can neither
    carry markup nor collide with a plain one. ``None`` parts are skipped.
    """
    out = []
    for part in parts:
        if part is None:
            continue
        text = str(part)
        if _TOKEN_PART.fullmatch(text):
            out.append(text)
        else:
            digest = hashlib.blake2s(text.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()
            out.append(f"-{digest}")
    return "-".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
#: What GitHub-flavoured Markdown would turn into a link by itself: ``scheme://…``, ``www.…`` and e-mail
#: addresses (with ``mailto:``/``xmpp:``). Such text is shown as a code span, which no renderer links.
_AUTOLINK = re.compile(
    r"(?i)(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>`|]+"
    r"|(?:\b(?:mailto|xmpp):)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def _md_plain(value: str) -> str:
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def md(text: Any) -> str:
    """Markdown-inline-safe text on one line: markup backslash-escaped, ``&``, ``<``, ``>`` as entities.

    Addresses a renderer would autolink (``https://…``, ``www.…``, ``name@host.ru``) become code spans:
    a name in the report is text, never a link.
    """
    value = clean(text).replace("\r", " ").replace("\n", " ")
    out, pos = [], 0
    for m in _AUTOLINK.finditer(value):
        out.append(_md_plain(value[pos : m.start()]))
        out.append(f"`{m.group()}`")  # the match holds no backtick, no | and no whitespace
        pos = m.end()
    out.append(_md_plain(value[pos:]))
    return "".join(out)


def rounded(value: float | None) -> float | int | None:
    """A value as the справка shows it (every medium): whole numbers whole, others to one decimal, small
    ones to two significant digits (0,043 stays 0,043 rather than becoming 0,0)."""
    if value is None or isinstance(value, bool):
        return value
    if float(value).is_integer():
        return int(value)
    shown = round(value, 1) if abs(value) >= 1 else round(value, 1 - math.floor(math.log10(abs(value))))
    return int(shown) if float(shown).is_integer() else shown


def num(value: float | None) -> str:
    """A number in Russian style, rounded by :func:`rounded`: decimal comma, thin-space groups; ``—`` for none."""
    shown = rounded(value)
    if shown is None:
        return "—"
    if isinstance(shown, int):
        return f"{shown:,}".replace(",", "\u202f")
    digits = len(repr(float(shown)).split(".")[1]) if "e" not in repr(float(shown)) else 3
    return f"{shown:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


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
