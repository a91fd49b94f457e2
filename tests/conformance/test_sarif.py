"""SARIF as GitHub code scanning accepts it: repository-relative, percent-encoded URIs against %SRCROOT%.

``github_upload_problems`` encodes the rules of GitHub's "SARIF support for code scanning" page that a
file can be checked against without uploading it (required properties, no empty strings, limits,
locations, fingerprints, URIs); the OASIS 2.1.0 schema is checked too. Issue 18.6 found URIs
relative to wherever efs ran, absolute when a jurisdiction was named by id, and not URL-encoded.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from efs.cli import run
from tests.conftest import sarif_schema

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-23"


# --- GitHub's upload rules, as its documentation states them ------------------------------------------

_URI_REFERENCE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:)?[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _text(obj: Any, key: str) -> str:
    value = (obj or {}).get(key, {})
    return value.get("text", "") if isinstance(value, dict) else ""


def github_upload_problems(doc: dict[str, Any], root: Path) -> list[str]:
    """What GitHub code scanning would refuse or misplace in this SARIF log (empty: nothing)."""
    out: list[str] = []
    if not doc.get("$schema"):
        out.append("$schema обязателен")
    if doc.get("version") != "2.1.0":
        out.append("поддерживается только version 2.1.0")
    runs = doc.get("runs") or []
    if not 1 <= len(runs) <= 20:
        out.append(f"runs: от 1 до 20, а их {len(runs)}")
    for r, run_ in enumerate(runs):
        driver = run_.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            out.append(f"runs[{r}].tool.driver.name обязателен")
        rules = driver.get("rules")
        if not isinstance(rules, list):
            out.append(f"runs[{r}].tool.driver.rules[] обязателен")
            rules = []
        results = run_.get("results")
        if not isinstance(results, list):
            out.append(f"runs[{r}].results[] обязателен")
            results = []
        if len(rules) > 25_000 or len(results) > 25_000:
            out.append(f"runs[{r}]: не более 25 000 правил и результатов")
        bases = run_.get("originalUriBaseIds", {})
        for name, base in bases.items():
            uri = base.get("uri", "")
            if not (urlsplit(uri).scheme == "file" and uri.endswith("/")):
                out.append(f"originalUriBaseIds.{name}: абсолютный file-URI каталога, оканчивается «/»: {uri}")
        for i, rule in enumerate(rules):
            where = f"runs[{r}].rules[{i}]"
            if not rule.get("id"):
                out.append(f"{where}.id обязателен")
            if len(rule.get("name", "")) > 255:
                out.append(f"{where}.name длиннее 255 символов")
            for key in ("shortDescription", "fullDescription", "help"):
                text = _text(rule, key)
                if not text:
                    out.append(f"{where}.{key}.text обязателен и не пуст")
                if key != "help" and len(text) > 1024:
                    out.append(f"{where}.{key}.text длиннее 1024 символов")
            level = rule.get("defaultConfiguration", {}).get("level", "warning")
            if level not in ("note", "warning", "error"):
                out.append(f"{where}.defaultConfiguration.level: {level}")
            if len(rule.get("properties", {}).get("tags", [])) > 20:
                out.append(f"{where}: не более 20 тегов")
        ids = [rule.get("id") for rule in rules]
        for j, res in enumerate(results):
            where = f"runs[{r}].results[{j}]"
            if not _text(res, "message"):
                out.append(f"{where}.message.text обязателен")
            index = res.get("ruleIndex")
            if index is not None and not (0 <= index < len(rules) and ids[index] == res.get("ruleId")):
                out.append(f"{where}.ruleIndex не указывает на правило {res.get('ruleId')}")
            if res.get("level", "warning") not in ("none", "note", "warning", "error"):
                out.append(f"{where}.level: {res.get('level')}")
            if not res.get("partialFingerprints", {}).get("primaryLocationLineHash"):
                out.append(f"{where}.partialFingerprints.primaryLocationLineHash обязателен (только его читает GitHub)")
            locations = res.get("locations") or []
            if not 1 <= len(locations) <= 10:
                out.append(f"{where}.locations[]: от 1 до 10")
            for k, location in enumerate([*locations, *res.get("relatedLocations", [])]):
                physical = location.get("physicalLocation")
                if physical is None:
                    if k < len(locations):
                        out.append(f"{where}.locations[{k}].physicalLocation обязателен")
                    continue
                region = physical.get("region", {})
                if k < len(locations) and not (region.get("startLine", 0) >= 1 and region.get("startColumn", 0) >= 1):
                    out.append(f"{where}.locations[{k}].region: startLine и startColumn от 1")
                out += _uri_problems(physical.get("artifactLocation", {}), bases, root, f"{where} место {k}")
    return out


def _uri_problems(artifact: dict[str, Any], bases: dict[str, Any], root: Path, where: str) -> list[str]:
    uri = artifact.get("uri", "")
    out = []
    if not uri or not _URI_REFERENCE.match(uri) or _PERCENT.search(uri):
        out.append(f"{where}: uri не годится как ссылка URI (нужно процентное кодирование): {uri!r}")
        return out
    parts = urlsplit(uri)
    if "uriBaseId" in artifact:
        if parts.scheme or uri.startswith("/"):
            out.append(f"{where}: при uriBaseId uri должен быть относительным: {uri}")
        if artifact["uriBaseId"] not in bases:
            out.append(f"{where}: uriBaseId {artifact['uriBaseId']} не определён в originalUriBaseIds")
        relative = unquote(parts.path)
        if ".." in relative.split("/") or relative.split("/", 1)[0].count(":"):
            out.append(f"{where}: относительный путь выходит из корня: {uri}")
        elif not (root / relative).is_file():
            out.append(f"{where}: файла {relative} нет в корне {root}")
    elif parts.scheme != "file":
        out.append(f"{where}: без uriBaseId — только абсолютный file-URI, а не {uri!r}")
    return out


# --- efs's SARIF against those rules ---------------------------------------------------------------------


def _sarif(capsys: Any, *targets: str) -> dict[str, Any]:
    assert run(["validate", "--as-of", AS_OF, "--format", "sarif", "--exit-zero", *targets]) == 0
    return json.loads(capsys.readouterr().out)


def _uris(doc: dict[str, Any]) -> set[str]:
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    """A repository of one's own: configurations under a directory with a space and Cyrillic letters."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    root = tmp_path / "моё репо"
    (root / ".git").mkdir(parents=True)
    config = root / "положения" / "Мой район: 2024#1.yaml"
    config.parent.mkdir()
    shutil.copy(ROOT / "config" / "turochak.yaml", config)
    return root, config


