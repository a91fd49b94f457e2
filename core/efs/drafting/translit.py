"""Identifiers from Russian text: transliterated, lower case, words joined by «_»."""

from __future__ import annotations

import re

_MAP = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                 "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"], strict=True))


def slug(text: str, words: int = 4) -> str:
    """``«ГАУ ДПО «АМИРО»»`` → ``gau_dpo_amiro``: at most ``words`` words, at most 40 characters."""
    latin = "".join(_MAP.get(ch, ch) for ch in text.lower())
    parts = [p for p in re.split(r"[^a-z0-9]+", latin) if p][:words]
    return "_".join(parts)[:40].strip("_")


def identifier(text: str, prefix: str) -> str:
    """An identifier from ``text`` that starts with a letter (``prefix`` put before one that does not)."""
    base = slug(text)
    if not base:
        return prefix
    return base if base[0].isalpha() else f"{prefix}_{base}"[:40].strip("_")
