"""The teaching kit, read from the session's render: student artefacts (HTML, notebooks,
slides, PDF handouts) hold no solution and no link to teacher material; every self-check
passes on the teacher's solution and fails (with its hint) on the empty exercise cell; the
handouts are A4 with nothing past the margins; every lesson has a private teacher's guide."""
from __future__ import annotations

import re

import nbformat
import pytest

from alliance import catalogue, guides
from alliance.render.audiences import AUDIENCES, CHECK_TAG, SOLUTION_TAG
from tests.support import ROOT

STUDENT_SIDE = [a for a in AUDIENCES.values() if not a.private]
TEACHER_WORDS = ("Solution to exercise", "Model answer", "What a good answer contains",
                 "reports-teacher", "teacher-handout",
                 "as answers")  # the module of model answers is imported by the solutions only
TEACHER_LINK = re.compile(r'href="(\.\./)*(teacher|teacher-handout|guide)/')
NOTEBOOKS = sorted(catalogue.LESSONS)


def checks_of(nb) -> list:
    return [c for c in nb.cells if CHECK_TAG in c.metadata.get("tags", [])]


def output_text(cell) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for o in cell.get("outputs", []))


def skip_unless_chromium_is_missing(path) -> None:
    """A missing handout is a skip only where Chromium cannot be driven; anywhere else, a failure."""
    from alliance.render import handout
    missing = handout.available()
    if missing:
        pytest.skip(missing)
    pytest.fail(f"{path.name}: no handout, though Chromium can print here")


def pdf_pages(path):
    """(width, height, text, boxes of the drawn characters) of each page, read by PDFium."""
    pdfium = pytest.importorskip("pypdfium2")
    import pypdfium2.raw as raw
    pdf = pdfium.PdfDocument(str(path))
    try:
        for page in pdf:
            width, height = page.get_size()
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            chars = [chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(textpage.count_chars())]
            boxes = [(c, textpage.get_charbox(i)) for i, c in enumerate(chars) if not c.isspace()]
            yield width, height, text, boxes
    finally:
        pdf.close()


def pdf_text(path) -> str:
    return "\n".join(text for _w, _h, text, _boxes in pdf_pages(path))


def test_every_definite_exercise_has_a_check_and_every_notebook_a_grader():
    for name in NOTEBOOKS:
        nb = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        checks = [re.search(r'grader\.check\("(ex\d+)"\)', c.source)[1] for c in checks_of(nb)]
        assert len(checks) >= 2, name
        assert any(f'exercises.grader("{name}")' in c.source for c in nb.cells), name
        shipped = ROOT / "lib" / "alliance" / "lessons" / "exercises" / "checks" / name
        assert sorted(checks) == sorted(p.stem for p in shipped.glob("ex*.py")), name
        levels = [c.source.split("\n")[0] for c in nb.cells if c.source.startswith("### Exercise")]
        assert "warm-up" in levels[0] and any("stretch" in h for h in levels), levels


