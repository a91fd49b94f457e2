"""``efs diff``: what an amendment changes in a Положение, and what the change does.

::

    from efs.diff import compare

    result = compare(old_config, new_config, registry=registry)
    for change in result.changes:
        print(change.section, change.label, change.item, change.detail)

Items are paired by id, else by kind and wording (with the match's confidence); the differences are
typed (added, removed, reworded, moved, renumbered, target changed, deadline moved, responsible
changed, act replaced or amended…) and grouped by section; the impact — findings that appear and
disappear, indicators whose formula or targets changed (with their values and verdicts under both
versions when a store is given), recommendations gained and lost, function coverage — is computed by
running the same validation, engine and recommendations on both versions. Format: ``docs/diff.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from efs.diff.comparison import Comparison, compare

__all__ = ["Comparison", "compare"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        import importlib

        return getattr(importlib.import_module("efs.diff.comparison"), name)
    raise AttributeError(name)
