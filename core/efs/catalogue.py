"""The catalogue as a reader finds it: subject kinds, functions, formulas and formula building blocks.

What ``efs catalogue`` prints and ``docs/catalogue.md`` holds (``efs catalogue --format markdown -o
docs/catalogue.md``; a test keeps the file current). Every entry comes from the registry, so a plugin's
kinds, functions and formulas are listed with the plugin that provides them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from efs.model import Level

if TYPE_CHECKING:
    from efs.registry import Registry

#: The sections, in order, with their Russian titles.
SECTIONS: dict[str, str] = {
    "kinds": "Виды субъектов",
    "functions": "Функции",
    "formulas": "Формулы",
    "blocks": "Строительные блоки формул",
}


def _plugin(item: Any) -> str:
    prov = getattr(item, "provenance", None)
    return prov.plugin if prov is not None else "efs"


def _levels(levels: list[Level]) -> list[str]:
    return [lv.value for lv in levels]


def kinds(registry: Registry) -> list[dict[str, Any]]:
    """Every subject kind: id, name, levels, the federal roles it fills, description, plugin."""
    from efs.concept.roles import ROLES_BY_ID

    return [
        {
            "id": k.id,
            "name": k.name,
            "levels": _levels(k.levels),
            "fills_roles": [{"id": r, "name": ROLES_BY_ID[r].name if r in ROLES_BY_ID else r} for r in k.fills_roles],
            "description": k.description,
            "plugin": _plugin(k),
        }
        for k in sorted(registry.kinds.values(), key=lambda k: k.id)
    ]


def functions(registry: Registry) -> list[dict[str, Any]]:
    """Every function: id, name, description, the levels that must cover it, where it is defined, plugin."""
    return [
        {
            "id": f.id,
            "name": f.name,
            "description": f.description,
            "required_at": _levels(f.required_at),
            "source": str(f.source) if f.source is not None else None,
            "plugin": _plugin(f),
        }
        for f in sorted(registry.functions.values(), key=lambda f: f.id)
    ]


def formulas(registry: Registry) -> list[dict[str, Any]]:
    """Every registered formula: id, name, building blocks or Python function, reading, the indicators using it."""
    users: dict[str, list[str]] = {}
    for ind in registry.indicators.values():
        if isinstance(ind.formula, str):
            users.setdefault(ind.formula, []).append(ind.id)
    return [
        {
            "id": f.id,
            "name": f.name,
            "form": "python" if f.python else "blocks",
            "python": f.python,
            "reading": f.reading,
            "source": str(f.source) if f.source is not None else None,
            "indicators": sorted(users.get(f.id, [])),
            "plugin": _plugin(f),
        }
        for f in sorted(registry.formulas.values(), key=lambda f: f.id)
    ]


def blocks() -> dict[str, Any]:
    """The building blocks of formulas: populations, conditions with their parameters, measures, entities."""
    from efs.indicators.blocks import COMBINATORS, CONDITIONS, ENTITIES, MEASURES, POPULATIONS

    return {
        "populations": [{"id": p.id, "entities": list(p.entities), "text": p.text} for p in POPULATIONS.values()],
        "conditions": [
            {
                "id": c.id,
                "entities": list(c.entities),
                "text": c.text,
                "params": [{"name": k, "type": p.type, "text": p.text, "choices": list(p.choices)}
                           for k, p in c.params.items()],
            }
            for c in CONDITIONS.values()
        ],
        "combinators": list(COMBINATORS),
        "measures": [{"id": k, "text": v[0]} for k, v in MEASURES.items()],
        "entities": [{"id": k, "text": v[0], "tables": list(v[1])} for k, v in ENTITIES.items()],
    }


def listing(registry: Registry, sections: list[str] | None = None) -> dict[str, Any]:
    """The sections asked for (all by default), as plain data: what ``--format json`` prints."""
    out: dict[str, Any] = {}
    for name in sections or list(SECTIONS):
        out[name] = blocks() if name == "blocks" else {"kinds": kinds, "functions": functions,
                                                       "formulas": formulas}[name](registry)
    return out


def render_json(data: dict[str, Any]) -> str:
    """The listing as JSON."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _label(levels: list[str]) -> str:
    return ", ".join(Level(lv).label for lv in levels) or "—"


