"""``efs draft``: each kind drafted from a document's own words, sources that point at the text, review marks.

The oracle is the document itself: every expectation below is read from the text the test writes (its
lines found by searching the text, never typed in), from the bundled documents, or from LibreOffice's
export of the DOCX versions.
"""

# ruff: noqa: E501 — the document text below keeps its lines as a Положение has them
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from efs.cli import cli, run
from efs.documents.normalize import TextIndex
from efs.documents.reading import read
from tests.documents.seed_docx import JURISDICTIONS, ROOT, seed_path

MINI = """Приложение к приказу Управления образования администрации Энского района
№ 12 от 01.02.2024 г.

Положение
о муниципальной системе научно-методического сопровождения педагогических работников и управленческих кадров Энского района
1. Общие положения
1.1. Нормативная правовая основа создания и функционирования системы:
· Федеральный закон от 29 декабря 2012 г. № 273-ФЗ «Об образовании в Российской Федерации»;
· распоряжение Министерства просвещения Российской Федерации от 06.08.2020 № Р-76 «Об утверждении Концепции создания единой федеральной системы научно-методического сопровождения педагогических работников»;
· Распоряжение Правительства Российской Федерации от 31 декабря 2019 г. № 3273-р «Основные принципы национальной системы профессионального роста педагогических работников Российской Федерации» (в ред. распоряжения Правительства Российской Федерации от 7 октября 2020 г. № 2580-р).
2. Цель, задачи и принципы
2.1. Целью МСНМС является обеспечение адресного научно-методического сопровождения педагогических работников.
2.2. Задачи МСНМС:
· выстраивание системы профессионального развития педагогических работников;
· формирование методического актива.
2.3. Принципами функционирования системы являются:
· соответствие целям национального проекта «Образование».
3. Структура и субъекты
3.1. Структурный компонент муниципального уровня МСНМС представляют субъекты:
3.1.1. Муниципальное казённое учреждение «Информационно-методический центр» (далее – ИМЦ)
Функции:
· обеспечивает заключение трехсторонних соглашений между управлением образования, ИМЦ и образовательными организациями, о взаимодействии и совместной реализации мероприятий;
· организует стажировки педагогических работников;
· осуществляет мониторинг профессиональных дефицитов педагогических работников.
3.2. Структурный компонент институционального уровня МСНМС представляют субъекты:
3.2.1. Методический совет образовательной организации.
Функции:
· организует наставничество для молодых педагогов.
4. Показатели эффективности функционирования МСНМС
Показатели эффективности деятельности МСНМС:
1. Доля педагогических работников, прошедших диагностику профессиональных дефицитов (в 2024 году - не менее 40%, к 2025 году - не менее 60%).
2. Количество методических мероприятий.
4.1. Методы сбора информации:
· данные мониторинга;
· анкетирование педагогических работников.
Мониторинг проводится не реже одного раза в год. По результатам мониторинга разрабатываются адресные рекомендации.

Термины и понятия
Наставничество - форма передачи опыта от опытного педагога молодому.
Стажировка - практическое обучение на базе другой организации.

Приложение 2
к приказу Управления образования
от 05.02.2024 № 12

Комплекс мер (дорожная карта) на период до 2025 года
№ п/п\tНаименование мероприятия\tОтветственный\tРезультат\tСрок
1.\tУтверждение положения о системе\tИМЦ\tПриказ управления образования\tДо 01.03.2024
2.\tПроведение стажировок\tИМЦ, образовательные организации\tПроведены стажировки; педагогические работники прошли диагностику профессиональных дефицитов (ежегодно не менее 30 %)\tЕжегодно
"""


def _line(text: str, start: str) -> int:
    """The 1-based line of ``text`` that starts with ``start`` (the one way a test names a line)."""
    lines = text.split("\n")
    hits = [n for n, line in enumerate(lines, start=1) if line.lstrip("·-– ").startswith(start)]
    assert len(hits) == 1, (start, hits)
    return hits[0]


def _draft(path: Path, *extra: str) -> tuple[object, dict, list[dict], str]:
    out = path.with_suffix(".draft.yaml")
    review = path.with_suffix(".review.json")
    result = CliRunner().invoke(cli, ["draft", str(path), "-o", str(out), "--review-json", str(review), *extra])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    return result, yaml.safe_load(text), json.loads(review.read_text(encoding="utf-8"))["review"], text


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    path = tmp_path_factory.mktemp("mini") / "mini.txt"
    path.write_text(MINI, encoding="utf-8")
    return _draft(path)


