"""pytest plugin: each configuration a node, each rule an item, failures read as located findings.

Registered through the ``pytest11`` entry point, so every project that installs efs loads it;
it therefore imports nothing of efs at import time and does nothing unless ``--efs-config``
(or the ``efs_config`` ini option) names configurations::

    pytest --efs-config config/                  # or in pytest.ini / pyproject: efs_config = config/

Plugin authors get fixtures: ``efs_workspace`` (:class:`efs.workspace.Workspace`), ``efs_registry`` (the
catalogue), ``efs_load`` (load a configuration from a path or a dict) and ``efs_run_rule`` (run one rule,
by code or slug, on a configuration). Every item carries the ``efs`` marker. The user's guide is ``docs/pytest.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from efs.conformance.findings import Finding
    from efs.model import Configuration
    from efs.registry import Registry
    from efs.workspace import Workspace


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("efs", "проверка конфигураций efs")
    group.addoption(
        "--efs-config",
        action="append",
        default=[],
        metavar="ПУТЬ",
        help="Конфигурация или каталог конфигураций efs: узел на файл, тест на правило.",
    )
    group.addoption(
        "--efs-as-of",
        default=None,
        metavar="ГГГГ-ММ-ДД",
        help="Дата, на которую проверяются сроки (по умолчанию — сегодня).",
    )
    group.addoption(
        "--efs-strict", action="store_true", default=False, help="Считать предупреждения провалом."
    )
    parser.addini("efs_config", "Конфигурации efs для проверки (пути).", type="paths", default=[])
    parser.addini("efs_as_of", "Дата проверки сроков (ГГГГ-ММ-ДД).", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "efs: проверка конфигурации efs (элементы --efs-config); -m efs — только они, -m 'not efs' — без них"
    )


def _targets(config: pytest.Config) -> list[Path]:
    given = [Path(p) for p in config.getoption("efs_config")]
    return given or [Path(p) for p in config.getini("efs_config")]


def _as_of(config: pytest.Config) -> dt.date:
    text = config.getoption("efs_as_of") or config.getini("efs_as_of")
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise pytest.UsageError(f"efs: недопустимая дата «{text}» (нужно ГГГГ-ММ-ДД)") from None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    targets = _targets(config)
    if not targets:
        return
    from efs.errors import EfsError
    from efs.workspace import Workspace

    workspace = Workspace()
    try:
        paths = workspace.paths(targets)
    except EfsError as exc:
        raise pytest.UsageError(f"efs: {exc}") from None
    as_of = _as_of(config)
    for path in paths:
        node = EfsConfigFile.from_parent(session, path=path.resolve())
        node.workspace, node.as_of = workspace, as_of
        items.extend(node.collect())


class EfsFindings(Exception):
    """The findings that made an efs item fail."""


class EfsConfigFile(pytest.File):
    """One configuration; loads once and yields an item for loading and one per rule."""

    workspace: Workspace
    as_of: dt.date = dt.date.today()
    _loaded: tuple[Configuration | None, list[Finding]] | None = None

    @property
    def registry(self) -> Registry:
        """The catalogue the configuration is checked against."""
        return self.workspace.registry

    def load(self) -> tuple[Configuration | None, list[Finding]]:
        """(configuration or None, load findings)."""
        if self._loaded is None:
            self._loaded = self.workspace.load_checked(self.path)
        return self._loaded

    def collect(self) -> Iterator[pytest.Item]:
        yield EfsRuleItem.from_parent(self, name="EFS000-load", code=None)
        for rule in sorted(self.registry.rules.values(), key=lambda r: r.code):
            if not rule.engine_reported:
                yield EfsRuleItem.from_parent(self, name=f"{rule.code}-{rule.slug}", code=rule.code)


class EfsRuleItem(pytest.Item):
    """One rule on one configuration; fails on unsuppressed errors (and warnings with --efs-strict).

    A rule that is not run on the configuration is skipped with the reason: another plugin's rule (the
    configuration does not require that plugin), or a rule about a part of a full Положение that a partial
    document (``document_kind``) does not have.
    """

    def __init__(self, *, code: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.code = code
        self.add_marker("efs")

    def runtest(self) -> None:
        from efs.conformance import Severity

        parent = self.parent
        assert isinstance(parent, EfsConfigFile)
        config, load_errors = parent.load()
        if self.code is None:
            findings = load_errors
        elif config is None:
            pytest.skip("конфигурация не загрузилась (см. EFS000-load)")
        else:
            from efs.conformance.engine import why_not_run

            why = why_not_run(parent.registry.rules[self.code], config)
            if why is not None:
                pytest.skip(why)
            found = parent.workspace.check(config, as_of=parent.as_of, select=[self.code])
            findings = [f for f in found if f.code == self.code]
        counted = (
            {Severity.error, Severity.warning} if self.config.getoption("efs_strict") else {Severity.error}
        )
        failing = [f for f in findings if not f.suppressed and f.severity in counted]
        if failing:
            raise EfsFindings(failing)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, EfsFindings):
            from efs.documents.shipped import cited

            parent = self.parent
            assert isinstance(parent, EfsConfigFile)
            lines = []
            for f in excinfo.value.args[0]:
                src = (
                    f" (документ: {cited(f.source, registry=parent.registry, near=parent.path)})"
                    if f.source is not None
                    else ""
                )
                lines.append(f"{f.location}: {f.code} [{f.severity.label}] {f.message}{src}")
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


@pytest.fixture(scope="session")
def efs_workspace() -> Iterator[Workspace]:
    """The efs :class:`~efs.workspace.Workspace` of the installed plugins (read-only, default store)."""
    from efs.workspace import Workspace

    with Workspace() as workspace:
        yield workspace


@pytest.fixture(scope="session")
def efs_registry(efs_workspace: Workspace) -> Registry:
    """The efs catalogue built from every installed plugin."""
    return efs_workspace.registry


@pytest.fixture()
def efs_load(efs_registry: Registry) -> Callable[..., Any]:
    """``efs_load(path_or_dict)`` → a loaded :class:`efs.model.Configuration`."""
    from efs.loading import load_configuration

    def load(source: Any) -> Any:
        return load_configuration(source, registry=efs_registry)

    return load


@pytest.fixture()
def efs_run_rule(efs_registry: Registry, efs_load: Callable[..., Any]) -> Callable[..., list[Any]]:
    """``efs_run_rule(code_or_slug, config_or_path_or_dict, as_of=None)`` → that rule's findings."""
    from efs.conformance import validate

    def run(code: str, config: Any, as_of: dt.date | None = None) -> list[Any]:
        if not hasattr(config, "jurisdiction"):
            config = efs_load(config)
        rules = [r for r in efs_registry.rules.values() if code in (r.code, r.slug)]
        if not rules:
            raise LookupError(f"нет правила «{code}»")
        found = validate(config, registry=efs_registry, as_of=as_of, select=[rules[0].code])
        return [f for f in found if f.code == rules[0].code]

    return run
