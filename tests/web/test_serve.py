"""``efs serve`` as a user starts it, and its pages as a browser without scripts sees them."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import CONFIG_DIR
from tests.data_import.conftest import BASE, STAFF
from tests.web.conftest import YEAR, csrf_of, make_client

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str, cwd: Path) -> tuple[subprocess.Popen[str], str]:
    """Start ``efs serve`` on a free port; the process and the address it printed."""
    proc = subprocess.Popen([sys.executable, "-m", "efs", "serve", "--port", "0", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc, match.group(0)


def test_efs_serve_prints_its_address_and_serves_pages_and_api(web_store, tmp_path):
    proc, address = start("--db", str(web_store), cwd=tmp_path)
    try:
        with urllib.request.urlopen(address, timeout=30) as r:
            page = r.read().decode("utf-8")
            assert r.status == 200 and "default-src 'none'" in r.headers["content-security-policy"]
        assert "Амурская область" in page
        with urllib.request.urlopen(f"{address}api/jurisdictions/amur/indicators?year={YEAR}", timeout=60) as r:
            assert r.status == 200 and b'"results"' in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert list(tmp_path.iterdir()) == [], "the server wrote nothing to its working directory"


def test_efs_serve_listens_only_on_the_given_address(tmp_path):
    proc, address = start(cwd=tmp_path)
    try:
        port = int(address.rsplit(":", 1)[1].strip("/"))
        out = subprocess.run(["ss", "-Htln"], capture_output=True, text=True, check=False).stdout
        if out:
            listening = [line.split()[3] for line in out.splitlines() if line.split()[3].endswith(f":{port}")]
            assert listening == [f"127.0.0.1:{port}"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_busy_port_is_a_russian_message():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = subprocess.run([sys.executable, "-m", "efs", "serve", "--port", str(port)], capture_output=True,
                             text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 2
    assert f"не удалось открыть адрес 127.0.0.1:{port}: порт уже занят другой программой" in out.stderr
    assert "Traceback" not in out.stderr and "Address" not in out.stderr


# --- pages ----------------------------------------------------------------------------------------------------

def test_home_page_links_every_jurisdiction_and_labels_every_control(client):
    page = client.get("/").text
    for jid in ("amur", "megion", "tyumen", "turochak"):
        assert f'href="/jurisdictions/{jid}"' in page
    ids = re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', page)
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert ids and set(ids) <= labelled
    assert not re.search(r"<(?:input|textarea|select)(?![^>]*(?:\bid=|type=\"hidden\"|\bhidden\b))[^>]*>", page)
    assert "<script" not in page


def test_check_page_links_each_finding_to_its_line_in_the_yaml_and_the_document(client):
    token = csrf_of(client)
    text = (CONFIG_DIR / "amur.yaml").read_text(encoding="utf-8")
    r = client.post("/check", data={"csrf": token, "text": text, "name": "amur.yaml", "as_of": "2025-06-01"})
    assert r.status_code == 200
    page = r.text
    api = client.post("/api/validate?name=amur.yaml&as_of=2025-06-01", content=text.encode()).json()
    findings = api["files"][0]["findings"]
    assert page.count('class="finding ') == len(findings)
    for f in findings:
        assert f'href="#y-L{f["line"]}"' in page and f'id="y-L{f["line"]}"' in page
        if (f.get("source") or {}).get("line"):
            assert f'id="d-L{f["source"]["line"]}"' in page
    lines = text.splitlines()
    first = findings[0]
    shown = re.search(rf'id="y-L{first["line"]}"><span class="ln" aria-hidden="true">{first["line"]}</span>'
                      r"<code>(.*?)</code>", page)
    import html

    assert shown and html.unescape(shown.group(1)) == lines[first["line"] - 1]


def test_check_downloads_are_the_api_formats(client):
    token = csrf_of(client)
    text = (CONFIG_DIR / "turochak.yaml").read_text(encoding="utf-8")
    form = {"csrf": token, "text": text, "name": "turochak.yaml", "as_of": "2025-06-01"}
    api = client.post("/api/validate?name=turochak.yaml&as_of=2025-06-01", content=text.encode()).json()
    r = client.post("/check/download", data={**form, "format": "json"})
    assert r.json() == api and 'filename="turochak-findings.json"' in r.headers["content-disposition"]
    r = client.post("/check/download", data={**form, "format": "xlsx"})
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[4].value]
    assert [(row[1], row[4], row[6]) for row in rows] == [(f["line"], f["code"], f["message"])
                                                          for f in api["files"][0]["findings"]]
    r = client.post("/check/download", data={**form, "format": "yaml"})
    assert r.text == text


def test_jurisdiction_page_shows_the_api_indicators_and_links_the_report(client):
    page = client.get(f"/jurisdictions/megion?year={YEAR}&by=jurisdiction").text
    results = client.get(f"/api/jurisdictions/megion/indicators?year={YEAR}").json()["results"]
    assert page.count('<tr class="status-') == len(results)
    import html

    from efs.indicators.results import STATUS_LABELS
    from efs.report.text import num, with_unit

    rows = page.split('<tr class="status-')[1:]
    assert len(rows) == len(results)
    for row, r in zip(rows, results, strict=True):  # the document's words, Russian numbers, statuses in words
        row = row.split("</tr>")[0]
        link = re.search(r'/explain/(\w+)\?[^"]*"[^>]*>(.*?)</a>', row)
        assert link and link.group(1) == r["indicator_id"] and html.unescape(link.group(2)) == r["label"]
        numbers = [html.unescape(c) for c in re.findall(r'<td class="num">(.*?)</td>', row)]
        assert numbers == [num(r["numerator"]), num(r["denominator"]), with_unit(r["value"], r["unit"])]
        assert not any(re.search(r"\d\.\d", c) for c in numbers)
        assert f"<td>{STATUS_LABELS[r['status']]}" in row
    assert f'/jurisdictions/megion/report?year={YEAR}&amp;format=xlsx' in page
    report = client.get(f"/jurisdictions/megion/report?year={YEAR}&format=html")
    assert report.headers["content-disposition"].startswith("inline")
    assert "script-src" not in report.headers["content-security-policy"]
    assert "default-src 'none'" in report.headers["content-security-policy"]


def test_import_page_dry_run_lists_the_rejected_row(empty_web_store):
    bad = STAFF.replace("1995", "тысяча")
    files = [("files", (n, t.encode(), "text/csv")) for n, t in {**BASE, "staff.csv": bad}.items()]
    with make_client(empty_web_store) as client:
        token = csrf_of(client)
        r = client.post("/import", data={"csrf": token}, files=files)
    assert r.status_code == 200  # the page shows the result; the API answers 422
    row = re.search(r'<tr><td>staff\.csv</td><td></td><td class="num">2</td><td>5</td><td>(.*?)</td></tr>', r.text)
    assert row and "тысяча" in row.group(1)


@pytest.fixture
def empty_web_store(tmp_path):
    from efs.data.store import open_store

    open_store(tmp_path / "s.sqlite").close()
    return tmp_path / "s.sqlite"


def test_import_page_imports_after_its_dry_run_on_a_writable_store(empty_web_store):
    files = [("files", (n, t.encode(), "text/csv")) for n, t in BASE.items()]
    with make_client(empty_web_store, writable=True) as client:
        token = csrf_of(client)
        r = client.post("/import", data={"csrf": token}, files=files)
        key = re.search(r'name="key" value="([^"]+)"', r.text).group(1)
        r = client.post("/import/commit", data={"csrf": token, "key": key})
        assert r.status_code == 200 and "Итого загружено: новых 5" in r.text
        again = client.post("/import", data={"csrf": token}, files=files)
        assert "без изменений 5" in again.text


def test_draft_page_shows_the_review_list_and_downloads_it_as_efs_draft_writes_it(client, registry):
    info = next(d for d in registry.documents.values() if d.jurisdiction == "turochak")
    data = info.path.read_bytes()
    api = client.post("/api/draft", files={"file": ("polozhenie.txt", data, "text/plain")}).json()
    token = csrf_of(client)
    page = client.post("/draft", data={"csrf": token}, files={"file": ("polozhenie.txt", data, "text/plain")})
    assert page.status_code == 200
    assert f"Требует проверки человеком: {len(api['review'])}" in page.text
    import html

    review = html.unescape(re.search(r'<textarea name="review" hidden aria-hidden="true">(.*?)</textarea>',
                                     page.text, re.S).group(1))
    r = client.post("/check/download", data={"csrf": token, "name": "polozhenie.yaml", "format": "review",
                                              "review": review})
    assert r.json()["review"] == api["review"] and 'filename="polozhenie-review.json"' in r.headers[
        "content-disposition"]
