"""The catalogue assembled from every registered plugin, with provenance and conflict checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

from efs.errors import PluginError
from efs.model import Function, IndicatorDefinition, Provenance, SubjectKind
from efs.plugins import BrokenPlugin, PluginWarning, broken_plugins, distribution_of, get_plugin_manager

if TYPE_CHECKING:
    from efs.conformance.rules import Rule
    from efs.documents import DocumentInfo
    from efs.formats import OutputFormat
    from efs.model.formula import Formula


@dataclass(frozen=True, slots=True)
class JurisdictionInfo:
    """A jurisdiction a plugin serves.

    Attributes:
        id: Id used on the command line (``efs validate amur``).
        name: Russian name.
        config_path: Path of the configuration installed with the plugin.
        provenance: Filled by efs.
    """

    id: str
    name: str
    config_path: Path
    provenance: Provenance | None = None


@dataclass(slots=True)
class Registry:
    """Everything plugins contributed, by id, each item stamped with its plugin."""

    pm: pluggy.PluginManager
    kinds: dict[str, SubjectKind] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    indicators: dict[str, IndicatorDefinition] = field(default_factory=dict)
    formulas: dict[str, Formula] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    jurisdictions: dict[str, JurisdictionInfo] = field(default_factory=dict)
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    formats: dict[str, OutputFormat] = field(default_factory=dict)
    broken: list[BrokenPlugin] = field(default_factory=list)

    @classmethod
    def build(cls, pm: pluggy.PluginManager | None = None) -> Registry:
        """Collect every hook of every plugin registered in ``pm`` (a fresh manager by default).

        An installed plugin (an entry point) that is broken — it did not load, or one of its hooks raised
        — is skipped whole and listed in :attr:`broken`; each is also announced as a
        :class:`efs.plugins.PluginWarning` (the CLI prints it in Russian).

        Raises:
            PluginError: A hook of the core or of a plugin registered by the caller raised, or two plugins
                define the same id without an override.
        """
        import warnings

        pm = pm if pm is not None else get_plugin_manager()
        reg = cls(pm)
        results = _call_hooks(pm)
        failed = [name for name, outcome in results.items() if isinstance(outcome, BrokenPlugin)]
        reg.broken = [*broken_plugins(pm), *(r for r in results.values() if isinstance(r, BrokenPlugin))]
        for name in failed:
            pm.unregister(name=name)
        good = {name: outcome for name, outcome in results.items() if not isinstance(outcome, BrokenPlugin)}
        reg.kinds = _merge(pm, good, "efs_subject_kinds", "вид субъекта")
        reg.functions = _merge(pm, good, "efs_functions", "функция")
        reg.indicators = _merge(pm, good, "efs_indicators", "показатель")
        reg.formulas = _merge(pm, good, "efs_formulas", "формула")
        reg.rules = _merge(pm, good, "efs_conformance_rules", "правило", key=lambda r: r.code)
        reg.jurisdictions = _merge(pm, good, "efs_jurisdictions", "юрисдикция")
        reg.documents = _merge(pm, good, "efs_documents", "документ", key=lambda d: d.name)
        reg.formats = _merge(pm, good, "efs_output_formats", "формат вывода")
        for plugin in reg.broken:
            warnings.warn(PluginWarning(f"{plugin.message}; он пропущен"), stacklevel=2)
        return reg

    @classmethod
    def of(cls, registry: Registry | None) -> Registry:
        """``registry`` itself, or — for ``None`` — the catalogue of the installed plugins, built afresh.

        The default of every library function that takes ``registry=``; a front end builds one catalogue
        (:class:`efs.workspace.Workspace`) and passes it everywhere, so none of them builds another.
        """
        return registry if registry is not None else cls.build()

    def formats_of(self, kind: str) -> list[OutputFormat]:
        """The output formats of ``kind`` (``validation``, ``indicators``, ``report``, ``diff``): the core's
        first, then the plugins' (see :mod:`efs.formats`)."""
        from efs.formats import of_kind

        return of_kind(self.formats, kind)

    def broken_plugin(self, name: str) -> BrokenPlugin | None:
        """The broken installed plugin called ``name``, if it is one."""
        return next((b for b in self.broken if b.name == name), None)

    def provenance_of_plugin(self, name: str) -> Provenance:
        """Provenance record for the plugin registered under ``name``."""
        dist, version, _ = distribution_of(self.pm, name)
        return Provenance(plugin=name, distribution=dist, version=version)


