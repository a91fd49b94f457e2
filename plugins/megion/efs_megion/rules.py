"""Local conformance rules set by the Megion Положение (приказ ДОиМП г. Мегиона № 360 - О).

efs runs them only on configurations that require the ``megion`` plugin: they encode what the
Megion document itself prescribes, not the federal concept.
"""

from __future__ import annotations

from collections.abc import Iterator

from efs.plugin import Finding, Rule, RuleContext, Severity


def _networking_site_host(ctx: RuleContext) -> Iterator[Finding]:
    """§4.1 and roadmap row 5: each networking site works on the base of a named organisation."""
    for i, s in enumerate(ctx.config.subjects):
        if s.kind == "networking_site" and s.host is None:
            yield ctx.finding(
                ("subjects", i),
                f"«{s.name}»: не указана организация, на базе которой развернута нетворкинг-площадка",
                source=s.source,
                item=s.id,
            )


def _tripartite_parties(ctx: RuleContext) -> Iterator[Finding]:
    """§3.2.1: the tripartite agreement binds the department, the methodical service and the schools."""
    kinds = {s.id: s.kind for s in ctx.config.subjects}
    required = {
        "municipal_authority": "муниципальный орган управления образованием",
        "municipal_methodical_service": "муниципальная методическая служба",
    }
    for i, a in enumerate(ctx.config.agreements):
        if a.kind != "tripartite":
            continue
        present = {kinds.get(ref.id or "") for ref in a.parties}
        for kind, label in required.items():
            if kind not in present:
                yield ctx.finding(
                    ("agreements", i, "parties"),
                    f"трехстороннее соглашение «{a.title}»: среди сторон нет субъекта «{label}»",
                    source=a.source,
                    item=a.id,
                )


RULES: list[Rule] = [
    Rule(
        "MEG001",
        "networking-site-without-host",
        Severity.warning,
        "Нетворкинг-площадка без организации, на базе которой она работает",
        "Положение г. Мегиона (п. 4.1) требует распорядительного акта «с назначением руководителей и "
        "организаций, на базе которых развернута свою деятельность нетворкинг площадки»; дорожная карта "
        "(мероприятие 5) — определения образовательных учреждений, на базе которых функционируют площадки.",
        "Укажите host — организацию, на базе которой работает площадка.",
        check=_networking_site_host,
        example="plugins: [megion]\nsubjects:\n  - {id: site, name: Нетворкинг-площадка, kind: networking_site, "
        "level: municipal}\n",
    ),
    Rule(
        "MEG002",
        "tripartite-agreement-parties",
        Severity.error,
        "Трехстороннее соглашение без органа управления образованием или методической службы",
        "Положение г. Мегиона (п. 3.2.1) предусматривает трехсторонние соглашения между департаментом "
        "образования, МКУ «Центр развития образования» (ММС) и образовательными организациями.",
        "Укажите сторонами соглашения субъектов — орган управления образованием и методическую службу.",
        check=_tripartite_parties,
        example="plugins: [megion]\nagreements:\n  - {id: a, kind: tripartite, title: Соглашение, parties: []}\n",
    ),
]
