"""The plugin manager factory.

``get_plugin_manager()`` builds a fresh :class:`pluggy.PluginManager` every time: the
hookspecs, the core's default plugins, then the installed ``efs.plugins`` entry points
(restricted by ``EFS_PLUGINS``), and finally ``check_pending()`` so that a misspelled
hook implementation fails loudly. Nothing here runs at import time.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from importlib import metadata

import pluggy

from efs import hookspecs
from efs._version import __version__
from efs.errors import PluginError

ENTRY_POINT_GROUP = "efs.plugins"
CORE_DISTRIBUTION = "efs-nms"

#: Modules of the core registered as plugins before any entry point ("default plugins").
DEFAULT_PLUGINS: tuple[str, ...] = (
    "efs.concept.default_plugin",
    "efs.conformance.default_rules",
)


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """What ``efs plugins`` shows about one registered plugin."""

    name: str
    distribution: str
    version: str
    default: bool
    hooks: tuple[str, ...]


def _wanted_from_env() -> set[str] | None:
    raw = os.environ.get("EFS_PLUGINS")
    if raw is None:
        return None
    return {p.strip() for p in raw.split(",") if p.strip()}


def get_plugin_manager(*, entry_points: bool = True, only: set[str] | None = None) -> pluggy.PluginManager:
    """Build a fresh plugin manager.

    Args:
        entry_points: Load installed plugins from the ``efs.plugins`` entry-point group.
        only: Names of entry-point plugins to load; ``None`` reads ``EFS_PLUGINS``
            (a comma list), and when that is unset loads all installed plugins.

    Raises:
        PluginError: A plugin cannot be imported or implements a hook that does not exist.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    dists: dict[str, tuple[str, str, bool]] = {}
    for modname in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError:  # an optional default plugin not present in this build
            continue
        name = modname
        pm.register(module, name=name)
        dists[name] = (CORE_DISTRIBUTION, __version__, True)
    if entry_points:
        wanted = only if only is not None else _wanted_from_env()
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if wanted is not None and ep.name not in wanted:
                continue
            if pm.get_plugin(ep.name) is not None:
                continue
            dist = ep.dist
            dist_name = dist.metadata["Name"] if dist is not None else "?"
            dist_version = dist.version if dist is not None else "?"
            try:
                plugin = ep.load()
            except Exception as exc:
                raise PluginError(
                    f"плагин «{ep.name}» из дистрибутива {dist_name} не загружается: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            pm.register(plugin, name=ep.name)
            dists[ep.name] = (dist_name, dist_version, False)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            f"плагин «{exc.plugin_name if hasattr(exc, 'plugin_name') else '?'}» реализует неизвестный хук: {exc}"
        ) from exc
    pm._efs_distributions = dists  # type: ignore[attr-defined]
    return pm


def distribution_of(pm: pluggy.PluginManager, name: str) -> tuple[str, str, bool]:
    """(distribution, version, is_default) of the plugin registered under ``name``."""
    dists: dict[str, tuple[str, str, bool]] = getattr(pm, "_efs_distributions", {})
    return dists.get(name, ("?", "?", False))


def list_plugins(pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every registered plugin with its distribution and the hooks it implements."""
    out: list[PluginInfo] = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        dist, version, default = distribution_of(pm, name)
        hooks = tuple(sorted(h.name for h in pm.get_hookcallers(plugin) or []))
        out.append(PluginInfo(name, dist, version, default, hooks))
    return out
