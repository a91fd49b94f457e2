"""Conformance: rules that check a configuration against the federal concept, and their findings."""

from efs.conformance.engine import validate, validate_paths
from efs.conformance.findings import Finding, Severity
from efs.conformance.rules import Rule

__all__ = ["Finding", "Rule", "Severity", "validate", "validate_paths"]
