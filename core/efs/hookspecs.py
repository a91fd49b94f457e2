"""Every hook efs calls. This module is the plugin author's manual.

A plugin is a module (or object) with functions decorated by :data:`hookimpl` and named after
the hooks below. It is registered through the entry-point group ``efs.plugins``::

    [project.entry-points."efs.plugins"]
    myregion = "efs_myregion.plugin"

Hooks are called with keyword arguments only and return plain data: lists of efs models.
Returning ``[]`` (or not implementing the hook) means "nothing to add". Hooks must not
mutate global state. Every returned item is stamped with the plugin's provenance
(plugin name, distribution, version); two plugins returning the same id is an error
unless one of the items names the other plugin in ``overrides``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from efs.conformance.rules import Rule
    from efs.documents import DocumentInfo
    from efs.model import Function, IndicatorDefinition, SubjectKind
    from efs.registry import JurisdictionInfo

PROJECT_NAME = "efs"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def efs_subject_kinds() -> list[SubjectKind]:
    """Subject kinds the plugin adds to the catalogue.

    Return a list of :class:`efs.model.SubjectKind`: each with an id, a Russian name, the
    levels a subject of the kind may stand at, and the federal roles it can fill (for
    example a ``cnppm_branch`` fills the ``cnppm`` role). ``[]`` adds nothing.

    Since: 0.1
    """
    return []


@hookspec
def efs_functions() -> list[Function]:
    """Functions the plugin adds beyond the federal catalogue.

    Return a list of :class:`efs.model.Function`. A subject's function bullet in a
    configuration may be mapped to any function in the catalogue. ``[]`` adds nothing.

    Since: 0.1
    """
    return []


@hookspec
def efs_indicators() -> list[IndicatorDefinition]:
    """Indicator definitions the plugin provides (the core provides the federal ones).

    Return a list of :class:`efs.model.IndicatorDefinition` with their targets and the id
    of their formula. Indicators written in a configuration do not need this hook.
    ``[]`` adds nothing.

    Since: 0.1
    """
    return []


@hookspec
def efs_formulas() -> list[Any]:
    """Formulas the plugin provides for indicators that building blocks cannot express.

    Return a list of :class:`efs.indicators.Formula` objects; each is referenced by id from
    an indicator's ``formula``. ``[]`` adds nothing.

    Since: 0.1
    """
    return []


@hookspec
def efs_conformance_rules() -> list[Rule]:
    """Conformance rules the plugin adds.

    Return a list of :class:`efs.conformance.Rule`. A plugin's rule codes carry the
    plugin's own prefix (``TYU001``). ``[]`` adds nothing.

    Since: 0.1
    """
    return []


@hookspec
def efs_jurisdictions() -> list[JurisdictionInfo]:
    """Jurisdictions the plugin serves and where their bundled configuration lives.

    Return a list of :class:`efs.registry.JurisdictionInfo`: an id (usable on the command
    line, ``efs validate amur``), a Russian name, and the path of the configuration file
    installed with the plugin. ``[]`` serves none.

    Since: 0.1
    """
    return []


@hookspec
def efs_documents() -> list[DocumentInfo]:
    """Documents the plugin ships: the Положение its configuration encodes, and any other it cites.

    Return a list of :class:`efs.documents.DocumentInfo`: the name the configuration's sources cite
    (``jurisdiction.document``, ``source.document``), the path of the file installed with the plugin,
    and a Russian title. With the document at hand, ``efs validate`` checks every ``source.line`` and
    every verbatim text against it. ``[]`` ships none.

    Since: 0.2
    """
    return []