def _stamp(item: Any, prov: Provenance) -> Any:
    """A copy of ``item`` carrying its provenance (plugins' own objects are never mutated)."""
    import dataclasses

    if hasattr(item, "model_copy"):
        return item.model_copy(update={"provenance": prov})
    is_instance = dataclasses.is_dataclass(item) and not isinstance(item, type)
    if is_instance and any(f.name == "provenance" for f in dataclasses.fields(item)):
        return dataclasses.replace(item, provenance=prov)
    try:
        item.provenance = prov
    except (AttributeError, TypeError):
        object.__setattr__(item, "provenance", prov)
    return item


HOOKS = ("efs_subject_kinds", "efs_functions", "efs_indicators", "efs_formulas", "efs_conformance_rules",
         "efs_jurisdictions", "efs_documents", "efs_output_formats")


def _call_hooks(pm: pluggy.PluginManager) -> dict[str, dict[str, list[Any]] | BrokenPlugin]:
    """Each plugin's items per hook, or the :class:`BrokenPlugin` an installed plugin became by raising.

    Implementations are called one by one, so that a failure names its plugin and provenance is exact.

    Raises:
        PluginError: A hook of the core or of a plugin not installed through an entry point raised.
    """
    out: dict[str, dict[str, list[Any]] | BrokenPlugin] = {}
    for hook_name in HOOKS:
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            name = impl.plugin_name
            done = out.setdefault(name, {})
            if isinstance(done, BrokenPlugin):
                continue
            try:
                done[hook_name] = list(impl.function() or [])
            except Exception as exc:
                error = f"хук {hook_name} завершился ошибкой: {type(exc).__name__}: {exc}"
                dist, version, default = distribution_of(pm, name)
                if default or dist == "?":  # the core's own, or a plugin the caller registered
                    raise PluginError(f"плагин «{name}» завершился ошибкой в хуке {hook_name}: "
                                      f"{type(exc).__name__}: {exc}") from exc
                out[name] = BrokenPlugin(name, dist, version, error)
    return out


def _merge(
    pm: pluggy.PluginManager,
    results: dict[str, Any],
    hook_name: str,
    what: str,
    key: Callable[[Any], str] = lambda item: item.id,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for impl in reversed(getattr(pm.hook, hook_name).get_hookimpls()):
        name = impl.plugin_name
        if name not in results:
            continue
        dist, version, _ = distribution_of(pm, name)
        prov = Provenance(plugin=name, distribution=dist, version=version)
        for item in results[name].get(hook_name, []):
            item_id = key(item)
            stamped = _stamp(item, prov)
            if item_id in out:
                previous = owner[item_id]
                if getattr(item, "overrides", None) == previous:
                    pass
                elif getattr(out[item_id], "overrides", None) == name:
                    continue
                else:
                    raise PluginError(
                        f"{what} «{item_id}» определён(а) и плагином «{previous}», и плагином «{name}»; "
                        f"один из них должен объявить overrides: {previous!r} или переименовать id"
                    )
            out[item_id] = stamped
            owner[item_id] = name
    return out


def bundled_configuration(package: str, filename: str) -> Path:
    """Path of a configuration shipped inside a plugin's package (``<package>/config/<filename>``).

    In a development checkout (an editable install) the file is not copied into the package;
    the repository's ``config/`` directory is used instead.
    """
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise PluginError(f"пакет плагина {package} не найден")
    pkg_dir = Path(next(iter(spec.submodule_search_locations)))
    packaged = pkg_dir / "config" / filename
    if packaged.exists():
        return packaged
    checkout = pkg_dir.parent.parent.parent / "config" / filename
    return checkout if checkout.exists() else packaged
