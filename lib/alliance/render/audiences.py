"""Audiences, declared once: what each keeps of an executed lesson and what it produces.

An audience is a short declaration; the transformations are nbconvert preprocessors applied
in order, and the exporter's settings come from the declaration. A new audience is a few
lines here: nothing else in the project needs to know its name.

    report   code hidden, no exercises' solutions: the article a reader reads
    teacher  code, exercises and solutions (private: built outside the published folder)
    student  code and exercises, no solutions; a handed-out notebook with one parameters cell
    slides   the cells the lesson marks for slides (`slideshow.slide_type`), reveal.js, offline
    handout  the student version as an A4 PDF (headless Chromium); teacher-handout: with the answers
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

# Kept free of nbconvert: the renderer's quick check reads these declarations; the
# preprocessors (preprocessors.py) are imported only when a lesson is exported.
BANNER_TAG = "alliance-banner"
SOLUTION_TAG = "solution"
CHECK_TAG = "check"        # self-check cells: their output belongs to the run that had solutions
REVEAL_DIR = "reveal.js"   # the vendored copy, next to the slides (templates/reveal.js)


class _lazy:
    """A preprocessor named here, made only when a lesson is exported (keeps nbconvert out of
    the renderer's quick path)."""
    def __init__(self, name: str, **traits):
        self.name, self.traits = name, traits

    def make(self):
        from . import preprocessors
        return getattr(preprocessors, self.name)(**self.traits)


# Declarations ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Audience:
    name: str
    purpose: str                      # one line, shown on the index
    show_code: bool                   # code cells' input in the HTML
    keep_solutions: bool              # cells tagged `solution`
    notebook: bool = False            # also hand out an executed .ipynb
    private: bool = False             # built into the private folder (never published)
    links_to: tuple[str, ...] = ()    # other audiences its pages may link to
    extra: tuple[Any, ...] = field(default=())  # further preprocessors: _lazy names or factories, in order
    output: str = "page"              # page (HTML), slides (reveal.js HTML) or pdf
    prints: str = ""                  # pdf only: the audience whose handed-out notebook it typesets

    @property
    def ext(self) -> str:
        return ".pdf" if self.output == "pdf" else ".html"

    def files(self, slug: str) -> list[str]:
        """The file names one lesson version has in this audience's folder."""
        return [f"{slug}{self.ext}"] + ([f"{slug}.ipynb"] if self.notebook else [])

    def preprocessors(self, job, lines: dict[str, str]) -> list:
        from .preprocessors import (ClearOutputs, MergeParameters, NumberExecution,
                                    RecordAudience, remove_tags)
        steps: list = []
        if not self.keep_solutions:
            # the run had the solutions, so a check's "passed" is not the student's
            steps += [remove_tags(SOLUTION_TAG), ClearOutputs(tags=[CHECK_TAG])]
        steps += [MergeParameters(lines=lines), NumberExecution(),
                  RecordAudience(audience=self.name, lesson=job.notebook, set_name=job.set_name)]
        return steps + [p.make() if isinstance(p, _lazy) else p() for p in self.extra]

    def apply(self, nb, job, lines: dict[str, str]):
        nb = copy.deepcopy(nb)
        resources: dict = {}
        for step in self.preprocessors(job, lines):
            nb, resources = step.preprocess(nb, resources)
        return nb


def _drop_code_only_headings():
    from .site import DropCodeOnlyHeadings
    return DropCodeOnlyHeadings()


AUDIENCES: dict[str, Audience] = {a.name: a for a in (
    Audience("report", "the article: code hidden, figures and tables with their sources",
             show_code=False, keep_solutions=False, links_to=("student",),
             extra=(_drop_code_only_headings,)),
    Audience("student", "code and exercises with self-checks, no solutions",
             show_code=True, keep_solutions=False, notebook=True, links_to=("report",)),
    Audience("teacher", "code, exercises, solutions and model answers",
             show_code=True, keep_solutions=True, notebook=True, private=True,
             links_to=("report", "student")),
    Audience("slides", "slides for the classroom: the cells marked for slides, charts with "
             "their source lines (reveal.js, works offline)",
             show_code=False, keep_solutions=False, output="slides", extra=(_lazy("KeepSlideCells"),)),
    # typeset after the pages, from the notebooks handed out above (see handout.py)
    Audience("handout", "the student version as a printable A4 PDF",
             show_code=True, keep_solutions=False, output="pdf", prints="student"),
    Audience("teacher-handout", "the teacher version (with solutions) as a printable A4 PDF",
             show_code=True, keep_solutions=True, private=True, output="pdf", prints="teacher"),
)}
PUBLIC = tuple(a for a in AUDIENCES if not AUDIENCES[a].private)
PAGES = tuple(a for a in AUDIENCES.values() if a.output != "pdf")   # built by the lesson's worker
PRINTS = tuple(a for a in AUDIENCES.values() if a.output == "pdf")  # typeset in the print phase


# Export ---------------------------------------------------------------------------------

_EXPORTERS: dict[str, Any] = {}

# What nbconvert's HTMLExporter does to every page after rendering its template, by parsing
# and re-writing the whole page with BeautifulSoup (half the time of an export): every image
# without alt text gets a placeholder, and each cell's input and output can take keyboard
# focus. The same edits, made on the template's output.
_NO_ALT = "No description has been provided for this image"
_FOCUSABLE = re.compile(r'<div class="([^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*)"'
                        r'(?![^>]*\btabindex=)')
_IMG_WITHOUT_ALT = re.compile(r"<img\b(?![^>]*\balt=)")


def page_edits(html: str) -> str:
    html = _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', html)
    return _IMG_WITHOUT_ALT.sub(f'<img alt="{_NO_ALT}"', html)


def _without_soup(base):
    """`base` (nbconvert's HTMLExporter or its slides subclass) with `page_edits` in place of
    its BeautifulSoup pass; the rest of its from_notebook_node as nbconvert 7 has it."""
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class Exporter(base):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return page_edits(html), resources

    Exporter.__name__ = Exporter.__qualname__ = base.__name__
    return Exporter


def html_exporter(audience: Audience):
    """One HTML exporter per audience and process (loading the template is the slow part)."""
    if audience.name in _EXPORTERS:
        return _EXPORTERS[audience.name]
    if audience.output == "slides":
        _EXPORTERS[audience.name] = slides_exporter()
    elif audience.output == "pdf":
        _EXPORTERS[audience.name] = print_exporter(audience)
    else:
        from pathlib import Path

        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor
        from traitlets.config import Config
        HTMLExporter = _without_soup(HTMLExporter)  # noqa: N806 (the class, made lighter)
        c = Config()
        c.TagRemovePreprocessor.remove_input_tags = {BANNER_TAG}
        c.HTMLExporter.exclude_input = not audience.show_code
        c.HTMLExporter.exclude_input_prompt = not audience.show_code
        c.HTMLExporter.exclude_output_prompt = True
        c.HTMLExporter.extra_template_basedirs = [
            str(Path(__file__).resolve().parents[1] / "templates" / "nbconvert")]
        c.HTMLExporter.template_name = "alliance"
        exporter = HTMLExporter(config=c)
        exporter.register_preprocessor(TagRemovePreprocessor(config=c), enabled=True)
        _EXPORTERS[audience.name] = exporter
    return with_template_cache(_EXPORTERS[audience.name])


def template_cache_dir():
    from ..data.stamp import cache_dir
    return cache_dir().parent / "templates"


def with_template_cache(exporter):
    """Keep the exporter's compiled Jinja templates on disk (Jinja's own bytecode cache, keyed
    by each template's source and the Python version): compiling nbconvert's templates is
    most of a process's first export (about 0.7 s), paid again by every worker of every run."""
    env = exporter.environment
    if env.bytecode_cache is None:
        from jinja2 import FileSystemBytecodeCache
        folder = template_cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        except OSError:  # a cache that cannot be written only costs the compile
            pass
    return exporter


def _template_dirs() -> list[str]:
    from pathlib import Path
    return [str(Path(__file__).resolve().parents[1] / "templates" / "nbconvert")]


def slides_exporter():
    """nbconvert's reveal.js exporter on the vendored copy next to the slides."""
    from nbconvert import SlidesExporter
    from traitlets.config import Config
    c = Config()
    c.SlidesExporter.reveal_url_prefix = REVEAL_DIR
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.exclude_input = True
    c.SlidesExporter.exclude_input_prompt = True
    c.SlidesExporter.exclude_output_prompt = True
    c.SlidesExporter.extra_template_basedirs = _template_dirs()
    c.SlidesExporter.template_name = "alliance_slides"
    return _without_soup(SlidesExporter)(config=c)


def print_exporter(audience: Audience):
    """A plain HTML page to print (no screen theme, no scripts)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config
    c = Config()
    c.HTMLExporter.exclude_input = not audience.show_code
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.extra_template_basedirs = _template_dirs()
    c.HTMLExporter.template_name = "alliance_print"
    return _without_soup(HTMLExporter)(config=c)
