"""Run the rules of every plugin on a configuration."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from efs.conformance.findings import Finding, Severity, load_findings
from efs.conformance.rules import Rule
from efs.errors import ConfigurationError, EfsError, Location, PluginError, Problem
from efs.model import Configuration, Source


@dataclass(slots=True)
class RuleContext:
    """What a rule sees: the configuration, the catalogue, the date, and a finding factory."""

    config: Configuration
    registry: Any
    as_of: dt.date
    rule: Rule

    def finding(
        self,
        path: tuple[str | int, ...],
        message: str,
        *,
        source: Source | None = None,
        item: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding located at ``path`` (or its nearest enclosing node present in the file)."""
        return Finding(
            self.rule.code,
            self.rule.slug,
            severity or self.rule.severity,
            message,
            self.config.location_of(path),
            source=source,
            item=item,
        )


def run_rules(config: Configuration, registry: Any, rules: Iterable[Rule], as_of: dt.date) -> list[Finding]:
    """Run ``rules`` on a loaded configuration.

    Raises:
        PluginError: A rule's check raised (the plugin and rule are named).
    """
    findings: list[Finding] = []
    for rule in rules:
        ctx = RuleContext(config, registry, as_of, rule)
        try:
            findings.extend(rule.check(ctx))
        except EfsError:
            raise
        except Exception as exc:
            plugin = rule.provenance.plugin if rule.provenance else "?"
            raise PluginError(
                f"правило {rule.code} ({rule.slug}) плагина «{plugin}» завершилось ошибкой: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    findings.sort(key=Finding.sort_key)
    return findings


def validate(
    config: Configuration,
    *,
    registry: Any = None,
    as_of: dt.date | None = None,
) -> list[Finding]:
    """Check a loaded configuration with every rule of every plugin; return the findings."""
    if registry is None:
        from efs.registry import Registry

        registry = Registry.build()
    rules = list(registry.rules.values())
    return run_rules(config, registry, rules, as_of or dt.date.today())


def validate_paths(
    paths: list[Path],
    *,
    registry: Any,
    as_of: dt.date | None = None,
    max_bytes: int | None = None,
) -> list[tuple[str, Configuration | None, list[Finding]]]:
    """Load and check each file; load errors become findings with reserved codes."""
    from efs.loading import load_configuration

    out: list[tuple[str, Configuration | None, list[Finding]]] = []
    for path in paths:
        try:
            kwargs = {"max_bytes": max_bytes} if max_bytes else {}
            config = load_configuration(path, registry=registry, **kwargs)
        except ConfigurationError as exc:
            out.append((str(path), None, load_findings(exc.problems)))
            continue
        except PluginError as exc:
            out.append((str(path), None, load_findings([Problem(exc.message, Location(str(path), 1, 1), "EFS004")])))
            continue
        out.append((str(path), config, validate(config, registry=registry, as_of=as_of)))
    return out
