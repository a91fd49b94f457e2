"""Rules on the structure of the system: levels, roles, and the functions each level must cover."""

from __future__ import annotations

from collections.abc import Iterator

from efs.concept.roles import CONCEPT, JURISDICTION_LEVELS, required_roles
from efs.conformance.engine import RuleContext
from efs.conformance.findings import Finding, Severity
from efs.conformance.labels import kind_names
from efs.conformance.rules import Rule
from efs.model import Source


def _levels(ctx: RuleContext) -> tuple:
    return JURISDICTION_LEVELS.get(ctx.config.jurisdiction.level, ())


def _kind_level(ctx: RuleContext) -> Iterator[Finding]:
    for i, s in enumerate(ctx.config.subjects):
        kind = ctx.kind(s.kind)
        if s.level is None or kind is None or not kind.levels or s.level in kind.levels:
            continue
        allowed = ", ".join(lv.label for lv in kind.levels)
        yield ctx.finding(
            ("subjects", i, "level"),
            f"«{s.name}» поставлен на {s.level.label} уровень, а субъект вида «{kind.name}» "
            f"относится к уровню: {allowed}",
            source=s.source,
            item=s.id,
        )


def _missing_role(ctx: RuleContext) -> Iterator[Finding]:
    for level in _levels(ctx):
        present = ctx.subjects_at(level)
        if not present:
            continue  # reported once by empty-level
        for role in required_roles(level):
            if any(role.id in ctx.roles_of(s.kind) for _, s in present):
                continue
            kinds = kind_names(ctx.registry, [k.id for k in ctx.registry.kinds.values()
                                              if role.id in k.fills_roles and k.name != role.name])
            hint = f" (эту роль могут исполнять также: {', '.join(kinds)})" if kinds else ""
            yield ctx.finding(
                ("subjects",),
                f"на уровне «{level.label}» нет субъекта в роли «{role.name}»{hint}",
                source=present[0][1].source,
                item=f"{level.value}:{role.id}",
            )


def _without_level(ctx: RuleContext) -> Iterator[Finding]:
    for i, s in enumerate(ctx.config.subjects):
        if s.level is None:
            yield ctx.finding(
                ("subjects", i),
                f"документ не относит «{s.name}» ни к одному уровню системы",
                source=s.source,
                item=s.id,
            )


def _subject_without_function(ctx: RuleContext) -> Iterator[Finding]:
    # A part (a branch) shares the functions the document gives to the whole it belongs to.
    with_functions = {s.id for s in ctx.config.subjects if s.functions}
    for i, s in enumerate(ctx.config.subjects):
        if not s.functions and not (s.part_of is not None and s.part_of.id in with_functions):
            yield ctx.finding(
                ("subjects", i),
                f"у субъекта «{s.name}» не указано ни одной функции",
                source=s.source,
                item=s.id,
            )


def _requirement(source: Source) -> str:
    if source.line:
        return f"{source.document}, строка {source.line}"
    return f"{source.document}; {source.section}" if source.section else str(source.document)


def _uncovered_function(ctx: RuleContext) -> Iterator[Finding]:
    from efs.conformance.coverage import uncovered_required_functions

    first = {lv: next((s for s in ctx.config.subjects if s.level == lv), None) for lv in _levels(ctx)}
    for gap in uncovered_required_functions(ctx.config, ctx.registry):
        fn, level = gap.function, gap.level
        at = first.get(level)
        yield ctx.finding(
            ("subjects",),
            f"функцию «{fn.name}» на уровне «{level.label}» не выполняет ни один субъект"
            + (f" (требование: {_requirement(fn.source)})" if fn.source else ""),
            source=at.source if at is not None else None,
            item=gap.item,
        )


def _empty_level(ctx: RuleContext) -> Iterator[Finding]:
    for level in _levels(ctx):
        if not ctx.subjects_at(level):
            yield ctx.finding(
                ("subjects",),
                f"на уровне «{level.label}» не назван ни один субъект",
                source=ctx.config.jurisdiction.source,
                item=level.value,
            )


W, E, INFO = Severity.warning, Severity.error, Severity.info

RULES: list[Rule] = [
    Rule(
        "EFS120",
        "kind-level-mismatch",
        E,
        "Субъект поставлен на уровень, к которому его вид не относится",
        f"{CONCEPT} распределяет субъектов по уровням: региональный орган власти, ЦНППМ, ИРО, РУМО — "
        "региональный уровень; ММС и ММО — муниципальный. Если региональные органы перечислены как "
        "муниципальные (так в Турочакском районе, п. 3.2), структура системы искажена.",
        "Перенесите субъекта в раздел своего уровня или исправьте его вид.",
        _kind_level,
        "subjects:\n  - {id: ministry, kind: regional_authority, level: municipal, ...}\n",
    ),
    Rule(
        "EFS121",
        "missing-role",
        E,
        "На уровне системы нет субъекта в обязательной роли",
        f"{CONCEPT}: на региональном уровне — РОИВ, ЦНППМ (филиалы), региональный методический актив; на "
        "муниципальном — муниципальный орган управления образованием, ММС, методические объединения; на "
        "институциональном — методические советы и объединения ОО.",
        "Назовите субъекта, исполняющего роль, или объявите в плагине вид с fills_roles.",
        _missing_role,
        "jurisdiction: {level: municipal, ...}\nsubjects: []\n",
        requires=("structure",),
    ),
    Rule(
        "EFS122",
        "subject-without-level",
        INFO,
        "Субъект не отнесён ни к одному уровню",
        "Концепция описывает систему по уровням; субъект вне уровней не участвует в их взаимодействии.",
        "Укажите уровень, если документ его называет, или "
        "отметьте в документе, к какому уровню субъект примыкает.",
        _without_level,
        "subjects:\n  - {id: university, level: null, ...}\n",
        requires=("structure",),
    ),
    Rule(
        "EFS130",
        "subject-without-function",
        W,
        "Субъект без функций",
        "Концепция описывает субъектов через их функции: субъект без функций не участвует в сопровождении.",
        "Перечислите функции субъекта или исключите его из состава системы. Часть субъекта (part_of, например "
        "филиал ЦНППМ) разделяет функции целого.",
        _subject_without_function,
        "subjects:\n  - id: x\n    name: Совет\n    kind: "
        "school_methodical_council\n    level: institutional\n",
        requires=("structure",),
    ),
    Rule(
        "EFS131",
        "required-function-uncovered",
        W,
        "Функцию, обязательную для уровня, не выполняет никто",
        f"{CONCEPT} называет функции, которые каждый уровень должен обеспечить (диагностика дефицитов, ИОМ, "
        "наставничество, посткурсовое сопровождение, мониторинг…); у каждой функции каталога — required_at.",
        "Закрепите функцию за субъектом этого уровня (subjects[].functions).",
        _uncovered_function,
        "subjects:\n  - {level: municipal, functions: [{function: governance, ...}]}\n",
        requires=("structure",),
    ),
    Rule(
        "EFS132",
        "empty-level",
        W,
        "Уровень системы без субъектов",
        f"{CONCEPT}: система региона охватывает региональный, муниципальный и институциональный уровни, "
        "система муниципалитета — муниципальный и институциональный.",
        "Опишите субъектов уровня.",
        _empty_level,
        "jurisdiction: {level: municipal}\nsubjects: []\n",
        requires=("structure",),
    ),
]
