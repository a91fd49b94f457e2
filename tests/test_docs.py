"""Documentation that is generated or promised stays in step with the code."""

from __future__ import annotations

import inspect
from pathlib import Path

import efs.hookspecs as hookspecs
from efs.fieldref import markdown, undocumented_fields

DOCS = Path(__file__).resolve().parents[1] / "docs"


def hooks() -> dict[str, str]:
    return {name: f"{name}{inspect.signature(fn)}".replace("'", "")
            for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("efs_")}


def test_every_hook_is_documented_in_plugins_md_with_its_signature():
    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    for name, signature in hooks().items():
        assert f"### `{signature}`" in text, f"docs/plugins.md: нет раздела «### `{signature}`» для {name}"


def test_every_hook_has_a_russian_docstring_saying_what_to_return_and_since_when():
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if name.startswith("efs_"):
            assert fn.__doc__ and "Возвращает" in fn.__doc__ and "С версии:" in fn.__doc__, name
            assert "`[]`" in fn.__doc__, f"{name}: что значит пустой список"


def test_the_hooks_section_of_plugins_md_is_generated_from_the_docstrings_and_current():
    from efs.hookdocs import BEGIN, rewrite

    text = (DOCS / "plugins.md").read_text(encoding="utf-8")
    assert BEGIN in text
    assert text == rewrite(text), "обновите: python -m efs.hookdocs docs/plugins.md"


def test_every_configuration_field_has_a_description():
    assert undocumented_fields() == []


def test_field_reference_is_current():
    committed = (DOCS / "fields.md").read_text(encoding="utf-8")
    assert committed.strip() == markdown().strip(), "обновите: efs schema --format markdown -o docs/fields.md"


def test_command_reference_is_current_and_covers_every_command():
    from efs.cli import COMMANDS
    from efs.cli.reference import markdown

    text = markdown()
    for name in COMMANDS:
        assert f"## efs {name}\n" in text
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert committed.strip() == text.strip(), "обновите: python -m efs.cli.reference docs/cli.md"
