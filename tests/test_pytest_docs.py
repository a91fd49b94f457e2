"""docs/pytest.md does what it says: its files are written, its commands run through pytester, and the
output lines it shows appear in the output (each line, anywhere; «…» lines are not checked)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

DOC = Path(__file__).resolve().parents[1] / "docs" / "pytest.md"
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks() -> list[tuple[str, str | None, str]]:
    """(language, title or None, body) of every fenced block, in order."""
    out = []
    for match in FENCE.finditer(DOC.read_text(encoding="utf-8")):
        title = re.search(r'title="([^"]+)"', match.group(2))
        out.append((match.group(1), title.group(1) if title else None, match.group(3)))
    return out


def test_every_example_of_the_pytest_page_runs_as_written(pytester: pytest.Pytester):
    runs = 0
    last_output = ""
    for language, title, body in blocks():
        if title is not None:
            target = pytester.path / title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        elif language == "sh":
            for line in body.strip().splitlines():
                argv = shlex.split(line)
                assert argv[0] == "pytest", line
                result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *argv[1:])
                last_output = result.stdout.str()
                assert "Traceback" not in last_output
                runs += 1
        elif language == "text":
            for expected in body.strip().splitlines():
                if expected.strip() in ("…", "..."):
                    continue
                pattern = re.compile(rf"(?<!\w){re.escape(expected.strip())}")  # «2 passed» is not «52 passed»
                found = any(pattern.search(line) for line in last_output.splitlines())
                assert found, f"нет строки «{expected}» в выводе:\n{last_output}"
    assert runs >= 3


def test_the_page_names_every_option_of_the_plugin():
    from efs import pytest_plugin

    text = DOC.read_text(encoding="utf-8")
    source = Path(pytest_plugin.__file__).read_text(encoding="utf-8")
    options = set(re.findall(r'addoption\(\s*"(--[\w-]+)"', source))
    ini = set(re.findall(r'addini\(\s*"(\w+)"', source))
    assert options and ini
    for name in options | ini:
        assert f"`{name}" in text, name
    for fixture in re.findall(r"def (efs_\w+)\(", source):
        assert f"`{fixture}" in text, fixture
    assert "`efs`" in text  # the marker
