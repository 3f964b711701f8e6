"""The handouts' printer (headless Chromium through Playwright): A4 pages with the footer of
the print stylesheet, one browser for many PDFs, a fresh one after a crash."""
from __future__ import annotations

import pytest

from alliance.render import handout

if handout.available():
    pytest.skip(handout.available(), allow_module_level=True)

PAGE = ("<!doctype html><html lang='en'><head><meta charset='utf-8'><style>%s</style></head>"
        "<body><h1>Lesson</h1><p>%s</p></body></html>")


def pages_of(path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [(p.get_size(), p.get_textpage().get_text_range()) for p in pdf]
    finally:
        pdf.close()


def test_a4_pages_with_the_footer_and_page_counter(tmp_path):
    printer = handout.Printer()
    try:
        printer.pdf(PAGE % (handout.print_css("The troops", "abc123"), "words " * 3000),
                    tmp_path / "a.pdf")
    finally:
        printer.close()
    pages = pages_of(tmp_path / "a.pdf")
    assert len(pages) >= 2
    for k, ((width, height), text) in enumerate(pages, 1):
        assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1
        assert f"page {k} of {len(pages)}" in text and "The troops · data version abc123" in text


def test_one_browser_serves_many_pdfs_and_a_crashed_one_is_replaced(tmp_path):
    printer = handout.Printer()
    try:
        css = handout.print_css("t", "v")
        printer.pdf(PAGE % (css, "one"), tmp_path / "1.pdf")
        first = printer._browser
        printer.pdf(PAGE % (css, "two"), tmp_path / "2.pdf")
        assert printer._browser is first
        first.close()  # as if the browser had crashed
        from playwright.sync_api import Error
        with pytest.raises(Error):
            printer.pdf(PAGE % (css, "three"), tmp_path / "3.pdf")
        printer.pdf(PAGE % (css, "four"), tmp_path / "4.pdf")
        assert printer._browser is not first and printer._browser.is_connected()
    finally:
        printer.close()
    assert "four" in pages_of(tmp_path / "4.pdf")[0][1]
    assert not (tmp_path / "3.pdf").exists()


def test_a_browser_that_cannot_start_is_an_error_and_the_next_pdf_tries_again(tmp_path, monkeypatch):
    from playwright.sync_api import Error
    printer = handout.Printer()
    try:
        monkeypatch.setattr(handout, "chromium", lambda: str(tmp_path / "no-such-chromium"))
        with pytest.raises(Error):
            printer.pdf(PAGE % (handout.print_css("t", "v"), "x"), tmp_path / "x.pdf")
        monkeypatch.undo()
        printer.pdf(PAGE % (handout.print_css("t", "v"), "y"), tmp_path / "y.pdf")
    finally:
        printer.close()
    assert "y" in pages_of(tmp_path / "y.pdf")[0][1]
