"""The draft as a YAML file with review marks, and the review list as text and JSON."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from efs.drafting.draft import Draft

_MARK = "__review__"


def _mark(data: Any, marks: dict[str, str], path: str = "") -> Any:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        if path in marks:
            out[_MARK] = marks[path]
        for key, value in data.items():
            out[key] = _mark(value, marks, f"{path}.{key}" if path else key)
        return out
    if isinstance(data, list):
        return [_mark(v, marks, f"{path}[{i}]") for i, v in enumerate(data)]
    return data


def item_path(path: str) -> str:
    """The item a review path is about: ``subjects[3].kind`` → ``subjects[3]``; ``jurisdiction.name`` →
    ``jurisdiction``; a path ending with an index is an item itself."""
    return path if path.endswith("]") or "." not in path else path.rsplit(".", 1)[0]


def to_yaml(draft: Draft) -> str:
    """The configuration as YAML; each item to review preceded by a ``# ПРОВЕРИТЬ …`` comment."""
    # A mark is attached to the item its path names (``subjects[3].kind`` marks subject 3).
    item_marks: dict[str, str] = {}
    for path, message in draft.marks.items():
        item = item_path(path)
        item_marks[item] = f"{item_marks[item]}; {message}" if item in item_marks else message
    text = yaml.safe_dump(_mark(draft.config, item_marks), allow_unicode=True, sort_keys=False, width=10**6)
    out: list[str] = []
    fix_next = None
    for line in text.split("\n"):
        m = re.match(rf"^(\s*)(- )?{_MARK}: (.*)$", line)
        if m:
            indent, dash, value = m.group(1), m.group(2), yaml.safe_load(m.group(3))
            out.append(f"{indent}# {value}")
            fix_next = (indent, dash)
            continue
        if fix_next is not None:
            indent, dash = fix_next
            if dash and line.startswith(indent + "  "):
                line = indent + "- " + line[len(indent) + 2:]
            fix_next = None
        out.append(line)
    head = ("# yaml-language-server: $schema=https://efs.invalid/configuration.schema.json\n"
            f"# Черновик efs draft по документу {draft.config['jurisdiction']['document']}: пункты с пометкой\n"
            "# «ПРОВЕРИТЬ» требуют решения человека (список — в выводе команды и в JSON).\n")
    return head + "\n".join(out)


def review_text(draft: Draft) -> str:
    """The review list for a terminal."""
    lines = [f"Требует проверки: {len(draft.review)}"]
    for r in draft.review:
        alts = f" (варианты: {', '.join(r.alternatives)})" if r.alternatives else ""
        lines.append(f"{draft.config['jurisdiction']['document']}:{r.line}: {r.path}: {r.message}{alts}")
    return "\n".join(lines)


def review_json(draft: Draft) -> str:
    """The review list as JSON (stable keys: path, line, section, text, message, chosen, alternatives)."""
    return json.dumps({"document": draft.config["jurisdiction"]["document"],
                       "review": [r.as_dict() for r in draft.review]}, ensure_ascii=False, indent=2)