def test_acts_are_parsed_with_kind_issuer_date_number_title(mini):
    _, config, review, _ = mini
    acts = {a["number"]: a for a in config["legal_basis"] if a.get("number")}
    law = acts["273-ФЗ"]
    assert (law["kind"], law["date"], law["date_as_written"]) == ("Федеральный закон", "2012-12-29",
                                                                  "29 декабря 2012 г.")
    assert law["title"] == "Об образовании в Российской Федерации"
    assert law["source"]["line"] == _line(MINI, "Федеральный закон от 29 декабря")
    r76 = acts["Р-76"]
    assert r76["kind"] == "распоряжение" and r76["issuer"] == "Министерства просвещения Российской Федерации"
    assert r76["date"] == "2020-08-06"
    # The superseded concept is kept as written and put to the reviewer with what replaced it.
    flagged = [r for r in review if r["path"].startswith("legal_basis") and "Р-174" in r["message"]]
    assert flagged and flagged[0]["line"] == _line(MINI, "распоряжение Министерства просвещения")


def test_an_amending_act_is_an_edition_and_the_concept_is_matched(mini):
    _, config, review, _ = mini
    acts = {a["number"]: a for a in config["legal_basis"] if a.get("number")}
    assert "2580-р" not in acts
    (edition,) = acts["3273-р"]["editions"]
    assert (edition["number"], edition["date"]) == ("2580-р", "2020-10-07")
    assert edition["source"]["line"] == _line(MINI, "Распоряжение Правительства Российской Федерации от 31 декабря")
    # Р-76 is the concept efs knows: it takes the known act's id, and its supersession is asked about.
    assert acts["Р-76"]["id"] == "concept_r76"
    assert any("до принятия положения" in r["message"] for r in review if r["path"].startswith("legal_basis"))


def test_annex_keeps_its_own_date(mini):
    _, config, _, _ = mini
    adopted = config["jurisdiction"]["adopted_by"]
    (annex,) = config["jurisdiction"]["annexes"]
    assert (annex["number"], annex["date"]) == (adopted["number"], "2024-02-05")
    assert annex["date"] != adopted["date"]  # the disagreement stays for the validator (EFS110)
    assert annex["title"] == "Комплекс мер (дорожная карта) на период до 2025 года"
    # Quoted from «к приказу …» on, at the line of its date: every quoted part is found within ±2 lines of it.
    assert annex["as_written"] == "к приказу Управления образования от 05.02.2024 № 12"
    assert annex["source"]["line"] == _line(MINI, "от 05.02.2024")


def test_adopting_act_goal_tasks_and_principles(mini):
    _, config, _, _ = mini
    adopted = config["jurisdiction"]["adopted_by"]
    assert (adopted["number"], adopted["date"]) == ("12", "2024-02-01")
    assert config["jurisdiction"]["level"] == "municipal"
    system = config["system"]
    assert system["goal"]["text"].startswith("Целью МСНМС является")
    assert system["goal"]["source"]["line"] == _line(MINI, "2.1. Целью")
    assert [t["text"] for t in system["tasks"]] == [
        "выстраивание системы профессионального развития педагогических работников;",
        "формирование методического актива."]
    assert [p["source"]["line"] for p in system["principles"]] == [_line(MINI, "соответствие целям")]


def test_subjects_levels_kinds_short_names_and_every_bullet(mini):
    _, config, _, _ = mini
    imc, council = config["subjects"]
    assert imc["name"] == "Муниципальное казённое учреждение «Информационно-методический центр»"
    assert imc["short_name"] == "ИМЦ"
    assert (imc["level"], imc["kind"], imc["number"]) == ("municipal", "municipal_methodical_service", "3.1.1")
    assert council["level"] == "institutional" and council["kind"] == "school_methodical_council"
    texts = [f["text"] for f in imc["functions"]]
    assert len(texts) == 3 and texts[1] == "организует стажировки педагогических работников;"
    assert imc["functions"][1]["function"] == "internships"
    assert [f["source"]["line"] for f in imc["functions"]] == [
        _line(MINI, "обеспечивает заключение"), _line(MINI, "организует стажировки"), _line(MINI, "осуществляет мон")]
    assert all(f["source"]["section"] == "3.1.1" for f in imc["functions"])


