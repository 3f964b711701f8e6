"""Printable handouts: the print phase of a render, after every lesson's pages.

A handout is the A4 PDF of a notebook an audience hands out (the student's, the teacher's),
printed by headless Chromium (Debian's `chromium`, driven through Playwright; no browser is
downloaded), which lays out CSS paged media (page size and margins, running footers, page
counters) itself. Chromium was chosen over WeasyPrint for speed: 0.8 s a handout where
WeasyPrint took 3.1, on the same 26 handouts (bench/RESULTS-print.md). Where Playwright or
Chromium is missing, the handouts are skipped with a message naming what is missing and
everything else is built.

Typesetting is the slowest output of a build, so a handout has its own record: it is typeset
again only when what it prints changed (the cells and outputs of its notebook, not the
notebook's run metadata), or the print template, title, data version or the installed
packages did; `--force` typesets every one. The PDFs are printed in worker processes, one per
core, each with one browser kept for all its PDFs, written to scratch and renamed into place.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

MISSING = ("handout PDFs not built: {error}. Install Debian's Chromium and the fonts "
           "(`apt-get install chromium fonts-nanum fonts-wqy-microhei fonts-sil-abyssinica "
           "fonts-symbola`; `make report` does this as root) or set ALLIANCE_CHROMIUM to a "
           "Chromium binary")
# headless, no sandbox (containers run as root), nothing fetched from the network
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium() -> str | None:
    """The Chromium binary: $ALLIANCE_CHROMIUM, else `chromium` (Debian's) on the PATH."""
    return (os.environ.get("ALLIANCE_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))


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
.prompt, .jp-InputPrompt, .jp-OutputPrompt, a.anchor-link { display: none; }
a { color: #1f4e9c; text-decoration: none; overflow-wrap: anywhere; }
"""


def css_string(text: str) -> str:
    """A CSS string literal (quotes, backslashes and line breaks escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def print_css(title: str, data_version: str) -> str:
    return PRINT_CSS % {"footer": css_string(f"{title} · data version {data_version}")}


def available() -> str:
    """'' when the handouts can be printed here, else the message saying what is missing."""
    try:
        import playwright.sync_api  # noqa: F401
    except Exception as err:
        return MISSING.format(error=f"Playwright could not be loaded ({type(err).__name__}: "
                                    f"{err})".splitlines()[0])
    if not chromium():
        return MISSING.format(error="no Chromium found")
    return ""


class Printer:
    """One headless Chromium, started on the first PDF and kept for every later one (starting
    it costs about a second); `close` ends it (the pool's workers do at exit)."""

    def __init__(self):
        self._playwright = self._browser = None

    def pdf(self, html: str, path: Path) -> None:
        if self._browser is None:
            from playwright.sync_api import sync_playwright
            self._playwright = sync_playwright().start()
            try:
                self._browser = self._playwright.chromium.launch(executable_path=chromium(),
                                                                 args=CHROMIUM_ARGS)
            except Exception:  # no browser: the driver stops too, so a later PDF can try again
                self._playwright.stop()
                self._playwright = None
                raise
        try:
            page = self._browser.new_page()
            try:
                # every image is inline (base64): "load" means each one is decoded
                page.set_content(html, wait_until="load")
                page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
            finally:
                page.close()
        except Exception:
            if not self._browser.is_connected():  # it crashed: the next PDF starts another
                self.close()
            raise

    def close(self) -> None:
        if self._playwright is not None:
            try:
                if self._browser is not None and self._browser.is_connected():
                    self._browser.close()
            finally:
                self._playwright.stop()
                self._playwright = self._browser = None


_PRINTER = Printer()


def write_pdf(html: str, path: Path) -> None:
    _PRINTER.pdf(html, path)


def close_printer() -> None:
    """End this process's browser, if one was started."""
    _PRINTER.close()


# -- the print phase ----------------------------------------------------------------------

TEMPLATE_FILES = (Path(__file__), *sorted(
    (Path(__file__).resolve().parents[1] / "templates" / "nbconvert").rglob("*")))


@dataclass(frozen=True)
class Print:
    """One handout to typeset: `source` (a handed-out notebook) to `target` (its PDF)."""
    audience: str
    slug: str
    source: Path
    target: Path
    title: str
    set_name: str
    data_version: str
    key: str

    @property
    def record(self) -> str:
        return f"{self.audience}--{self.slug}"


def printed_hash(raw: bytes) -> str:
    """What a handout prints of a notebook: each cell's type, source, tags and outputs (not the
    run's metadata, such as papermill's times, which change on every run)."""
    try:
        nb = json.loads(raw)
    except ValueError:
        return "(unreadable)"
    cells = [[c.get("cell_type"), c.get("source"), c.get("metadata", {}).get("tags", []),
              c.get("outputs", [])] for c in nb.get("cells", [])]
    return hashlib.sha256(json.dumps(cells, sort_keys=True).encode()).hexdigest()


def prints(store, jobs, hashes, packages: str) -> list[Print]:
    """Every handout of the jobs whose lesson was built (and whose notebook exists)."""
    from .audiences import AUDIENCES, PRINTS
    template = hashlib.sha256("".join(
        hashes.digest(f) for f in TEMPLATE_FILES if f.is_file()).encode()).hexdigest()
    out = []
    for job in jobs:
        state = store.read_state(job.slug)
        if not state or "fingerprint" not in state:
            continue
        for a in PRINTS:
            src_aud = AUDIENCES[a.prints]
            source = store.root(src_aud.private) / src_aud.name / f"{job.slug}.ipynb"
            printed = hashes.digest(source, "printed", printed_hash)
            if printed == "(missing)":
                continue
            key = hashlib.sha256(json.dumps([printed, template, packages, state["title"],
                                             state["data_version"]]).encode()).hexdigest()[:16]
            out.append(Print(a.name, job.slug, source, store.root(a.private) / a.name / f"{job.slug}.pdf",
                             state["title"], job.set_name, state["data_version"], key))
    return out


def up_to_date(store, p: Print) -> bool:
    try:
        record = json.loads((store.build / "handouts" / f"{p.record}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return record.get("key") == p.key and p.target.exists()


def print_html(p: Print) -> str:
    """The page a handout prints: its notebook through the audience's print exporter."""
    import nbformat

    from .audiences import AUDIENCES, html_exporter
    from .export import page_title
    audience = AUDIENCES[p.audience]
    page = nbformat.read(p.source, as_version=4)
    resources = {"metadata": {"name": page_title({"title": p.title, "set_name": p.set_name}, audience)},
                 "print_css": print_css(p.title, p.data_version)}
    return html_exporter(audience).from_notebook_node(page, resources=resources)[0]


def typeset(p: Print, scratch: Path) -> str:
    """One PDF, into scratch; returns its path there."""
    out = scratch / f"{os.getpid()}-{p.record}.pdf"
    write_pdf(print_html(p), out)
    return str(out)


def _pool_init() -> None:
    from multiprocessing.util import Finalize

    from .processes import become_worker
    become_worker()
    Finalize(None, close_printer, exitpriority=100)  # the worker's browser ends with it


def _typeset_one(args):
    p, scratch = args
    try:
        return p, typeset(p, Path(scratch)), ""
    except Exception as err:  # a broken notebook, a browser that crashed: this handout fails alone
        return p, None, f"{type(err).__name__}: {err}"


def print_all(store, todo: list[Print], workers: int, say) -> tuple[int, list[str]]:
    """Typeset the handouts in `todo` (one process per core); returns how many were typeset
    and the failures' messages. Where Chromium cannot be driven, says so and typesets none.
    KeyboardInterrupt (SIGINT/SIGTERM in the parent) stops every worker and leaves no file."""
    if not todo:
        return 0, []
    missing = available()
    if missing:
        say(missing)
        return 0, []
    import multiprocessing
    scratch = store.scratch / "handouts"
    scratch.mkdir(parents=True, exist_ok=True)
    n = max(1, min(workers, len(todo)))
    say(f"typesetting {len(todo)} handout(s) with {n} worker(s)")
    failures, done = [], 0
    pool = None
    try:
        from .processes import start_held
        pool = start_held(lambda: multiprocessing.get_context("fork").Pool(n, _pool_init))
        for k, (p, pdf, error) in enumerate(pool.imap_unordered(
                _typeset_one, [(p, str(scratch)) for p in todo]), 1):
            if pdf is None:
                failures.append(f"{p.audience} {p.slug}: {error}")
                say(f"[{k}/{len(todo)}] FAILED {p.audience} {p.slug}")
                continue
            store.move_into_place(Path(pdf), p.target)
            store.write(store.build / "handouts" / f"{p.record}.json", json.dumps({"key": p.key}))
            done += 1
        pool.close()
        pool.join()  # each worker closes its browser on the way out
        pool = None
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return done, failures
