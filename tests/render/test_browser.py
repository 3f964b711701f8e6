"""The rendered reports as a reader sees them, in headless Chromium: every link resolves,
every image loads, no console errors, no solution in the student version; a screenshot of
the index is saved to test-artifacts/."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from alliance.render import handout
from tests.support import ROOT

CHROMIUM = handout.chromium()  # the one the handouts are printed with
ARTIFACTS = ROOT / "test-artifacts"

playwright = pytest.importorskip("playwright.sync_api", reason="pip install -e . brings playwright")
if not CHROMIUM:
    pytest.skip("no Chromium found: on Debian run `apt-get install chromium` (make test does this "
                "when run as root) or set ALLIANCE_CHROMIUM to a Chromium binary",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=handout.CHROMIUM_ARGS)
        yield b
        b.close()


def pages(executed) -> list[Path]:
    """Every page of the published site and of the private teacher folder (the session's
    render holds the test sets too: sample the default and committed sets of each lesson)."""
    roots = (executed.reports, executed.store.private)
    out = [r / "index.html" for r in roots]
    for root in roots:
        out += sorted(p for p in root.glob("*/*.html") if "--test-" not in p.name)
    return out


class Tab:
    """One browser tab that visits page after page (a new tab per page costs three times the
    time), collecting each page's console errors and uncaught exceptions."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def check(self, path: Path) -> dict:
        self.errors = []
        page = self.page
        page.goto(path.as_uri(), wait_until="load")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        images = page.eval_on_selector_all(
            "img", "els => els.map(e => ({src: e.src.slice(0, 40), ok: e.complete && e.naturalWidth > 0}))")
        text = page.inner_text("body")
        return {"errors": self.errors, "links": links, "images": images, "text": text}


def test_every_report_page_is_clean_in_a_browser(browser, executed):
    checked = 0
    tab = Tab(browser)
    for path in pages(executed):
        result = tab.check(path)
        assert result["errors"] == [], f"{path.name}: console errors {result['errors']}"
        broken = [i for i in result["images"] if not i["ok"]]
        assert not broken, f"{path.name}: images that did not load: {broken}"
        for href in result["links"]:
            url = urlparse(href)
            if url.scheme == "file":
                target = Path(unquote(url.path))
                assert target.exists(), f"{path}: broken link {href}"
                if path.is_relative_to(executed.reports):  # the published site never links to answers
                    assert target.is_relative_to(executed.reports), f"{path}: links outside the site: {href}"
            elif url.scheme == "data":  # the rows behind a chart or table, as CSV
                assert href.startswith("data:text/csv;base64,"), f"{path.name}: odd data link"
            else:  # sources: no network here, so check the form only
                assert url.scheme in ("http", "https") and url.netloc, f"{path.name}: odd link {href}"
        if path.parent.name == "student":
            assert "Solution to exercise" not in result["text"], path.name
        if path.parent.name in ("report", "teacher", "student"):
            assert result["images"], f"{path.name} shows no figure"
        checked += 1
    assert checked >= 1 + 3 * 2


def sample_pages(executed) -> list[Path]:
    """The index pages, and each lesson's default report and student page."""
    out = [executed.reports / "index.html", executed.store.private / "index.html"]
    for a in ("report", "student"):
        out += sorted((executed.reports / a).glob("*--defaults.html"))
    return out


def test_pages_pass_axe_and_every_image_has_alt_text(browser, executed):
    """axe-core finds no serious or critical violation, and no image lacks alt text (axe's
    image-alt rule accepts alt="" on a decorative image; these pages have none), one load each."""
    from axe_playwright_python.sync_playwright import Axe
    axe = Axe()
    problems = []
    page = browser.new_page()
    for path in sample_pages(executed):
        page.goto(path.as_uri(), wait_until="load")
        found = axe.run(page).response["violations"]
        missing = page.eval_on_selector_all("img", "els => els.filter(e => !e.alt || !e.alt.trim()).map(e => e.src.slice(0, 60))")
        for v in found:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{path.relative_to(path.parents[1])}: {v['id']} ({v['impact']}, "
                                f"{len(v['nodes'])} nodes): {v['nodes'][0]['html'][:120]}")
        if missing:
            problems.append(f"{path.relative_to(path.parents[1])}: images without alt text: {missing}")
    assert not problems, "\n".join(problems)


def test_the_search_finds_a_known_event(browser, executed):
    """Pagefind's index, served over loopback as a web server would (fetch needs http)."""
    import functools
    import http.server
    import threading
    if not (executed.reports / "pagefind").is_dir():
        pytest.skip("Pagefind is not installed: the site was built without search")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(executed.reports))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/index.html", wait_until="load")
        page.fill("#search input", "Kursk")
        page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
        results = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
        page.close()
    finally:
        server.shutdown()
    assert any("03_troops" in r for r in results), results


def test_screenshots_of_the_index_and_a_report(browser, executed):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((executed.reports / "report" / "03_troops--defaults.html").as_uri())
    shot = ARTIFACTS / "report-03_troops.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert shot.stat().st_size > 10_000


def test_screenshot_of_the_index(browser, executed):
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto((executed.reports / "index.html").as_uri())
    shot = ARTIFACTS / "index.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert shot.stat().st_size > 10_000


def test_slides_open_offline_with_the_deck_initialised(browser, executed):
    """Every request that is not a local file is refused: reveal.js must come from the copy
    next to the slides, and the deck must start."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    blocked = []

    def refuse(route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    context.route("**/*", refuse)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((executed.reports / "slides" / "02_treaty--defaults.html").as_uri(), wait_until="load")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    slides = page.evaluate("Reveal.getTotalSlides()")
    shown = page.eval_on_selector_all(".reveal .slides img", "els => els.filter(e => e.complete && e.naturalWidth > 0).length")
    context.close()
    assert errors == [] and blocked == [], (errors, blocked)
    assert slides >= 5 and shown >= 1