def test_agreement_with_its_parties(mini):
    _, config, _, _ = mini
    (agreement,) = config["agreements"]
    assert agreement["kind"] == "tripartite"
    assert agreement["parties"] == ["управлением образования", "ИМЦ", "образовательными организациями"]
    assert agreement["source"]["line"] == _line(MINI, "обеспечивает заключение")


def test_indicators_with_targets_as_written(mini):
    _, config, review, _ = mini
    share, count = config["indicators"]
    assert share["unit"] == "%" and count["unit"] == "ед."
    in_year, by_year = share["targets"]
    # «в 2024 году» holds in that year only; «к 2025 году» from that year on (the model's default kind).
    assert (in_year["kind"], in_year["year"], in_year["value"]) == ("in_year", 2024, 40)
    assert "kind" not in by_year and (by_year["year"], by_year["value"], by_year["comparator"]) == (2025, 60, "at_least")
    assert by_year["as_written"] == "к 2025 году - не менее 60%"
    assert "targets" not in count
    # No formula can be read from the words: each indicator is put to the reviewer.
    assert {r["path"] for r in review if r["path"].endswith(".formula")} == {"indicators[0].formula",
                                                                            "indicators[1].formula"}


def test_targets_of_the_federal_indicators_are_the_concept_s(tmp_path):
    # The oracle: the federal concept's indicators as encoded by hand in efs.concept (verbatim texts, targets
    # read by a person). Drafted from those texts alone, every target has the same year, value, unit and
    # comparator; «в том числе справившихся … (к 2024 году – не менее 15%)» is a target of that part, «не менее
    # 200» of a «Количество» is in units, not per cent, «не менее 2 в каждом субъекте» holds for each region.
    from efs.concept.indicators import federal_indicators

    federal = federal_indicators()
    text = "Показатели эффективности деятельности Системы:\n\n" + "\n\n".join(
        f"{d.number}. {d.text}" for d in federal) + "\n"
    path = tmp_path / "federal.txt"
    path.write_text(text, encoding="utf-8")
    _, config, _, _ = _draft(path)

    def key(t: dict) -> tuple:
        scope = t.get("scope")
        return (t["year"], float(t["value"]), t["unit"], t["comparator"], t.get("sub_measure"),
                scope if scope not in (None, "country", "jurisdiction") else None)

    drafted = [[key(t) for t in ind.get("targets", [])] for ind in config["indicators"]]
    expected = [[key(t.model_dump(mode="json", exclude_none=True)) for t in d.targets] for d in federal]
    assert drafted == expected


def test_monitoring_how_often_and_from_what(mini):
    _, config, _, _ = mini
    monitoring = config["monitoring"]
    assert (monitoring["frequency"], monitoring["times_per_year"]) == ("не реже одного раза в год", 1)
    assert [x["text"] for x in monitoring["sources"]] == ["данные мониторинга;"]
    assert [x["text"] for x in monitoring["methods"]] == ["анкетирование педагогических работников."]
    assert monitoring["outputs"][0]["text"] == "По результатам мониторинга разрабатываются адресные рекомендации."
    assert monitoring["source"]["line"] == _line(MINI, "Мониторинг проводится")


def test_an_indicator_table_alone_is_a_partial_document_with_federal_equivalents(tmp_path):
    table = ("Показатели эффективности деятельности центра непрерывного повышения профессионального мастерства "
             "педагогических работников Энской области\nПоказатели:\n"
             "1. Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и "
             "сопровождения в первые 3 года работы (к 2024 году - не менее 70%).\n"
             "2. Количество программ ДПО, реализованных в сетевой форме.\n")
    path = tmp_path / "table.txt"
    path.write_text(table, encoding="utf-8")
    _, config, review, _ = _draft(path)
    assert config["jurisdiction"]["document_kind"] == "indicator_table"
    assert config["jurisdiction"]["name"] == "Энская область" and config["jurisdiction"]["level"] == "regional"
    young, programmes = config["indicators"]
    # The federal indicator 4 in the same words: proposed as equivalent, and put to the reviewer.
    assert [e["id"] for e in young["equivalent"]] == ["federal_4"]
    assert "equivalent" not in programmes
    assert any(r["path"] == "indicators[0].equivalent" and r["alternatives"] for r in review)
    assert young["targets"][0]["as_written"] == "к 2024 году - не менее 70%"