@pytest.mark.parametrize("audience", [a.name for a in STUDENT_SIDE])
def test_student_side_artefacts_hold_no_solution_and_no_teacher_link(executed, audience):
    a = AUDIENCES[audience]
    for notebook, set_name in executed.cases(printed=a.output == "pdf"):
        slug = executed.slug(notebook, set_name)
        path = executed.path(audience, slug, a.ext)
        if a.output == "pdf" and not path.exists():
            skip_unless_chromium_is_missing(path)
        text = pdf_text(path) if a.output == "pdf" else path.read_text(encoding="utf-8")
        for word in TEACHER_WORDS:
            assert word not in text, f"{path.name} ({audience}) contains {word!r}"
        assert not TEACHER_LINK.search(text), path.name
        if a.notebook:
            nb = executed.notebook(slug, audience)
            assert not [c for c in nb.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
            assert all(not c.outputs for c in checks_of(nb)), "a check says 'passed' above an empty answer"
            assert nb.metadata["alliance"]["audience"] == audience


def test_every_self_check_passes_on_the_teacher_solution_for_every_set(executed):
    checked = 0
    for notebook, set_name in executed.cases():
        nb = executed.notebook(executed.slug(notebook, set_name), "teacher")
        for cell in checks_of(nb):
            text = output_text(cell)
            assert "All test cases passed" in text, f"{notebook} [{set_name}] {cell.source}: {text}"
            checked += 1
    assert checked >= 2 * len(executed.cases())


@pytest.fixture(scope="module")
def student_kernel(tmp_path_factory):
    """The renderer's warm kernel, started in a folder of its own (nothing beside the notebook
    to lean on), shared by every lesson: each notebook runs in a fresh namespace, as in a render."""
    import os

    from alliance.render.kernels import WarmKernel
    kernel = WarmKernel(tmp_path_factory.mktemp("student"), dict(os.environ))
    yield kernel
    kernel.shutdown()


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_self_check_fails_with_its_hint_on_the_empty_exercise(executed, notebook, student_kernel,
                                                                    tmp_path):
    """The handed-out notebook as a student gets it, run top to bottom: each check says
    'Not yet' with a hint, and never prints the expected answer."""
    slug = executed.slug(notebook, "defaults")
    nb = student_kernel.execute(executed.path("student", slug, ".ipynb"), tmp_path / "ran.ipynb",
                                {}, cell_timeout=300)
    teacher = executed.notebook(slug, "teacher")
    answers = [output_text(c) for c in teacher.cells if SOLUTION_TAG in c.metadata.get("tags", [])]
    checks = checks_of(nb)
    assert checks
    for cell in checks:
        text = output_text(cell)
        assert "Not yet." in text and "should" in text, f"{notebook} {cell.source}: {text}"
        assert "All test cases passed" not in text
        for answer in answers:  # no solution's output reappears in a hint
            assert not answer.strip() or answer.strip() not in text


def test_handouts_are_a4_paged_with_the_footer_and_nothing_past_the_margins(executed):
    margin = 14 / 25.4 * 72  # the print stylesheet's side margins, in points
    for audience in ("handout", "teacher-handout"):
        for notebook in NOTEBOOKS:
            slug = executed.slug(notebook, "defaults")
            path = executed.path(audience, slug, ".pdf")
            if not path.exists():
                skip_unless_chromium_is_missing(path)
            state = executed.store.read_state(slug)
            pages = list(pdf_pages(path))
            assert 2 <= len(pages) <= 40, (path.name, len(pages))
            for number, (width, height, text, boxes) in enumerate(pages, 1):
                assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4
                # a box is (left, bottom, right, top) in points
                outside = [c for c, box in boxes if box[0] < margin - 1 or box[2] > width - margin + 1]
                assert not outside, f"{path.name} p.{number}: text past the margins: {''.join(outside)[:80]}"
                assert f"page {number} of {len(pages)}" in text
                assert f"data version {state['data_version']}" in text
                assert state["title"][:30] in text.replace("\n", " ").replace("\r", "")


def test_teacher_handout_has_the_answers_and_the_student_one_not(executed):
    slug = executed.slug("02_treaty", "defaults")
    teacher = executed.path("teacher-handout", slug, ".pdf")
    if not teacher.exists():
        skip_unless_chromium_is_missing(teacher)
    assert "Solution to exercise" in pdf_text(teacher)
    assert "Solution to exercise" not in pdf_text(executed.path("handout", slug, ".pdf"))


def test_slides_come_from_the_marked_cells_with_charts_and_the_local_reveal(executed):
    for notebook in NOTEBOOKS:
        html = executed.path("slides", executed.slug(notebook, "defaults")).read_text(encoding="utf-8")
        assert 'src="reveal.js/dist/reveal.js"' in html
        assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html), "a CDN reference"
        assert html.count("<section") >= 5
        assert 'class="alliance-chart"' in html and "Source:" in html
        assert "kit.start(" not in html  # code is hidden on slides
    reveal = executed.reports / "slides" / "reveal.js"
    assert (reveal / "dist" / "reveal.js").exists() and (reveal / "LICENSE").exists()


def test_every_lesson_has_a_private_guide_linked_from_the_private_index_only(executed):
    public = (executed.reports / "index.html").read_text(encoding="utf-8")
    private = (executed.store.private / "index.html").read_text(encoding="utf-8")
    assert "guide/" not in public
    for notebook in NOTEBOOKS:
        guide = guides.GUIDES[notebook]
        page = (executed.store.private / "guide" / f"{notebook}.html").read_text(encoding="utf-8")
        assert f'href="guide/{notebook}.html"' in private
        assert sum(m for m, _ in guide.plan_45) == 45 and sum(m for m, _ in guide.plan_90) == 90
        nb = nbformat.read(ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4)
        numbers = {int(m[1]) for c in nb.cells for m in [re.match(r"### Exercise (\d+)", c.source)] if m}
        assert set(guide.set_45) <= set(guide.set_90) <= numbers, notebook
        for words in ("A 45-minute class", "A 90-minute class", "Common mistakes", "student folder"):
            assert words in page
