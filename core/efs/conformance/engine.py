"""Run the rules of every plugin on a configuration, then apply selection, suppressions and a baseline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from efs.conformance.findings import Finding, Severity, load_findings
from efs.conformance.rules import Rule
from efs.errors import ConfigurationError, EfsError, InputError, Location, PluginError, Problem
from efs.model import Configuration, Level, Source, Subject, SubjectKind

if TYPE_CHECKING:
    from efs.documents import Document
    from efs.registry import Registry

#: Findings of one rule in one file that are shown; the rest are counted in one ``EFS013`` finding.
MAX_FINDINGS_PER_RULE = 500
CUT_RULE = ("EFS013", "findings-cut")
_CUT = "_efs_cut"


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the configuration, the catalogue, the date, the document, and a finding factory.

    Attributes:
        config: The configuration being checked.
        registry: The catalogue (:class:`efs.registry.Registry`).
        as_of: The date deadlines are checked against.
        rule: The rule being run.
        shared: What the rules of one run on one configuration share (the document read once).
    """

    config: Configuration
    registry: Registry
    as_of: dt.date
    rule: Rule
    _cache: dict[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    emitted: int = 0

    @property
    def document(self) -> Document | None:
        """The document the configuration encodes, or ``None`` when it is not at hand or unreadable.

        Looked for beside the configuration file, then among the documents the plugins ship
        (:func:`efs.documents.for_configuration`). Rules that read the text use this.
        """
        return self.load_document(self.config.jurisdiction.document)[0]

    def load_document(self, name: str) -> tuple[Document | None, str | None]:
        """The document sources call ``name`` (read once per run), and why it is missing, if it is."""
        key = f"document:{name}"
        if key not in self.shared:
            from efs.documents import DocumentError, load

            try:
                found = load(name, registry=self.registry, near=self.config.file)
                self.shared[key] = (found, None if found is not None else "not-found")
            except DocumentError as exc:
                self.shared[key] = (None, exc.message)
        result: tuple[Document | None, str | None] = self.shared[key]
        return result

    def finding(
        self,
        path: tuple[str | int, ...],
        message: str,
        *,
        source: Source | None = None,
        item: str | None = None,
        severity: Severity | None = None,
        **extra: Any,
    ) -> Finding:
        """A finding located at ``path`` (or its nearest enclosing node present in the file).

        Past :data:`MAX_FINDINGS_PER_RULE` findings of the rule, a cheap stand-in is returned (counted,
        matched by suppressions, never shown): a file of 254 000 findings costs no location lookups.
        """
        self.emitted += 1
        if self.emitted > MAX_FINDINGS_PER_RULE:
            return Finding(self.rule.code, self.rule.slug, severity or self.rule.severity, message, Location(),
                           item=item, extra={_CUT: True})
        return Finding(
            self.rule.code,
            self.rule.slug,
            severity or self.rule.severity,
            message,
            self.config.location_of(path),
            source=source,
            item=item,
            extra=dict(extra),
        )

    @property
    def adoption_date(self) -> dt.date | None:
        """Date of the act that adopted the Положение (the original act, not a later edition), if given."""
        act = self.config.jurisdiction.adopted_by
        return act.date if act is not None else None

    @property
    def edition_date(self) -> dt.date | None:
        """Date of the text in force: the latest edition of the adopting act, else its adoption date.

        A target or deadline is judged against the adoption (the original act set it); what the text cites
        is judged against the edition in force (a 2021 edition may cite a 2021 act).
        """
        act = self.config.jurisdiction.adopted_by
        return act.current_date if act is not None else None

    def kind(self, kind_id: str | None) -> SubjectKind | None:
        """The catalogue's subject kind with this id."""
        return self.registry.kinds.get(kind_id) if kind_id else None

    def roles_of(self, kind_id: str | None) -> set[str]:
        """The federal roles a subject of this kind fills."""
        kind = self.kind(kind_id)
        return set(kind.fills_roles) if kind is not None else set()

    def subjects_at(self, level: Level) -> list[tuple[int, Subject]]:
        """Subjects the document places at ``level``, with their index."""
        return [(i, s) for i, s in enumerate(self.config.subjects) if s.level == level]


def select_rules(
    rules: Iterable[Rule], select: Sequence[str] = (), ignore: Sequence[str] = (), known: Iterable[Rule] = ()
) -> list[Rule]:
    """The rules that ``select`` names (all when empty) minus those ``ignore`` names.

    Raises:
        InputError: A selector names no rule of ``rules`` or ``known`` (did-you-mean included).
    """
    rules = list(rules)
    every = [*rules, *known]
    for spec in (*select, *ignore):
        if not any(r.matches(spec) for r in every):
            from efs.yamlsafe import did_you_mean

            names = [r.code for r in every] + [r.slug for r in every]
            raise InputError(
                f"нет правила, кода или префикса «{spec}»{did_you_mean(spec, names)}; "
                "список правил: efs rules"
            )
    chosen = [r for r in rules if not select or any(r.matches(s) for s in select)]
    return [r for r in chosen if not any(r.matches(s) for s in ignore)]


def run_rules(config: Configuration, registry: Registry, rules: Iterable[Rule], as_of: dt.date) -> list[Finding]:
    """Run ``rules`` on a loaded configuration.

    Raises:
        PluginError: A rule's check raised (the plugin and rule are named).
    """
    findings: list[Finding] = []
    shared: dict[str, Any] = {}
    for rule in rules:
        ctx = RuleContext(config, registry, as_of, rule, shared=shared)
        try:
            findings.extend(rule.check(ctx))
        except EfsError:
            raise
        except Exception as exc:
            raise PluginError(
                f"правило {rule.code} ({rule.slug}) плагина «{rule.plugin}» завершилось ошибкой: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    findings.sort(key=Finding.sort_key)
    return findings


NOT_APPLICABLE = ("EFS012", "rules-not-applicable")


def plugin_required(rule: Rule, config: Configuration) -> bool:
    """Whether ``config`` requires the plugin that defined ``rule`` (the core's own rules: always).

    A jurisdiction plugin's rules encode what its own document prescribes: they run only on the
    configurations that name the plugin in ``plugins:``, so a plugin author writes no guard of their own.
    """
    from efs.plugins import DEFAULT_PLUGINS

    if rule.provenance is None or rule.plugin in DEFAULT_PLUGINS:
        return True
    return any(p.name == rule.plugin for p in config.plugins)


def why_not_run(rule: Rule, config: Configuration) -> str | None:
    """Why ``rule`` is not run on ``config`` (in Russian), or ``None`` when it is: the pytest plugin skips so."""
    if not plugin_required(rule, config):
        return (f"правило плагина «{rule.plugin}»: конфигурация не требует этого плагина (plugins:), "
                "его правила к ней не относятся")
    kind = config.jurisdiction.document_kind
    if not rule.applies_to(kind):
        from efs.model import DOCUMENT_PARTS

        parts = "; ".join(DOCUMENT_PARTS[p] for p in rule.requires if p not in kind.parts)
        return (f"документ — {kind.label} (document_kind: {kind.value}): в нём по природе нет того, "
                f"что проверяет правило ({parts})")
    return None


def not_applicable(config: Configuration, skipped: list[Rule], every: Iterable[Rule]) -> list[Finding]:
    """One information finding naming the rules not run on a partial document, and why (``EFS012``)."""
    if not skipped or not any(r.code == NOT_APPLICABLE[0] for r in every):
        return []
    from efs.model import DOCUMENT_PARTS

    kind = config.jurisdiction.document_kind
    missing = sorted({part for r in skipped for part in r.requires if part not in kind.parts})
    codes = ", ".join(sorted(r.code for r in skipped))
    return [Finding(
        *NOT_APPLICABLE,
        Severity.info,
        f"документ — {kind.label} (document_kind: {kind.value}), а не полное положение: в нём по природе нет "
        f"того, что проверяют правила {codes} ({'; '.join(DOCUMENT_PARTS[p] for p in missing)}); они не применялись",
        config.location_of(("jurisdiction", "document_kind")),
        item=kind.value,
    )]


def validate(
    config: Configuration,
    *,
    registry: Registry | None = None,
    as_of: dt.date | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    baseline: Any = None,
) -> list[Finding]:
    """Check a loaded configuration with every rule of every plugin; return the findings.

    Args:
        config: A loaded configuration.
        registry: The catalogue (:class:`efs.registry.Registry`); built from the installed plugins by default.
        as_of: The date deadlines are checked against (today by default).
        select: Codes, code prefixes or slugs of the rules to run (all when empty).
        ignore: Codes, code prefixes or slugs of rules not to run.
        baseline: A :class:`efs.conformance.suppression.Baseline`; findings it lists are marked suppressed.

    Returns:
        Every finding, sorted by position; suppressed ones carry ``suppressed=True`` and the reason.
        A suppression in the configuration that suppresses nothing is itself a finding (``EFS010``). Rules
        about what a full Положение contains (:attr:`Rule.requires`) do not run on a partial document
        (``jurisdiction.document_kind``); one information finding (``EFS012``) names them.

    Raises:
        InputError: A selector names no rule.
        PluginError: A rule raised.
    """
    from efs.conformance.suppression import apply_suppressions
    from efs.registry import Registry

    registry = Registry.of(registry)
    every = list(registry.rules.values())
    rules = select_rules([r for r in every if not r.engine_reported], select, ignore, every)
    kind = config.jurisdiction.document_kind
    required = [r for r in rules if plugin_required(r, config)]  # another plugin's rules are not run at all
    applicable = [r for r in required if r.applies_to(kind)]
    day = as_of or dt.date.today()
    findings = run_rules(config, registry, applicable, day)
    findings += not_applicable(config, [r for r in required if not r.applies_to(kind)], every)
    findings = apply_suppressions(config, findings, applicable, every)
    if baseline is not None:
        baseline.apply(config, findings)
    findings = cut_findings(findings, Location(config.file, 1, 1) if config.file else Location())
    findings.sort(key=Finding.sort_key)
    return findings


def cut_findings(findings: list[Finding], where: Location) -> list[Finding]:
    """At most :data:`MAX_FINDINGS_PER_RULE` findings per rule; one ``EFS013`` finding counts the rest."""
    counts: dict[str, int] = {}
    kept: list[Finding] = []
    cut: dict[str, list[Finding]] = {}
    for f in findings:
        if not f.extra.get(_CUT):  # stand-ins (past the limit already) are never shown, wherever they sort
            counts[f.code] = counts.get(f.code, 0) + 1
            if counts[f.code] <= MAX_FINDINGS_PER_RULE:
                kept.append(f)
                continue
        cut.setdefault(f.code, []).append(f)
    for code, dropped in cut.items():
        first = dropped[0]
        quiet = sum(f.suppressed for f in dropped)
        muted = f" (из них подавлено {quiet})" if quiet else ""
        kept.append(Finding(
            *CUT_RULE,
            Severity.info,
            f"правило {code} ({first.slug}): показаны первые {MAX_FINDINGS_PER_RULE} находок, ещё {len(dropped)} "
            f"не показаны{muted} — исправьте показанные и проверьте снова (или --ignore {code})",
            where,
            item=code,
            extra={"rule": code, "cut": len(dropped), "cut_suppressed": quiet},
        ))
    return kept


def validate_paths(
    paths: list[Path],
    *,
    registry: Registry,
    as_of: dt.date | None = None,
    max_bytes: int | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    baseline: Any = None,
    texts: Mapping[Path, str | bytes] | None = None,
) -> list[tuple[str, Configuration | None, list[Finding]]]:
    """Load and check each file; load errors become findings with reserved codes (EFS001–EFS005).

    ``texts`` gives the content of some of the paths (an upload): those are not read from disk.
    """
    out: list[tuple[str, Configuration | None, list[Finding]]] = []
    for path in paths:
        text = texts.get(path) if texts else None
        config, load_errors = load_checked(path, registry=registry, max_bytes=max_bytes, text=text)
        if config is None:
            out.append((str(path), None, load_errors))
            continue
        found = validate(
            config, registry=registry, as_of=as_of, select=select, ignore=ignore, baseline=baseline
        )
        out.append((str(path), config, found))
    return out


def load_checked(
    target: str | Path, *, registry: Registry, max_bytes: int | None = None, text: str | bytes | None = None
) -> tuple[Configuration | None, list[Finding]]:
    """Load one configuration (:func:`efs.loading.load_one`): it, or ``None`` and its load errors as findings
    (EFS001–EFS005), located in ``target``."""
    from efs.loading import load_one

    where = Location(str(target), 1, 1)
    try:
        return load_one(target, registry, max_bytes=max_bytes, text=text), []
    except ConfigurationError as exc:
        return None, cut_findings(load_findings(exc.problems), where)
    except PluginError as exc:
        return None, load_findings([Problem(exc.message, where, "EFS004")])
    except InputError as exc:
        return None, load_findings([Problem(exc.message, where, "EFS005")])
