"""Helpers shared by the per-jurisdiction tests."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any


def subject(config, sid):
    """The subject ``sid`` of ``config``."""
    return next(s for s in config.subjects if s.id == sid)


def run_rule(registry, code: str, data: dict[str, Any], as_of: dt.date = dt.date(2023, 6, 1)):
    """Findings of one rule on a configuration built from ``data``, as ``efs validate --select`` runs it."""
    from efs.conformance import validate
    from efs.loading import load_configuration

    config = load_configuration(data, registry=registry)
    return [f for f in validate(config, registry=registry, as_of=as_of, select=[code]) if f.code == code]


def variant(base: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A deep copy of ``base`` with top-level keys replaced (``subjects`` is extended)."""
    data = json.loads(json.dumps(base))
    for key, value in extra.items():
        data[key] = data.get(key, []) + value if key == "subjects" else value
    return data
