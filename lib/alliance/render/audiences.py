"""Audiences, declared once: what each keeps of an executed lesson and what it produces.

An audience is a short declaration; the transformations are nbconvert preprocessors applied
in order, and the exporter's settings come from the declaration. A new audience is a few
lines here: nothing else in the project needs to know its name.

    report   code hidden, no exercises' solutions: the article a reader reads
    teacher  code, exercises and solutions (private: built outside the published folder)
    student  code and exercises, no solutions; a handed-out notebook with one parameters cell
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

# Kept free of nbconvert: the renderer's quick check reads these declarations; the
# preprocessors (preprocessors.py) are imported only when a lesson is exported.
BANNER_TAG = "alliance-banner"
SOLUTION_TAG = "solution"


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
    extra: tuple[Any, ...] = field(default=())  # factories of further preprocessors, in order

    def preprocessors(self, job, lines: dict[str, str]) -> list:
        from .preprocessors import MergeParameters, NumberExecution, RecordAudience, remove_tags
        steps: list = []
        if not self.keep_solutions:
            steps.append(remove_tags(SOLUTION_TAG))
        steps += [MergeParameters(lines=lines), NumberExecution(),
                  RecordAudience(audience=self.name, lesson=job.notebook, set_name=job.set_name)]
        return steps + [make() for make in self.extra]

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
)}
PUBLIC = tuple(a for a in AUDIENCES if not AUDIENCES[a].private)


# Export ---------------------------------------------------------------------------------

_EXPORTERS: dict[str, Any] = {}


def html_exporter(audience: Audience):
    """One HTML exporter per audience and process (loading the template is the slow part)."""
    if audience.name not in _EXPORTERS:
        from pathlib import Path

        from nbconvert import HTMLExporter
        from nbconvert.preprocessors import TagRemovePreprocessor
        from traitlets.config import Config
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
    return _EXPORTERS[audience.name]
