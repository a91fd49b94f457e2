"""The wheel ships the core, the four plugins, their configurations and documents, and nothing named core/plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-index", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    [whl] = out.glob("efs_nms-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_contents_are_the_packages_their_data_and_py_typed(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("efs_nms-")}
    assert tops == {"efs", "efs_amur", "efs_tyumen", "efs_megion", "efs_turochak"}
    assert "efs/py.typed" in names
    assert {"efs/report/templates/report.html.j2", "efs/report/templates/_svg.html.j2"} <= set(names)
    for name in ("amur", "tyumen", "megion", "turochak"):
        assert f"efs_{name}/config/{name}.yaml" in names
        assert f"efs_{name}/documents/{name}.txt" in names, "a plugin ships the document it encodes"
    assert "efs/concept/documents/concept_municipal_level.txt" in names
    entry_points = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[efs.plugins]" in entry_points and "efs = efs.cli:main" in entry_points


@pytest.mark.slow
def test_installed_wheel_validates_its_packaged_configurations_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    # -S: no site processing, so the editable install of the checkout is invisible; the dependencies
    # come from this environment's site-packages, the efs packages only from the installed wheel.
    pythonpath = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])
    env = {**os.environ, "PYTHONPATH": pythonpath}
    env.pop("EFS_PLUGINS", None)
    run = subprocess.run(
        [sys.executable, "-S", "-m", "efs", "validate", "--exit-zero", "--format", "json",
         "amur", "tyumen", "megion", "turochak"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    files = [f["file"] for f in doc["files"]]
    assert len(files) == 4
    assert all(f.startswith(str(target)) for f in files), files
    assert all(f["loaded"] for f in doc["files"])
    assert str(ROOT) not in run.stdout

    # Each configuration's document comes from the installed package, under the name its sources cite.
    script = (
        "import json; from efs import documents; from efs.loading import load_configuration; "
        "from efs.registry import Registry; r = Registry.build(); "
        "print(json.dumps({j: [str(documents.find(c.jurisdiction.document, registry=r)), "
        "len(documents.for_configuration(c, r).lines)] for j in ('amur', 'tyumen', 'megion', 'turochak') "
        "for c in [load_configuration(r.jurisdictions[j].config_path, registry=r)]}))"
    )
    found = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, env=env,
                           cwd=tmp_path, timeout=300)
    assert found.returncode == 0, found.stderr
    for jurisdiction, (path, n_lines) in json.loads(found.stdout).items():
        assert path.startswith(str(target)) and path.endswith(f"{jurisdiction}.txt"), path
        assert n_lines > 50


@pytest.mark.slow
def test_installed_wheel_renders_html_from_its_packaged_templates(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    pythonpath = os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])
    code = (
        "import efs.report.templating as t; from efs.report.svg import structure_diagram\n"
        f"assert t.__file__.startswith({str(target)!r}), t.__file__\n"
        "s = {'levels': [{'id': None, 'label': 'уровень не указан'}], 'links': [], 'nodes': [{'id': 'a', "
        "'name': '<b>', 'label': '<b>', 'kind': None, 'kind_name': 'вид', 'plugin_kind': None, 'level': None, "
        "'actor': False, 'coordinator': False}]}\n"
        "print(structure_diagram(s))"
    )
    run = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": pythonpath}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("<svg") and "&lt;b&gt;" in run.stdout
