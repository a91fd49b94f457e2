"""Safe by default: hostile uploads end in a Russian 4xx (never a 500), nothing from a request reaches the
file system, forms that send carry a CSRF token, writes need a writable store (and the token when one is set),
and every response forbids what the pages do not need."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile

import pytest

from tests.conftest import CONFIG_DIR
from tests.data_import.conftest import BASE
from tests.web.conftest import csrf_of, make_client

RUSSIAN = re.compile("[а-яё]{4}", re.IGNORECASE)


def _russian_4xx(r, status: int | None = None) -> dict:
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:500])
    if status is not None:
        assert r.status_code == status, r.text[:500]
    assert "Traceback" not in r.text
    return r.json() if "json" in r.headers["content-type"] else {"detail": r.text}


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The server's temporary directory, watched: whatever an upload writes must stay inside and be deleted."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


# --- hostile uploads ------------------------------------------------------------------------------------------

BILLION_LAUGHS = "format_version: 1\n" + "\n".join(
    ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
) + "\n"


def test_yaml_bomb_is_refused_with_a_russian_message(client):
    r = client.post("/api/validate?name=bomb.yaml", content=BILLION_LAUGHS.encode())
    body = _russian_4xx(r, 422)
    (finding,) = [f for f in body["files"][0]["findings"] if f["code"] == "EFS001"]
    assert RUSSIAN.search(finding["message"]) and finding["file"] == "bomb.yaml" and finding["line"]


def _xlsx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(40):
                part.write(b"\0" * 1024**2)
    return buffer.getvalue()


def test_xlsx_bomb_is_rejected_before_it_is_unpacked(empty_store, private_tmp):
    with make_client(empty_store) as client:
        r = client.post("/api/import", files={"files": ("returns.xlsx", _xlsx_bomb(), "application/octet-stream")})
    body = _russian_4xx(r, 422)
    assert "zip-бомб" in body["problems"][0]["message"] and body["problems"][0]["file"] == "returns.xlsx"
    assert str(private_tmp) not in r.text
    assert list(private_tmp.iterdir()) == []


def _docx_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as part:
            part.write(b"<w:document>")
            for _ in range(60):
                part.write(b" " * 1024**2)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused_before_a_part_is_read(client, private_tmp):
    r = client.post("/api/draft", files={"file": ("polozhenie.docx", _docx_bomb(), "application/octet-stream")})
    body = _russian_4xx(r, 400)
    assert "zip-бомб" in body["detail"] and "polozhenie.docx" in body["detail"]
    assert list(private_tmp.iterdir()) == []


@pytest.mark.parametrize("chunked", [False, True])
def test_a_hundred_megabyte_body_is_413_and_not_read(chunked, client):
    size = 100 * 1024**2
    if chunked:  # no Content-Length: the body is counted as it arrives
        def chunks():
            piece = b"a" * 1024**2
            for _ in range(size // len(piece)):
                yield piece
        content = chunks()
    else:
        content = b"a" * size
    r = client.post("/api/validate", content=content)
    body = _russian_4xx(r, 413)
    assert body["type"] == "urn:efs:problem:too-large" and "МБ" in body["detail"]
    r = client.post("/api/import", files={"files": ("big.csv", b"x" * (40 * 1024**2), "text/csv")})
    assert _russian_4xx(r, 413)["status"] == 413


def test_a_body_past_the_limit_of_a_form_is_413_on_the_page_too(client):
    token = csrf_of(client)
    r = client.post("/check", data={"csrf": token}, files={"file": ("big.yaml", b"a: 1\n" * (8 * 1024**2), "x")})
    assert r.status_code == 413 and "МБ" in r.text


@pytest.mark.parametrize("filename", ["../../escaped.csv", "..\\..\\escaped.csv", "/etc/escaped.csv",
                                      "....//escaped.csv", "escaped.csv\x00.txt"])
def test_a_filename_with_a_path_never_reaches_the_file_system(filename, empty_store, private_tmp, tmp_path):
    files = [("files", (name, text.encode(), "text/csv")) for name, text in BASE.items()]
    files.append(("files", (filename, "Не таблица;x\n1;2\n".encode(), "text/csv")))
    with make_client(empty_store) as client:
        r = client.post("/api/import", files=files)
    assert r.status_code in (200, 400, 422), r.text
    assert not list(tmp_path.rglob("escaped*")) and not list(tmp_path.parent.glob("escaped*"))
    assert list(private_tmp.iterdir()) == []
    assert ".." not in r.text and str(private_tmp) not in r.text


def test_a_document_filename_with_a_path_is_only_shown_by_its_last_part(client, private_tmp):
    r = client.post("/api/draft", files={"file": ("../../../etc/passwd.txt", "Положение о системе\n".encode(), "x")})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["document"] == "passwd.txt"
    assert "../" not in r.text
    assert list(private_tmp.iterdir()) == []


def test_wrong_encoding_and_binary_bodies_are_located_russian_findings(client):
    r = client.post("/api/validate?name=cp.yaml", content="format_version: 1\nимя: да\n".encode("cp1251"))
    finding = _russian_4xx(r, 422)["files"][0]["findings"][0]
    assert finding["code"] == "EFS001" and finding["line"] == 2 and "UTF-8" in finding["message"]
    r = client.post("/api/validate", content=b"\x00\x01\x02binary")
    assert "двоичный" in _russian_4xx(r, 422)["files"][0]["findings"][0]["message"]
    r = client.post("/api/validate", content=b"a: 1", headers={"content-type": "multipart/form-data; boundary=x"})
    assert _russian_4xx(r, 415)["type"] == "urn:efs:problem:unsupported-media-type"


def test_a_file_that_is_not_a_document_is_a_russian_400(client):
    r = client.post("/api/draft", files={"file": ("scan.pdf", b"%PDF-1.4 ...", "application/pdf")})
    assert "DOCX, ODT, HTML или TXT" in _russian_4xx(r, 400)["detail"]
    r = client.post("/api/draft", files={"file": ("scan.docx", b"%PDF-1.4 ...", "application/pdf")})
    assert "PDF" in _russian_4xx(r, 400)["detail"]
    r = client.post("/api/draft", files={"file": ("broken.docx", b"PK\x03\x04garbage", "x")})
    assert "повреждён" in _russian_4xx(r, 400)["detail"]


# --- writes, CSRF, headers ------------------------------------------------------------------------------------

@pytest.fixture
def empty_store(tmp_path):
    from efs.data.store import open_store

    path = tmp_path / "empty.sqlite"
    open_store(path).close()
    return path


def _base():
    return [("files", (name, text.encode("utf-8"), "text/csv")) for name, text in BASE.items()]


def test_api_writes_need_the_token_when_one_is_set(empty_store):
    with make_client(empty_store, writable=True, token="s3cret") as client:
        r = client.post("/api/import?dry_run=false", files=_base())
        assert _russian_4xx(r, 401)["type"] == "urn:efs:problem:unauthorized"
        r = client.post("/api/import?dry_run=false", files=_base(), headers={"authorization": "Bearer wrong"})
        assert r.status_code == 401
        assert client.post("/api/import?dry_run=true", files=_base()).status_code == 200  # a dry run writes nothing
        r = client.post("/api/import?dry_run=false", files=_base(), headers={"authorization": "Bearer s3cret"})
        assert r.status_code == 200 and r.json()["committed"] is True


def test_a_write_sent_from_another_site_is_refused(empty_store):
    with make_client(empty_store, writable=True) as client:
        r = client.post("/api/import?dry_run=false", files=_base(), headers={"origin": "https://evil.example"})
        assert _russian_4xx(r, 403)["type"] == "urn:efs:problem:forbidden"
        r = client.post("/api/import?dry_run=false", files=_base(), headers={"sec-fetch-site": "cross-site"})
        assert r.status_code == 403


def test_forms_without_their_csrf_token_are_refused(client):
    text = (CONFIG_DIR / "megion.yaml").read_text(encoding="utf-8")
    token = csrf_of(client)
    r = client.post("/check", data={"text": text})
    assert r.status_code == 403 and "обновите страницу" in r.text
    r = client.post("/check", data={"text": text, "csrf": "forged"})
    assert r.status_code == 403
    r = client.post("/check", data={"text": text, "csrf": token})
    assert r.status_code == 200
    r = client.post("/import/commit", data={"key": "x"})
    assert r.status_code == 403


def test_every_response_carries_the_security_headers(client):
    for url in ("/", "/api/jurisdictions", "/api/nothing", "/static/efs.css", "/openapi.json"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "frame-ancestors" in csp, url
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
    cookie = client.get("/").headers.get("set-cookie") or ""
    if cookie:
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("samesite", "SameSite")


def test_text_from_a_configuration_is_escaped_in_the_page(client):
    token = csrf_of(client)
    hostile = "format_version: 1\njurisdiction:\n  id: x\n  name: <script>alert(1)</script>\n"
    r = client.post("/check", data={"text": hostile, "csrf": token})
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