def test_uris_are_repository_relative_and_percent_encoded_from_anywhere_in_the_repository(repo, capsys, monkeypatch):
    root, config = repo
    # «положения/Мой район: 2024#1.yaml», by hand: UTF-8 bytes, space %20, colon %3A, hash %23
    expected = ("%D0%BF%D0%BE%D0%BB%D0%BE%D0%B6%D0%B5%D0%BD%D0%B8%D1%8F/"
                "%D0%9C%D0%BE%D0%B9%20%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%3A%202024%231.yaml")
    seen = []
    places = ((root, str(config.relative_to(root))), (config.parent, config.name), (root.parent, str(config)))
    for cwd, target in places:
        monkeypatch.chdir(cwd)
        doc = _sarif(capsys, target)
        assert _uris(doc) == {expected}, cwd
        assert doc["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"
        seen.append(doc)
    monkeypatch.chdir(root)
    assert github_upload_problems(seen[0], root.resolve()) == []


def test_a_jurisdiction_named_by_id_gets_the_same_uri_as_by_path(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(ROOT)
    by_id, by_path = _sarif(capsys, "megion"), _sarif(capsys, "config/megion.yaml")
    monkeypatch.chdir(ROOT / "config")
    from_inside = _sarif(capsys, "megion.yaml")
    assert _uris(by_id) == _uris(by_path) == _uris(from_inside) == {"config/megion.yaml"}
    assert github_upload_problems(by_id, ROOT) == []


def test_github_actions_workspace_is_the_root(repo, capsys, monkeypatch):
    _, config = repo
    monkeypatch.setenv("GITHUB_WORKSPACE", str(config.parent))
    monkeypatch.chdir(ROOT)
    doc = _sarif(capsys, str(config))
    assert _uris(doc) == {"%D0%9C%D0%BE%D0%B9%20%D1%80%D0%B0%D0%B9%D0%BE%D0%BD%3A%202024%231.yaml"}


def test_a_file_outside_the_root_keeps_an_absolute_file_uri(repo, capsys, monkeypatch, tmp_path):
    root, config = repo
    outside = tmp_path / "вне" / "x.yaml"
    outside.parent.mkdir()
    shutil.copy(config, outside)
    monkeypatch.chdir(root)
    doc = _sarif(capsys, str(outside))
    [uri] = _uris(doc)
    assert uri == outside.resolve().as_uri() and "uriBaseId" not in doc["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["artifactLocation"]
    assert github_upload_problems(doc, root.resolve()) == []


def test_every_bundled_configuration_passes_githubs_upload_rules_and_the_oasis_schema(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(ROOT)
    doc = _sarif(capsys, "config/")
    assert len(doc["runs"][0]["results"]) > 50
    assert github_upload_problems(doc, ROOT) == []
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in doc["runs"][0]["results"]]
    assert len(set(fingerprints)) == len(fingerprints)
    # the document a finding cites is the one the plugin ships, in the repository, at the cited line
    related = [(r["relatedLocations"][0], r) for r in doc["runs"][0]["results"] if "relatedLocations" in r]
    amur = [(loc, r) for loc, r in related if "physicalLocation" in loc
            and loc["physicalLocation"]["artifactLocation"]["uri"] == "plugins/amur/efs_amur/documents/amur.txt"]
    assert amur
    for loc, _ in amur:
        # the message names the same file and line a reader opens (not the cited hash name)
        text = loc["message"]["text"]
        assert text.startswith("документ: plugins/amur/efs_amur/documents/amur.txt:"), text
        line = int(text.split("amur.txt:", 1)[1].split(",", 1)[0])
        assert loc["physicalLocation"]["region"]["startLine"] == line
    import jsonschema

    jsonschema.validate(doc, sarif_schema())


def test_the_checker_refuses_what_issue_18_found(tmp_path):
    """The rules above are not vacuous: the SARIF efs wrote before (cwd-relative, absolute, unencoded) fails."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "Мой район.yaml").write_text("x", encoding="utf-8")
    base = {"$schema": "x", "version": "2.1.0", "runs": [{"tool": {"driver": {"name": "efs", "rules": []}},
                                                          "results": []}]}

    def with_uri(uri: str, **extra: Any) -> dict[str, Any]:
        doc = json.loads(json.dumps(base))
        physical = {"artifactLocation": {"uri": uri, **extra}, "region": {"startLine": 1, "startColumn": 1}}
        doc["runs"][0]["results"] = [{"ruleId": "EFS101", "message": {"text": "т"},
                                      "partialFingerprints": {"primaryLocationLineHash": "a:1"},
                                      "locations": [{"physicalLocation": physical}]}]
        doc["runs"][0]["originalUriBaseIds"] = {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
        return doc

    assert github_upload_problems(with_uri("config/Мой район.yaml"), tmp_path)  # not encoded
    assert github_upload_problems(with_uri("/abs/config/x.yaml"), tmp_path)  # absolute path, no scheme
    assert github_upload_problems(with_uri("Мой%20район.yaml", uriBaseId="%SRCROOT%"), tmp_path)  # cwd-relative
    assert github_upload_problems(with_uri("config/%D0%9C%D0%BE%D0%B9%20%D1%80%D0%B0%D0%B9%D0%BE%D0%BD.yaml",
                                           uriBaseId="%SRCROOT%"), tmp_path) == []


def test_github_annotations_name_the_file_from_the_repository_root(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.chdir(ROOT / "config")
    assert run(["validate", "--as-of", AS_OF, "--format", "github", "--exit-zero", "tyumen"]) == 0
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in capsys.readouterr().out.splitlines()
             if "file=" in line}
    assert files == {"config/tyumen.yaml"}