def test_roadmap_rows_and_glossary(mini):
    _, config, _, _ = mini
    first, second = config["roadmap"]
    assert (first["number"], first["text"], first["responsible"]) == ("1.", "Утверждение положения о системе",
                                                                       ["ИМЦ"])
    assert first["deadline"] == {"as_written": "До 01.03.2024", "kind": "date", "date": "2024-03-01"}
    assert first["result"] == "Приказ управления образования"
    assert second["responsible"] == ["ИМЦ", "образовательные организации"]
    assert second["deadline"]["kind"] == "recurrence" and second["deadline"]["frequency"] == "annually"
    # The result's threshold belongs to the indicator whose words it repeats, for the year the roadmap runs to.
    (threshold,) = second["thresholds"]
    assert threshold["indicator"] == config["indicators"][0]["id"]
    # «ежегодно»: every year from the adoption (2024) to the year the roadmap runs to (2025).
    assert (threshold["kind"], threshold["first_year"], threshold["last_year"]) == ("yearly", 2024, 2025)
    assert (threshold["value"], threshold["comparator"]) == (30, "at_least")
    assert threshold["as_written"] == "ежегодно не менее 30 %"
    assert [g["term"] for g in config["glossary"]] == ["Наставничество", "Стажировка"]
    assert config["glossary"][0]["definition"] == "форма передачи опыта от опытного педагога молодому."


def test_uncertain_mappings_are_marked_with_alternatives(mini):
    result, _, review, text = mini
    mappings = [r for r in review if r["chosen"] is not None]
    assert mappings, "the monitoring-or-diagnostics bullet is a real doubt"
    for r in mappings:
        assert r["alternatives"], r
        assert r["chosen"] not in r["alternatives"]
    # The review list printed is the one written as JSON, and each mapping has its mark in the YAML.
    assert f"Требует проверки: {len(review)}" in result.output
    from efs.drafting.output import item_path

    assert text.count("# ПРОВЕРИТЬ") == len({item_path(r["path"]) for r in review})


