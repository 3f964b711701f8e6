"""Printable handouts: an executed lesson as an A4 PDF, by WeasyPrint.

WeasyPrint lays out CSS paged media itself (page margins, running footers, page counters)
with no browser; it needs Debian's pango (`make report` installs it as root). Where it cannot
be imported, the handouts are skipped with a message naming what is missing and everything
else is built.
"""
from __future__ import annotations

from pathlib import Path

MISSING = ("handout PDFs not built: WeasyPrint could not be loaded ({error}). Install it with "
           "`pip install weasyprint` and Debian's pango (`apt-get install libpango-1.0-0 "
           "libpangoft2-1.0-0 fonts-nanum fonts-wqy-microhei`; `make report` does this as root)")

# Code wraps (never runs past the margin), tables take the page width and wrap their cells,
# figures shrink to fit; the footer names the lesson and the data version on every page.
PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm 20mm 14mm;
  @bottom-left { content: %(footer)s; font-size: 7.5pt; color: #555; }
  @bottom-right { content: "page " counter(page) " of " counter(pages); font-size: 7.5pt; color: #555; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; color: #111; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; break-after: avoid; } h3 { font-size: 11pt; break-after: avoid; }
pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; margin: 0.3em 0; }
div.input_area, .input pre { background: #f4f4f4; padding: 2pt 4pt; }
table { width: 100%%; max-width: 100%%; table-layout: fixed; border-collapse: collapse; font-size: 7pt; }
th, td { border-bottom: 0.4pt solid #bbb; padding: 1.5pt 3pt; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; word-break: break-word; }
img, svg { max-width: 100%%; height: auto; }
figure { margin: 0.4em 0; break-inside: avoid; }
.alliance-source, figcaption { font-size: 7pt; color: #444; }
.prompt, .jp-InputPrompt, .jp-OutputPrompt { display: none; }
a { color: #1f4e9c; text-decoration: none; overflow-wrap: anywhere; }
"""


def css_string(text: str) -> str:
    """A CSS string literal (quotes, backslashes and line breaks escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def print_css(title: str, data_version: str) -> str:
    return PRINT_CSS % {"footer": css_string(f"{title} · data version {data_version}")}


def available() -> str:
    """'' when WeasyPrint loads, else the message saying what is missing."""
    try:
        import weasyprint  # noqa: F401
    except Exception as err:  # ImportError, or OSError when pango is missing
        return MISSING.format(error=f"{type(err).__name__}: {err}".splitlines()[0])
    return ""


def write_pdf(html: str, path: Path) -> None:
    import logging

    import weasyprint
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # unsupported screen CSS is noise
    weasyprint.HTML(string=html).write_pdf(str(path))
