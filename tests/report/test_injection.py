"""Issue 19: hostile values in a configuration or the store cannot turn the HTML report against its reader.

The report is built from Амурская область's configuration with an inline formula whose sub-measure id
and label are hostile (a meta refresh to an outside address, a full-page overlay link, a script, a
``javascript:`` URL, an image, a stylesheet import, a ``<base>``, a form, a frame, a template
expression), and with hostile subject, indicator and municipality names. Headless Chromium opens the
file: it must not navigate, must not request anything but the file itself, and must hold no element
and no attribute that the template did not write. The parser checks below are the same oracle
without a browser: the tags and attributes of the page are exactly those of a clean report.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from efs.report import build_report, render_text, write_report

from .conftest import YEAR
from .test_browser import browser  # noqa: F401  (the module-scoped Chromium fixture)

OUTSIDE = "http://127.0.0.1:9"
SUB_ID = (f'ge70"><meta http-equiv="refresh" content="0;url={OUTSIDE}/refresh">'
          f'<a href="{OUTSIDE}/overlay" id="overlay" style="position:fixed;inset:0;z-index:99;background:red">x</a>')
HOSTILE = [
    f"<script>fetch('{OUTSIDE}/script')</script>",
    f'"><img src="{OUTSIDE}/img" onerror="location=\'{OUTSIDE}/onerror\'">',
    "javascript:location='http://127.0.0.1:9/js'",
    f"<style>@import url({OUTSIDE}/css);</style>",
    f'<base href="{OUTSIDE}/">',
    f'<form action="{OUTSIDE}/form"><button id="btn">ok</button></form>',
    f'<iframe src="{OUTSIDE}/frame"></iframe><svg onload="fetch(\'{OUTSIDE}/svg\')">',
    f"</title><meta http-equiv=refresh content='0;url={OUTSIDE}/title'>",
    "{{ 7 * 7 }}{% raw %}",
    "\u202eдразворот\u202c и\u200bневидимка",
]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory, registry):
    import sqlalchemy as sa

    from efs.data import schema as S
    from efs.data.store import open_store
    from efs.loading import load_configuration
    from efs.synthesis import synthesize
    from tests.conftest import CONFIG_DIR

    config = load_configuration(CONFIG_DIR / "amur.yaml", registry=registry)
    ind = config.indicators[0]
    ind.formula = {
        "population": "teachers_and_graduates",
        "numerator": [{"took_diagnostic": {"kind": "functional_literacy"}}],
        "sub_measures": [{"id": SUB_ID, "label": HOSTILE[0],
                          "numerator": [{"took_diagnostic": {"kind": "functional_literacy", "min_result": 70}}]}],
    }
    ind.text = HOSTILE[1]
    config.indicators[1].text = HOSTILE[2]
    for subject, text in zip(config.subjects, HOSTILE[3:], strict=False):
        subject.name = text
        subject.short_name = text
    config.jurisdiction.name = HOSTILE[7]
    store = open_store(tmp_path_factory.mktemp("injection") / "h.sqlite")
    synthesize(store, config, staff=300, year=YEAR, seed=3)
    with store.engine.begin() as conn:
        ids = [r.id for r in conn.execute(sa.select(S.municipalities.c.id).order_by(S.municipalities.c.id))]
        for mid, name in zip(ids, HOSTILE, strict=False):
            conn.execute(sa.update(S.municipalities).where(S.municipalities.c.id == mid).values(name=name))
    report = build_report(config, store, year=YEAR, registry=registry)
    store.close()
    assert any(i["sub_measure"] == SUB_ID for i in report["indicators"]["items"]), "подпоказатель не посчитан"
    return report


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _shape(page: _Page) -> tuple[set[str], set[str]]:
    return {t for t, _ in page.tags}, {a for _, attrs in page.tags for a in attrs}


def test_hostile_values_add_no_element_and_no_attribute(hostile_report, reports):
    page = _parse(render_text(hostile_report, "html"))
    clean_tags, clean_attrs = _shape(_parse(render_text(reports["amur"], "html")))
    tags, attrs = _shape(page)
    assert tags <= clean_tags, f"лишние элементы: {tags - clean_tags}"
    assert attrs <= clean_attrs, f"лишние атрибуты: {attrs - clean_attrs}"
    assert [a.get("http-equiv") for t, a in page.tags if t == "meta" and a.get("http-equiv")] == [
        "Content-Security-Policy"]
    for tag, a in page.tags:
        for name in ("id", "href"):
            value = a.get(name)
            if value is not None:
                assert re.fullmatch(r"#?[A-Za-z0-9_-]+", value), f"<{tag} {name}={value!r}>"
    text = "".join(page.text)
    # the names and the sub-measure's label are on the page, as text:
    for value in HOSTILE[:8]:
        assert value in text, value
    assert "49" not in re.findall(r"\d+", "".join(t for t in page.text if "7 * 7" in t))


def test_invisible_characters_are_shown_not_passed_through(hostile_report):
    import cmarkgfm  # GitHub's own Markdown renderer: what a reader of the wiki page sees

    shown = {"html": render_text(hostile_report, "html"),
             "md": cmarkgfm.github_flavored_markdown_to_html(render_text(hostile_report, "md"))}
    for fmt, out in shown.items():
        assert "\u202e" not in out and "\u200b" not in out, fmt
        assert "⟨U+202E⟩дразворот" in out and "и⟨U+200B⟩невидимка" in out, fmt
    data = render_text(hostile_report, "json")  # the data format keeps the text exactly
    assert "\\u202e" in data or "\u202e" in data


def test_policy_forbids_navigation_forms_base_and_inline_styles(hostile_report):
    html = render_text(hostile_report, "html")
    page = _parse(html)
    (policy,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    directives = {d.split()[0]: " ".join(d.split()[1:]) for d in policy.split(";") if d.strip()}
    assert directives["default-src"] == "'none'"
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    assert directives["style-src"].startswith("'sha256-") and "unsafe-inline" not in policy
    assert not any("style" in a for _, a in page.tags), "атрибут style запрещён политикой"


@pytest.mark.browser
def test_chromium_opens_the_hostile_report_without_navigating_or_requesting(hostile_report, browser, tmp_path):  # noqa: F811
    path = write_report(hostile_report, tmp_path / "hostile.html")
    url = path.resolve().as_uri()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    navigations: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("framenavigated", lambda f: navigations.append(f.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # a meta refresh with content=0 fires at once; give it time anyway
    page.mouse.click(640, 450)  # where a full-page overlay link would be
    page.wait_for_timeout(300)
    assert page.url == url
    assert navigations == [url], navigations
    assert requests == [url], f"отчёт запросил: {requests}"
    assert errors == [], errors
    counts = page.evaluate("""() => ({
        meta: [...document.querySelectorAll('meta[http-equiv]')].map(m => m.httpEquiv),
        injected: document.querySelectorAll('script, img, iframe, form, base, object, embed, link, #overlay, #btn')
                  .length,
        styled: document.querySelectorAll('[style]').length,
        styles: document.querySelectorAll('style').length,
        outside: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
                 .filter(h => !h.startsWith('#')),
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')))
                  .length,
    })""")
    assert counts == {"meta": ["Content-Security-Policy"], "injected": 0, "styled": 0, "styles": 1, "outside": [],
                      "handlers": 0}
    assert page.title().startswith("Аналитическая справка: </title>")
    page.close()
