"""The structure section as data: levels as bands, subjects (and the bodies they link to) as nodes, links.

Links are only those the configuration states: ``host`` (a structural unit of an organization),
``part_of`` (a branch of a whole, e.g. the Тюмень ЦНППМ branches) and the parties of each agreement.
Kinds a jurisdiction's plugin adds (networking sites, ЦНППМ branches…) carry their plugin's name, so
the diagram can show them as such.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from efs.report.text import AGREEMENT_LABELS, LEVEL_LABELS

if TYPE_CHECKING:
    from efs.model import Configuration
    from efs.registry import Registry

CORE_PLUGIN = "efs.concept.default_plugin"
LEVEL_ORDER: tuple[str | None, ...] = ("federal", "regional", "municipal", "institutional", None)


def _kind(registry: Registry, kind_id: str | None) -> tuple[str, str | None]:
    kind = registry.kinds.get(kind_id) if kind_id else None
    if kind is None:
        return (kind_id or "вид не указан"), None
    plugin = kind.provenance.plugin if kind.provenance else None
    return kind.name, (plugin if plugin and plugin != CORE_PLUGIN else None)


def structure_section(config: Configuration, registry: Registry) -> dict[str, Any]:
    """Nodes, links and levels of the system (documented in ``docs/report.md``)."""
    nodes: dict[str, dict[str, Any]] = {}
    for s in config.subjects:
        kind_name, plugin = _kind(registry, s.kind)
        nodes[s.id] = {
            "id": s.id,
            "number": s.number,
            "name": s.name,
            "label": s.short_name or s.name,
            "kind": s.kind,
            "kind_name": kind_name,
            "plugin_kind": plugin,
            "level": s.level.value if s.level else None,
            "actor": False,
            "coordinator": any("coordination" in f.ids() for f in s.functions),
            "functions": len(s.functions),
        }
    actors = {a.id: a for a in config.actors}

    def ensure(node_id: str | None) -> bool:
        if node_id is None:
            return False
        if node_id in nodes:
            return True
        actor = actors.get(node_id)
        if actor is None:
            return False
        kind_name, plugin = _kind(registry, actor.kind)
        nodes[node_id] = {
            "id": actor.id,
            "number": None,
            "name": actor.name,
            "label": actor.short_name or actor.name,
            "kind": actor.kind,
            "kind_name": kind_name if actor.kind else (actor.role or "орган вне системы"),
            "plugin_kind": plugin,
            "level": actor.level.value if actor.level else None,
            "actor": True,
            "coordinator": False,
            "functions": 0,
        }
        return True

    links: list[dict[str, Any]] = []
    for s in config.subjects:
        if s.host is not None and ensure(s.host.id):
            links.append({"from": s.id, "to": s.host.id, "kind": "host", "label": "структурное подразделение"})
        if s.part_of is not None and ensure(s.part_of.id):
            links.append({"from": s.id, "to": s.part_of.id, "kind": "part_of", "label": "филиал (часть)"})
    unresolved: list[dict[str, str]] = []
    for a in config.agreements:
        parties = [p.id for p in a.parties if ensure(p.id)]
        unresolved += [{"agreement": a.id, "party": p.as_written} for p in a.parties if not (p.id and p.id in nodes)]
        label = AGREEMENT_LABELS.get(a.kind.value, "соглашение")
        for other in parties[1:]:  # a star from the first party: one line per further party
            links.append(
                {
                    "from": parties[0],
                    "to": other,
                    "kind": "agreement",
                    "agreement": a.id,
                    "agreement_kind": a.kind.value,
                    "label": f"{label}: {a.title}",
                }
            )
    present = {n["level"] for n in nodes.values()}
    levels = [{"id": lv, "label": LEVEL_LABELS[lv]} for lv in LEVEL_ORDER if lv in present]
    special = sorted({(n["kind"], n["kind_name"], n["plugin_kind"]) for n in nodes.values() if n["plugin_kind"]})
    return {
        "levels": levels,
        "nodes": list(nodes.values()),
        "links": links,
        "unresolved_parties": unresolved,
        "plugin_kinds": [{"kind": k, "name": name, "plugin": p} for k, name, p in special],
    }
