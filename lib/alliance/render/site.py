"""What makes the pages a site a reader can find their way in: a table of contents on every
page, previous/next between lessons, the finding and thumbnail that the index cards show,
and the offline search index (Pagefind)."""
from __future__ import annotations

import base64
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from nbconvert.preprocessors import Preprocessor

from .. import catalogue

_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
_TAGS = re.compile(r"<[^>]+>")
# The sections every lesson has whose heading means nothing in a page without code.
CODE_ONLY_HEADINGS = ("## Imports",)


class DropCodeOnlyHeadings(Preprocessor):
    """In a page that hides code, a heading over code alone ('Imports') would stand empty."""
    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not (c.cell_type == "markdown"
                                                and c.source.strip() in CODE_ONLY_HEADINGS)]
        return nb, resources


def toc(body: str) -> str:
    """A table of contents from the page's own second-level headings."""
    items = [(anchor, html.unescape(_TAGS.sub("", text)).strip()) for anchor, text in _H2.findall(body)]
    items = [(a, t) for a, t in items if t and t not in ("Imports",)]
    if not items:
        return ""
    links = "".join(f'<li><a href="#{html.escape(a, quote=True)}">{html.escape(t)}</a></li>'
                    for a, t in items)
    return f'<nav class="alliance-toc" aria-label="On this page"><strong>On this page</strong><ol>{links}</ol></nav>'


def neighbours(notebook: str) -> tuple[str | None, str | None]:
    names = list(catalogue.LESSONS)
    i = names.index(notebook)
    return (names[i - 1] if i > 0 else None), (names[i + 1] if i + 1 < len(names) else None)


def prev_next(notebook: str) -> str:
    """Links to the previous and next lesson (their default version, in the same folder)."""
    before, after = neighbours(notebook)
    parts = []
    for name, rel, arrow in ((before, "prev", "← "), (after, "next", "")):
        if name:
            title = html.escape(catalogue.notebook_title(catalogue.LESSONS[name].path))
            label = f"{arrow}{title}" + (" →" if rel == "next" else "")
            parts.append(f'<a rel="{rel}" href="{name}--defaults.html">{label}</a>')
    return f'<nav class="alliance-prevnext" aria-label="Lessons">{" ".join(parts)}</nav>' if parts else ""


def decorate(body: str, notebook: str) -> str:
    """Insert the table of contents after the banner and previous/next at the end."""
    nav = toc(body)
    marker = "</details>"  # the banner's build details close it (see export.banner)
    i = body.find('class="alliance-build"')
    if nav and i >= 0:
        j = body.find(marker, i) + len(marker)
        body = body[:j] + nav + body[j:]
    pn = prev_next(notebook)
    k = body.rfind("</main>")
    if k < 0:
        k = body.rfind("</body>")
    return body[:k] + pn + body[k:] if k >= 0 else body + pn


def _first(nb, pattern: str) -> str | None:
    """The first group of the first HTML output of the executed lesson matching `pattern`."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            m = re.search(pattern, out.get("data", {}).get("text/html", ""), re.S)
            if m:
                return m[1]
    return None


def finding(nb) -> str:
    """The first computed sentence of the executed lesson (its index card's line)."""
    found = _first(nb, r'<div class="alliance-finding">(.*?)</div>')
    return html.unescape(_TAGS.sub("", found)).strip() if found is not None else ""


def lead_chart_alt(nb) -> str:
    """The alt text of the lesson's lead chart (the one its thumbnail shows)."""
    found = _first(nb, r'class="alliance-chart".*?<img [^>]*\balt="([^"]*)"')
    return html.unescape(found) if found is not None else ""


def thumbnail(nb, width: int = 360) -> bytes | None:
    """The lesson's lead chart, small, as a PNG for its index card."""
    found = _first(nb, r'class="alliance-chart".*?data:image/png;base64,([A-Za-z0-9+/=]+)')
    if found is None:
        return None
    from PIL import Image
    img = Image.open(io.BytesIO(base64.b64decode(found)))
    img.thumbnail((width, width))
    buf = io.BytesIO()
    img.convert("RGB").quantize(colors=64).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def build_search_index(site: Path, say=None) -> bool:
    """Pagefind's offline index of the report pages (pagefind/ inside the published folder).
    Returns False, saying why, when Pagefind is not installed."""
    runner = [sys.executable, "-m", "pagefind"]
    try:
        import pagefind  # noqa: F401
    except ImportError:
        if shutil.which("pagefind"):
            runner = ["pagefind"]
        else:
            if say:
                say("search: Pagefind is not installed (pip install 'pagefind[extended]'); "
                    "the pages are built without a search index")
            return False
    out = subprocess.run([*runner, "--site", str(site), "--glob", "report/*.html", "--silent"],
                         capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        if say:
            say(f"search: Pagefind failed ({out.stderr.strip()[:200]}); pages built without search")
        return False
    return True
