"""Local conformance rules set by the Amur Положение (приказ Минобрнауки Амурской области № 464).

efs runs them only on configurations that require the ``amur`` plugin: they encode what the
Amur document itself prescribes, not the federal concept.
"""

from __future__ import annotations

from collections.abc import Iterator

from efs.plugin import Finding, Rule, RuleContext, Severity

# Kinds whose relations with the system the document regulates by a contract (§3.2.6, §3.5).
CONTRACT_KINDS = {
    "internship_site": "Договором о сотрудничестве (§3.2.6)",
    "university_partner": "Договором о сетевом взаимодействии и сотрудничестве (§3.5)",
}


def _responsible_is_subject(ctx: RuleContext) -> Iterator[Finding]:
    subjects = {s.id for s in ctx.config.subjects}
    for i, m in enumerate(ctx.config.roadmap):
        for j, ref in enumerate(m.responsible):
            if ref.id in subjects:
                continue
            if ref.id is None:
                why = "не совпадает ни с одним названием субъекта системы"
            else:
                why = "называет орган, не включённый в систему"
            yield ctx.finding(
                ("roadmap", i, "responsible", j),
                f"мероприятие {m.number or m.id}: ответственный «{ref.as_written}» {why}",
                source=m.source,
                item=m.id,
            )


def _contract_party(ctx: RuleContext) -> Iterator[Finding]:
    parties = {ref.id for a in ctx.config.agreements for ref in a.parties if ref.id}
    for i, s in enumerate(ctx.config.subjects):
        contract = CONTRACT_KINDS.get(s.kind)
        if contract and s.id not in parties:
            yield ctx.finding(
                ("subjects", i),
                f"отношения с субъектом «{s.name}» положение регулирует {contract}, "
                "но субъект не указан стороной ни одного соглашения",
                source=s.source,
                item=s.id,
            )


RULES: list[Rule] = [
    Rule(
        code="AMU001",
        slug="amur-responsible-not-subject",
        severity=Severity.warning,
        title="Ответственный за мероприятие дорожной карты — не субъект РСНМС",
        rationale="Графа дорожной карты называется «Ответственный субъект РСНМС» (приказ № 464, "
        "Комплекс мер): ответственным может быть только субъект системы, названный в разделе 3 положения.",
        recommendation="Назовите ответственного так, как он назван в разделе 3 положения, или включите орган "
        "в состав системы.",
        check=_responsible_is_subject,
        example="plugins: [amur]\nroadmap:\n  - id: m1\n    text: Мероприятие\n"
        "    responsible: [ГАУ ДПО «АмРИО»]\n",
    ),
    Rule(
        code="AMU002",
        slug="amur-contract-party-missing",
        severity=Severity.warning,
        title="Субъект, отношения с которым регулирует договор, не является стороной соглашения",
        rationale="Положение регулирует отношения со стажировочными площадками Договором о сотрудничестве "
        "(§3.2.6), а с вузом-партнёром — Договором о сетевом взаимодействии и сотрудничестве (§3.5).",
        recommendation="Укажите соглашение (agreements) и назовите субъекта среди его сторон.",
        check=_contract_party,
        example="plugins: [amur]\nsubjects:\n  - id: bspu\n    name: Университет\n"
        "    kind: university_partner\n    level: null\n",
    ),
]
