"""The pre-commit hook works as docs/ci.md says: a rev that exists, and only configuration files checked.

Issue 18.6: the documented ``rev: v0.1.0`` did not exist (no tags) and the hook ran on every YAML file,
so a commit touching a CI workflow was blocked by «неизвестный ключ jobs».
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from efs._version import __version__
from efs.cli import run

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
#: The keys pre-commit accepts in a hook manifest (pre-commit's clientlib MANIFEST_HOOK_DICT).
MANIFEST_KEYS = {
    "id", "name", "entry", "language", "alias", "files", "exclude", "types", "types_or", "exclude_types",
    "additional_dependencies", "args", "always_run", "fail_fast", "pass_filenames", "description",
    "language_version", "log_file", "require_serial", "stages", "verbose", "minimum_pre_commit_version",
}
WORKFLOW = """\
name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps: [{uses: actions/checkout@v4}]
"""


def hook() -> dict:
    [only] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return only


def selected(files: list[Path], spec: dict) -> list[Path]:
    """The files pre-commit passes to the hook: ``files``/``exclude`` regexes and ``types: [yaml]``."""
    out = []
    for path in files:
        name = path.as_posix()
        if not re.search(spec.get("files", ""), name) or re.search(spec.get("exclude", "^$"), name):
            continue
        if "yaml" in spec.get("types", []) and path.suffix not in (".yaml", ".yml"):
            continue
        out.append(path)
    return out


def run_hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: list[str]) -> int:
    spec = hook()
    monkeypatch.chdir(tmp_path)
    argv = spec["entry"].split()[1:] + spec.get("args", [])
    return run([*argv, *map(str, selected([Path(f) for f in files], spec))])


def test_the_manifest_is_one_pre_commit_hook_running_efs_validate():
    spec = hook()
    assert set(spec) <= MANIFEST_KEYS, set(spec) - MANIFEST_KEYS
    assert spec["id"] == "efs-validate" and spec["language"] == "python"
    assert spec["entry"].split()[:2] == ["efs", "validate"]


def test_a_commit_of_a_ci_workflow_is_not_blocked_and_a_broken_configuration_is(tmp_path, monkeypatch):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    (tmp_path / "docker-compose.yaml").write_text("services:\n  db: {image: postgres}\n", encoding="utf-8")
    from efs.skeleton import skeleton

    (tmp_path / "megion.yaml").write_text(skeleton("Мегион"), encoding="utf-8")  # a configuration that passes
    (tmp_path / "broken.yaml").write_text("format_version: 1\njurisdiction: {id: X}\n", encoding="utf-8")
    other = [".github/workflows/ci.yml", "docker-compose.yaml", "README.md"]
    assert run_hook(tmp_path, monkeypatch, other) == 0
    assert run_hook(tmp_path, monkeypatch, [*other, "megion.yaml"]) == 0
    assert run_hook(tmp_path, monkeypatch, [*other, "megion.yaml", "broken.yaml"]) == 1


def test_a_configuration_is_recognised_even_when_its_yaml_is_broken(tmp_path):
    from efs.loading import looks_like_configuration

    cases = {
        "with_bom.yaml": ("\ufeffformat_version: 1\n", True),
        "syntax_error.yaml": ("jurisdiction: [\n", True),
        "modeline_only.yaml": ("# yaml-language-server: $schema=configuration.schema.json\nfoo: 1\n", True),
        "workflow.yml": (WORKFLOW, False),
        "nested_key.yaml": ("spec:\n  format_version: 1\n", False),
    }
    for name, (text, expected) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert looks_like_configuration(path) is expected, name
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("format_version: 1\n".encode("utf-16"))
    assert looks_like_configuration(utf16)  # the loader then says it is UTF-16


def test_the_documented_rev_is_the_current_version_and_exists_as_a_tag():
    tag = f"v{__version__}"
    for doc in (HOOKS, ROOT / "docs" / "ci.md"):
        revs = set(re.findall(r"rev:\s*(\S+)", doc.read_text(encoding="utf-8")))
        assert revs == {tag}, (doc.name, revs)
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("не рабочая копия git: тег проверить негде")
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    if not tags:
        pytest.skip("в этой копии нет ни одного тега (клон без тегов)")
    assert tag in tags, f"нет тега {tag}: git tag -a {tag} -m 'efs {__version__}'"
    kind = subprocess.run(["git", "cat-file", "-t", tag], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert kind == "tag", "тег выпуска должен быть аннотированным (git tag -a)"
    inside = subprocess.run(["git", "merge-base", "--is-ancestor", tag, "HEAD"], cwd=ROOT)
    assert inside.returncode == 0, f"{tag} не в истории текущей ветки"