def render_text(data: dict[str, Any]) -> str:
    """The listing for a terminal: one entry a line, its details indented below."""
    lines: list[str] = []
    for name, entries in data.items():
        if lines:
            lines.append("")
        lines.append(f"{SECTIONS[name]}:")
        if name == "kinds":
            for k in entries:
                roles = ", ".join(r["id"] for r in k["fills_roles"])
                lines.append(f"  {k['id']} — {k['name']} [уровни: {_label(k['levels'])}]"
                             + (f" [роли: {roles}]" if roles else "") + _from(k))
                if k["description"]:
                    lines.append(f"      {k['description']}")
        elif name == "functions":
            for f in entries:
                need = f" [обязательна: {_label(f['required_at'])}]" if f["required_at"] else ""
                lines.append(f"  {f['id']} — {f['name']}{need}{_from(f)}")
                if f["description"]:
                    lines.append(f"      {f['description']}")
        elif name == "formulas":
            for f in entries:
                body = f"python {f['python']}" if f["python"] else "строительные блоки"
                used = f" [показатели: {', '.join(f['indicators'])}]" if f["indicators"] else ""
                lines.append(f"  {f['id']} — {f['name']} [{body}]{used}{_from(f)}")
                if f["reading"]:
                    lines.append(f"      прочтение: {f['reading']}")
        else:
            lines.append("  совокупности (population):")
            lines += [f"    {p['id']} — {p['text']} [{', '.join(p['entities'])}]" for p in entries["populations"]]
            lines.append("  условия (numerator, where):")
            for c in entries["conditions"]:
                lines.append(f"    {c['id']} — {c['text']} [{', '.join(c['entities'])}]")
                lines += [f"        {p['name']} ({p['type']}) — {p['text']}"
                          + (f": {', '.join(p['choices'])}" if p["choices"] else "") for p in c["params"]]
            lines.append(f"  комбинаторы: {', '.join(entries['combinators'])}")
            lines.append("  меры (measure): " + "; ".join(f"{m['id']} — {m['text']}" for m in entries["measures"]))
    return "\n".join(lines)


def _from(entry: dict[str, Any]) -> str:
    return "" if _core(entry) else f" (плагин {entry['plugin']})"


def _core(entry: dict[str, Any]) -> bool:
    return bool(entry["plugin"] == "efs" or entry["plugin"].startswith("efs."))


def _who(entry: dict[str, Any]) -> str:
    return "ядро" if _core(entry) else str(entry["plugin"])


def _cell(text: Any) -> str:
    return str(text if text is not None else "—").replace("|", "\\|").replace("\n", " ")


def markdown(registry: Registry) -> str:
    """The whole ``docs/catalogue.md``."""
    data = listing(registry)
    out = [
        "# Каталог: виды субъектов, функции, формулы, строительные блоки",
        "",
        "Файл создаётся командой `efs catalogue --format markdown -o docs/catalogue.md`; не правьте его вручную.",
        "Тот же каталог с подключёнными плагинами печатает `efs catalogue` (`kinds`, `functions`, `formulas`,",
        "`blocks`; `--format json` — для программ). Идентификаторы отсюда пишут в конфигурации: `kind` субъекта,",
        "`function` и `also` пункта функций, `formula` показателя.",
        "",
        f"## {SECTIONS['kinds']}",
        "",
        "| id | название | уровни | роли концепции | плагин |",
        "|---|---|---|---|---|",
    ]
    for k in data["kinds"]:
        roles = "; ".join(f"`{r['id']}` — {r['name']}" for r in k["fills_roles"]) or "—"
        name = _cell(k["name"]) + (f"<br>{_cell(k['description'])}" if k["description"] else "")
        out.append(f"| `{k['id']}` | {name} | {_label(k['levels'])} | {_cell(roles)} | {_who(k)} |")
    out += ["", f"## {SECTIONS['functions']}", "",
            "`обязательна` — уровни, на которых функцию по концепции должен выполнять хотя бы один субъект.", "",
            "| id | название | обязательна | где определена | плагин |", "|---|---|---|---|---|"]
    for f in data["functions"]:
        name = _cell(f["name"]) + (f"<br>{_cell(f['description'])}" if f["description"] else "")
        out.append(f"| `{f['id']}` | {name} | {_label(f['required_at'])} | {_cell(f['source'])} | {_who(f)} |")
    out += ["", f"## {SECTIONS['formulas']}", "",
            "Формулы показателей, зарегистрированные ядром и плагинами (как писать свою — docs/plugins.md; формулы "
            "каждого показателя и выбранные прочтения — docs/indicators.md).", "",
            "| id | что считает | форма | показатели | плагин |", "|---|---|---|---|---|"]
    for f in data["formulas"]:
        form = f"Python `{f['python']}`" if f["python"] else "строительные блоки"
        out.append(f"| `{f['id']}` | {_cell(f['name'])} | {form} | "
                   f"{', '.join(f'`{i}`' for i in f['indicators']) or '—'} | {_who(f)} |")
    b = data["blocks"]
    out += ["", f"## {SECTIONS['blocks']}", "",
            "Из них пишут формулу показателя (`formula:`); формы формул и правила счёта — docs/indicators.md.", "",
            "### Совокупности (`population`)", "", "| id | сущности | что это |", "|---|---|---|"]
    out += [f"| `{p['id']}` | {', '.join(p['entities'])} | {_cell(p['text'])} |" for p in b["populations"]]
    out += ["", "### Условия (`numerator`, `where`)", "", "| id | к чему применимо | что проверяет | параметры |",
            "|---|---|---|---|"]
    for c in b["conditions"]:
        params = "; ".join(f"`{p['name']}` ({p['type']}) — {p['text']}"
                           + (f": {', '.join(p['choices'])}" if p["choices"] else "") for p in c["params"]) or "—"
        out.append(f"| `{c['id']}` | {', '.join(c['entities'])} | {_cell(c['text'])} | {_cell(params)} |")
    out += ["", "Комбинаторы: " + ", ".join(f"`{x}`" for x in b["combinators"]) + ".", "",
            "Меры (`measure`): " + "; ".join(f"`{m['id']}` — {m['text']}" for m in b["measures"]) + "."]
    return "\n".join(out) + "\n"
