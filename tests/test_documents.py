"""The document of a configuration: shipped by its plugin under the name its sources cite, or kept beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from efs import documents
from efs.documents import DocumentError, DocumentInfo
from efs.errors import PluginError
from efs.hookspecs import hookimpl
from efs.plugins import get_plugin_manager
from efs.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = {"amur": "002_6414ad974cc0e1d7.txt", "tyumen": "003_bb9f7ec55f47c063.txt",
           "megion": "004_a3288780aaeebb26.txt", "turochak": "000_8d8fc144dad462b3.txt"}


def _config(tmp_path: Path, document: str, registry):
    from efs.loading import load_configuration

    path = tmp_path / "x.yaml"
    path.write_text(
        f"format_version: 1\njurisdiction: {{id: x, name: X, level: municipal, document: {document}}}\n",
        encoding="utf-8",
    )
    return load_configuration(path, registry=registry)


@pytest.mark.parametrize("jurisdiction", sorted(BUNDLED))
def test_each_bundled_plugin_ships_the_document_its_configuration_cites(jurisdiction, bundled_configs, registry):
    config = bundled_configs[jurisdiction]
    assert config.jurisdiction.document == BUNDLED[jurisdiction]
    info = registry.documents[BUNDLED[jurisdiction]]
    # Named by jurisdiction inside the plugin's package, known by the name the sources cite.
    assert info.path.name == f"{jurisdiction}.txt"
    assert info.path.parent.parent.name == f"efs_{jurisdiction}"
    assert info.provenance.plugin == jurisdiction and info.jurisdiction == jurisdiction
    document = documents.for_configuration(config, registry)
    assert document is not None and document.name == BUNDLED[jurisdiction]
    # Every line of the file, as an editor numbers them (what source.line counts).
    assert document.lines == info.path.read_text(encoding="utf-8").split("\n")


def test_the_core_ships_the_federal_text_its_catalogue_cites(registry):
    from efs.concept.catalogue import FEDERAL_DOCUMENT

    info = registry.documents[FEDERAL_DOCUMENT]
    assert info.provenance.plugin == "efs.concept.default_plugin"
    text = documents.load(FEDERAL_DOCUMENT, registry=registry).text
    assert "Показатели эффективности деятельности Системы" in text


def test_a_document_beside_the_configuration_comes_before_a_shipped_one(tmp_path, registry):
    (tmp_path / "002_6414ad974cc0e1d7.txt").write_text("своя редакция\n", encoding="utf-8")
    config = _config(tmp_path, "002_6414ad974cc0e1d7.txt", registry)
    assert documents.for_configuration(config, registry).lines == ["своя редакция", ""]


def test_a_document_at_hand_nowhere_is_none(tmp_path, registry):
    config = _config(tmp_path, "нет_такого.docx", registry)
    assert documents.for_configuration(config, registry) is None
    assert documents.find("нет_такого.docx", registry=registry) is None


def test_windows_line_ends_and_a_bom_are_read_as_lines(tmp_path, registry):
    (tmp_path / "d.txt").write_bytes("\ufeffпервая\r\nвторая\r\n".encode())
    assert documents.for_configuration(_config(tmp_path, "d.txt", registry), registry).lines == [
        "первая", "вторая", ""]


def test_a_document_that_is_not_a_text_is_a_russian_error_naming_it(tmp_path, registry):
    (tmp_path / "d.txt").write_bytes(b"%PDF-1.4\n\x00\x01")
    with pytest.raises(DocumentError) as err:
        documents.for_configuration(_config(tmp_path, "d.txt", registry), registry)
    assert "d.txt" in err.value.message and "PDF" in err.value.message


def test_a_docx_beside_the_configuration_is_read_with_words_numbering_and_checked(tmp_path, registry, capsys):
    from efs.cli import run
    from tests.documents.docx_writer import DocxWriter, Lvl, Para

    w = DocxWriter()
    n = w.num(w.abstract([Lvl("decimal", "%1."), Lvl("decimal", "%1.%2.")]))
    for text, level in (("Субъекты системы", 0), ("Управление образования", 1), ("Методическая служба", 1)):
        w.paragraph(Para(text, n, level))
    w.save(tmp_path / "pol.docx")
    document = documents.for_configuration(_config(tmp_path, "pol.docx", registry), registry)
    assert document.format == "docx" and document.lines[:3] == [
        "1. Субъекты системы", "1.1. Управление образования", "1.2. Методическая служба"]
    config = tmp_path / "x.yaml"
    config.write_text(
        "format_version: 1\njurisdiction: {id: x, name: X, level: municipal, document: pol.docx}\nsubjects:\n"
        "  - {id: a, name: Управление образования, kind: municipal_authority, level: municipal, source: {line: 2}}\n"
        "  - {id: b, name: Методический совет, kind: municipal_methodical_service, level: municipal,"
        " source: {line: 3}}\n",
        encoding="utf-8",
    )
    assert run(["validate", "--select", "EFS02", str(config)]) == 1
    out = capsys.readouterr().out
    assert "«Методический совет» не найден у строки 3 документа pol.docx" in out
    assert "Управление образования»" not in out


class _Shipping:
    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def efs_documents(self):
        return [DocumentInfo(name="002_6414ad974cc0e1d7.txt", path=self.path, title="чужая копия")]


def test_hook_efs_documents_two_plugins_shipping_one_name_is_an_error_naming_both(tmp_path):
    pm = get_plugin_manager(entry_points=False)
    pm.register(_Shipping(tmp_path / "a.txt"), name="first")
    pm.register(_Shipping(tmp_path / "b.txt"), name="second")
    with pytest.raises(PluginError) as err:
        Registry.build(pm)
    assert "«first»" in err.value.message and "«second»" in err.value.message


def test_reading_is_cached_until_the_file_changes(tmp_path, registry):
    path = tmp_path / "d.txt"
    path.write_text("один\n", encoding="utf-8")
    config = _config(tmp_path, "d.txt", registry)
    first = documents.for_configuration(config, registry)
    assert documents.for_configuration(config, registry) is first
    assert documents.index(first) is documents.index(first)
    path.write_text("один\nдва\n", encoding="utf-8")
    assert documents.for_configuration(config, registry).lines == ["один", "два", ""]
