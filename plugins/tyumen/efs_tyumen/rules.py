"""Local conformance rules set by the Tyumen Положение о РС НМС (``003_bb9f7ec55f47c063.txt``).

efs runs them only on configurations that require the ``tyumen`` plugin: they encode what the Tyumen
document itself prescribes, not the federal concept. The document's tripartite agreement (п. 1) is the
federal one — regional authority, municipal authorities, the ЦНППМ's host — so the core rule EFS186 checks it.
"""

from __future__ import annotations

from collections.abc import Iterator

from efs.plugin import Finding, Rule, RuleContext, Severity


def _branch_placement(ctx: RuleContext) -> Iterator[Finding]:
    """п. 3: the ЦНППМ are centres «ГАОУ ТО ДПО «ТОГИРРО»» — each branch is hosted by the institute."""
    kinds = {s.id: s.kind for s in ctx.config.subjects}
    for i, s in enumerate(ctx.config.subjects):
        if s.kind != "cnppm_branch":
            continue
        host = s.host.id if s.host is not None else None
        if host is None or kinds.get(host) != "dpo_institute":
            where = "не указан" if host is None else f"«{host}» не является институтом (dpo_institute)"
            yield ctx.finding(
                ("subjects", i, "host") if s.host is not None else ("subjects", i),
                f"«{s.name}»: институт, на базе которого работает центр, {where}",
                source=s.source,
                item=s.id,
            )
        part = s.part_of.id if s.part_of is not None else None
        if part is None or kinds.get(part) != "cnppm":
            yield ctx.finding(
                ("subjects", i, "part_of") if s.part_of is not None else ("subjects", i),
                f"«{s.name}»: не указан субъект «ЦНППМ» (part_of), функции которого выполняет центр",
                source=s.source,
                item=s.id,
            )


RULES: list[Rule] = [
    Rule(
        "TYU001",
        "cnppm-branch-placement",
        Severity.error,
        "Центр ЦНППМ не привязан к институту или к субъекту «ЦНППМ»",
        "Положение о РС НМС Тюменской области (п. 3) называет ЦНППМ г. Тюмени, г. Ишима и г. Тобольска "
        "центрами ГАОУ ТО ДПО «ТОГИРРО» и поручает функции ЦНППМ им вместе: каждый центр должен быть "
        "структурой института (host) и частью субъекта «ЦНППМ» (part_of).",
        "Укажите host — субъект вида dpo_institute, и part_of — субъект вида cnppm.",
        check=_branch_placement,
        example="plugins: [tyumen]\nsubjects:\n"
        "  - {id: c, name: ЦНППМ г. Ишима, kind: cnppm_branch, level: regional}\n",
    ),
]