def _sourced(node, path=""):
    if isinstance(node, dict):
        if isinstance(node.get("source"), dict):
            yield path, node
        for key, value in node.items():
            yield from _sourced(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _sourced(value, f"{path}[{i}]")


def _check_sources(config: dict, lines: list[str]) -> int:
    index = TextIndex(lines)
    checked = 0
    for path, node in _sourced(config):
        verbatim = next((node[k] for k in ("text", "as_written", "name", "term") if isinstance(node.get(k), str)),
                        None)
        line = node["source"]["line"]
        assert 1 <= line <= len(lines), (path, line)
        if verbatim is not None:
            assert index.found(verbatim, line), (path, line, verbatim[:80])
            checked += 1
    return checked


def _source_findings(path: Path, registry) -> list:
    """What efs validate's own source checks (EFS020–EFS022) say of a draft beside its document."""
    from efs.conformance.engine import load_checked, validate

    config, errors = load_checked(path, registry=registry)
    assert config is not None and not errors, errors
    return validate(config, registry=registry, select=["EFS020", "EFS021", "EFS022", "EFS023"])


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_bundled_text_drafts_load_and_every_source_is_verbatim(jurisdiction, tmp_path, registry):
    path = tmp_path / f"{jurisdiction}.txt"
    path.write_bytes(seed_path(jurisdiction).read_bytes())
    _, config, review, _ = _draft(path)
    assert config["subjects"] and sum(len(s["functions"]) for s in config["subjects"]) >= 20
    assert _check_sources(config, read(path).lines) >= 80
    assert _source_findings(path.with_suffix(".draft.yaml"), registry) == []
    assert all(r["alternatives"] for r in review if r["chosen"] is not None)


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_docx_drafts_load_with_word_labels_identical_to_libreoffice(jurisdiction, seed_docx, libreoffice,
                                                                    tmp_path, registry):
    path = tmp_path / f"{jurisdiction}.docx"
    path.write_bytes(seed_docx[jurisdiction].read_bytes())
    _, config, review, _ = _draft(path)
    exported = [line.lstrip(" ") for line in libreoffice.text([path], tmp_path / "lo")[jurisdiction]]
    assert _check_sources(config, exported) >= 80
    assert _source_findings(path.with_suffix(".draft.yaml"), registry) == []
    # Every printed label the draft carries is the label LibreOffice prints at the item's line.
    labelled = [(s["number"], s["source"]["line"]) for s in config["subjects"] if s.get("number")]
    labelled += [(i["number"], i["source"]["line"]) for i in config["indicators"] if i.get("number")]
    assert labelled
    for number, line in labelled:
        assert exported[line - 1].startswith(number.rstrip(".") + "."), (number, exported[line - 1][:60])
    assert all(r["alternatives"] for r in review if r["chosen"] is not None)


DEFECTS = ("EFS102", "EFS103", "EFS105", "EFS110", "EFS111", "EFS120", "EFS142", "EFS144", "EFS150", "EFS152",
           "EFS154", "EFS157")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_group_cell_broken_over_a_page_keeps_all_its_words(fmt, seed_docx, tmp_path):
    # Амурская область, group 2.3: the export breaks its cell over a page («… педагогических» / «работников и
    # управленческих кадров на основе …»). Every measure of the group carries the whole cell, in the text's words.
    text = seed_path("amur").read_text(encoding="utf-8")
    first = _line(text, "2.3. Построение")
    pieces = [text.split("\n")[n - 1].split("\t")[0] for n in (first, first + 2)]
    assert pieces[1].startswith("работников")  # the line after the page break goes on with the group
    whole = " ".join(p.strip() for p in pieces)
    path = tmp_path / f"amur.{fmt}"
    path.write_bytes(seed_docx["amur"].read_bytes() if fmt == "docx" else text.encode("utf-8"))
    _, config, _, _ = _draft(path)
    groups = {m["number"]: m.get("group") for m in config["roadmap"] if (m["number"] or "").startswith("2.3.")}
    assert sorted(groups) == ["2.3.1.", "2.3.2.", "2.3.3.", "2.3.4."]
    assert set(groups.values()) == {whole}


@pytest.mark.parametrize("jurisdiction", JURISDICTIONS)
def test_draft_finds_the_document_s_own_defects_as_the_hand_encoding_does(jurisdiction, tmp_path, registry):
    # The oracle: the hand encoding in config/, validated the same day. Its findings on the document's own
    # defects (superseded acts, annex dates and numbers, misplaced levels, variant spellings, mixed scripts,
    # numbering gaps) must all be found in the draft made from the text alone.
    import datetime as dt

    from efs.conformance.engine import load_checked, validate

    def codes(path: Path) -> set[str]:
        config, errors = load_checked(path, registry=registry)
        assert config is not None, errors
        found = validate(config, registry=registry, as_of=dt.date(2025, 1, 1))
        return {f.code for f in found if f.code in DEFECTS and not f.suppressed}

    path = tmp_path / f"{jurisdiction}.txt"
    path.write_bytes(seed_path(jurisdiction).read_bytes())
    _draft(path)
    hand = codes(ROOT / "config" / f"{jurisdiction}.yaml")
    assert hand <= codes(path.with_suffix(".draft.yaml")), jurisdiction


def test_variant_spellings_are_kept_as_written(tmp_path):
    path = tmp_path / "turochak.txt"
    path.write_bytes(seed_path("turochak").read_bytes())
    _, config, _, _ = _draft(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    institute = next(s for s in config["subjects"] if any("ИПКиИИРО" in a["text"] for a in s.get("aliases", [])))
    variant = next(a for a in institute["aliases"] if "ИПКиППРО" in a["text"])
    assert variant["text"] in lines[variant["source"]["line"] - 1]


def test_parts_of_a_subject_listed_by_place(tmp_path):
    path = tmp_path / "tyumen.txt"
    path.write_bytes(seed_path("tyumen").read_bytes())
    _, config, _, _ = _draft(path)
    line = _line(path.read_text(encoding="utf-8"), "ЦНППМ г. Тюмени")
    parts = [s for s in config["subjects"] if s.get("part_of")]
    assert [p["name"] for p in parts] == ["ЦНППМ г. Тюмени", "ЦНППМ г. Ишима", "ЦНППМ г. Тобольска"]
    parent = next(s for s in config["subjects"] if s["id"] == parts[0]["part_of"])
    assert parent["kind"] == "cnppm" and all(p["source"]["line"] == line for p in parts)


def test_draft_is_mapped_without_its_own_encoding():
    from efs.drafting.precedents import installed

    own = {b for s in __import__("yaml").safe_load((ROOT / "config" / "megion.yaml").read_text(encoding="utf-8"))["subjects"]
           for b in [f["text"] for f in s.get("functions", [])]}
    everyone, _, _ = installed()
    others, _, _ = installed(exclude="megion")
    assert len(others.bullets) < len(everyone.bullets)
    assert len(everyone.bullets) - len(others.bullets) == len(own)


def test_existing_draft_is_kept_without_force(tmp_path, capsys):
    path = tmp_path / "mini.txt"
    path.write_text(MINI, encoding="utf-8")
    target = tmp_path / "mini.yaml"
    target.write_text("# мой файл\n", encoding="utf-8")
    assert run(["draft", str(path)]) == 2
    err = capsys.readouterr().err
    assert "уже существует" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "# мой файл\n"
    assert run(["draft", str(path), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("# yaml-language-server")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("scan.pdf", b"%PDF-1.4\n", "это PDF"),
    ("old.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 64, "DOC"),
    ("missing.docx", None, "файл не найден"),
])
def test_unreadable_documents_get_a_russian_message(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert run(["draft", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not path.with_suffix(".yaml").exists()


def test_bad_jurisdiction_id_is_refused_before_drafting(tmp_path, capsys):
    path = tmp_path / "mini.txt"
    path.write_text(MINI, encoding="utf-8")
    assert run(["draft", str(path), "--id", "Энск"]) == 2
    assert "--id" in capsys.readouterr().err
    assert not (tmp_path / "mini.yaml").exists()


def _kinds(config: dict) -> dict[str, list]:
    return {"subjects": [(s["name"], s["source"]["line"]) for s in config["subjects"]],
            "bullets": [(f["text"], f["function"], f["source"]["line"]) for s in config["subjects"]
                        for f in s["functions"]],
            "indicators": [(i["text"], i["source"]["line"]) for i in config["indicators"]],
            "roadmap": [(m["number"], m["text"], m["source"]["line"]) for m in config["roadmap"]],
            "glossary": [(g["term"], g["source"]["line"]) for g in config["glossary"]]}


def test_odt_saved_by_writer_drafts_as_its_docx(seed_docx, libreoffice, tmp_path):
    # The same Положение adopted as ODT: Writer's own save of the DOCX drafts item for item, line for line.
    docx = tmp_path / "megion.docx"
    docx.write_bytes(seed_docx["megion"].read_bytes())
    libreoffice.convert([docx], "odt", tmp_path / "odt")
    _, from_docx, _, _ = _draft(docx)
    _, from_odt, _, _ = _draft(tmp_path / "odt" / "megion.odt")
    assert _kinds(from_odt) == _kinds(from_docx)
    assert len(from_odt["roadmap"]) >= 9 and len(from_odt["glossary"]) >= 20


PORTAL = """<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Приказ</title></head>
<body><nav><a href="/">Главная</a></nav>
<h1>ПОЛОЖЕНИЕ о муниципальной системе научно-методического сопровождения Энского района</h1>
<p>3.2. Структурный компонент муниципального уровня МСНМС представляют субъекты:</p>
<p>3.2.1. Муниципальная методическая служба (далее&nbsp;– ММС).</p>
<p>Функции:<br>- организует стажировки педагогических работников;<br>- осуществляет консультирование педагогов.</p>
<p>4. Показатели</p>
</body></html>"""


def test_portal_page_drafts_like_a_document(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(PORTAL.encode("cp1251"))
    _, config, _, _ = _draft(path)
    (mms,) = config["subjects"]
    assert (mms["name"], mms["short_name"], mms["kind"]) == ("Муниципальная методическая служба", "ММС",
                                                             "municipal_methodical_service")
    assert [f["function"] for f in mms["functions"]] == ["internships", "methodical_support"]
    lines = read(path).lines
    assert all(lines[f["source"]["line"] - 1].endswith(f["text"]) for f in mms["functions"])
    assert config["jurisdiction"]["name"] == "Энский район"
