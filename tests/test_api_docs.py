"""docs/api.md: its examples run as written (in order, one namespace, beside the bundled config/), mypy
accepts them in strict mode, and every public name of ``efs`` is documented there and annotated."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import efs

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "api.md"
FENCE = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def examples() -> list[str]:
    return FENCE.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    (tmp_path / "config").symlink_to(ROOT / "config", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_example_runs_in_order_and_its_assertions_hold(workdir, capsys):
    namespace: dict[str, object] = {"__name__": "api_example"}
    blocks = examples()
    assert len(blocks) >= 5
    for i, code in enumerate(blocks, start=1):
        exec(compile(code, f"docs/api.md, пример {i}", "exec"), namespace)
    assert (workdir / "megion-2024.html").exists() and (workdir / "monitoring.sqlite").exists()
    printed = capsys.readouterr().out
    assert "no_such_city" in printed  # the import example showed its located problem


def test_the_examples_type_check_in_strict_mode(tmp_path):
    """A user's code calling the API as the page shows passes mypy's strict checks of calls and generics:
    every name it uses is typed (the project's own mypy settings and cache, the strict flags per file)."""
    strict = "# mypy: disallow-untyped-calls, disallow-untyped-defs, disallow-any-generics, warn-return-any\n"
    source = strict + "\n".join(textwrap.dedent(code) for code in examples())
    (tmp_path / "api_examples.py").write_text(source, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "mypy", str(tmp_path / "api_examples.py")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_public_name_is_documented_and_every_public_callable_annotated():
    text = DOC.read_text(encoding="utf-8")
    for name in efs.__all__:
        if name == "__version__":
            continue
        assert f"efs.{name}" in text, f"docs/api.md не упоминает efs.{name}"
        obj = getattr(efs, name)
        if inspect.isfunction(obj):
            signature = inspect.signature(obj)
            missing = [p for p, param in signature.parameters.items()
                       if param.annotation is inspect.Parameter.empty]
            assert not missing, f"efs.{name}: параметры без аннотаций {missing}"
            assert signature.return_annotation is not inspect.Signature.empty, f"efs.{name}: нет типа результата"
