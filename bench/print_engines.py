"""Benchmark of the two PDF engines on the same handouts, in one run on this machine.

    pip install 'weasyprint>=60,<70'    # the previous engine (needs Debian's pango); not a dependency
    python bench/print_engines.py --reports reports   # after `make report`; writes bench/RESULTS-print.md

Each engine prints every handout of a built site one after another in one process: the
print HTML is made once per handout (nbconvert, the same for both engines) and only the
PDF step is timed, WeasyPrint's `HTML(string=...).write_pdf` against headless Chromium's
`page.pdf` (one browser, started inside the timed span, as each render worker does).
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))


def print_pages(reports: Path) -> list[tuple[str, str]]:
    """(record, print HTML) of every handout of the site."""
    from alliance.render import fingerprint, handout
    from alliance.render.jobs import load
    from alliance.render.store import BuildStore
    store = BuildStore(reports)
    return [(p.record, handout.print_html(p))
            for p in handout.prints(store, load(ROOT / "notebooks" / "params.yml"),
                                    fingerprint.HashCache(), fingerprint.packages_hash())]


def with_weasyprint(pages, out: Path) -> float:
    import logging

    import weasyprint
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    t = time.perf_counter()
    for record, html in pages:
        weasyprint.HTML(string=html).write_pdf(str(out / f"w-{record}.pdf"))
    return time.perf_counter() - t


def with_chromium(pages, out: Path) -> float:
    from alliance.render.handout import Printer
    t = time.perf_counter()
    printer = Printer()
    try:
        for record, html in pages:
            printer.pdf(html, out / f"c-{record}.pdf")
    finally:
        printer.close()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=Path, default=ROOT / "reports")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS-print.md")
    args = ap.parse_args()
    import weasyprint
    pages = print_pages(args.reports)
    if not pages:
        sys.exit(f"no handouts to print under {args.reports}: run `make report` first")
    with tempfile.TemporaryDirectory() as tmp:
        w = with_weasyprint(pages, Path(tmp))
        c = with_chromium(pages, Path(tmp))
    lines = [
        "# Benchmark: the PDF engines on the same handouts",
        "",
        f"Measured by `bench/print_engines.py` on {time.strftime('%Y-%m-%d')}: Python "
        f"{platform.python_version()}, WeasyPrint {weasyprint.__version__}, one process, "
        f"{len(pages)} handouts (every handout of `make report`), printed one after another.",
        "",
        "| engine | wall time | per handout | ratio |",
        "|---|---|---|---|",
        f"| WeasyPrint (the previous engine) | {w:.2f} s | {w / len(pages):.2f} s | 1.00 |",
        f"| headless Chromium (Playwright), browser start included | {c:.2f} s | "
        f"{c / len(pages):.2f} s | {c / w:.2f} |",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
