"""An independent list of a configuration's verbatim texts, each with the source it must be found at.

Written field by field, apart from the core's model-driven walk (:func:`efs.conformance.rules_sources.quotations`):
the tests check that the product checks at least every text listed here.
"""

from __future__ import annotations

from collections.abc import Iterator

from efs.model import (
    Actor,
    Agreement,
    Configuration,
    IndicatorDefinition,
    Jurisdiction,
    LegalAct,
    Measure,
    Monitoring,
    Source,
    Subject,
    TextItem,
)


def _text_item(path: str, item: TextItem) -> Iterator[tuple[str, str, Source | None]]:
    yield path, item.text, item.source


def verbatim_texts(config: Configuration) -> Iterator[tuple[str, str, Source | None]]:
    """Every verbatim text of a configuration: (where in the config, text, source to check it against)."""
    j: Jurisdiction = config.jurisdiction
    for label, act in [("jurisdiction.adopted_by", j.adopted_by), *(
            (f"jurisdiction.annexes[{i}]", a) for i, a in enumerate(j.annexes))]:
        if act is None:
            continue
        for field in ("title", "as_written", "date_as_written"):
            value = getattr(act, field)
            if value:
                yield f"{label}.{field}", value, act.source
    for i, act_ in enumerate(config.legal_basis):
        la: LegalAct = act_
        for field in ("title", "as_written"):
            value = getattr(la, field)
            if value:
                yield f"legal_basis[{i}].{field}", value, la.source
    system = config.system
    if system.goal is not None:
        yield from _text_item("system.goal", system.goal)
    for field in ("tasks", "principles", "approaches", "directions", "interaction_subjects",
                  "interaction_channels", "notes"):
        for i, item in enumerate(getattr(system, field)):
            yield from _text_item(f"system.{field}[{i}]", item)
    for i, s_ in enumerate(config.subjects):
        s: Subject = s_
        yield f"subjects[{i}].name", s.name, s.source
        if s.short_name:
            yield f"subjects[{i}].short_name", s.short_name, s.source
        for k, alias in enumerate(s.aliases):
            yield f"subjects[{i}].aliases[{k}]", alias.text, alias.source or s.source
        for k, f in enumerate(s.functions):
            yield f"subjects[{i}].functions[{k}]", f.text, f.source
        for k, note in enumerate(s.notes):
            yield from _text_item(f"subjects[{i}].notes[{k}]", note)
    for i, a_ in enumerate(config.actors):
        a: Actor = a_
        yield f"actors[{i}].name", a.name, a.source
        for k, alias in enumerate(a.aliases):
            yield f"actors[{i}].aliases[{k}]", alias.text, alias.source or a.source
    for i, ind_ in enumerate(config.indicators):
        ind: IndicatorDefinition = ind_
        yield f"indicators[{i}].text", ind.text, ind.source
        for k, t in enumerate(ind.targets):
            yield f"indicators[{i}].targets[{k}]", t.as_written, t.source or ind.source
    for i, ag_ in enumerate(config.agreements):
        ag: Agreement = ag_
        yield f"agreements[{i}].title", ag.title, ag.source
        for k, ref in enumerate(ag.parties):
            if not ref.written_as_id:
                yield f"agreements[{i}].parties[{k}]", ref.as_written, ag.source
    for i, m_ in enumerate(config.roadmap):
        m: Measure = m_
        yield f"roadmap[{i}].text", m.text, m.source
        if m.result:
            yield f"roadmap[{i}].result", m.result, m.source
        if m.deadline is not None:
            yield f"roadmap[{i}].deadline", m.deadline.as_written, m.source
        for field in ("responsible", "co_executors"):
            for k, ref in enumerate(getattr(m, field)):
                if not ref.written_as_id:
                    yield f"roadmap[{i}].{field}[{k}]", ref.as_written, m.source
        for k, t in enumerate(m.thresholds):
            yield f"roadmap[{i}].thresholds[{k}]", t.as_written, t.source or m.source
    mon: Monitoring | None = config.monitoring
    if mon is not None:
        if mon.frequency:
            yield "monitoring.frequency", mon.frequency, mon.source
        for field in ("methods", "sources", "outputs", "notes"):
            for i, item in enumerate(getattr(mon, field)):
                yield from _text_item(f"monitoring.{field}[{i}]", item)
    for i, g in enumerate(config.glossary):
        yield f"glossary[{i}].term", g.term, g.source
        yield f"glossary[{i}].definition", g.definition, g.source
