"""The shared report in a real browser: headless Chromium with the network blocked.

Every page must render with no console error and no request leaving the machine, every image
must decode, the index links must resolve, the previous/next/index links and the contents must
lead where they say, and an article full of HTML and script payloads must show as text: it may
change neither ``document.title`` (each page's is its notebook's title) nor the DOM.

Needs Chromium (Debian: ``apt-get install chromium``); ``.ci/run`` installs it and sets
``NEWSVOICES_REQUIRE_BROWSER=1`` so that a missing browser fails there instead of skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from newsvoices.report import build_report, notebook_summary

from .conftest import NOTEBOOKS, SEEDS

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: The corpus folder's name, which names it in the site (it is given by its absolute path).
CORPUS_LABEL = "corpus"
HOSTILE = """title: <script>document.title='pwned-title'</script> Hostile & "quoted"

<script>window.__pwned = 1; document.title = "pwned";</script>
Officials said <img src=x onerror="window.__pwned=2; document.title='pwned'"> the plan was fine.
See <a href="javascript:window.__pwned=3">this link</a> &amp; &lt;b&gt;not bold&lt;/b&gt; <b>bold?</b>.

"<script>window.__pwned=4</script> We will never agree," Foreign Minister Mallory Injector said.
<iframe src="javascript:window.parent.__pwned=5"></iframe><svg onload="window.__pwned=6"></svg>
"""


def _chromium() -> str | None:
    for candidate in (os.environ.get("NEWSVOICES_CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        message = "Chromium not found: install it (Debian: apt-get install chromium) to run the browser test"
        if os.environ.get("NEWSVOICES_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("browser") / CORPUS_LABEL
    corpus.mkdir()
    for seed in (p for p in SEEDS.glob("*") if p.is_file()):
        shutil.copy(seed, corpus / seed.name)
    # "000_0" sorts first, so the hostile article's rows open every table
    (corpus / "000_0_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    return build_report(corpus, out=tmp_path_factory.mktemp("out") / "site").parent


def _open(browser, url: str, shots: Path | None = None):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    if shots is not None:
        page.screenshot(path=str(shots), full_page=True)
    return page, problems, blocked


def _pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html"))


def test_every_page_renders_offline_with_images_and_no_errors(browser, site, tmp_path):
    pages = _pages(site)
    expected = ["index.html"] + [f"{p.stem}.html" for p in NOTEBOOKS.glob("[0-9]*.ipynb")]
    assert sorted(p.name for p in pages) == sorted(expected)
    for path in pages:
        page, problems, blocked = _open(browser, path.as_uri(), tmp_path / f"{path.stem}.png")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => [e.complete && e.naturalWidth > 0 && e.naturalHeight > 0, e.alt])")
        page.close()
        assert problems == [], f"{path.name}: {problems}"
        assert blocked == [], f"{path.name} asked the network for {blocked}"
        assert images, f"{path.name} has no image"
        assert all(ok for ok, _ in images), f"{path.name}: an image did not decode"
        assert all(alt and alt != "Chart (no description given)" for _, alt in images), f"{path.name}: missing alt"
        assert (tmp_path / f"{path.stem}.png").stat().st_size > 10_000


def test_index_links_resolve(browser, site):
    page, problems, _ = _open(browser, (site / "index.html").as_uri())
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    page.close()
    assert problems == []
    assert len({h for h in hrefs}) == len(_pages(site)) - 1
    for href in hrefs:
        target = Path(unquote(urlparse(href).path))
        assert target.is_file(), href
        page, problems, _ = _open(browser, href)
        page.close()
        assert problems == [], href


def test_table_csv_links_resolve(site):
    page = (site / "02_speaker_attribution.html").read_text(encoding="utf-8")
    assert 'href="tables/02_speaker_attribution/statements.csv"' in page
    assert (site / "tables" / "02_speaker_attribution" / "statements.csv").is_file()


def test_hostile_article_shows_as_text_and_never_runs(browser, site):
    for path in _pages(site):
        page, problems, blocked = _open(browser, path.as_uri())
        expected_title = (f"newsvoices report on {CORPUS_LABEL}" if path.stem == "index"
                          else notebook_summary(NOTEBOOKS / f"{path.stem}.ipynb")[0])
        state = page.evaluate(
            """() => ({
                title: document.title,
                pwned: window.__pwned === undefined ? null : window.__pwned,
                injectedImg: document.querySelectorAll('img[src="x"]').length,
                jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
                iframes: document.querySelectorAll('iframe').length,
                svgOnload: document.querySelectorAll('svg[onload]').length,
                inlineScripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
                text: document.body.innerText,
            })"""
        )
        page.close()
        assert state["title"] == expected_title, path.name
        assert state["pwned"] is None, f"{path.name}: a payload ran ({state['pwned']})"
        assert (state["injectedImg"], state["jsLinks"], state["iframes"], state["svgOnload"], state["inlineScripts"]) \
            == (0, 0, 0, 0, 0), f"{path.name}: {state}"
        assert problems == [] and blocked == [], (path.name, problems, blocked)
        if path.stem == "00_corpus":  # the hostile title and text are in the tables, as text
            assert "<script>document.title='pwned-title'</script> Hostile & \"quoted\"" in state["text"]
            assert 'Officials said <img src=x onerror="window.__pwned=2' in state["text"]
        if path.stem == "02_speaker_attribution":  # and its statement, markup and all
            assert "Injector" in state["text"] and "<script>window.__pwned=4</script>" in state["text"]


def test_page_titles_come_from_the_notebooks(site):
    for nb in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")):
        title, _ = notebook_summary(nb)
        assert title in (site / "index.html").read_text(encoding="utf-8")


def _follow(page, selector: str) -> None:
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


def test_previous_next_and_index_links_walk_the_site_in_notebook_order(browser, site):
    """From the first page, "Next" visits every page in notebook order, "Previous" walks back,
    and "All pages" returns to the index; each page's tab shows its notebook's title."""
    notebooks = sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    names, titles = [f"{nb.stem}.html" for nb in notebooks], [notebook_summary(nb)[0] for nb in notebooks]
    page, problems, blocked = _open(browser, (site / names[0]).as_uri())
    visited = [(Path(unquote(urlparse(page.url).path)).name, page.title())]
    while page.locator("nav.nv-pages-top a[rel=next]").count():
        _follow(page, "nav.nv-pages-top a[rel=next]")
        visited.append((Path(unquote(urlparse(page.url).path)).name, page.title()))
    assert visited == list(zip(names, titles))
    back = []
    while page.locator("nav.nv-pages-bottom a[rel=prev]").count():  # the links at the bottom too
        _follow(page, "nav.nv-pages-bottom a[rel=prev]")
        back.append(Path(unquote(urlparse(page.url).path)).name)
    assert back == names[-2::-1]
    assert page.locator("a[rel=prev]").count() == 0, "the first page has no previous page"
    _follow(page, "nav.nv-pages-top a[rel=index]")
    assert Path(urlparse(page.url).path).name == "index.html"
    assert page.title() == f"newsvoices report on {CORPUS_LABEL}"
    page.close()
    assert problems == [] and blocked == []


def test_contents_links_scroll_to_their_sections(browser, site):
    page, problems, _ = _open(browser, (site / "02_speaker_attribution.html").as_uri())
    entries = page.eval_on_selector_all("nav.nv-contents a", "els => els.map(e => [e.getAttribute('href'), e.textContent])")
    assert len(entries) >= 5 and entries[0] == ["#Parameters-of-this-run", "Parameters of this run"]
    assert "Imports" not in [text for _, text in entries]
    for href, text in entries[1:4]:
        page.click(f'nav.nv-contents a[href="{href}"]')
        page.wait_for_timeout(100)
        state = page.evaluate("""() => {
            const el = document.getElementById(location.hash.slice(1));
            return el && {tag: el.tagName, text: el.textContent.replace('¶', '').trim(),
                          top: el.getBoundingClientRect().top};
        }""")
        assert state is not None, href
        assert state["tag"] in ("H2", "H3") and state["text"] == text, (href, state)
        assert -5 <= state["top"] <= 100, f"{href} is not scrolled into view: {state}"
    page.close()
    assert problems == []
