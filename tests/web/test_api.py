"""The HTTP API answers what the CLI prints: the same findings, results, reports and import summaries.

Each test runs the CLI command (``--format json`` or the file it writes) in the same process on the same
input and compares it with the API's answer through the ASGI client: the CLI is the reference.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import CONFIG_DIR
from tests.data_import.conftest import BASE, STAFF
from tests.web.conftest import NAMES, YEAR, cli_json, make_client

AS_OF = "2025-06-01"


def _named(doc: dict, name: str) -> dict:
    """The validation JSON with every file name replaced by ``name`` (the CLI names the path it was given)."""
    for entry in doc["files"]:
        entry["file"] = name
        for f in entry["findings"]:
            f["file"] = name
    return doc


@pytest.mark.parametrize("name", NAMES)
def test_validate_answers_the_json_efs_validate_prints(name, client, capsys):
    path = CONFIG_DIR / f"{name}.yaml"
    _, expected = cli_json(capsys, "validate", "--format", "json", "--exit-zero", "--as-of", AS_OF, str(path))
    r = client.post(f"/api/validate?name={name}.yaml&as_of={AS_OF}", content=path.read_bytes(),
                    headers={"content-type": "application/yaml"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    got = r.json()
    assert got["files"][0]["findings"], "a bundled configuration has findings to compare"
    assert got == _named(expected, f"{name}.yaml")


def test_selection_and_sarif_follow_the_cli(client, capsys):
    path = CONFIG_DIR / "amur.yaml"
    _, expected = cli_json(capsys, "validate", "--format", "json", "--exit-zero", "--as-of", AS_OF,
                           "--select", "EFS1", "--ignore", "EFS103", str(path))
    r = client.post(f"/api/validate?name=amur.yaml&as_of={AS_OF}&select=EFS1&ignore=EFS103",
                    content=path.read_bytes())
    assert r.json() == _named(expected, "amur.yaml")
    assert {f["code"][:4] for f in r.json()["files"][0]["findings"]} <= {"EFS1"}

    import jsonschema

    from tests.conftest import sarif_schema

    _, every = cli_json(capsys, "validate", "--format", "json", "--exit-zero", "--as-of", AS_OF, str(path))
    r = client.post(f"/api/validate?format=sarif&as_of={AS_OF}", content=path.read_bytes())
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/sarif+json")
    sarif = r.json()
    jsonschema.validate(sarif, sarif_schema())
    expected_codes = sorted(f["code"] for f in every["files"][0]["findings"])
    assert sorted(res["ruleId"] for res in sarif["runs"][0]["results"]) == expected_codes


@pytest.mark.parametrize("text", [
    "format_version: 1\njurisdiction: [unclosed\n",                       # syntax
    "format_version: 1\njurisdiction:\n  id: x\n  nonsense_key: 1\n",      # schema
    "- a list\n- not a mapping\n",                                         # root
    "\n\n",                                                                 # empty
])
def test_a_configuration_that_does_not_load_is_422_with_the_cli_findings(text, client, capsys, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    code, expected = cli_json(capsys, "validate", "--format", "json", "--as-of", AS_OF, str(path))
    assert code == 1
    r = client.post(f"/api/validate?name=broken.yaml&as_of={AS_OF}", content=text.encode())
    assert r.status_code == 422
    assert r.json() == _named(expected, "broken.yaml")
    assert all(re.search("[а-я]", f["message"]) for f in r.json()["files"][0]["findings"])


def test_a_document_named_by_the_request_is_never_read_from_the_server(client, capsys, tmp_path, monkeypatch):
    """``jurisdiction.document`` of a posted configuration is looked for among the shipped documents only: a
    file of that name in the server's working directory (or a path out of it) is not opened."""
    text = (CONFIG_DIR / "turochak.yaml").read_text(encoding="utf-8")
    document = re.search(r"^  document: (\S+)$", text, re.MULTILINE).group(1)
    served = tmp_path / "served"
    served.mkdir()
    (served / "local.txt").write_text("Положение, которое лежит у сервера.\n" * 50, encoding="utf-8")
    hostile = text.replace(f"document: {document}", "document: local.txt", 1)
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "t.yaml").write_text(hostile, encoding="utf-8")  # the CLI's oracle: the same file, no document beside
    _, expected = cli_json(capsys, "validate", "--format", "json", "--exit-zero", "--as-of", AS_OF,
                           str(alone / "t.yaml"))
    monkeypatch.chdir(served)
    for name in ("t.yaml", "../served/t.yaml"):
        r = client.post(f"/api/validate?name={name}&as_of={AS_OF}", content=hostile.encode())
        assert r.json() == _named(expected, "t.yaml"), name
    traversal = text.replace(f"document: {document}", "document: ../../../../etc/passwd", 1)
    r = client.post(f"/api/validate?as_of={AS_OF}", content=traversal.encode())
    assert "root:" not in r.text


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("by", ["jurisdiction", "municipality"])
def test_indicators_answer_what_efs_indicators_prints(name, by, client, web_store, capsys):
    _, expected = cli_json(capsys, "indicators", name, "--year", str(YEAR), "--db", str(web_store), "--by", by,
                           "--format", "json")
    r = client.get(f"/api/jurisdictions/{name}/indicators?year={YEAR}&by={by}")
    assert r.status_code == 200
    assert expected["results"], "the synthetic store gives results to compare"
    assert r.json() == expected


