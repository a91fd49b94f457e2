"""How a finding names what it speaks of: in the document's words, never in the configuration's ids.

A finding is read by the people who wrote the Положение. They know an indicator or a measure by its
number in the document (or, when it has none, by its words), a kind of subject, a role or a function by its
Russian name from the Concept (:mod:`efs.concept`) — not by ``federal_2``, ``municipal_authority`` or
``m_2_6_unnumbered_2``. The ids stay in the finding's ``item`` and location, for programs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def short(text: str, limit: int = 70) -> str:
    """``text`` cut to ``limit`` characters with «…»."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def ref(item: Any) -> str:
    """An indicator or a measure as the document numbers it («3», «2.3.1.»), else its words in quotes."""
    number = getattr(item, "number", None)
    return str(number) if number else f"«{short(item.text)}»"


def federal_name(indicator: Any) -> str:
    """«федеральный показатель 2»: a Concept indicator by its number there, else its words."""
    return f"федеральный показатель {ref(indicator)}"


def kind_names(registry: Any, ids: Iterable[str]) -> list[str]:
    """The Russian names of kinds of subjects (the id itself only for a kind the registry does not know)."""
    kinds = getattr(registry, "kinds", {}) or {}
    return [f"«{kinds[k].name}»" if k in kinds and kinds[k].name else k for k in ids]
