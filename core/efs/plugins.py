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
    "efs.formats",
)


@dataclass(frozen=True, slots=True)
class PluginInfo:
    """What ``efs plugins`` shows about one registered plugin."""

    name: str
    distribution: str
    version: str
    default: bool
    hooks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BrokenPlugin:
    """An installed plugin that could not be used: reported by ``efs plugins``, skipped by every command.

    Attributes:
        name: The plugin's name (its ``efs.plugins`` entry point).
        distribution: The distribution that installed it.
        version: Its version.
        error: What is wrong, in Russian.
    """

    name: str
    distribution: str
    version: str
    error: str

    @property
    def message(self) -> str:
        """One Russian sentence: which plugin, from which distribution, what is wrong."""
        return f"плагин «{self.name}» (дистрибутив {self.distribution} {self.version}) не работает: {self.error}"


class PluginWarning(UserWarning):
    """A broken installed plugin was skipped (the CLI prints it on stderr, in Russian)."""


def _wanted_from_env() -> set[str] | None:
    raw = os.environ.get("EFS_PLUGINS")
    if raw is None:
        return None
    return {p.strip() for p in raw.split(",") if p.strip()}


def hook_problems(plugin: object) -> list[str]:
    """What is wrong with a plugin's hook implementations (in Russian): unknown hooks, unknown arguments.

    A hook implementation is a function marked with ``hookimpl``; its name must be a hook of
    :mod:`efs.hookspecs`, and it may take only the arguments the hook passes.
    """
    import inspect

    from efs.yamlsafe import did_you_mean

    specs = {n: f for n, f in inspect.getmembers(hookspecs, inspect.isfunction) if n.startswith("efs_")}
    marker = f"{hookspecs.PROJECT_NAME}_impl"
    problems: list[str] = []
    for attr in dir(plugin):
        try:
            value = getattr(plugin, attr)
        except Exception:  # a property of an odd plugin object
            continue
        if not callable(value) or not hasattr(value, marker):
            continue
        if attr not in specs:
            problems.append(f"реализует неизвестный хук {attr}{did_you_mean(attr, list(specs))}")
            continue
        given = [n for n in inspect.signature(value).parameters if n != "self"]
        allowed = set(inspect.signature(specs[attr]).parameters)
        extra = [n for n in given if n not in allowed]
        if extra:
            passes = ", ".join(sorted(allowed)) or "ничего (хук вызывается без аргументов)"
            problems.append(f"хук {attr} принимает аргументы, которых efs не передаёт: {', '.join(extra)}; "
                            f"хук получает: {passes}")
    return problems


def register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register ``plugin`` under ``name`` after checking its hook implementations.

    Raises:
        PluginError: A hook implementation has a name no hook has (a misspelling) or takes arguments the
            hook does not pass; the message names the plugin.
    """
    problems = hook_problems(plugin)
    if problems:
        raise PluginError(f"плагин «{name}»: " + "; ".join(problems))
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:  # what hook_problems did not foresee
        raise PluginError(f"плагин «{name}» не регистрируется: {exc}") from exc


def get_plugin_manager(*, entry_points: bool = True, only: set[str] | None = None) -> pluggy.PluginManager:
    """Build a fresh plugin manager.

    A plugin installed through an entry point that cannot be used — it does not import, implements a
    hook that does not exist, or takes arguments a hook does not pass — is skipped and kept in
    :func:`broken_plugins`: commands that do not need it work, and a configuration that needs it gets a
    clear error (:func:`efs.references.check_references`).

    Args:
        entry_points: Load installed plugins from the ``efs.plugins`` entry-point group.
        only: Names of entry-point plugins to load; ``None`` reads ``EFS_PLUGINS``
            (a comma list), and when that is unset loads all installed plugins.

    Raises:
        PluginError: ``only`` (or ``EFS_PLUGINS``) names a plugin that is not installed; a default
            plugin of the core is broken.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    dists: dict[str, tuple[str, str, bool]] = {}
    broken: list[BrokenPlugin] = []
    for modname in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError:  # an optional default plugin not present in this build
            continue
        register(pm, module, modname)
        dists[modname] = (CORE_DISTRIBUTION, __version__, True)
    if entry_points:
        wanted = only if only is not None else _wanted_from_env()
        installed = list(metadata.entry_points(group=ENTRY_POINT_GROUP))
        if wanted is not None:
            _check_wanted(wanted, [ep.name for ep in installed], only is None)
        for ep in installed:
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
                broken.append(BrokenPlugin(ep.name, dist_name, dist_version,
                                           f"не импортируется ({ep.value}): {type(exc).__name__}: {exc}"))
                continue
            try:
                register(pm, plugin, ep.name)
            except PluginError as exc:
                error = exc.message.removeprefix(f"плагин «{ep.name}»: ")
                broken.append(BrokenPlugin(ep.name, dist_name, dist_version, error))
                continue
            dists[ep.name] = (dist_name, dist_version, False)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or "?"
        problems = hook_problems(exc.plugin) or ["реализует хук, которого нет"]
        raise PluginError(f"плагин «{name}»: " + "; ".join(problems)) from exc
    pm._efs_distributions = dists  # type: ignore[attr-defined]
    pm._efs_broken = broken  # type: ignore[attr-defined]
    return pm


def _check_wanted(wanted: set[str], installed: list[str], from_env: bool) -> None:
    from efs.yamlsafe import did_you_mean

    unknown = sorted(wanted - set(installed))
    if not unknown:
        return
    where = f"EFS_PLUGINS={os.environ.get('EFS_PLUGINS', '')}" if from_env else "список плагинов"
    names = "; ".join(f"«{n}»{did_you_mean(n, installed)}" for n in unknown)
    listing = ", ".join(sorted(installed)) or "ни одного"
    raise PluginError(f"{where} называет плагин, который не установлен: {names}; установлены: {listing}")


def broken_plugins(pm: pluggy.PluginManager) -> list[BrokenPlugin]:
    """The installed plugins that were skipped because they are broken."""
    found: list[BrokenPlugin] = getattr(pm, "_efs_broken", [])
    return found


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