def test_report_in_each_format_is_the_file_efs_report_writes(client, web_store, capsys, tmp_path):
    from efs.cli import run

    for fmt, suffix in (("json", "json"), ("md", "md"), ("html", "html"), ("xlsx", "xlsx")):
        target = tmp_path / f"amur.{suffix}"
        assert run(["report", "amur", "--year", str(YEAR), "--db", str(web_store), "--as-of", "2025-12-31",
                    "-o", str(target)]) == 0
        r = client.get(f"/api/jurisdictions/amur/report?year={YEAR}&format={fmt}&as_of=2025-12-31")
        assert r.status_code == 200, r.text
        assert f'filename="amur-{YEAR}.{suffix}"' in r.headers["content-disposition"]
        if fmt == "xlsx":
            assert _cells(r.content) == _cells(target.read_bytes())
        elif fmt == "json":
            assert r.json() == json.loads(target.read_text(encoding="utf-8"))
        else:
            assert r.text == target.read_text(encoding="utf-8")


def _cells(data: bytes) -> dict:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}


def test_coverage_and_rule_answer_what_the_cli_prints(client, capsys):
    _, expected = cli_json(capsys, "coverage", "megion", "--format", "json")
    assert client.get("/api/jurisdictions/megion/coverage").json() == expected
    _, rule = cli_json(capsys, "rule", "EFS101", "--format", "json")
    assert client.get("/api/rules/EFS101").json() == rule
    listed = client.get("/api/jurisdictions").json()
    assert [j["id"] for j in listed] == list(NAMES)
    assert client.get("/api/jurisdictions/megion/configuration").text == (CONFIG_DIR / "megion.yaml").read_text(
        encoding="utf-8")


# --- import ---------------------------------------------------------------------------------------------------

def _totals(line: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"(?:новых|обновлено|без изменений|отклонено) (\d+)", line))


@pytest.fixture
def empty_store(tmp_path):
    from efs.data.store import open_store

    path = tmp_path / "empty.sqlite"
    open_store(path).close()
    return path


def _files(extra: dict[str, str] | None = None) -> list[tuple[str, tuple[str, bytes, str]]]:
    items = {**BASE, **(extra or {})}
    return [("files", (name, text.encode("utf-8"), "text/csv")) for name, text in items.items()]


def test_import_dry_run_counts_what_efs_data_import_counts(empty_store, tmp_path, capsys):
    from efs.cli import run

    for name, text in {**BASE, "staff.csv": STAFF}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(["data", "import", "--dry-run", "--db", str(empty_store),
                *(str(tmp_path / n) for n in [*BASE, "staff.csv"])]) == 0
    total = capsys.readouterr().out.strip().splitlines()[-1]
    with make_client(empty_store) as client:
        r = client.post("/api/import?dry_run=true", files=_files({"staff.csv": STAFF}))
    assert r.status_code == 200, r.text
    body = r.json()
    assert _totals(body["message"]) == _totals(total) == (8, 0, 0, 0)
    assert body["dry_run"] is True and body["committed"] is False
    assert {p["file"] for p in body["parts"]} == {*BASE, "staff.csv"}


def test_rejected_rows_come_with_file_row_and_column_as_the_cli_reports_them(empty_store, tmp_path, capsys):
    from efs.cli import run

    bad = STAFF.replace("1995", "тысяча").replace("да;1970", "может;1970")
    for name, text in {**BASE, "staff.csv": bad}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert run(["data", "import", "--dry-run", "--db", str(empty_store),
                *(str(tmp_path / n) for n in [*BASE, "staff.csv"])]) == 1
    cli_lines = [line.strip().replace(str(tmp_path) + "/", "") for line in capsys.readouterr().err.splitlines()
                 if line.startswith("  ")]
    with make_client(empty_store) as client:
        r = client.post("/api/import", files=_files({"staff.csv": bad}))
    assert r.status_code == 422
    problems = r.json()["problems"]
    assert [p["text"] for p in problems] == cli_lines
    assert {(p["file"], p["row"], p["column"]) for p in problems} == {("staff.csv", 2, 5), ("staff.csv", 3, 4)}


def test_import_writes_only_to_a_writable_store_and_then_all_rows(empty_store):
    with make_client(empty_store) as client:
        r = client.post("/api/import?dry_run=false", files=_files())
        assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")
        assert "только для чтения" in r.json()["detail"]
    with make_client(empty_store, writable=True) as client:
        r = client.post("/api/import?dry_run=false", files=_files())
        assert r.status_code == 200 and r.json()["committed"] is True
        again = client.post("/api/import?dry_run=true", files=_files()).json()
        assert _totals(again["message"]) == (0, 0, 5, 0)  # everything is in the store now, unchanged


# --- draft ----------------------------------------------------------------------------------------------------

def test_draft_answers_what_efs_draft_writes(client, registry, tmp_path, capsys):
    from efs.cli import run

    info = next(d for d in registry.documents.values() if d.jurisdiction == "turochak")
    source = tmp_path / "polozhenie.txt"
    source.write_bytes(info.path.read_bytes())
    assert run(["draft", str(source), "-o", str(tmp_path / "draft.yaml"), "--review-json",
                str(tmp_path / "review.json")]) == 0
    r = client.post("/api/draft", files={"file": ("polozhenie.txt", source.read_bytes(), "text/plain")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["yaml"] == (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    assert body["review"] == json.loads((tmp_path / "review.json").read_text(encoding="utf-8"))["review"]
    assert body["document"] == "polozhenie.txt" and len(body["lines"]) > 50


# --- errors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("method", "url", "status", "words"), [
    ("get", "/api/jurisdictions/atlantis/indicators?year=2025", 404, "нет юрисдикции «atlantis»"),
    ("get", "/api/jurisdictions/amur/indicators?year=abc", 422, "нужно целое число"),
    ("get", "/api/jurisdictions/amur/indicators?year=1900", 422, "меньше допустимого"),
    ("get", "/api/jurisdictions/amur/indicators", 422, "год (year): не указан"),
    ("get", "/api/jurisdictions/amur/indicators?year=2025&by=planet", 422, "допустимо"),
    ("get", "/api/jurisdictions/amur/report?year=2025&format=pdf", 400, "неизвестный формат «pdf»; известны: html"),
    ("post", "/api/validate?format=pdf", 400, "неизвестный формат «pdf»; известны: text"),
    ("get", "/api/nothing-here", 404, "нет такой страницы"),
    ("delete", "/api/jurisdictions", 405, "не принимает"),
    ("get", "/api/rules/EFS999", 404, "нет правила"),
    ("post", "/api/validate?select=NOPE", 400, "нет правила, кода или префикса «NOPE»"),
])
def test_errors_are_russian_problem_details(method, url, status, words, client):
    kwargs = {"content": (CONFIG_DIR / "amur.yaml").read_bytes()} if method == "post" else {}
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["status"] == status and problem["type"].startswith("urn:efs:problem:")
    assert words in problem["detail"]
    assert not re.search(r"\b(Field|required|Input should|Not Found|Method Not Allowed|Traceback)\b", r.text)


def test_a_store_with_no_data_is_a_russian_problem(tmp_path):
    from efs.data.store import open_store

    open_store(tmp_path / "empty.sqlite").close()
    with make_client(tmp_path / "empty.sqlite") as client:
        r = client.get("/api/jurisdictions/amur/report?year=2025&format=json")
    assert 400 <= r.status_code < 600 and r.status_code != 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert re.search("[а-я]{4}", r.json()["detail"])
    with make_client(tmp_path / "missing.sqlite") as client:
        r = client.get("/api/jurisdictions/amur/indicators?year=2025")
    assert r.status_code == 503 and "не найден" in r.json()["detail"]


def test_openapi_describes_every_operation_and_its_page_is_served_offline(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/validate", "/api/jurisdictions/{jurisdiction}/indicators", "/api/jurisdictions/{jurisdiction}/report",
            "/api/import", "/api/draft"} <= paths
    assert "ValidationOut" in spec["components"]["schemas"] and "ProblemOut" in spec["components"]["schemas"]
    page = client.get("/api/docs")
    assert page.status_code == 200
    for path in paths:
        assert path in page.text
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page.text), "the page fetches nothing from outside"
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_explain_answers_what_efs_indicators_explain_prints(client, web_store, capsys):
    from efs.cli import run

    first = client.get(f"/api/jurisdictions/tyumen/indicators?year={YEAR}").json()["results"][0]["indicator_id"]
    capsys.readouterr()
    assert run(["indicators", "tyumen", "--year", str(YEAR), "--db", str(web_store), "--explain", first]) == 0
    expected = capsys.readouterr().out
    r = client.get(f"/api/jurisdictions/tyumen/indicators/{first}/explain?year={YEAR}")
    assert r.status_code == 200 and r.text.rstrip("\n") == expected.rstrip("\n") and first in r.text
    page = client.get(f"/jurisdictions/tyumen/explain/{first}?year={YEAR}")
    import html

    assert html.unescape(re.search(r'<pre class="explain">(.*?)</pre>', page.text, re.S).group(1)) == r.text
    r = client.get(f"/api/jurisdictions/tyumen/indicators/nope/explain?year={YEAR}")
    assert r.status_code == 400 and "нет показателя nope" in r.json()["detail"]
